"""The staff queue and complaint counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ondol.complaints.access import complaints_visible_to
from ondol.complaints.models import CLOSED_STATUSES, Complaint
from ondol.complaints.sla import sla_state
from ondol.core import audit

QUEUE_LIMIT = 500


@dataclass(frozen=True)
class QueueRow:
    complaint: Complaint
    sla: str


def queue_for(user: Any, *, category: str = "", status: str = "", sla: str = "", mine: bool = False,
              include_closed: bool = False) -> list[QueueRow]:
    complaints = Complaint.objects.filter(complaints_visible_to(user)).select_related(
        "category", "assigned_to", "agency").order_by("due_at")
    if not include_closed and not status:
        complaints = complaints.exclude(status__in=CLOSED_STATUSES)
    if category:
        complaints = complaints.filter(category__code=category)
    if status:
        complaints = complaints.filter(status=status)
    if mine:
        complaints = complaints.filter(assigned_to=user)
    now = timezone.now()
    rows = [QueueRow(complaint, sla_state(complaint, now=now)) for complaint in complaints[:QUEUE_LIMIT]]
    if sla:
        rows = [row for row in rows if row.sla == sla]
    if rows:
        audit.record_event(user, action="list", target_type="complaints.complaint",
                           detail=f"ids={[row.complaint.pk for row in rows][:200]}")
    return rows


def sla_counts(rows: list[QueueRow]) -> dict[str, int]:
    return dict(Counter(row.sla for row in rows))
