"""Whole translated sentences for what the discovery commands report."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ondol.core.formatting import format_number
from ondol.discovery.pipeline.feeds import FeedError


def step_label(step: str) -> str:
    labels = {
        "read": _("Reading and checking the feed"),
        "link": _("Linking records to households"),
        "features": _("Adding up indicators per household"),
        "train": _("Learning from past visits"),
        "score": _("Scoring and ranking households"),
        "write": _("Writing scores and worklists"),
    }
    return labels.get(step, step)


def feed_error(error: FeedError) -> str:
    p = error.params
    if error.code == "no_directory":
        return _("There is no feed directory at %(path)s.") % p
    if error.code == "missing_table":
        return _("The feed in %(path)s has no %(table)s table (%(table)s.csv or %(table)s.parquet).") % p
    if error.code == "two_files":
        return _("The feed has both %(table)s.csv and %(table)s.parquet; keep one of them.") % p
    if error.code == "missing_columns":
        return _("The %(table)s table lacks these columns: %(columns)s.") % p
    return _("The %(table)s table in %(path)s could not be read: %(error)s") % {
        "table": p.get("table", ""), "path": p.get("path", ""), "error": p.get("error", "")}


def problem(table: str, code: str, count: int) -> str:
    """One kind of rejected row, e.g. "12 rows of persons were rejected: birth_date is not a date."."""
    kind, _sep, column = code.partition(":")
    params: dict[str, Any] = {"count": format_number(count), "table": table, "column": column}
    texts = {
        "missing": ngettext("%(count)s row of %(table)s was rejected because %(column)s is empty.",
                            "%(count)s rows of %(table)s were rejected because %(column)s is empty.", count),
        "not_a_whole_number": ngettext(
            "%(count)s row of %(table)s was rejected because %(column)s is not a whole number of the right size.",
            "%(count)s rows of %(table)s were rejected because %(column)s is not a whole number of the right "
            "size.", count),
        "not_yes_no": ngettext("%(count)s row of %(table)s was rejected because %(column)s is not true or false.",
                               "%(count)s rows of %(table)s were rejected because %(column)s is not true or false.",
                               count),
        "not_a_date": ngettext(
            "%(count)s row of %(table)s was rejected because %(column)s is not a date written YYYY-MM-DD.",
            "%(count)s rows of %(table)s were rejected because %(column)s is not a date written YYYY-MM-DD.",
            count),
        "not_a_dong_code": ngettext(
            "%(count)s row of %(table)s was rejected because %(column)s is not a 10-digit dong code.",
            "%(count)s rows of %(table)s were rejected because %(column)s is not a 10-digit dong code.", count),
        "not_a_country": ngettext(
            "%(count)s row of %(table)s was rejected because %(column)s is not a two-letter country code.",
            "%(count)s rows of %(table)s were rejected because %(column)s is not a two-letter country code.",
            count),
        "not_a_round": ngettext("%(count)s row of %(table)s was rejected because %(column)s is not written YYYY-MM.",
                                "%(count)s rows of %(table)s were rejected because %(column)s is not written "
                                "YYYY-MM.", count),
        "unknown_outcome": ngettext(
            "%(count)s row of %(table)s was rejected because %(column)s is not a known outcome.",
            "%(count)s rows of %(table)s were rejected because %(column)s is not a known outcome.", count),
        "unknown_indicator": ngettext(
            "%(count)s row of %(table)s was rejected because its indicator code is not in the catalogue.",
            "%(count)s rows of %(table)s were rejected because their indicator code is not in the catalogue.",
            count),
        "duplicate": ngettext("%(count)s row of %(table)s was rejected because its %(column)s appears twice.",
                              "%(count)s rows of %(table)s were rejected because their %(column)s appears more "
                              "than once.", count),
        "unknown_household": ngettext(
            "%(count)s row of %(table)s was rejected because its household is not in the households table.",
            "%(count)s rows of %(table)s were rejected because their household is not in the households table.",
            count),
        "nothing_to_link": ngettext(
            "%(count)s row of %(table)s was rejected because it has neither an id nor a name and birth date.",
            "%(count)s rows of %(table)s were rejected because they have neither an id nor a name and birth date.",
            count),
    }
    text = texts.get(kind) or ngettext("%(count)s row of %(table)s was rejected (%(column)s).",
                                       "%(count)s rows of %(table)s were rejected (%(column)s).", count)
    return text % params


def run_report(summary: dict[str, Any]) -> list[str]:
    """The human summary of a run, one sentence a line."""
    lines = []
    for table, report in summary["tables"].items():
        lines.append(_("%(table)s: %(loaded)s of %(rows)s rows loaded, %(rejected)s rejected.") % {
            "table": table, "loaded": format_number(report["loaded"]), "rows": format_number(report["rows"]),
            "rejected": format_number(report["rejected"])})
        lines += [problem(table, code, count) for code, count in report["problems"].items()]
    for code, count in summary["unknown_indicators"].items():
        lines.append(ngettext(
            "%(count)s record uses the unknown indicator code %(code)s: add it to the catalogue or fix the feed.",
            "%(count)s records use the unknown indicator code %(code)s: add it to the catalogue or fix the feed.",
            count) % {"count": format_number(count), "code": code})
    link = summary["linking"]
    lines.append(_("Linked %(by_id)s records by id and %(fuzzy)s by name, birth date and address; %(ambiguous)s "
                   "were ambiguous and %(unlinked)s could not be linked.") % {
        "by_id": format_number(link["by_id"]), "fuzzy": format_number(link["probabilistic"]),
        "ambiguous": format_number(link["ambiguous"]), "unlinked": format_number(link["unlinked"])})
    model = summary.get("model")
    if model:
        auc = model.get("holdout_auc")
        lines.append(_("Scores come from a model trained on %(rows)s past visits (ROC-AUC on held-out visits: "
                       "%(auc)s).") % {"rows": format_number(model["training_rows"]),
                                       "auc": f"{auc:.3f}" if auc is not None else "—"})
    else:
        lines.append(_("There are no past visits to learn from, so scores are the catalogue's weighted scores."))
    lines.append(_("Selected %(selected)s of %(households)s households in %(dongs)s dongs for a visit.") % {
        "selected": format_number(summary["selected"]), "households": format_number(summary["households"]),
        "dongs": format_number(summary["dongs"])})
    return lines


def evaluation_report(result: dict[str, Any]) -> list[str]:
    overall = result["overall"]

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"

    lines = [
        _("Precision at %(k)s: %(precision)s; recall at %(k)s: %(recall)s.") % {
            "k": format_number(result["k"]), "precision": pct(overall["precision_at_k"]),
            "recall": pct(overall["recall_at_k"])},
        _("ROC-AUC %(roc)s, PR-AUC %(pr)s, Brier score %(brier)s, calibration error %(ece)s.") % {
            "roc": pct(overall["roc_auc"]), "pr": pct(overall["pr_auc"]),
            "brier": pct(overall["calibration"]["brier"]), "ece": pct(overall["calibration"]["ece"])},
    ]
    for name, group in {**result["groups"], **result["nationalities"]}.items():
        lines.append(_("%(group)s: %(households)s households, precision %(precision)s, recall %(recall)s, "
                       "selection rate %(rate)s, ROC-AUC %(roc)s.") % {
            "group": name, "households": format_number(group["households"]),
            "precision": pct(group["precision_at_k"]), "recall": pct(group["recall_at_k"]),
            "rate": pct(group["selection_rate"]), "roc": pct(group["roc_auc"])})
    fairness = result["fairness"]
    if fairness["flag"]:
        lines.append(_("Fairness warning: for foreign households %(metrics)s is below 0.8 times that of Korean "
                       "households. See docs/discovery.md for what to do.") % {
            "metrics": ", ".join(fairness["flagged"])})
    else:
        lines.append(_("Foreign households are selected, and found in need, at no less than 0.8 times the rate "
                       "of Korean households."))
    return lines
