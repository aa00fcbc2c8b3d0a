import io

from publish.progress import Progress


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_a_log_gets_a_line_every_tenth_of_the_way_ending_with_the_total():
    log = io.StringIO()
    progress = Progress("pages", 19, stream=log)
    for _ in range(19):
        progress.advance()
    progress.done()

    lines = log.getvalue().splitlines()
    assert 9 <= len(lines) <= 11
    assert lines[-1].startswith("pages: 19/19 (")


def test_a_terminal_gets_a_bar_redrawn_in_place():
    terminal = FakeTerminal()
    progress = Progress("pages", 400, stream=terminal)
    for _ in range(400):
        progress.advance()
    progress.done()

    output = terminal.getvalue()
    assert output.count("\n") == 1
    assert "██████████████████████████████ pages: 400/400" in output
