"""Regions API: which dong and community centre an address or a map point belongs to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema

from ondol.core import region_lookup
from ondol.core.errors import InvalidInput
from ondol.core.languages import current_language, normalize_language

router = Router(tags=["regions"])


class CentreOut(Schema):
    name: str
    name_en: str
    address: str
    phone: str
    languages: list[str]
    opening_hours: list[str]


class DongOut(Schema):
    dong_code: str
    dong: str
    dong_latin: str
    sigungu: str
    sido: str


class LookupOut(Schema):
    dong_code: str | None
    dong: str | None
    dong_latin: str | None
    sigungu: str | None
    sido: str | None
    approximate: bool
    distance_km: float | None
    centre: CentreOut | None
    candidates: list[DongOut]
    message: str


@router.get("/lookup", response=LookupOut, summary="Find the dong and community centre of an address or a point")
def lookup(request: HttpRequest, address: str = "", lat: float | None = None, lon: float | None = None,
           lang: str | None = None) -> dict[str, Any]:
    """`?address=대전 유성구 온천1동` (Hangul or romanised, spaces optional) or `?lat=36.35&lon=127.30`.

    Ambiguous addresses return `candidates` and no dong; a point returns the dong with the nearest centroid
    and `approximate: true`. `lang` chooses the language of messages and opening hours.
    """
    language = normalize_language(lang, default=None) or current_language()
    with translation.override(language):
        if address.strip():
            result = region_lookup.lookup_address(address)
        elif lat is not None and lon is not None:
            result = region_lookup.lookup_point(lat, lon)
        else:
            raise InvalidInput(_("Send an address, or a latitude and a longitude."),
                               fields={"address": _("Type an address.")})
        return region_lookup.result_as_dict(result, lang=language)
