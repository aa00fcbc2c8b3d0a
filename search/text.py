"""Text normalisation shared by indexing and querying, so both sides see the same words."""

import re
import unicodedata
from html.parser import HTMLParser

from bs4 import BeautifulSoup

_YO = str.maketrans({"ё": "е", "Ё": "Е"})
_SPACE = re.compile(r"\s+")

# Parts of a page's <main> that are navigation or interface, not the page's own content.
_NOT_CONTENT = ["script", "style", "noscript", "template", "form", "nav", "button", "svg"]
_NOT_CONTENT_SET = frozenset(_NOT_CONTENT)
_BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "td", "th",
    "dt", "dd", "div", "section", "article", "br", "tr", "caption", "pre",
}  # fmt: skip


def fold(text: str) -> str:
    """Fold ё to е: Russian texts write both, and readers type е."""
    return text.translate(_YO)


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def fts5_terms(text: str) -> list[str]:
    """The words of a query as SQLite FTS5's default `unicode61` tokenizer reads them: runs of
    letters, digits and private-use characters; everything else separates words.

    The SQLite search backend quotes each word it is given without escaping `"` in it, so a
    reader's quote made the MATCH expression a syntax error (a 500). Words made only of token
    characters can hold no quote, operator or column filter, and FTS5 would split the text at
    the same places anyway, so nothing a reader can find is lost.
    """
    terms, current = [], []
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LN" or category == "Co":
            current.append(char)
        elif current:
            terms.append("".join(current))
            current = []
    if current:
        terms.append("".join(current))
    return terms


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment, blocks separated by spaces."""
    soup = BeautifulSoup(html, "html.parser")
    return _soup_text(soup)


def _soup_text(node) -> str:
    for tag in node.find_all(_NOT_CONTENT):
        tag.decompose()
    for tag in node.find_all(attrs={"hidden": True}):
        tag.decompose()
    # Listings of other pages (they are found themselves) and anything a template marks out.
    for tag in node.select(".card-list, [data-search-ignore]"):
        tag.decompose()
    for tag in node.find_all(_BLOCK_TAGS):
        tag.insert_before(" ")
        tag.insert_after(" ")
    return squash(node.get_text(""))


def main_content(html: str) -> tuple[str, str]:
    """(visible text of the page's <main>, the first image's URL in it) of a published page.

    Only what the static site shows is read, so a field its template leaves out (a contact
    of a minor, an author without consent) can never reach the index.
    """
    start = html.find("<main")
    end = html.find("</main>", start)
    if start < 0 or end < 0:
        soup = BeautifulSoup(html, "html.parser")
        main = soup.find("main") or soup.body or soup
        img = main.find("img", src=True)
        return _soup_text(main), img["src"] if img is not None else ""
    # Every page has a <main>: read just it, in one streaming pass instead of a parse tree
    # (a full build indexes every page, and the tree cost 15 ms a page). Same text as
    # `_soup_text`, which the tests compare it with.
    reader = _MainReader()
    reader.feed(html[start : end + len("</main>")])
    reader.close()
    return squash("".join(reader.parts)), reader.image


class _MainReader(HTMLParser):
    """Collects the visible text of one <main> as `_soup_text` does, in one streaming pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.image = ""
        self.image_found = False
        self.skip_tag = ""  # the element being left out, and how deep inside copies of it we are
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not self.image_found:
            src = [value for name, value in attrs if name == "src"]
            if src:
                self.image, self.image_found = src[0] or "", True
        if self.skip_depth:
            self.skip_depth += tag == self.skip_tag
        elif _left_out(tag, attrs):
            if tag not in _VOID:
                self.skip_tag, self.skip_depth = tag, 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.skip_depth and tag == self.skip_tag:
            self.skip_depth -= 1

    def handle_endtag(self, tag):
        if self.skip_depth:
            self.skip_depth -= tag == self.skip_tag
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def _left_out(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether `_soup_text` removes this element: interface parts, hidden parts, listings."""
    if tag in _NOT_CONTENT_SET:
        return True
    for name, value in attrs:
        if name in ("hidden", "data-search-ignore"):
            return True
        if name == "class" and value and "card-list" in value.split():
            return True
    return False
