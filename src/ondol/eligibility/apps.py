from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "ondol.eligibility"
    label = "eligibility"
