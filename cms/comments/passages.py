"""A discussion's document cut into passages: the top-level blocks of its rich text (a
paragraph, a heading, a list), numbered "p1", "p2"… in reading order, so each can carry its
own comments. Done once when the page is built; the static page keeps plain HTML."""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString
from wagtail.rich_text import expand_db_html

__all__ = ["Passage", "passages_of"]


@dataclass(frozen=True)
class Passage:
    key: str
    html: str
    text: str


def passages_of(document: str) -> list[Passage]:
    """The passages of a rich-text field's stored value (links expanded)."""
    soup = BeautifulSoup(expand_db_html(document or ""), "html.parser")
    passages = []
    for node in soup.children:
        if isinstance(node, NavigableString):
            if not node.strip():
                continue
            html, text = f"<p>{node}</p>", node.strip()
        else:
            html, text = str(node), node.get_text(" ", strip=True)
        if not text:
            continue
        passages.append(Passage(key=f"p{len(passages) + 1}", html=html, text=text))
    return passages
