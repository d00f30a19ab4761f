from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ondol.core.errors import DomainError
from ondol.core.services import default_regions_file, load_regions


class Command(BaseCommand):
    help = "Load or refresh the administrative regions (sido, sigungu, dong) from the shared CSV. Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=None, help=f"CSV file (default {default_regions_file()})")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_regions(path=options["file"])
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            f"Regions loaded: {report.sido} sido, {report.sigungu} sigungu, {report.dong} dong "
            f"({report.created} created, {report.updated} updated)."
        )
