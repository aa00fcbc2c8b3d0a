"""Progress for long operations: a bar on a terminal, a line every tenth of the way otherwise."""

import sys
import time


class Progress:
    """Counts done of total and shows the rate; `done()` ends the line."""

    def __init__(self, label: str, total: int, stream=None, enabled: bool = True):
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.count = 0
        self.started = time.monotonic()
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last_tenth = -1

    def advance(self, step: int = 1) -> None:
        self.count += step
        if not self.enabled:
            return
        if self.tty:
            if self.count == self.total or self.count % max(1, self.total // 200) == 0:
                self._draw()
        elif self.count * 10 // self.total != self._last_tenth:
            self._last_tenth = self.count * 10 // self.total
            self.stream.write(self._text() + "\n")
            self.stream.flush()

    def _text(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.count / elapsed
        return f"{self.label}: {self.count}/{self.total} ({rate:,.0f}/s)"

    def _draw(self) -> None:
        width = 30
        filled = int(width * self.count / self.total)
        bar = "█" * filled + "░" * (width - filled)
        self.stream.write(f"\r{bar} {self._text()}")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()
