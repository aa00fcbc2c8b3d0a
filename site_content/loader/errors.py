"""What is wrong with the content files: problems at ``file:line``, and the error listing them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, printed as ``file:line: reason``."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


class ContentError(Exception):
    """The content cannot be loaded; `problems` lists every reason, and nothing was written."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.reason))
        super().__init__("\n".join(str(p) for p in self.problems))


def located(file: str, found: Iterable[tuple[int | None, str]]) -> list[Problem]:
    """Problems in `file` from the (line, reason) pairs that readers return."""
    return [Problem(file, line, reason) for line, reason in found]


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A hint at the closest of the known words, for a reason; empty when none is close."""
    guess = difflib.get_close_matches(word, list(known), n=1)
    return f" (did you mean '{guess[0]}'?)" if guess else ""
