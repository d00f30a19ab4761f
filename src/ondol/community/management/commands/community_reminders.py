"""Send the day-before reminders of programs; run it every hour (cron, or a django-tasks schedule)."""

from typing import Any

from django.core.management.base import BaseCommand

from ondol.community.services.programs import do_send_reminders


class Command(BaseCommand):
    help = "Remind everyone with a place in a session that starts within 24 hours (once per person)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = do_send_reminders()
        self.stdout.write(f"Reminders sent: {sent}.")
