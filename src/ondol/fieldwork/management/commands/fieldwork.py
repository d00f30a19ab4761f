"""`ondol fieldwork sync | export-outcomes | export-indicators | import-survey`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ondol.core.errors import DomainError


class Command(BaseCommand):
    help = "Field work: pick up published rounds, send outcomes back to discovery, import survey forms."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("sync", help="Put the households of published discovery rounds on the worklists.")
        outcomes = actions.add_parser("export-outcomes", help="Write visit outcomes in the feed's outcomes format.")
        outcomes.add_argument("--out", type=Path, required=True, help="outcomes.parquet (or .csv) of a feed.")
        outcomes.add_argument("--round", default=None, help="Only this round (YYYY-MM).")
        outcomes.add_argument("--replace", action="store_true",
                              help="Overwrite the file instead of merging with the outcomes already in it.")
        indicators = actions.add_parser("export-indicators",
                                        help="Write survey_risk and neighbour_report records for the next round.")
        indicators.add_argument("--out", type=Path, required=True)
        indicators.add_argument("--round", default=None)
        survey = actions.add_parser("import-survey", help="Import an XLSForm (.xlsx).")
        survey.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "sync":
                from ondol.fieldwork.services.rounds import sync_published_rounds

                count = sync_published_rounds(None)
                self.stdout.write(_("%(count)s households were added to the worklists.") % {"count": count})
            elif action == "export-outcomes":
                from ondol.fieldwork.services.feedback import write_outcomes

                count = write_outcomes(None, out=options["out"], round=options["round"],
                                       merge=not options["replace"])
                self.stdout.write(_("%(count)s outcomes were written to %(path)s.") % {
                    "count": count, "path": options["out"]})
            elif action == "export-indicators":
                from ondol.fieldwork.services.feedback import write_indicators

                count = write_indicators(None, out=options["out"], round=options["round"])
                self.stdout.write(_("%(count)s indicator records were written to %(path)s.") % {
                    "count": count, "path": options["out"]})
            else:
                from ondol.fieldwork.services.surveys import do_import_survey

                if not options["file"].exists():
                    raise CommandError(_("The file %(path)s does not exist.") % {"path": options["file"]})
                form = do_import_survey(None, path=options["file"])
                self.stdout.write(_("The survey %(title)s was imported as version %(version)s.") % {
                    "title": form.title, "version": form.version})
        except DomainError as error:
            raise CommandError(str(error.message)) from error
