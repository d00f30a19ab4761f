from typing import Any

from django.core.management.base import BaseCommand

from ondol.core.catalogs import compile_catalogs


class Command(BaseCommand):
    help = "Compile every app's .po translation catalogue to .mo (pure Python; no gettext tools needed)."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        count = compile_catalogs()
        self.stdout.write(f"Compiled {count} catalogues.")
