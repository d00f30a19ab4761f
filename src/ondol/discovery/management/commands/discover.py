"""`ondol discover run | evaluate | synth`: the welfare blind-spot discovery pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ondol.core.errors import DomainError
from ondol.discovery import messages
from ondol.discovery.pipeline.catalogue import CatalogueError
from ondol.discovery.pipeline.feeds import FeedError
from ondol.discovery.pipeline.linking import LinkOptions
from ondol.discovery.pipeline.rounds import is_round


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def _round(value: str) -> str:
    if not is_round(value):
        raise ValueError(value)
    return value


class Command(BaseCommand):
    help = "Welfare blind-spot discovery: run a round, evaluate it, or make a synthetic feed."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="Link, score and rank a feed; write scores and worklists.")
        run.add_argument("--feeds", type=Path, required=True, help="Feed directory (see docs/discovery-feeds.md).")
        run.add_argument("--round", type=_round, required=True, help="Round as YYYY-MM.")
        run.add_argument("--out", type=Path, required=True, help="Output directory.")
        run.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
        quota = run.add_mutually_exclusive_group()
        quota.add_argument("--per-dong", type=_positive, default=None, help="Households to visit per dong (20).")
        quota.add_argument("--total", type=_positive, default=None,
                           help="Households to visit nationally, split by the number of households per dong.")
        run.add_argument("--catalogue", type=Path, default=None, help="Indicator catalogue YAML to use instead.")
        run.add_argument("--strict", action="store_true", help="Stop if any row of the feed is rejected.")
        run.add_argument("--no-model", action="store_true", help="Use the weighted score even if outcomes exist.")
        run.add_argument("--threshold", type=float, default=0.9, help="Lowest match probability that links.")
        run.add_argument("--language", default=None, help="Language of the reasons in worklists.")
        run.add_argument("--memory-limit", default=None, help="DuckDB memory limit, e.g. 6GB.")
        run.add_argument("--publish", action="store_true", help="Load the selected households for field work.")
        run.add_argument("--replace", action="store_true", help="With --publish: replace a published round.")
        run.add_argument("--user", default=None, help="With --publish: the username publishing the round.")
        run.add_argument("--json", action="store_true", help="Print the run summary as JSON.")
        fieldwork = run.add_mutually_exclusive_group()
        fieldwork.add_argument("--with-fieldwork", dest="fieldwork", action="store_const", const=True, default=None,
                               help="Add field work's survey_risk and neighbour_report records to the indicators "
                                    "(the default whenever the database can be read; stop if it cannot).")
        fieldwork.add_argument("--without-fieldwork", dest="fieldwork", action="store_const", const=False,
                               help="Read the feed's indicators only.")
        evaluate = sub.add_parser("evaluate", help="Precision, recall, AUC, calibration and fairness of a round.")
        evaluate.add_argument("--scores", type=Path, required=True)
        evaluate.add_argument("--outcomes", type=Path, required=True)
        evaluate.add_argument("--k", type=_positive, default=None, help="Top k (default: the households selected).")
        evaluate.add_argument("--round", type=_round, default=None, help="Only outcomes of this round.")
        evaluate.add_argument("--charts", type=Path, default=None, help="Folder for PNG charts.")
        evaluate.add_argument("--json", action="store_true")
        synth = sub.add_parser("synth", help="Write a realistic synthetic feed.")
        synth.add_argument("--households", type=_positive, required=True)
        synth.add_argument("--seed", type=int, default=1)
        synth.add_argument("--out", type=Path, required=True)
        synth.add_argument("--round", type=_round, default="2025-05")
        synth.add_argument("--indicator-rate", type=float, default=0.5, help="Indicator records per household.")
        synth.add_argument("--format", choices=("parquet", "csv"), default="parquet")
        synth.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "run":
                self._run(options)
            elif action == "evaluate":
                self._evaluate(options)
            else:
                self._synth(options)
        except FeedError as error:
            raise CommandError(messages.feed_error(error)) from error
        except CatalogueError as error:
            raise CommandError(_("The indicator catalogue is not valid: %(error)s") % {"error": error}) from error
        except DomainError as error:
            raise CommandError(str(error.message)) from error

    def _progress(self, quiet: bool) -> Progress:
        return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True, disable=quiet)

    def _print(self, lines: list[str]) -> None:
        for line in lines:
            self.stdout.write(line)

    def _run(self, options: dict[str, Any]) -> None:
        from ondol.discovery.runner import STEPS, RejectedRows, RunOptions, run

        language = options["language"] or translation.get_language() or settings.LANGUAGE_CODE
        user = None
        if options["publish"] and options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("There is no user called %(name)s.") % {"name": options["user"]})
        run_options = RunOptions(
            feeds=options["feeds"], round=options["round"], out=options["out"], engine=options["engine"],
            per_dong=options["per_dong"] or (None if options["total"] else 20), total=options["total"],
            catalogue=options["catalogue"], strict=options["strict"], language=language,
            link=LinkOptions(threshold=options["threshold"]), memory_limit=options["memory_limit"],
            use_model=not options["no_model"], extra_indicators=self._fieldwork_indicators(options["fieldwork"]),
        )
        with self._progress(options["json"] or options["verbosity"] == 0) as progress:
            task = progress.add_task(messages.step_label("read"), total=len(STEPS))

            def on_step(step: str) -> None:
                progress.update(task, description=messages.step_label(step), completed=STEPS.index(step))

            try:
                summary, selected = run(run_options, on_step=on_step)
            except RejectedRows as error:
                raise CommandError(_("Rows were rejected and --strict was given, so nothing was written: "
                                     "%(counts)s.") % {"counts": ", ".join(f"{t} {n}" for t, n in
                                                                         error.counts.items())}) from error
            progress.update(task, completed=len(STEPS))
        published = None
        if options["publish"]:
            from ondol.discovery.services import do_publish_round

            published = do_publish_round(user, name=options["round"], items=selected, engine=options["engine"],
                                         summary=summary.as_dict(), replace=options["replace"])
        if options["json"]:
            data = summary.as_dict()
            data["published"] = published.name if published else None
            self.stdout.write(json.dumps(data, ensure_ascii=False, default=str, indent=2))
            return
        self._print(messages.run_report(summary.as_dict()))
        if summary.fieldwork is not None:
            from ondol.fieldwork.services.feedback import describe_merge

            self.stdout.write(describe_merge(summary.fieldwork))
        self.stdout.write(_("Scores, links, worklists and the summary are in %(path)s.") % {"path": options["out"]})
        if published:
            self.stdout.write(_("Published round %(round)s with %(count)s households for field work.") % {
                "round": published.name, "count": len(selected)})

    def _fieldwork_indicators(self, wanted: bool | None) -> Any:
        """Field work's indicator records; by default only when the database can be read (a warning otherwise)."""
        if wanted is False or not apps.is_installed("ondol.fieldwork"):
            return None
        from ondol.fieldwork.services.feedback import indicators_for_discovery

        try:
            return indicators_for_discovery(None)
        except DomainError as error:
            if wanted:
                raise
            self.stderr.write(str(error.message))
            return None

    def _evaluate(self, options: dict[str, Any]) -> None:
        from ondol.discovery.pipeline.evaluate import charts, evaluate, load

        for key in ("scores", "outcomes"):
            if not options[key].exists():
                raise CommandError(_("There is no file at %(path)s.") % {"path": options[key]})
        data = load(options["scores"], options["outcomes"], round=options["round"])
        if not len(data.score):
            raise CommandError(_("No household in the scores file has an outcome to compare with."))
        result = evaluate(data, k=options["k"])
        folder = options["charts"] or options["scores"].parent / "evaluation"
        titles = {
            "roc": _("ROC curve"), "fpr": _("False positive rate"), "tpr": _("True positive rate"),
            "pr": _("Precision and recall"), "recall": _("Recall"), "precision": _("Precision"),
            "calibration": _("Calibration"), "mean_score": _("Mean score"), "observed": _("Share in need"),
            "selection_rate": _("Selection rate"), "groups": _("Precision and selection rate by group"),
        }
        result["charts"] = [str(p) for p in charts(data, result, folder, titles=titles)]
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self._print(messages.evaluation_report(result))
        self.stdout.write(_("Charts are in %(path)s.") % {"path": folder})

    def _synth(self, options: dict[str, Any]) -> None:
        from ondol.discovery.pipeline.synth import SynthOptions, generate

        with self._progress(options["json"] or options["verbosity"] == 0) as progress:
            progress.add_task(_("Generating a synthetic feed"), total=None)
            info = generate(options["out"], SynthOptions(
                households=options["households"], seed=options["seed"], round=options["round"],
                indicator_rate=options["indicator_rate"], file_format=options["format"]))
        if options["json"]:
            self.stdout.write(json.dumps(info, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_("Wrote a feed of %(households)s households, %(persons)s people and %(indicators)s "
                            "indicator records (%(without_ids)s without ids) to %(path)s.") % {
            **{k: info[k] for k in ("households", "persons", "indicators", "without_ids")},
            "path": options["out"]})
