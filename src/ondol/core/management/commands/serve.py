import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Ondol on 127.0.0.1 (gunicorn when ONDOL_ENV=production, Django's server otherwise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))

    def handle(self, *args: Any, **options: Any) -> None:
        address = f"{options['host']}:{options['port']}"
        if settings.PRODUCTION:
            call_command("collectstatic", interactive=False, verbosity=0)
            gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
            os.execv(  # noqa: S606 — replaces this process with gunicorn, no shell involved
                gunicorn, [gunicorn, "ondol.wsgi:application", "--bind", address,
                                "--workers", str(options["workers"]), "--access-logfile", "-"])
        self.stdout.write(f"Ondol is running at http://{address}/ (press Ctrl+C to stop).")
        call_command("runserver", address, use_reloader=False, skip_checks=True)
