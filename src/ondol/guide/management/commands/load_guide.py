"""`ondol load-guide`: load the guide's content files into the database and prepare its search vectors."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ondol.guide.content import CONTENT_DIR
from ondol.guide.search import build_engine
from ondol.guide.services import do_load_guide


class Command(BaseCommand):
    help = "Load (or refresh) the service guide from its content files. Unchanged files are skipped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--content", type=Path, default=CONTENT_DIR, help="the content folder")
        parser.add_argument("--overwrite-staff-edits", action="store_true",
                            help="replace articles that staff edited in the admin with the files' text")
        parser.add_argument("--strict", action="store_true", help="fail when any file has a problem")
        parser.add_argument("--no-vectors", action="store_true",
                            help="skip computing the semantic search vectors (they are computed on first search)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = do_load_guide(None, root=options["content"],
                               overwrite_staff_edits=options["overwrite_staff_edits"])
        for problem in report.problems:
            self.stderr.write(f"  problem: {problem}")
        for kept in report.kept_staff_edits:
            self.stdout.write(f"  kept the staff edit of {kept} (use --overwrite-staff-edits to replace it)")
        self.stdout.write(report.summary())
        if options["strict"] and report.problems:
            raise CommandError(f"{len(report.problems)} problems in the content files.")
        if not options["no_vectors"]:
            started = time.perf_counter()
            engine = build_engine()
            mode = "semantic and keyword" if engine.semantic else "keyword only (no embedding model)"
            self.stdout.write(f"Search index ready: {len(engine.topics)} topics, {mode}, "
                              f"{time.perf_counter() - started:.1f} s.")
