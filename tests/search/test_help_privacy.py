"""Nothing written to the psychologist reaches the static site or the search index, on either
search backend: not a request, not a reply, not a word of them, even with the relaxation room
page (and its help widget) published."""

from __future__ import annotations

import pytest

from cms.wellbeing.services import help_request_create, reply_create
from search.models import SearchDocument
from tests.cms.wellbeing.conftest import make_cast, make_relaxation_room
from tests.publish.helpers import all_output_text, publish_full

from .helpers import search

pytestmark = pytest.mark.django_db

REQUEST = "Ласточкинагнездо меня обижают на переменах"
REPLY = "Журавлиноеперо давай встретимся в среду"


def test_requests_and_replies_reach_neither_the_static_site_nor_the_index(
    backend, site_dir, media_root
):
    make_relaxation_room(english=False)
    cast = make_cast()
    created = help_request_create(text=REQUEST, requester=cast["student"])
    help_request_create(text=REQUEST + " анонимно")
    reply_create(help_request=created.request, psychologist=cast["psychologist"], text=REPLY)

    publish_full(strict=True)

    built = all_output_text()
    assert "Как получить помощь" in built
    indexed = " ".join(
        " ".join([d.title, d.lead, d.body, " ".join(d.tags)]) for d in SearchDocument.objects.all()
    )
    for word in ("Ласточкинагнездо", "Журавлиноеперо", "обижают"):
        assert word not in built
        assert word not in indexed
        assert search(word)["results"] == []
