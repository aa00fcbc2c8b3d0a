from django.apps import AppConfig


class SolutionsConfig(AppConfig):
    name = "site_content.solutions"
    label = "solutions"
