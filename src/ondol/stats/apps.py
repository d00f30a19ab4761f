from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "ondol.stats"
    label = "stats"
