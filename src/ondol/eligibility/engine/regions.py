"""What kind of area a dong is in, from its 10-digit administrative code.

Only two rules need it: the emergency-welfare asset caps (large city / mid-small city / rural)
and the 2026 child-allowance top-up (inside or outside the capital region). Where the class of
an area is not settled by the sources we have, it is AMBIGUOUS and the rule asks the office.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MISSING, LARGE_CITY, MID_SMALL_CITY, RURAL, AMBIGUOUS = -1, 0, 1, 2, 3
AREA_KEYS = {LARGE_CITY: "large_city", MID_SMALL_CITY: "mid_small_city", RURAL: "rural"}

CAPITAL_SIDO = frozenset({11, 28, 41})  # Seoul, Incheon, Gyeonggi
METRO_SIDO = frozenset({11, 26, 27, 28, 29, 30, 31})  # 특별시 and 광역시
# Provinces whose codes changed after our 2022 list: 강원특별자치도 (2023), 전북특별자치도 (2024).
RENUMBERED_SIDO = {51: 42, 52: 45}
# Cities of 1,000,000+ (특례시) are grouped with large cities by some programs and not others;
# we do not know which group the emergency-welfare guideline uses, so they stay ambiguous.
SPECIAL_CITIES = ("수원시", "고양시", "용인시", "창원시")

_DATA = Path(__file__).resolve().parent / "data" / "sigungu.csv"


@cache
def _sigungu_kinds() -> np.ndarray:
    """Lookup table: 5-digit 시군구 code → area kind."""
    table = np.full(100_000, AMBIGUOUS, dtype=np.int8)
    with _DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code, sido, name = int(row["sigungu_code"]), int(row["sido_code"]), row["sigungu"]
            table[code] = _kind(sido, name)
    for new, old in RENUMBERED_SIDO.items():
        table[new * 1000 : new * 1000 + 1000] = table[old * 1000 : old * 1000 + 1000]
    return table


def _kind(sido: int, name: str) -> int:
    if sido in METRO_SIDO:
        # A 광역시's counties (e.g. 달성군, 기장군) may not count as a large city.
        return LARGE_CITY if name.endswith("구") else AMBIGUOUS
    if any(name.startswith(city) for city in SPECIAL_CITIES) or sido == 36:
        return AMBIGUOUS
    if name.endswith("군"):
        return RURAL
    if "시" in name:
        return MID_SMALL_CITY
    return AMBIGUOUS


def area_kinds(codes: np.ndarray) -> np.ndarray:
    """Area kind per 10-digit code (int64, negative for unknown)."""
    out = np.full(len(codes), MISSING, dtype=np.int8)
    known = codes >= 0
    out[known] = _sigungu_kinds()[codes[known] // 100_000]
    return out


def capital_region(codes: np.ndarray) -> np.ndarray:
    """1 inside Seoul, Incheon or Gyeonggi, 0 outside, -1 unknown."""
    out = np.full(len(codes), -1, dtype=np.int8)
    known = codes >= 0
    out[known] = np.isin(codes[known] // 100_000_000, list(CAPITAL_SIDO)).astype(np.int8)
    return out


@dataclass(frozen=True)
class District:
    code: str  # 5-digit 시군구 code
    sido: str
    name: str
    first_dong_code: str  # a dong inside it: the rules only look at the district and the province


@cache
def districts() -> tuple[District, ...]:
    """Every 시·군·구, for a resident to pick from (the rules need no finer place than this)."""
    with _DATA.open(encoding="utf-8") as fh:
        return tuple(
            District(row["sigungu_code"], row["sido"], row["sigungu"], row["first_dong_code"]) for row in csv.DictReader(fh)
        )
