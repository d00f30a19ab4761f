from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ondol.core"
    label = "core"
