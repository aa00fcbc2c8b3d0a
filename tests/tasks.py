"""Running the background tasks a test enqueued, as the worker would."""

from django.core.management import call_command


def run_worker(queue: str = "*") -> None:
    """Process every task of `queue` that is due, as `manage.py db_worker` does, then stop."""
    call_command(
        "db_worker", "--backend", "background", "--batch", "--no-startup-delay",
        "--queue-name", queue, verbosity=0,
    )  # fmt: skip
