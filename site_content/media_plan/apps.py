from django.apps import AppConfig


class MediaPlanConfig(AppConfig):
    name = "site_content.media_plan"
    label = "media_plan"
