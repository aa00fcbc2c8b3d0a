"""A discussion's document cut into passages: the top-level blocks of its rich text (a
paragraph, a heading, a list), numbered "p1", "p2"… in reading order, so each can carry its
own comments. Done once when the page is built; the static page keeps plain HTML."""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString
from wagtail.rich_text import expand_db_html

__all__ = ["Passage", "passages_of"]

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Passage:
    key: str
    html: str
    text: str
    # A heading names the clauses under it: it keeps its number but takes no comments.
    heading: bool = False


def passages_of(document: str) -> list[Passage]:
    """The passages of a rich-text field's stored value (links expanded)."""
    soup = BeautifulSoup(expand_db_html(document or ""), "html.parser")
    passages = []
    for node in soup.children:
        heading = False
        if isinstance(node, NavigableString):
            if not node.strip():
                continue
            html, text = f"<p>{node}</p>", node.strip()
        else:
            html, text = str(node), node.get_text(" ", strip=True)
            heading = node.name in HEADINGS
        if not text:
            continue
        key = f"p{len(passages) + 1}"
        passages.append(Passage(key=key, html=html, text=text, heading=heading))
    return passages
