"""Settings for a `manage.py` child that dies the moment its build has gone live.

The dev settings plus one app whose `site_published` receiver, connected before search's own
(apps are readied in order), sends the process SIGKILL: the new build is live and the search
indexes never hear of it, as when the OOM killer or a deploy stops a publish at that point.
Only tests name this module, so no production process can reach the crash point.
"""

import os
import signal

from django.apps import AppConfig

from cms.settings.dev import *  # noqa: F403


class DieAfterSwap(AppConfig):
    name = "tests.search"
    label = "die_after_swap"

    def ready(self):
        from publish.signals import site_published

        site_published.connect(_die, dispatch_uid="die_after_swap")


def _die(sender, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


INSTALLED_APPS = ["tests.search.die_after_swap.DieAfterSwap", *INSTALLED_APPS]  # noqa: F405
