"""Batch screening: `ondol eligibility screen --input households.parquet --output results.parquet` screens a
whole table; `ondol eligibility screen-registry --user NAME [--agency ID] [--as-of DATE]` screens the case
registry as that staff member and prints, per agency, who is newly eligible."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import IO, Any, cast

import polars as pl
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ondol.core.errors import DomainError
from ondol.eligibility.engine.batch import DEFAULT_CHUNK, screen_table
from ondol.eligibility.registry import RegistryRun, agencies_as_data, screen_registry
from ondol.eligibility.services import today


class Command(BaseCommand):
    help = "Batch eligibility screening. See docs/eligibility.md for the input columns."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        screen = actions.add_parser("screen", help="Screen every household of a Parquet file.")
        screen.add_argument("--input", required=True, type=Path, help="Parquet file, one household per row.")
        screen.add_argument("--output", required=True, type=Path, help="Parquet file to write the results to.")
        screen.add_argument("--as-of", type=date.fromisoformat, default=None, help="Screening date (default: today).")
        screen.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK, help="Households per chunk.")
        screen.add_argument("--workers", type=int, default=None, help="Threads (default: one per core).")
        registry = actions.add_parser("screen-registry", help="Screen the case registry; list newly eligible clients.")
        registry.add_argument("--user", required=True, help="Username of the staff member the run acts as.")
        registry.add_argument("--agency", type=int, default=None, help="Only this agency's clients (its id).")
        registry.add_argument("--as-of", type=date.fromisoformat, default=None, help="Screening date (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "screen":
            self.screen(options)
        elif options["action"] == "screen-registry":
            self.screen_registry(options)

    def screen_registry(self, options: dict[str, Any]) -> None:
        actor = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if actor is None:
            raise CommandError(f"There is no active user called {options['user']}.")
        console = Console(file=cast(IO[str], self.stdout))
        with Progress(TextColumn("[bold]Screening the registry"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=console, transient=False) as progress:  # fmt: skip
            task = progress.add_task("registry", total=None)

            def advance(n: int, total: int) -> None:
                progress.update(task, total=total, advance=n)

            try:
                run = screen_registry(actor, agency_id=options["agency"], as_of=options["as_of"], progress=advance)
            except DomainError as exc:
                raise CommandError(str(exc.message)) from exc
            progress.update(task, total=run.screened, completed=run.screened)
        self.report(run)

    def report(self, run: RegistryRun) -> None:
        self.stdout.write(f"Screened {run.screened:,} clients as of {run.as_of} (rules {run.rules_version or '-'}).")
        for agency in agencies_as_data(run.agencies):
            clients = agency["clients"]
            self.stdout.write(f"{agency['agency_name']} (#{agency['agency_id']}): {len(clients)} newly eligible")
            for client in clients:
                programs = ", ".join(p["program"] for p in client["programs"])
                self.stdout.write(f"  #{client['client_id']} {client['display_name']}: {programs}")

    def screen(self, options: dict[str, Any]) -> None:
        source: Path = options["input"]
        if not source.exists():
            raise CommandError(f"No such file: {source}")
        table = pl.read_parquet(source)
        as_of = options["as_of"] or today()
        console = Console(file=cast(IO[str], self.stdout))  # Django's wrapper writes like a text stream
        started = time.perf_counter()
        with Progress(TextColumn("[bold]Screening"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=False) as progress:  # fmt: skip
            task = progress.add_task("screen", total=table.height)
            try:
                result = screen_table(table, as_of, chunk_size=options["chunk_size"], workers=options["workers"],
                                      progress=lambda n: progress.advance(task, n))  # fmt: skip
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        result.write_parquet(options["output"])
        elapsed = time.perf_counter() - started
        rate = table.height / elapsed if elapsed else 0
        self.stdout.write(f"Screened {table.height:,} households as of {as_of} in {elapsed:.1f} s "
                          f"({rate:,.0f} per second); wrote {options['output']}.")  # fmt: skip
