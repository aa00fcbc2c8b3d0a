"""The link check finds every internal link, however the page writes it."""

from publish.linkcheck import internal_targets


def test_links_images_scripts_and_srcset_entries_are_all_found():
    html = """<html><head><link rel="stylesheet" href="/static/site.css">
    <script src="/static/app.js"></script></head><body>
    <a href="/ru/about/">О нас</a> <a href="zones/">Зоны</a> <a href="../">Выше</a>
    <picture><source srcset="/images/a.480.webp 480w, /images/a.960.webp 960w">
    <img src="/images/a.jpg" alt=""></picture>
    <a href="https://example.org/">внешняя</a> <a href="#main">якорь</a>
    <a href="mailto:x@y.ru">почта</a>
    </body></html>"""

    targets = internal_targets(html, "/ru/about/team/")

    assert targets == [
        "/static/site.css",
        "/static/app.js",
        "/ru/about/",
        "/ru/about/team/zones/",
        "/ru/about/",
        "/images/a.480.webp",
        "/images/a.960.webp",
        "/images/a.jpg",
    ]


def test_a_link_after_an_unclosed_script_tag_is_still_found():
    html = '<script src="/static/a.js" defer></script><p>x</p><a href="/ru/x/">x</a>'

    assert internal_targets(html, "/ru/") == ["/static/a.js", "/ru/x/"]
