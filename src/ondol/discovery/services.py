"""Write a run's selected households into the database, where the field-work app finds them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput
from ondol.core.models import Region
from ondol.discovery.models import DiscoveryItem, DiscoveryRound, RoundStatus
from ondol.discovery.pipeline.rounds import is_round

# The language a household most likely reads, from the nationality of its head; a guess the
# field worker corrects after the first visit.
LANGUAGE_BY_NATIONALITY = {
    "KR": "ko", "CN": "zh-hans", "TW": "zh-hans", "VN": "vi", "TH": "th", "RU": "ru", "KZ": "ru", "KG": "ru",
    "UZ": "uz", "MN": "mn", "NP": "ne", "PH": "tl", "ID": "id", "JP": "ja", "KH": "km", "LA": "lo",
}


def _json_ready(reason: Mapping[str, Any]) -> dict[str, Any]:
    value = dict(reason)
    if value.get("observed_on") is not None:
        value["observed_on"] = str(value["observed_on"])[:10]
    return value


@transaction.atomic
def do_publish_round(actor: Any, *, name: str, items: Iterable[Mapping[str, Any]], engine: str = "",
                     summary: Mapping[str, Any] | None = None, replace: bool = False) -> DiscoveryRound:
    """Publish the selected households of round `name`; all of them or, on any error, none."""
    if not is_round(name):
        raise InvalidInput(_("A round is written as year and month, for example 2025-05."),
                           fields={"round": _("Write the round as YYYY-MM.")})
    existing = DiscoveryRound.objects.select_for_update().filter(name=name).first()
    if existing is not None:
        if not replace:
            raise Conflict(_("Round %(round)s has already been published.") % {"round": name})
        audit.record_change(actor, existing, action="replaced", detail=f"items={existing.items.count()}")
        existing.delete()
    discovery_round = DiscoveryRound.objects.create(
        name=name, created_by=actor if getattr(actor, "pk", None) else None, status=RoundStatus.PUBLISHED,
        engine=engine, summary=dict(summary or {}),
    )
    rows = list(items)
    regions = dict(Region.objects.filter(code__in={str(r["dong_code"]) for r in rows}).values_list("code", "id"))
    DiscoveryItem.objects.bulk_create(
        [
            DiscoveryItem(
                round=discovery_round, household_id=str(row["household_id"]),
                dong_id=regions.get(str(row["dong_code"])), dong_code=str(row["dong_code"]),
                score=float(row["score"]), rank_in_dong=int(row["rank_in_dong"]),
                reasons=[_json_ready(r) for r in (row.get("reasons") or [])],
                registered_address=(row.get("registered_address") or "")[:300],
                actual_address=(row.get("actual_address") or "")[:300],
                head_nationality=str(row.get("head_nationality") or ""),
                language=LANGUAGE_BY_NATIONALITY.get(str(row.get("head_nationality") or ""), "en"),
                single_person=bool(row.get("single_person")), members=int(row.get("members") or 1),
            )
            for row in rows
        ],
        batch_size=2000,
    )
    audit.record_change(actor, discovery_round, action="published", detail=f"items={len(rows)}")
    return discovery_round
