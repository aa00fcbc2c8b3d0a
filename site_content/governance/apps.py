from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "site_content.governance"
    label = "governance"

    def ready(self):
        # Council memberships in the personal-data export and erasure.
        from . import privacy  # noqa: F401
