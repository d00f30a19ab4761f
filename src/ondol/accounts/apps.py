from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ondol.accounts"
    label = "accounts"
