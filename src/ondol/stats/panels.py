"""Dashboard panels: one figure each, protected against small cells, with its chart and its table.

Pages, exports, the API and the PDF report all build panels here, so they always show the same numbers.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ondol.core.models import Agency
from ondol.stats import charts, labels, residents, sources
from ondol.stats.filters import Filters
from ondol.stats.privacy import ProtectedTable, protect_counts, shown_or_none


@dataclass
class Panel:
    key: str
    title: str
    rows: list[tuple[str, int | None]] = field(default_factory=list)
    chart: SafeString | None = None
    available: bool = True  # False: the module behind it has not landed yet ("no data yet")
    total: int | None = None
    columns: list[str] = field(default_factory=list)  # for multi-column panels (flows, complaints, ...)
    table: list[list[Any]] = field(default_factory=list)
    note: str = ""

    @property
    def empty(self) -> bool:
        return self.available and not self.rows and not self.table


def _from_protected(key: str, title: str, table: ProtectedTable) -> Panel:
    rows: list[tuple[str, int | None]] = [(cell.label or cell.key, cell.count) for cell in table.rows]
    if table.other:
        rows[-1] = (labels.other_label(), table.other)
    panel = Panel(key=key, title=title, rows=rows, total=table.total)
    if table.suppressed:
        panel.note = _("Fewer than 5 people match these filters, so no figures are shown.")
    if rows:
        panel.chart = charts.bar_chart(rows[:20], title=title)
    return panel


def _from_counts(key: str, title: str, counts: dict[str, int] | None, names: dict[str, str] | None) -> Panel:
    if counts is None:
        return Panel(key=key, title=title, available=False)
    names = names or {}
    return _from_protected(key, title, protect_counts(counts, labels={k: names.get(k, k) for k in counts}))


# --- Resident panels --------------------------------------------------------------------------

RESIDENT_PANELS: dict[str, tuple[str, Any]] = {
    "nationality": ("nationality", gettext_lazy("Foreign residents by nationality")),
    "district": ("sigungu_code", gettext_lazy("Foreign residents by district")),
    "dong": ("region_code", gettext_lazy("Foreign residents by dong")),
    "age": ("age_band", gettext_lazy("Foreign residents by age")),
    "sex": ("sex", gettext_lazy("Foreign residents by sex")),
    "status": ("residence_status", gettext_lazy("Foreign residents by residence status")),
    "language": ("language", gettext_lazy("Foreign residents by preferred language")),
}


def resident_panel(filters: Filters, key: str) -> Panel:
    dimension, title = RESIDENT_PANELS[key]
    table = residents.breakdown(filters, dimension)
    if key == "age":
        # Age bands read in order of age, not of size.
        table.cells.sort(key=lambda cell: int(cell.key))
    return _from_protected(key, str(title), table)


def trend_panel(filters: Filters) -> Panel:
    series = residents.trend(filters)
    title = _("Foreign residents month by month")
    return Panel(key="trend", title=title, rows=list(series), chart=charts.line_chart(series, title=title))


def map_panel(filters: Filters) -> Panel:
    points = residents.map_points(filters)
    title = _("Where foreign residents live (one dot per dong, area by number)")
    return Panel(key="map", title=title, rows=[(point.label, point.count) for point in points],
                 chart=charts.dot_map([(p.label, p.lon, p.lat, p.count) for p in points], title=title),
                 note=_("Dongs with fewer than 5 residents have no dot."))


# --- Service panels ---------------------------------------------------------------------------

_CONSULTATION_TITLES = {
    "topic": gettext_lazy("Consultations by topic"),
    "language": gettext_lazy("Consultations by language used"),
    "channel": gettext_lazy("Consultations by channel"),
    "interpreter_kind": gettext_lazy("Consultations by interpreter use"),
}


def consultation_panel(filters: Filters, dimension: str) -> Panel:
    names = sources.choice_labels("cases", "Consultation", dimension)
    return _from_counts(f"consultations_{dimension}", str(_CONSULTATION_TITLES[dimension]),
                        sources.consultations_by(filters, dimension), names)


def case_stage_panel(filters: Filters) -> Panel:
    return _from_counts("cases_stage", _("Cases opened in these months, by current stage"),
                        sources.cases_by_stage(filters), sources.choice_labels("cases", "Case", "status"))


def case_age_panel(filters: Filters) -> Panel:
    counts = sources.open_cases_by_age(filters)
    names = {str(start): _("open %(start)s–%(end)s days") % {"start": start, "end": end - 1}
             for start, end in itertools.pairwise(sources.CASE_AGE_BUCKETS)}
    names[str(sources.CASE_AGE_BUCKETS[-1])] = _("open a year or longer")
    panel = _from_counts("cases_age", _("Open cases by how long they have been open"), counts, names)
    if counts is not None:
        order = list(names.values())
        panel.rows.sort(key=lambda row: order.index(row[0]) if row[0] in order else len(order))
        panel.chart = charts.bar_chart(panel.rows, title=panel.title) if panel.rows else None
    return panel


def referral_panel(filters: Filters) -> Panel:
    """Who refers to whom. Each figure under 5 is hidden, and pairs whose total is hidden are not listed."""
    title = _("Referrals between agencies")
    flows = sources.referral_flows(filters)
    if flows is None:
        return Panel(key="referrals", title=title, available=False)
    visible = []
    for flow in flows:
        made = shown_or_none(flow["made"])
        if made is None:
            continue
        visible.append({"from_name": flow["from_agency__name"], "to_name": flow["to_agency__name"], "made": made,
                        **{key: shown_or_none(flow[key]) for key in ("accepted", "completed", "overdue")}})
    hidden = sum(flow["made"] for flow in flows) - sum(flow["made"] for flow in visible)
    panel = Panel(key="referrals", title=title,
                  columns=[_("From"), _("To"), _("Made"), _("Accepted"), _("Completed"), _("Overdue")],
                  table=[[f["from_name"], f["to_name"], f["made"], f["accepted"], f["completed"], f["overdue"]]
                         for f in visible])
    if visible:
        panel.chart = charts.flow_bars(visible[:25], title=title)
    if hidden:
        panel.note = _("Pairs of agencies with fewer than 5 referrals are not listed.")
    return panel


def complaint_panel(filters: Filters, *, language: str) -> Panel:
    title = _("Complaints by category and answer deadline")
    rows = sources.complaints_by_category(filters)
    if rows is None:
        return Panel(key="complaints", title=title, available=False)
    table = []
    for row in rows:
        if shown_or_none(row["received"]) is None:
            continue
        names = row["category__names"] or {}
        name = names.get(language) or names.get("en") or names.get("ko") or row["category__code"]
        table.append([name, row["received"], *(shown_or_none(row[key]) for key in ("on_time", "late", "open_overdue"))])
    return Panel(key="complaints", title=title, table=table,
                 columns=[_("Category"), _("Received"), _("Answered on time"), _("Answered late"),
                          _("Open past the deadline")],
                 rows=[(row[0], row[1]) for row in table],
                 chart=charts.bar_chart([(row[0], row[1]) for row in table], title=title) if table else None)


def discovery_panel(filters: Filters) -> Panel:
    title = _("Discovery rounds: from flagged to supported")
    funnel = sources.discovery_funnel(filters)
    if funnel is None:
        return Panel(key="discovery", title=title, available=False)
    not_yet = "—"
    panel = Panel(key="discovery", title=title,
                  columns=[_("Round"), _("Flagged"), _("Contacted"), _("Need confirmed"), _("Supported"),
                           _("Newly discovered")],
                  table=[[name, *(not_yet if value is None and stage != "flagged" else shown_or_none(value or 0)
                                  for stage, value in stages.items())] for name, stages in sorted(funnel.items())])
    if any(value is None for stages in funnel.values() for value in stages.values()):
        panel.note = _("“—”: contacts and outcomes are counted once field work is recorded in Ondol.")
    return panel


def campaign_panel(filters: Filters) -> Panel:
    title = _("Donation campaigns")
    rows = sources.campaigns(filters)
    if rows is None:
        return Panel(key="campaigns", title=title, available=False)
    return Panel(key="campaigns", title=title,
                 columns=[_("Campaign"), _("Target (won)"), _("Raised (won)"), _("Gifts")],
                 table=[[row["title"], row["target_amount"], row["raised"], row["gifts"]] for row in rows])


def program_panel(filters: Filters) -> Panel:
    title = _("Programs and events: sessions held and attendance")
    by_kind = sources.programs_by_kind(filters)
    if by_kind is None:
        return Panel(key="programs", title=title, available=False)
    names = sources.choice_labels("community", "Program", "kind") or {}
    return Panel(key="programs", title=title, columns=[_("Kind of program"), _("Sessions"), _("Places taken"),
                                                       _("Attended")],
                 table=[[names.get(kind, kind), values["sessions"], shown_or_none(values["places"]),
                         shown_or_none(values["attended"])] for kind, values in sorted(by_kind.items())])


# --- Which panels each page shows ---------------------------------------------------------------

PUBLIC_PANELS = ("trend", "map", "nationality", "district", "age", "sex", "status", "language",
                 "consultations_language", "consultations_topic")
STAFF_PANELS = (*PUBLIC_PANELS, "dong", "consultations_channel", "consultations_interpreter_kind", "cases_stage",
                "cases_age", "referrals", "complaints", "discovery", "campaigns", "programs")


# Panels that read the other apps' large tables load one by one after the page (HTMX), so the page itself
# answers quickly and each panel is its own request well under the 500 ms budget (see docs/stats.md).
LAZY_TITLES: dict[str, Any] = {
    **{f"consultations_{key}": title for key, title in _CONSULTATION_TITLES.items()},
    "cases_stage": gettext_lazy("Cases opened in these months, by current stage"),
    "cases_age": gettext_lazy("Open cases by how long they have been open"),
    "referrals": gettext_lazy("Referrals between agencies"),
    "complaints": gettext_lazy("Complaints by category and answer deadline"),
    "discovery": gettext_lazy("Discovery rounds: from flagged to supported"),
    "campaigns": gettext_lazy("Donation campaigns"),
    "programs": gettext_lazy("Programs and events: sessions held and attendance"),
}


@dataclass(frozen=True)
class LazyPanel:
    key: str
    title: str
    lazy: bool = True


def page_panels(filters: Filters, keys: tuple[str, ...], *, language: str) -> list[Panel | LazyPanel]:
    """The panels of a page: quick ones built now, the others as placeholders that load themselves."""
    return [LazyPanel(key, str(LAZY_TITLES[key])) if key in LAZY_TITLES else build_panel(filters, key,
                                                                                         language=language)
            for key in keys]


def build_panel(filters: Filters, key: str, *, language: str = "ko") -> Panel:
    """One panel by its key (as used in URLs and exports)."""
    builders: dict[str, Callable[[], Panel]] = {
        "trend": lambda: trend_panel(filters),
        "map": lambda: map_panel(filters),
        "cases_stage": lambda: case_stage_panel(filters),
        "cases_age": lambda: case_age_panel(filters),
        "referrals": lambda: referral_panel(filters),
        "complaints": lambda: complaint_panel(filters, language=language),
        "discovery": lambda: discovery_panel(filters),
        "campaigns": lambda: campaign_panel(filters),
        "programs": lambda: program_panel(filters),
    }
    if key in RESIDENT_PANELS:
        return resident_panel(filters, key)
    if key.startswith("consultations_") and key.removeprefix("consultations_") in sources.CONSULTATION_DIMENSIONS:
        return consultation_panel(filters, key.removeprefix("consultations_"))
    if key not in builders:
        raise KeyError(key)
    return builders[key]()


def agency_choices() -> list[tuple[int, str]]:
    return list(Agency.objects.filter(is_active=True).order_by("name").values_list("id", "name"))


