"""Text normalisation shared by indexing and querying, so both sides see the same words."""

import re

from bs4 import BeautifulSoup

_YO = str.maketrans({"ё": "е", "Ё": "Е"})
_SPACE = re.compile(r"\s+")

# Parts of a page's <main> that are navigation or interface, not the page's own content.
_NOT_CONTENT = ["script", "style", "noscript", "template", "form", "nav", "button", "svg"]
_BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "td", "th",
    "dt", "dd", "div", "section", "article", "br", "tr", "caption", "pre",
}  # fmt: skip


def fold(text: str) -> str:
    """Fold ё to е: Russian texts write both, and readers type е."""
    return text.translate(_YO)


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


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
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup.body or soup
    image = ""
    img = main.find("img", src=True)
    if img is not None:
        image = img["src"]
    return _soup_text(main), image
