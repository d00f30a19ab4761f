from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ondol.cases"
    label = "cases"
