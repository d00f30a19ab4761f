"""`ondol eligibility screen --input households.parquet --output results.parquet`: screen a whole table."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import IO, Any, cast

import polars as pl
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ondol.eligibility.engine.batch import DEFAULT_CHUNK, screen_table
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

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "screen":
            self.screen(options)

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
