"""Which administrative dong (and so which community centre) an address or a map point belongs to.

Addresses are matched against the names of provinces, districts and dongs in the `Region` table, in
Hangul or romanised, with or without spaces ("대전 유성구 온천1동", "대전유성구온천1동",
"Oncheon 1-dong, Yuseong-gu, Daejeon"). The longest names found win and must agree with each other;
several dongs left → candidates (never a guess); none → close names as candidates, or a clear message.
Coordinates give the dong with the nearest centroid, flagged approximate: centroids are not boundaries.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from ondol.core.errors import InvalidInput, NotFound
from ondol.core.hours import describe_opening_hours
from ondol.core.models import Agency, AgencyKind, Region, RegionLevel
from ondol.core.romanize import compact, romanize_hangul

# A point farther than this from every dong centroid is not in the area we know.
MAX_DISTANCE_KM = 25.0
MAX_CANDIDATES = 8
# When only the district is known, all its dongs are offered (the largest districts have about 40).
MAX_DISTRICT_DONGS = 60

_SIDO_SHORT = {
    "서울특별시": ["서울", "서울시"], "부산광역시": ["부산", "부산시"], "대구광역시": ["대구", "대구시"],
    "인천광역시": ["인천", "인천시"], "광주광역시": ["광주광역"], "대전광역시": ["대전", "대전시"],
    "울산광역시": ["울산", "울산시"], "세종특별자치시": ["세종", "세종시"], "경기도": ["경기"],
    "강원도": ["강원", "강원특별자치도"], "충청북도": ["충북"], "충청남도": ["충남"],
    "전라북도": ["전북", "전북특별자치도"], "전라남도": ["전남"], "경상북도": ["경북"], "경상남도": ["경남"],
    "제주특별자치도": ["제주", "제주도"],
}
_LEVEL_PRIORITY: dict[str, int] = {RegionLevel.SIDO: 0, RegionLevel.SIGUNGU: 1, RegionLevel.DONG: 2}
_LOOSE_CONSONANTS = str.maketrans("rgdbj", "lktpc")
_NON_HANGUL = re.compile(r"[^\uac00-\ud7a30-9]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")


def hangul_key(text: str) -> str:
    """Hangul and digits only, with the "제" of numbered dongs dropped: "상일제1동" → "상일1동"."""
    key = _NON_HANGUL.sub("", text)
    return re.sub(r"제(?=\d)", "", key)


def latin_key(text: str) -> str:
    """A loose romanised key that forgives the usual spelling differences (Taejon/Daejeon, Sillim/Sinrim)."""
    key = compact(text)
    for old, new in (("eo", "o"), ("eu", "u"), ("ae", "e"), ("oe", "e"), ("wo", "o"), ("nl", "l"), ("ln", "l")):
        key = key.replace(old, new)
    key = key.translate(_LOOSE_CONSONANTS).replace("ch", "c")
    return re.sub(r"(.)\1+", r"\1", key)


@dataclass(frozen=True)
class DongRef:
    code: str
    dong: str
    sigungu: str
    sido: str
    lon: float | None = None
    lat: float | None = None

    @property
    def latin(self) -> str:
        """"온천1동" → "Oncheon 1-dong", the way road signs write it."""
        parts = re.fullmatch(r"(.*?)(\d[\d·]*)?(가동|동|읍|면|가)", self.dong)
        if not parts:
            return romanize_hangul(self.dong).capitalize()
        base, number, suffix = parts.groups()
        name = romanize_hangul(base).capitalize()
        if number:
            name += f" {number.replace('·', '.')}"
        return f"{name}-{romanize_hangul(suffix)}"

    def as_dict(self) -> dict[str, Any]:
        return {"dong_code": self.code, "dong": self.dong, "dong_latin": self.latin,
                "sigungu": self.sigungu, "sido": self.sido}


@dataclass
class LookupResult:
    dong: DongRef | None
    approximate: bool = False
    candidates: list[DongRef] = field(default_factory=list)
    message: str = ""
    distance_km: float | None = None


@dataclass(frozen=True)
class _Name:
    level: str
    code: str
    key: str


class _Index:
    """Every name key of every region, in both key forms, plus the dong centroids."""

    def __init__(self, regions: list[Region]):
        self.dongs: dict[str, DongRef] = {}
        self.hangul: list[_Name] = []
        self.latin: list[_Name] = []
        for region in regions:
            names = self._names(region)
            for name in names:
                if len(hangul_key(name)) >= 2:
                    self.hangul.append(_Name(region.level, region.code, hangul_key(name)))
                if len(latin_key(name)) >= 3:
                    self.latin.append(_Name(region.level, region.code, latin_key(name)))
            if region.level == RegionLevel.DONG:
                self.dongs[region.code] = DongRef(region.code, region.name, region.sigungu_name, region.sido_name,
                                                  region.lon, region.lat)
        with_points = [dong for dong in self.dongs.values() if dong.lat is not None and dong.lon is not None]
        self.point_dongs = with_points
        self.points = np.radians(np.array([[d.lat, d.lon] for d in with_points], dtype=np.float64).reshape(-1, 2))

    @staticmethod
    def _names(region: Region) -> list[str]:
        name = region.name
        if region.level == RegionLevel.SIDO:
            return [name, *_SIDO_SHORT.get(name, [])]
        if region.level == RegionLevel.SIGUNGU:
            names = [name]
            city_and_gu = re.fullmatch(r"(.+시)(.+구)", name)
            if city_and_gu:  # "수원시장안구": people write "수원시 장안구", "장안구" or "수원"
                names += [city_and_gu.group(1), city_and_gu.group(2), city_and_gu.group(1)[:-1]]
            elif len(name) >= 3:
                names.append(name[:-1])  # "유성구" → "유성", "Yuseong"
            return names
        names = [name, name.replace("·", "")]
        numbered = re.fullmatch(r"(.+?\d)(?:·?\d)*가?[동읍면]", name)
        if numbered:  # "온천1동" → "온천1" as well, since people drop the suffix before a number
            names.append(numbered.group(1))
        return names

    def matches(self, names: list[_Name], text: str, *, word_starts: set[int],
                word_ends: set[int] | None = None) -> list[tuple[int, int, _Name]]:
        """Non-overlapping name matches, longest first (then province before district before dong).

        A dong must begin a word or follow a province or district name, so that "온천일동" does not
        become the dong "일동"; with `word_ends` (romanised input) it must also end one, so that
        "Daejeon Dong-gu" does not hide "Daechon-dong". Hangul dongs may be followed by a particle (에, 은).
        """
        found = []
        for name in names:
            start = text.find(name.key)
            while start >= 0:
                found.append((start, start + len(name.key), name))
                start = text.find(name.key, start + 1)
        regions = [m for m in found if m[2].level != RegionLevel.DONG]
        starts = set(word_starts) | {end for _s, end, _n in regions}
        ends = None if word_ends is None else set(word_ends) | {start for start, _e, _n in regions} | {len(text)}
        found = [m for m in found if m[2].level != RegionLevel.DONG
                 or (m[0] in starts and (ends is None or m[1] in ends))]
        found.sort(key=lambda m: (-(m[1] - m[0]), _LEVEL_PRIORITY[m[2].level], m[0]))
        taken: list[tuple[int, int, _Name]] = []
        spans: list[tuple[int, int]] = []
        for start, end, name in found:
            same_span = any(s == start and e == end for s, e in spans)
            if same_span or not any(s < end and start < e for s, e in spans):
                taken.append((start, end, name))
                spans.append((start, end))
        return taken


_INDEX: _Index | None = None
_VERSION: Any = None
_LOCK = threading.Lock()


def _index() -> _Index:
    global _INDEX, _VERSION
    version = tuple(Region.objects.aggregate(n=Count("id"), top=Max("id")).values())
    if _INDEX is None or version != _VERSION:
        with _LOCK:
            _INDEX = _Index(list(Region.objects.all()))
            _VERSION = version
    return _INDEX


def _close_names(index: _Index, text: str, scope: list[DongRef]) -> list[DongRef]:
    if not text or not scope:
        return []
    use_hangul = bool(_HANGUL.search(text))
    choices = {dong.code: (hangul_key(dong.dong) if use_hangul else latin_key(dong.dong)) for dong in scope}
    key = hangul_key(text) if use_hangul else latin_key(text)
    found = process.extract(key, choices, scorer=fuzz.partial_ratio, limit=MAX_CANDIDATES, score_cutoff=75)
    return [index.dongs[code] for _choice, _score, code in found]


def _joined(address: str, key: Any) -> tuple[str, set[int], set[int]]:
    """The keys of the address's words joined without spaces, and where each word starts and ends.

    A letter doubled across a space counts once ("Yuseong gu" → "yusonku", as "유성구" does).
    """
    text, starts, ends = "", set(), set()
    for word in re.split(r"[\s,]+", address):
        part = key(word)
        if not part:
            continue
        if text and part[0] == text[-1] and key is latin_key:
            starts.add(len(text) - 1)
            text += part[1:]
        else:
            starts.add(len(text))
            text += part
        ends.add(len(text))
    return text, starts, ends


def lookup_address(address: str) -> LookupResult:
    """The dong an address names, or candidates when it is ambiguous; NotFound when nothing is close."""
    address = " ".join((address or "").split())
    if len(address) < 2:
        raise InvalidInput(_("Type an address, for example 대전 유성구 온천1동."),
                           fields={"address": _("Type an address.")})
    index = _index()
    latin_input = bool(_LATIN.search(address)) or not _HANGUL.search(address)
    if latin_input:
        text, starts, ends = _joined(address, latin_key)
        matches = index.matches(index.latin, text, word_starts=starts, word_ends=ends)
    else:
        text, starts, _ends = _joined(address, hangul_key)
        matches = index.matches(index.hangul, text, word_starts=starts)
    sidos = {m[2].code for m in matches if m[2].level == RegionLevel.SIDO}
    sigungus = {m[2].code for m in matches if m[2].level == RegionLevel.SIGUNGU}
    named = [index.dongs[m[2].code] for m in matches if m[2].level == RegionLevel.DONG]

    def fits(dong: DongRef) -> bool:
        return (not sidos or dong.code[:2] in sidos) and (not sigungus or dong.code[:5] in sigungus)

    dongs = sorted({dong.code: dong for dong in named if fits(dong)}.values(), key=lambda d: d.code)
    if len(dongs) == 1:
        return LookupResult(dongs[0])
    if len(dongs) > 1:
        return LookupResult(None, candidates=dongs[:MAX_CANDIDATES],
                            message=_("Several dongs have this name. Choose yours from the list."))
    scope = [dong for dong in index.dongs.values() if fits(dong)] if (sidos or sigungus) else list(index.dongs.values())
    close = _close_names(index, address, scope)
    if close:
        return LookupResult(None, candidates=close,
                            message=_("We could not find this dong exactly. Did you mean one of these?"))
    if sigungus:
        return LookupResult(None, candidates=sorted(scope, key=lambda d: d.dong)[:MAX_DISTRICT_DONGS],
                            message=_("We found your district but not your dong. Add the dong name, or choose it."))
    raise NotFound(_("We could not find this address. Write the city, the district and the dong, "
                     "for example 대전 유성구 온천1동, or ask your community centre."), code="address_not_found")


def lookup_point(lat: float, lon: float) -> LookupResult:
    """The dong whose centroid is nearest to the point: approximate, because dongs are areas, not points."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidInput(_("These are not valid coordinates."), fields={"lat": _("Check the latitude.")})
    index = _index()
    if not len(index.point_dongs):
        raise NotFound(_("No regions are loaded yet."), code="regions_not_loaded")
    here = np.radians([lat, lon])
    dlat, dlon = index.points[:, 0] - here[0], index.points[:, 1] - here[1]
    a = np.sin(dlat / 2) ** 2 + np.cos(here[0]) * np.cos(index.points[:, 0]) * np.sin(dlon / 2) ** 2
    distances = 2 * 6371.0 * np.arcsin(np.sqrt(a))
    nearest = int(np.argmin(distances))
    distance = float(distances[nearest])
    if distance > MAX_DISTANCE_KM:
        raise NotFound(_("This place is outside the area we know. Type your address instead."),
                       code="point_outside_area")
    return LookupResult(index.point_dongs[nearest], approximate=True, distance_km=round(distance, 2),
                        message=_("This is the dong whose centre is nearest to the point. Dong borders are not "
                                  "straight lines, so please check the address with the community centre."))


def lookup_dong_code(code: str) -> DongRef:
    dong = _index().dongs.get((code or "").strip())
    if dong is None:
        raise NotFound(_("We do not know this dong code."), code="dong_not_found")
    return dong


def community_centre(dong: DongRef, *, lang: str | None = None) -> dict[str, Any] | None:
    """The active community centre serving the dong, with its opening hours in the reader's language."""
    centre = (Agency.objects.filter(kind=AgencyKind.COMMUNITY_CENTRE, is_active=True, regions__code=dong.code)
              .order_by("id").first())
    if centre is None:
        return None
    return {
        "name": centre.name,
        "name_en": centre.name_en,
        "address": centre.address,
        "phone": centre.phone,
        "languages": list(centre.languages or []),
        "opening_hours": describe_opening_hours(centre.opening_hours, lang),
    }


def result_as_dict(result: LookupResult, *, lang: str | None = None) -> dict[str, Any]:
    """The look-up as the API returns it."""
    dong = result.dong
    return {
        "dong_code": dong.code if dong else None,
        "dong": dong.dong if dong else None,
        "dong_latin": dong.latin if dong else None,
        "sigungu": dong.sigungu if dong else None,
        "sido": dong.sido if dong else None,
        "approximate": result.approximate,
        "distance_km": result.distance_km,
        "centre": community_centre(dong, lang=lang) if dong else None,
        "candidates": [candidate.as_dict() for candidate in result.candidates],
        "message": str(result.message),
    }

