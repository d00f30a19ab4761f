from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "ondol.discovery"
    label = "discovery"
