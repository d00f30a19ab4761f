"""Service levels per category: when an answer is due, and whether a complaint is on track, at risk or breached."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ondol.cases.calendar import add_business_days
from ondol.complaints.models import Complaint

# Answers are due by the end of the office day.
END_OF_DAY = dt.time(18, 0)
# Past this share of the allowed time, a complaint is at risk.
AT_RISK_SHARE = 0.75

SLA_LABELS = {
    "on_track": _("On track"),
    "at_risk": _("At risk"),
    "breached": _("Deadline passed"),
    "met": _("Answered in time"),
    "missed": _("Answered late"),
}


def due_at(submitted: dt.datetime, business_days: int) -> dt.datetime:
    """End of the office day `business_days` business days after submission (the day itself not counted)."""
    local = timezone.localtime(submitted)
    due_day = add_business_days(local.date(), max(business_days, 1))
    return timezone.make_aware(dt.datetime.combine(due_day, END_OF_DAY), timezone.get_current_timezone())


def sla_state(complaint: Complaint, *, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    if complaint.is_closed and complaint.closed_at is not None:
        return "met" if complaint.closed_at <= complaint.due_at else "missed"
    if now > complaint.due_at:
        return "breached"
    allowed = (complaint.due_at - complaint.submitted_at).total_seconds()
    elapsed = (now - complaint.submitted_at).total_seconds()
    return "at_risk" if allowed > 0 and elapsed / allowed >= AT_RISK_SHARE else "on_track"
