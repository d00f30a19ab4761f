"""Loading reference data (regions) and keeping agencies in shape."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ondol.core.errors import InvalidInput
from ondol.core.models import Region, RegionLevel

REGION_COLUMNS = ["adm_code", "sido", "sigungu", "dong", "sido_code", "sigungu_code", "stat_code", "lon", "lat"]


def default_regions_file() -> Path:
    return Path(settings.SHARED_DATA_DIR) / "korea_admin_dong.csv"


@dataclass(frozen=True)
class RegionLoadReport:
    sido: int
    sigungu: int
    dong: int
    created: int
    updated: int


@dataclass(frozen=True)
class _DongRow:
    code: str
    sido: str
    sigungu: str
    dong: str
    sido_code: str
    sigungu_code: str
    stat_code: str
    lon: float
    lat: float


def _parse_rows(text: str) -> list[_DongRow]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in REGION_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInput(
            _("The regions file is missing these columns: %(columns)s.") % {"columns": ", ".join(missing)},
            code="regions_bad_header",
        )
    rows: list[_DongRow] = []
    seen: set[str] = set()
    for line_number, raw in enumerate(reader, start=2):
        code = (raw["adm_code"] or "").strip()
        try:
            if len(code) != 10 or not code.isdigit():
                raise ValueError("code")
            if not code.startswith(raw["sigungu_code"].strip()) or not code.startswith(raw["sido_code"].strip()):
                raise ValueError("prefix")
            lon, lat = float(raw["lon"]), float(raw["lat"])
            if not (124 <= lon <= 132 and 33 <= lat <= 39):
                raise ValueError("coordinates")
            if not raw["dong"].strip() or not raw["sido"].strip():
                raise ValueError("name")
        except (ValueError, TypeError, AttributeError) as error:
            raise InvalidInput(
                _("Line %(line)s of the regions file is not valid (%(problem)s); nothing was loaded.")
                % {"line": line_number, "problem": str(error)},
                code="regions_bad_row",
            ) from error
        if code in seen:
            raise InvalidInput(
                _("The code %(code)s appears twice in the regions file (line %(line)s); nothing was loaded.")
                % {"code": code, "line": line_number},
                code="regions_duplicate_code",
            )
        seen.add(code)
        rows.append(
            _DongRow(
                code=code,
                sido=raw["sido"].strip(),
                sigungu=raw["sigungu"].strip(),
                dong=raw["dong"].strip(),
                sido_code=raw["sido_code"].strip(),
                sigungu_code=raw["sigungu_code"].strip(),
                stat_code=(raw["stat_code"] or "").strip(),
                lon=lon,
                lat=lat,
            )
        )
    if not rows:
        raise InvalidInput(_("The regions file has no rows; nothing was loaded."), code="regions_empty")
    return rows


def _upsert(code: str, values: dict[str, object], counts: dict[str, int]) -> Region:
    region, created = Region.objects.update_or_create(code=code, defaults=values)
    counts["created" if created else "updated"] += 1
    return region


@transaction.atomic
def load_regions(*, path: Path | None = None, sido_codes: set[str] | None = None) -> RegionLoadReport:
    """Load (or refresh) sido, sigungu and dong rows from the regions CSV; all or nothing."""
    file_path = Path(path) if path else default_regions_file()
    try:
        text = file_path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise InvalidInput(
            _("The regions file %(path)s does not exist.") % {"path": file_path}, code="regions_missing_file"
        ) from error
    except UnicodeDecodeError as error:
        raise InvalidInput(
            _("The regions file %(path)s is not UTF-8 text.") % {"path": file_path}, code="regions_bad_encoding"
        ) from error
    rows = _parse_rows(text)
    if sido_codes:
        rows = [row for row in rows if row.sido_code in sido_codes]

    counts = {"created": 0, "updated": 0}
    sidos: dict[str, Region] = {}
    sigungus: dict[str, Region] = {}
    for row in rows:
        if row.sido_code not in sidos:
            sidos[row.sido_code] = _upsert(
                row.sido_code,
                {"level": RegionLevel.SIDO, "name": row.sido, "parent": None, "sido_name": row.sido,
                 "sigungu_name": ""},
                counts,
            )
        if row.sigungu_code not in sigungus:
            sigungus[row.sigungu_code] = _upsert(
                row.sigungu_code,
                {"level": RegionLevel.SIGUNGU, "name": row.sigungu, "parent": sidos[row.sido_code],
                 "sido_name": row.sido, "sigungu_name": row.sigungu},
                counts,
            )
        _upsert(
            row.code,
            {"level": RegionLevel.DONG, "name": row.dong, "parent": sigungus[row.sigungu_code],
             "sido_name": row.sido, "sigungu_name": row.sigungu, "stat_code": row.stat_code,
             "lon": row.lon, "lat": row.lat},
            counts,
        )
    _set_centroids(sidos.values())
    _set_centroids(sigungus.values())
    return RegionLoadReport(
        sido=len(sidos), sigungu=len(sigungus), dong=len(rows), created=counts["created"], updated=counts["updated"]
    )


def _set_centroids(regions: Iterable[Region]) -> None:
    """Give provinces and districts the mean of their dongs' centroids, for maps."""
    for region in regions:
        dongs = Region.objects.filter(level=RegionLevel.DONG, code__startswith=region.code)
        points = [(lon, lat) for lon, lat in dongs.values_list("lon", "lat") if lon is not None and lat is not None]
        if points:
            region.lon = sum(p[0] for p in points) / len(points)
            region.lat = sum(p[1] for p in points) / len(points)
            region.save(update_fields=["lon", "lat"])
