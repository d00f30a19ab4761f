import contextlib
import importlib
import io
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ondol.core import demo
from ondol.core.services import load_regions

# Each domain app may offer `ondol.<app>.demo.load_demo(*, seed, stdout)`; they run in this order.
DEMO_APPS = ["guide", "cases", "eligibility", "complaints", "discovery", "fieldwork", "community", "centre", "stats"]


class Command(BaseCommand):
    help = "Migrate and load the Daejeon demo data into the configured database. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument("--force", action="store_true", help="allow loading demo data in production")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["force"]:
            raise CommandError("Refusing to load demo accounts into a production database (use --force).")
        call_command("compile_catalogs", verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        report = load_regions()
        self.stdout.write(f"Regions: {report.dong} dongs in {report.sigungu} districts.")
        agencies = demo.load_agencies()
        accounts = demo.load_staff(agencies)
        self.stdout.write(f"Agencies: {len(agencies)} in Daejeon.")
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"ondol.{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"ondol.{app}.demo":
                    raise
                continue
            # Demo loaders send confirmation emails and texts through the console backends; keep those
            # hundreds of messages out of the terminal so the summary and the accounts stay readable.
            with contextlib.redirect_stdout(io.StringIO()):
                module.load_demo(seed=options["seed"], stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {demo.DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<16} {account.role:<17} {account.note}")
