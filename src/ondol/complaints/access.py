"""The only way to fetch complaints for staff. The public sees a complaint only through its tracking number,
and then only the public view (`public.py`), which holds no personal data."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from ondol.cases.access import casework_agency_ids, is_enforcement_viewer
from ondol.complaints.models import Complaint
from ondol.core import audit
from ondol.core.errors import NotFound


def complaints_visible_to(user: Any) -> Q:
    ids = casework_agency_ids(user)
    return Q(agency_id__in=ids) | Q(referred_to_id__in=ids)


def access_complaint_by_id(user: Any, complaint_id: int, *, for_update: bool = False,
                           request: HttpRequest | None = None) -> Complaint:
    complaints = Complaint.objects.filter(complaints_visible_to(user)).select_related("category", "agency")
    if for_update:
        complaints = complaints.select_for_update()
    complaint = complaints.filter(pk=complaint_id).first()
    if complaint is None:
        raise NotFound(_("No such complaint."))
    audit.record_view(user, complaint, request=request)
    return complaint


def may_see_location(user: Any) -> bool:
    """Addresses never reach enforcement agencies, here as in the cases module."""
    return not is_enforcement_viewer(user)
