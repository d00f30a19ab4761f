"""Foreign-resident statistics from `ResidentCount`: every figure is one GROUP BY in the database."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Q, QuerySet, Sum

from ondol.core.languages import current_language
from ondol.core.models import Region, RegionLevel
from ondol.stats import labels
from ondol.stats.filters import Filters
from ondol.stats.models import CountBatch, CountSource, ResidentCount
from ondol.stats.privacy import OTHER, ProtectedTable, protect_counts, shown_or_none

DIMENSIONS = ("nationality", "sigungu_code", "region_code", "age_band", "sex", "residence_status", "language")


def available_source(filters: Filters) -> str:
    """The source asked for, else official figures when any exist, else the registry."""
    if filters.source:
        return filters.source
    if ResidentCount.objects.filter(source=CountSource.OFFICIAL).exists():
        return CountSource.OFFICIAL
    return CountSource.REGISTRY


def latest_period(source: str | None = None) -> str | None:
    # Per source, so that the (source, period, …) index answers with one lookup instead of a scan.
    latest = [ResidentCount.objects.filter(source=name).order_by("-period").values_list("period", flat=True).first()
              for name in ([source] if source else CountSource.values)]
    return max((period for period in latest if period), default=None)


def periods(source: str) -> list[str]:
    return list(ResidentCount.objects.filter(source=source).order_by("period").values_list("period", flat=True)
                .distinct())


def _where(filters: Filters, *, source: str) -> Q:
    where = Q(source=source)
    if filters.dong:
        where &= Q(region_code=filters.dong)
    elif filters.district:
        where &= Q(sigungu_code=filters.district)
    if filters.nationality:
        where &= Q(nationality=filters.nationality)
    if filters.language:
        where &= Q(language=filters.language)
    return where


def _counts(filters: Filters, *, source: str) -> QuerySet[ResidentCount]:
    return ResidentCount.objects.filter(_where(filters, source=source), period=filters.period_to)


def _region_names(codes: list[str]) -> dict[str, str]:
    return {code: labels.region_label(name) for code, name in Region.objects.filter(code__in=codes)
            .values_list("code", "name")}


def _labeller(dimension: str, keys: list[str]) -> Callable[[str], str]:
    if dimension in ("sigungu_code", "region_code"):
        names = _region_names(keys)
        return lambda key: labels.other_label() if key == OTHER else names.get(key, key)
    return {
        "nationality": labels.nationality_label,
        "age_band": labels.age_band_label,
        "sex": labels.sex_label,
        "residence_status": labels.status_label,
        "language": labels.language_label,
    }[dimension]


def data_version() -> tuple[int, str] | None:
    """Changes whenever counts are loaded (every load is a new batch), so cached figures are never stale."""
    latest = CountBatch.objects.order_by("-id").values_list("id", "loaded_at").first()
    return (latest[0], str(latest[1])) if latest else None


@lru_cache(maxsize=512)
def _cached_breakdown(filters: Filters, dimension: str, source: str, language: str,
                      version: tuple[int, str] | None) -> ProtectedTable:
    rows = _counts(filters, source=source).values(dimension).annotate(n=Sum("count")).order_by()
    counts = {str(row[dimension]): int(row["n"]) for row in rows}
    label = _labeller(dimension, list(counts))
    return protect_counts(counts, labels={key: label(key) for key in [*counts, OTHER]})


def breakdown(filters: Filters, dimension: str, *, source: str | None = None) -> ProtectedTable:
    """Residents in month `period_to` by one dimension, small cells merged.

    Cached per filters, language and data version: the headline and the panels of one page ask for the
    same tables, and the figures only change when a table is loaded.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    source = source or available_source(filters)
    table = _cached_breakdown(filters.with_(agency=None), dimension, source, current_language(), data_version())
    # Callers reorder cells (age bands by age), so each gets its own copy of the cached table.
    return copy.deepcopy(table)


def trend(filters: Filters, *, source: str | None = None) -> list[tuple[str, int | None]]:
    """Total residents per month from `period_from` to `period_to` (None where the month is too small)."""
    source = source or available_source(filters)
    rows = (ResidentCount.objects.filter(_where(filters, source=source),
                                         period__gte=filters.period_from, period__lte=filters.period_to)
            .values("period").annotate(n=Sum("count")).order_by("period"))
    return [(row["period"], shown_or_none(int(row["n"]))) for row in rows]


@dataclass(frozen=True)
class Headline:
    period: str
    source: str
    total: int | None
    population: int | None
    share: float | None
    top_nationalities: list[str]
    top_districts: list[str]
    top_age_band: str | None


def _population(filters: Filters) -> int | None:
    if filters.region_code:
        return Region.objects.filter(code=filters.region_code).values_list("population", flat=True).first()
    # The whole area covered by the figures: the provinces their districts belong to.
    districts = ResidentCount.objects.filter(source=available_source(filters), period=filters.period_to).values_list(
        "sigungu_code", flat=True)
    sido_codes = {code[:2] for code in districts.distinct()[:50]}
    populations = Region.objects.filter(code__in=sido_codes, level=RegionLevel.SIDO).values_list("population",
                                                                                               flat=True)
    values = [value for value in populations if value]
    return sum(values) if values and len(values) == len(sido_codes) else None


def headline(filters: Filters) -> Headline:
    """The sentence a city announces: how many, what share, which groups and districts are largest."""
    source = available_source(filters)
    by_nationality = breakdown(filters, "nationality", source=source)
    by_district = breakdown(filters, "sigungu_code", source=source)
    by_age = breakdown(filters, "age_band", source=source)
    total = by_nationality.total
    # Shares only for whole populations: a filtered subgroup over the whole population would mislead.
    population = None if (filters.nationality or filters.language) else _population(filters)
    share = (total / population) if (total and population) else None
    return Headline(
        period=filters.period_to, source=source, total=total, population=population, share=share,
        top_nationalities=[cell.label for cell in by_nationality.cells[:2]],
        top_districts=[cell.label for cell in by_district.cells[:2]],
        top_age_band=by_age.cells[0].label if by_age.cells else None,
    )


@dataclass(frozen=True)
class MapPoint:
    code: str
    label: str
    lon: float
    lat: float
    count: int


def map_points(filters: Filters, *, source: str | None = None) -> list[MapPoint]:
    """Residents per dong (or per district, for district-level tables) at the region's centroid."""
    source = source or available_source(filters)
    rows = _counts(filters, source=source).values("region_code").annotate(n=Sum("count")).order_by()
    counts = {row["region_code"]: int(row["n"]) for row in rows}
    regions = Region.objects.filter(code__in=list(counts), lon__isnull=False, lat__isnull=False)
    points = []
    for region in regions.only("code", "name", "lon", "lat"):
        shown = shown_or_none(counts[region.code])
        if shown:  # a dot for "fewer than 5" would still point at a handful of people
            points.append(MapPoint(region.code, labels.region_label(region.name), float(region.lon or 0),
                                   float(region.lat or 0), shown))
    return sorted(points, key=lambda point: -point.count)


def _distinct(column: str) -> list[str]:
    """Every value of an indexed column of `ResidentCount`, one index lookup per value (a "loose index scan")
    instead of reading all rows: a few districts and nationalities among hundreds of thousands of cells."""
    table = connection.ops.quote_name(ResidentCount._meta.db_table)
    name = connection.ops.quote_name(str(getattr(ResidentCount._meta.get_field(column), "column", column)))
    sql = (f"WITH RECURSIVE found(value) AS (SELECT MIN({name}) FROM {table} "  # noqa: S608 — our own names
           f"UNION ALL SELECT (SELECT MIN({name}) FROM {table} WHERE {name} > found.value) FROM found "
           "WHERE found.value IS NOT NULL) SELECT value FROM found WHERE value IS NOT NULL")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def district_codes() -> list[str]:
    return _distinct("sigungu_code")


def nationality_codes() -> list[tuple[str, str]]:
    """(code, name) of the nationalities in the tables, for filter lists, by name."""
    codes = _distinct("nationality")
    return sorted(((code, labels.nationality_label(code)) for code in codes), key=lambda pair: pair[1])
