from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "site_content.governance"
    label = "governance"
