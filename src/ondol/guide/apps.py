from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "ondol.guide"
    label = "guide"
