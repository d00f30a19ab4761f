from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "ondol.fieldwork"
    label = "fieldwork"
