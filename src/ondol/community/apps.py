from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "ondol.community"
    label = "community"
