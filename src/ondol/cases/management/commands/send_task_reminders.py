from typing import Any

from django.core.management.base import BaseCommand

from ondol.cases.services.reminders import send_task_reminders


class Command(BaseCommand):
    help = "Email staff about case tasks whose reminder day has come. Run daily."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Sent {send_task_reminders()} task reminders.")
