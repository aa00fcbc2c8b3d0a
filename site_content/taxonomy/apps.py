from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "site_content.taxonomy"
    label = "taxonomy"
