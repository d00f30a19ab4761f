from django.apps import AppConfig


class CentreConfig(AppConfig):
    name = "ondol.centre"
    label = "centre"
