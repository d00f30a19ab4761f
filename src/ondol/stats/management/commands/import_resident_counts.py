from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ondol.core.errors import DomainError
from ondol.stats.services import do_import_official_table, do_refresh_registry_counts


class Command(BaseCommand):
    help = ("Load an official table of foreign-resident counts (CSV; columns in docs/stats.md), or with "
            "--registry YYYY-MM count Ondol's own clients for that month. Loading a month again replaces it.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="CSV file (UTF-8)")
        parser.add_argument("--registry", metavar="YYYY-MM", help="count the client registry for this month")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["registry"]:
                report = do_refresh_registry_counts(None, period=options["registry"], check_access=False)
                if report is None:
                    raise CommandError("The client registry has no tables in this database yet.")
            elif options["path"]:
                path = Path(options["path"])
                report = do_import_official_table(None, text=path.read_text(encoding="utf-8-sig"), label=path.name,
                                                  check_access=False)
            else:
                raise CommandError("Give a CSV file or --registry YYYY-MM.")
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(f"Loaded {report.rows} cells, {report.residents} residents, months "
                          f"{', '.join(report.periods)} (replaced {report.replaced} earlier cells).")
