"""Round results: how many households were flagged, contacted, surveyed, supported ... per dong or district,
and the same figures by nationality and by language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ondol.core.errors import InvalidInput
from ondol.fieldwork.models import (
    REACHED_RESULTS,
    ContactAttempt,
    Outcome,
    Source,
    SurveyResponse,
    WorkItem,
)

METRICS: list[tuple[str, Any]] = [
    ("households", _("Households on the worklists")),
    ("flagged", _("Flagged by the discovery round")),
    ("contacted", _("Contacted")),
    ("surveyed", _("Surveyed")),
    ("need_confirmed", _("Need confirmed")),
    ("supported_public", _("Linked to public support")),
    ("supported_private", _("Linked to private support")),
    ("newly_discovered", _("Newly discovered (not flagged by data)")),
    ("unreachable", _("Unreachable")),
    ("moved", _("Moved away")),
]
METRIC_KEYS = [key for key, _label in METRICS]
GROUPINGS = ("dong", "district", "nationality", "language")


@dataclass
class ResultRow:
    key: str
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(METRIC_KEYS, 0))

    def add(self, item: WorkItem) -> None:
        counts = self.counts
        counts["households"] += 1
        counts["flagged"] += item.source == Source.DISCOVERY
        counts["contacted"] += bool(item.was_contacted)  # type: ignore[attr-defined]
        counts["surveyed"] += bool(item.was_surveyed)  # type: ignore[attr-defined]
        counts["need_confirmed"] += bool(item.need_confirmed)
        counts["supported_public"] += bool(item.programs) or item.outcome == Outcome.PUBLIC_SUPPORT
        counts["supported_private"] += bool(item.resources) or item.outcome == Outcome.PRIVATE_SUPPORT
        counts["newly_discovered"] += bool(item.need_confirmed) and item.source in (
            Source.NEIGHBOUR_REPORT, Source.SURVEY)
        counts["unreachable"] += item.outcome == Outcome.UNREACHABLE
        counts["moved"] += item.outcome == Outcome.MOVED

    @property
    def values(self) -> list[int]:
        return [self.counts[key] for key in METRIC_KEYS]


def annotated(items: QuerySet[WorkItem]) -> QuerySet[WorkItem]:
    reached = ContactAttempt.objects.filter(item=OuterRef("pk"), result__in=REACHED_RESULTS)
    return items.annotate(was_contacted=Exists(reached),
                          was_surveyed=Exists(SurveyResponse.objects.filter(item=OuterRef("pk"))))


def _grouping(by: str) -> Callable[[WorkItem], tuple[str, str]]:
    from ondol.core.languages import language_name_local

    def dong(item: WorkItem) -> tuple[str, str]:
        if item.dong is None:
            return "", str(_("District triage queue"))
        return item.dong.code, f"{item.dong.sigungu_name} {item.dong.name}"

    def district(item: WorkItem) -> tuple[str, str]:
        region = item.dong.parent if item.dong is not None else item.district
        return (region.code, region.name) if region else ("", str(_("Unknown district")))

    def nationality(item: WorkItem) -> tuple[str, str]:
        return item.nationality or "", item.nationality or str(_("Not known"))

    def language(item: WorkItem) -> tuple[str, str]:
        try:
            return item.language, language_name_local(item.language) if item.language else str(_("Not known"))
        except KeyError:
            return item.language, item.language

    return {"dong": dong, "district": district, "nationality": nationality, "language": language}[by]


def round_results(*, scope: Q, round: str | None = None, by: str = "dong",
                  district_code: str | None = None) -> tuple[list[ResultRow], ResultRow]:
    """Rows grouped `by` dong, district, nationality or language, and the total row."""
    if by not in GROUPINGS:
        raise InvalidInput(fields={"by": _("Choose one of the listed groupings.")})
    items = WorkItem.objects.filter(scope)
    if round:
        items = items.filter(round=round)
    if district_code:
        items = items.filter(Q(dong__code__startswith=district_code) | Q(district__code=district_code))
    # A household that moved counts as moved in its old dong and again, as a hand-off, in its new one:
    # each dong did the work. "Flagged" counts discovery items only, so the flag is never counted twice.
    items = items.select_related("dong__parent", "district")
    key_of = _grouping(by)
    rows: dict[str, ResultRow] = {}
    total = ResultRow("", str(_("Total")))
    for item in annotated(items):
        key, label = key_of(item)
        rows.setdefault(key, ResultRow(key, label)).add(item)
        total.add(item)
    return sorted(rows.values(), key=lambda row: (row.key == "", row.label)), total


def rounds_in(scope: Q) -> list[str]:
    return list(WorkItem.objects.filter(scope).order_by("-round").values_list("round", flat=True).distinct())
