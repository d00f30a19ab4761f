from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "ondol.complaints"
    label = "complaints"
