"""Whether a request sounds like a crisis: a word, stem or phrase of the psychologist's list.

Case does not matter and «ё» is «е»; each word of an entry matches the beginning of a word of
the text, so «суицид» finds «суицидальные» and «не хочу жить» finds «Не хочу жить больше»
(the words in that order, anything but letters between them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower case, «ё» as «е», words separated by single spaces."""
    return " ".join(WORD.findall(text.lower().replace("ё", "е")))


def _pattern(entry: str) -> re.Pattern | None:
    words = normalise(entry).split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\w*\s+".join(re.escape(w) for w in words) + r"\w*")


def matches(text: str, words: Iterable[str]) -> list[str]:
    """The entries of `words` found in `text`."""
    plain = normalise(text)
    found = []
    for entry in words:
        pattern = _pattern(entry)
        if pattern is not None and pattern.search(plain):
            found.append(entry)
    return found
