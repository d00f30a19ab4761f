"""Address → dong, through the shared region look-up (Hangul or romanised, with or without spaces)."""

from __future__ import annotations

from ondol.core.errors import DomainError
from ondol.core.models import Region, RegionLevel
from ondol.core.region_lookup import lookup_address


def place_address(address: str) -> tuple[Region | None, Region | None]:
    """(dong, district) for an address. Only one certain dong counts: several candidates or none leave the
    dong empty, and the district is kept when every candidate lies in the same one, so that the district's
    triage queue gets the item rather than a guessed centre."""
    try:
        result = lookup_address(address)
    except DomainError:
        return None, None
    if result.dong is not None:
        dong = Region.objects.select_related("parent").filter(code=result.dong.code).first()
        return dong, (dong.parent if dong else None)
    districts = {candidate.code[:5] for candidate in result.candidates}
    if len(districts) == 1:
        return None, Region.objects.filter(code=districts.pop(), level=RegionLevel.SIGUNGU).first()
    return None, None
