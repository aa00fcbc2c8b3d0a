"""A small Markdown subset turned into StreamField data, for content kept as files."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

__all__ = [
    "CONTROL_CHARACTERS",
    "control_character_reason",
    "markdown_to_blocks",
    "markdown_to_html",
]


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\d{1,9}[.)]\s+(.*)$")
_QUOTE = re.compile(r"^ {0,3}>\s?(.*)$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_ATTRIBUTION = re.compile(r"^(?:—|–|--)\s*(.+)$")
_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]+)>")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
# C0 controls but tab, newline and carriage return; DEL; C1 controls. Text never needs them, and
# NUL marks the converter's own placeholders.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character_reason(match: re.Match) -> str:
    """Why a line with a control character is refused, and how to fix it."""
    return (
        f"control character U+{ord(match.group()):04X} in column {match.start() + 1}: "
        "content files hold plain text; delete it (it often comes in with text pasted from a "
        "PDF or a word processor)"
    )


PageLink = Callable[[str], "int | str"]


def markdown_to_blocks(
    text: str, *, page_link: PageLink, first_line: int = 1
) -> tuple[list[dict], list[tuple[int, str]]]:
    """Convert the Markdown subset to StreamField data: ``rich_text`` and ``quote`` blocks.

    Supported: paragraphs; ``##``, ``###`` and ``####`` headings (each ``##`` starts a new
    rich-text block, so editors get one block per section); ``-`` and ``1.`` lists;
    ``**bold**``, ``*italic*``; ``[text](https://…)`` and ``<https://…>`` links;
    ``[text](/ru/about/)`` links to pages, stored as Wagtail page links (``page_link`` gives the
    page id, or the reason the address is not a page); ``---`` rules; and ``> `` quotes whose last
    line ``> — Author, role`` names the author. Emphasis and links must not span lines.

    Returns the blocks and a list of (line, reason) problems.
    """
    converter = _MarkdownConverter(page_link=page_link)
    converter.convert(text.replace("\r\n", "\n").split("\n"), first_line=first_line)
    return converter.blocks, converter.problems


def markdown_to_html(
    text: str, *, page_link: PageLink, first_line: int = 1
) -> tuple[str, list[tuple[int, str]]]:
    """Convert the same Markdown subset to one piece of Wagtail rich-text HTML.

    For rich-text fields and rich-text blocks, which hold a single piece of HTML: every
    heading stays in the one piece, and a ``>`` quote is a problem (quotes are blocks of a
    page's body, not rich text). Returns the HTML and a list of (line, reason) problems.
    """
    converter = _MarkdownConverter(page_link=page_link, quotes=False)
    converter.convert(text.replace("\r\n", "\n").split("\n"), first_line=first_line)
    return "".join(block["value"] for block in converter.blocks), converter.problems


class _MarkdownConverter:
    """Line-by-line state for one conversion: the open paragraph, list and rich-text block."""

    def __init__(self, *, page_link: PageLink, quotes: bool = True):
        self.page_link = page_link
        self.quotes = quotes
        self.blocks: list[dict] = []
        self.problems: list[tuple[int, str]] = []
        self.chunk: list[str] = []
        self.paragraph: list[str] = []
        self.list_tag: str | None = None
        self.items: list[list[str]] = []

    def convert(self, lines: list[str], *, first_line: int) -> None:
        index = 0
        for offset, line in enumerate(lines):
            if control := CONTROL_CHARACTERS.search(line):
                self.problems.append((first_line + offset, control_character_reason(control)))
                lines[offset] = CONTROL_CHARACTERS.sub("", line)
        while index < len(lines):
            line_no = first_line + index
            raw = lines[index].rstrip()
            stripped = raw.strip()
            if _QUOTE.match(raw):
                end = index
                while end < len(lines) and _QUOTE.match(lines[end].rstrip()):
                    end += 1
                self._quote([_QUOTE.match(x.rstrip()).group(1) for x in lines[index:end]], line_no)
                index = end
                continue
            index += 1
            if not stripped:
                self._end_paragraph()
                self._end_list()
            elif raw == stripped and (heading := _HEADING.match(raw)):
                self._heading(len(heading.group(1)), heading.group(2), line_no)
            elif _RULE.match(stripped) and raw == stripped:
                self._end_paragraph()
                self._end_list()
                self.chunk.append("<hr/>")
            elif (item := _BULLET.match(raw)) or (item := _NUMBERED.match(raw)):
                self._end_paragraph()
                tag = "ul" if _BULLET.match(raw) else "ol"
                if self.list_tag != tag:
                    self._end_list()
                    self.list_tag = tag
                self.items.append([self._inline(item.group(1), line_no)])
            elif self.items and not self.paragraph:
                if raw != stripped and (_BULLET.match(stripped) or _NUMBERED.match(stripped)):
                    self.problems.append((line_no, "nested lists are not supported"))
                # An indented or lazy line continues the list item above it, as in CommonMark.
                self.items[-1].append(self._inline(stripped, line_no))
            else:
                self.paragraph.append(self._inline(stripped, line_no))
        self._end_paragraph()
        self._end_list()
        self._end_chunk()

    def _heading(self, level: int, text: str, line_no: int) -> None:
        self._end_paragraph()
        self._end_list()
        if level == 1:
            self.problems.append(
                (line_no, "a # heading would repeat the page title; use ## for sections")
            )
            return
        if level > 4:
            self.problems.append((line_no, "only ##, ### and #### headings are supported"))
            return
        if level == 2:
            self._end_chunk()
        self.chunk.append(f"<h{level}>{self._inline(text, line_no)}</h{level}>")

    def _quote(self, lines: list[str], line_no: int) -> None:
        if not self.quotes:
            self.problems.append(
                (line_no, "a '>' quote cannot go into rich text; quotes belong in a page's body")
            )
            return
        self._end_paragraph()
        self._end_list()
        self._end_chunk()
        lines = [line.strip() for line in lines]
        while lines and not lines[-1]:
            lines.pop()
        author = role = ""
        if lines and (attribution := _ATTRIBUTION.match(lines[-1])):
            lines.pop()
            author, _, role = (part.strip() for part in attribution.group(1).partition(","))
        # Wrapped lines join into one line; a bare '>' line separates paragraphs of the quote.
        paragraphs = "\n".join(" ".join(group) for group in _split_at_blanks(lines))
        if not paragraphs:
            self.problems.append((line_no, "a quote needs text before its '— author' line"))
        if len(author) > 250 or len(role) > 250:
            self.problems.append(
                (line_no, "a quote's author and role must be under 250 characters")
            )
        self.blocks.append(
            {"type": "quote", "value": {"quote": paragraphs, "author": author, "role": role}}
        )

    def _end_paragraph(self) -> None:
        if self.paragraph:
            self.chunk.append(f"<p>{' '.join(self.paragraph)}</p>")
            self.paragraph = []

    def _end_list(self) -> None:
        if self.items:
            items = "".join(f"<li>{' '.join(item)}</li>" for item in self.items)
            self.chunk.append(f"<{self.list_tag}>{items}</{self.list_tag}>")
        self.items = []
        self.list_tag = None

    def _end_chunk(self) -> None:
        if self.chunk:
            self.blocks.append({"type": "rich_text", "value": "".join(self.chunk)})
            self.chunk = []

    def _inline(self, text: str, line_no: int) -> str:
        """Links, bold and italic of one line, as Wagtail's rich-text HTML."""
        links: list[str] = []

        def keep(html: str) -> str:
            # Finished links are set aside so escaping and emphasis cannot touch their markup.
            links.append(html)
            return f"\x00{len(links) - 1}\x00"

        def link(match: re.Match) -> str:
            label = self._emphasis(escape(match.group(1), quote=False), line_no)
            return keep(f"{self._link_open(match.group(2), line_no)}{label}</a>")

        def autolink(match: re.Match) -> str:
            url = match.group(1)
            return keep(f'<a href="{escape(url)}">{escape(url, quote=False)}</a>')

        text = _LINK.sub(link, _AUTOLINK.sub(autolink, text))
        if "](" in text:
            self.problems.append(
                (line_no, "malformed link: write [text](https://…) or [text](/ru/page/)")
            )
        html = self._emphasis(escape(text, quote=False), line_no)
        return _PLACEHOLDER.sub(lambda m: links[int(m.group(1))], html)

    def _emphasis(self, html: str, line_no: int) -> str:
        html = _BOLD.sub(r"<b>\1</b>", html)
        html = _ITALIC.sub(r"<i>\1</i>", html)
        if "**" in html:
            self.problems.append(
                (line_no, "unclosed ** (bold must open and close on the same line)")
            )
        return html

    def _link_open(self, target: str, line_no: int) -> str:
        if target.startswith(("https://", "http://", "mailto:")):
            return f'<a href="{escape(target)}">'
        if target.startswith("/"):
            page_id = self.page_link(target)
            if isinstance(page_id, str):
                self.problems.append((line_no, page_id))
                return "<a>"
            return f'<a linktype="page" id="{page_id}">'
        self.problems.append(
            (line_no, f"link {target}: use https://…, mailto: or a page address like /ru/about/")
        )
        return "<a>"


def _split_at_blanks(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


# Applying
