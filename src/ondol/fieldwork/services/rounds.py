"""Worklists follow published discovery rounds: new rounds (and new items) are picked up when staff look."""

from __future__ import annotations

from typing import Any

from ondol.discovery.models import DiscoveryItem, DiscoveryRound, RoundStatus
from ondol.fieldwork.models import Source, WorkItem
from ondol.fieldwork.services.worklists import import_round


def _rows(items: Any) -> list[dict[str, Any]]:
    return [{"discovery_item_id": item.pk, "household_id": item.household_id, "dong_code": item.dong_code,
             "score": item.score, "rank_in_dong": item.rank_in_dong, "reasons": item.reasons,
             "registered_address": item.registered_address, "actual_address": item.actual_address,
             "head_nationality": item.head_nationality, "language": item.language, "members": item.members,
             "single_person": item.single_person} for item in items]


def sync_published_rounds(actor: Any = None) -> int:
    """Copy every published item that has no worklist item yet; cheap when nothing is new."""
    created = 0
    for discovery_round in DiscoveryRound.objects.filter(status=RoundStatus.PUBLISHED):
        items = DiscoveryItem.objects.filter(round=discovery_round, dong__isnull=False)
        have = WorkItem.objects.filter(round=discovery_round.name, source=Source.DISCOVERY).count()
        if have >= items.count():
            continue
        known = set(WorkItem.objects.filter(round=discovery_round.name, source=Source.DISCOVERY)
                    .values_list("household_id", flat=True))
        missing = [item for item in items if item.household_id not in known]
        created += import_round(actor, round=discovery_round.name, rows=_rows(missing))
    return created
