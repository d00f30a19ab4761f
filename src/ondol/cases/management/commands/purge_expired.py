from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ondol.cases.services.purge import purge_expired, retention_days


class Command(BaseCommand):
    help = "Delete client records (and complaints' personal details) past their retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what would be removed, remove nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        report = purge_expired(dry_run=options["dry_run"])
        verb = "Would remove" if options["dry_run"] else "Removed"
        self.stdout.write(f"{verb} {report.clients} clients, {report.cases} cases and {report.messages} messages "
                          f"past {retention_days()} days without activity.")
        from ondol.complaints.services import purge_expired_complaints

        removed = purge_expired_complaints(dry_run=options["dry_run"])
        self.stdout.write(f"{verb} the personal details of {removed} closed complaints.")
