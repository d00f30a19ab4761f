"""Send due reminders: visits within the next day and library loans due soon. Run hourly from cron."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from ondol.centre.services.appointments import send_due_reminders
from ondol.centre.services.library import send_loan_reminders


class Command(BaseCommand):
    help = "Send appointment and library reminders in each resident's language."

    def handle(self, *args: Any, **options: Any) -> None:
        visits = send_due_reminders()
        loans = send_loan_reminders(today=timezone.localdate())
        self.stdout.write(f"Visit reminders sent: {visits}. Library reminders sent: {loans}.")
