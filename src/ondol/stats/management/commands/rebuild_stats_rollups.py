from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ondol.stats import rollup
from ondol.stats.models import ConsultationMonth


class Command(BaseCommand):
    help = ("Re-create the consultation rollup's triggers (for the current TIME_ZONE) and count it again from "
            "cases_consultation. PostgreSQL only; needed after the rollup was marked not valid.")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The consultation rollup exists on PostgreSQL only.")
        rollup.install()
        cells = ConsultationMonth.objects.count()
        self.stdout.write(f"Consultation rollup rebuilt: {cells} cells, valid for months of {rollup.time_zone()}.")
