"""After hundreds of random editor actions, incremental publishing equals a clean full build."""

import random

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, PageViewRestriction

from site_content.pages.models import StandardPage
from tests.factories import add_page, make_image, make_site

from .helpers import differing_from_a_full_build, publish_changes, publish_full

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

STEPS = 250


class RandomEditor:
    """Does what editors do, at random: edit, publish, unpublish, move, delete, translate."""

    def __init__(self, seed: int, homes):
        self.rng = random.Random(seed)
        self.homes = homes
        self.counter = 0
        self.images = [make_image(f"Фото {i}", size=(800 + 100 * i, 600)) for i in range(3)]

    def pages(self, **filters):
        return list(StandardPage.objects.filter(**filters).order_by("pk"))

    def pick(self, **filters):
        pages = self.pages(**filters)
        return self.rng.choice(pages) if pages else None

    def body(self):
        blocks = [("rich_text", f"<p>Абзац {self.rng.randint(1, 10**6)}</p>")]
        target = self.pick(locale__language_code="ru")
        if target and self.rng.random() < 0.5:
            blocks.append(
                ("rich_text", f'<p>См. <a linktype="page" id="{target.pk}">{target.title}</a></p>')
            )
        if self.rng.random() < 0.3:
            image = self.rng.choice(self.images)
            blocks.append(
                ("image", {"image": image, "alt_text": "Фото", "caption": "", "credit": "Лицей"})
            )
        return blocks

    def step(self):
        action = self.rng.choices(
            [
                "add",
                "edit",
                "draft",
                "unpublish",
                "republish",
                "move",
                "delete",
                "translate",
                "menu",
                "restrict",
                "unrestrict",
                "redirect",
            ],
            weights=[20, 20, 5, 6, 6, 8, 5, 6, 4, 3, 3, 3],
        )[0]
        getattr(self, action)()
        return action

    def add(self):
        parent = (
            self.pick(locale__language_code="ru", live=True) if self.rng.random() < 0.7 else None
        )
        self.counter += 1
        add_page(
            parent or self.homes["ru"],
            f"Страница {self.counter}",
            slug=f"p{self.counter}",
            lead=f"Лид {self.counter}",
            body=self.body(),
        )

    def edit(self):
        page = self.pick(live=True)
        if page:
            page.title = f"{page.title.split(' ·')[0]} · {self.rng.randint(1, 999)}"
            page.lead = f"Лид {self.rng.randint(1, 10**6)}"
            page.body = self.body()
            page.save_revision().publish()

    def draft(self):
        page = self.pick(live=True)
        if page:
            page.title = "Черновик"
            page.save_revision()

    def unpublish(self):
        page = self.pick(live=True)
        if page:
            page.unpublish()

    def republish(self):
        page = self.pick(live=False)
        if page:
            page.get_latest_revision().publish()

    def move(self):
        page = self.pick(locale__language_code="ru")
        if page is None:
            return
        targets = [
            p for p in self.pages(locale__language_code="ru") if not p.path.startswith(page.path)
        ]
        targets.append(self.homes["ru"])
        target = self.rng.choice(targets)
        if target.pk != page.get_parent().pk:
            page.move(target, pos="last-child")

    def delete(self):
        page = self.pick()
        if page and page.get_descendant_count() < 5:
            page.delete()

    def translate(self):
        en = Locale.objects.get(language_code="en")
        for page in self.rng.sample(
            self.pages(locale__language_code="ru", live=True),
            k=min(3, len(self.pages(locale__language_code="ru", live=True))),
        ):
            parent = page.get_parent()
            if page.has_translation(en) or not parent.specific.has_translation(en):
                continue
            translated = page.copy_for_translation(en)
            translated.title = f"EN {page.title}"
            translated.save_revision().publish()
            return

    def menu(self):
        page = self.pick(depth=3, live=True)
        if page:
            page.show_in_menus = not page.show_in_menus
            page.save_revision().publish()

    def restrict(self):
        page = self.pick(live=True)
        if page and not PageViewRestriction.objects.filter(page=page).exists():
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )

    def unrestrict(self):
        restriction = PageViewRestriction.objects.order_by("?").first()
        if restriction:
            restriction.delete()

    def redirect(self):
        self.counter += 1
        target = self.pick(live=True)
        Redirect.objects.create(
            old_path=f"/old-{self.counter}",
            redirect_page=target,
            redirect_link="" if target else "https://example.org/",
        )


@pytest.mark.parametrize("seed", [20261123])
def test_incremental_publishing_stays_byte_identical_to_a_full_build(
    site_dir, media_root, tmp_path, seed
):
    homes = make_site()
    editor = RandomEditor(seed, homes)
    for _ in range(15):
        editor.add()
    publish_full()

    actions = []
    for step in range(1, STEPS + 1):
        actions.append(editor.step())
        publish_changes()
        if step % 125 == 0:
            differing = differing_from_a_full_build(tmp_path / f"step{step}")
            assert not differing, f"after {step} steps ({actions[-10:]} last): {differing[:10]}"
    assert Page.objects.count() > 15
