"""Demo statistics: the Daejeon picture (about 34,000 foreign residents) as official tables, plus registry counts.

The synthetic population (`ondol.core.demo_population`) is aggregated into the official table format and
loaded through the same importer staff use, so the demo doubles as an import example. Safe to run again:
each month's cells are replaced, never added twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import Counter
from typing import Any, TextIO

from django.db import transaction

from ondol.core.demo_population import SyntheticResident, generate_population
from ondol.core.errors import InvalidInput
from ondol.core.models import Region, RegionLevel
from ondol.stats.filters import period_end, shift_period
from ondol.stats.services import OFFICIAL_COLUMNS, do_import_official_table, do_refresh_registry_counts

LATEST_PERIOD = "2026-10"
LATEST_SIZE = 34_148
# Every second month for a year: the population grew by a few hundred people per month.
MONTHS_BACK = (10, 8, 6, 4, 2, 0)
MONTHLY_GROWTH = 95

# Approximate resident populations (all nationalities) for the population shares; published figures for
# 2019 were of this size. Only filled where the regions data has no population yet.
DAEJEON_POPULATION = {"30": 1_474_870, "30110": 224_000, "30140": 238_000, "30170": 478_000, "30200": 349_000,
                      "30230": 177_000}


def _set_populations() -> None:
    for code, population in DAEJEON_POPULATION.items():
        Region.objects.filter(code=code, population__isnull=True).update(population=population)


def _dong_weights(rng: random.Random) -> dict[str, tuple[list[str], list[float]]]:
    """Per district, its dongs with uneven weights: foreign residents cluster near universities and industry."""
    by_district: dict[str, tuple[list[str], list[float]]] = {}
    for code in Region.objects.filter(level=RegionLevel.DONG, code__startswith="30").order_by("code").values_list(
            "code", flat=True):
        codes, weights = by_district.setdefault(code[:5], ([], []))
        codes.append(code)
        weights.append(rng.paretovariate(1.6))
    return by_district


def _placed(people: list[SyntheticResident], seed: int) -> list[tuple[SyntheticResident, str]]:
    """Each person with a dong in their district (the synthetic population only knows the district)."""
    rng = random.Random(seed)
    dongs = _dong_weights(random.Random(2019))
    placed = []
    for person in people:
        codes, weights = dongs.get(person.sigungu_code, ([person.sigungu_code], [1.0]))
        placed.append((person, rng.choices(codes, weights=weights, k=1)[0]))
    return placed


def official_table(placed: list[tuple[SyntheticResident, str]], *, period: str) -> str:
    """The people living here in month `period` as an official aggregate table (CSV text), ages at its end."""
    end = period_end(period)
    cells: Counter[tuple[str, ...]] = Counter()
    for person, region in placed:
        born = person.birth_date
        age = end.year - born.year - ((end.month, end.day) < (born.month, born.day))
        band = min(max(age, 0) // 5 * 5, 65)
        cells[(period, region, person.nationality, str(band), person.sex, person.residence_status,
               person.language)] += 1
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(OFFICIAL_COLUMNS)
    for key, count in sorted(cells.items()):
        writer.writerow([*key, count])
    return buffer.getvalue()


@transaction.atomic
def load_demo(*, seed: int, stdout: TextIO | Any) -> None:
    if not Region.objects.filter(code="30200").exists():
        stdout.write("stats: Daejeon regions are not loaded; skipped.\n")
        return
    _set_populations()
    # The generator is sequential, so a smaller population is a prefix of a larger one: earlier months are
    # the same people minus the most recent arrivals, as in a real register.
    placed = _placed(generate_population(size=LATEST_SIZE, seed=seed, today=period_end(LATEST_PERIOD)), seed)
    for back in MONTHS_BACK:
        period = shift_period(LATEST_PERIOD, -back)
        size = LATEST_SIZE - back * MONTHLY_GROWTH
        report = do_import_official_table(None, text=official_table(placed[:size], period=period),
                                          label=f"demo official table {period}", check_access=False)
        stdout.write(f"stats: official table {period}: {report.residents} residents in {report.rows} cells.\n")
    today = dt.date.today()
    try:
        registry = do_refresh_registry_counts(None, period=f"{today:%Y-%m}", check_access=False)
    except InvalidInput:
        registry = None
    if registry is not None:
        stdout.write(f"stats: registry counts: {registry.residents} clients in {registry.rows} cells.\n")
