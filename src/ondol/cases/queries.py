"""Read models: lists of clients, cases and referrals, the overdue list, and aggregates for planners.

Lists filter with the same `visible_to` expressions as single look-ups, and every list that shows names
writes one audit entry naming the records shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ondol.accounts.access import agency_ids_of, has_role
from ondol.accounts.models import Role
from ondol.cases.access import (
    cases_visible_to,
    casework_agency_ids,
    clients_visible_to,
    referrals_visible_to,
)
from ondol.cases.models import (
    Case,
    Client,
    Consultation,
    PlanItem,
    PlanItemStatus,
    Referral,
    ReferralStatus,
    Task,
)
from ondol.cases.workflow import OPEN_STATUSES
from ondol.core import audit
from ondol.core.errors import PermissionDenied
from ondol.core.models import Region, RegionLevel


def _audit_list(user: Any, target_type: str, ids: list[int]) -> None:
    if ids:
        audit.record_event(user, action="list", target_type=target_type, detail=f"ids={ids[:200]}")


def search_clients(user: Any, *, text: str = "", limit: int = 50) -> list[Client]:
    clients = Client.objects.filter(clients_visible_to(user), merged_into__isnull=True)
    if text.strip():
        from ondol.cases.names import name_tokens

        lookup = Q(name_latin__icontains=text.strip()) | Q(name_hangul__icontains=text.strip()) | Q(
            name_native__icontains=text.strip())
        for token in name_tokens(text):
            lookup |= Q(name_index__contains=f" {token} ")
        clients = clients.filter(lookup)
    found = list(clients.select_related("agency")[:limit])
    _audit_list(user, "cases.client", [client.pk for client in found])
    return found


def cases_for(user: Any, *, status: str = "", mine: bool = False, limit: int = 100) -> list[Case]:
    cases = Case.objects.filter(cases_visible_to(user)).select_related("client", "agency", "counsellor")
    if status:
        cases = cases.filter(status=status)
    if mine:
        cases = cases.filter(counsellor=user)
    found = list(cases[:limit])
    _audit_list(user, "cases.case", [case.pk for case in found])
    return found


def referrals_for(user: Any, *, direction: str, status: str = "") -> QuerySet[Referral]:
    """`direction` is "to_us" (received by one of the user's agencies) or "by_us" (sent)."""
    ids = casework_agency_ids(user)
    referrals = Referral.objects.filter(referrals_visible_to(user)).select_related(
        "case", "case__client", "from_agency", "to_agency")
    referrals = referrals.filter(to_agency_id__in=ids) if direction == "to_us" else referrals.filter(
        from_agency_id__in=ids)
    if status:
        referrals = referrals.filter(status=status)
    return referrals


def overdue_referrals_q(today: dt.date) -> Q:
    return Q(status=ReferralStatus.PENDING, respond_by__lt=today) | Q(
        status=ReferralStatus.ACCEPTED, complete_by__lt=today)


@dataclass
class OverdueList:
    tasks: list[Task] = field(default_factory=list)
    plan_items: list[PlanItem] = field(default_factory=list)
    follow_ups: list[Consultation] = field(default_factory=list)
    referrals_to_us: list[Referral] = field(default_factory=list)
    referrals_by_us: list[Referral] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(items) for items in (self.tasks, self.plan_items, self.follow_ups, self.referrals_to_us,
                                            self.referrals_by_us))


def overdue_for(user: Any, *, today: dt.date | None = None) -> OverdueList:
    """What the counsellor should have done by now: their tasks, plan items and follow-ups, and their
    agencies' referrals waiting past their dates."""
    today = today or timezone.localdate()
    ids = casework_agency_ids(user)
    visible_cases = Case.objects.filter(cases_visible_to(user), status__in=OPEN_STATUSES)
    overdue = OverdueList(
        tasks=list(Task.objects.filter(assigned_to=user, done_at__isnull=True, due_on__lt=today,
                                       case__in=visible_cases).select_related("case")),
        plan_items=list(PlanItem.objects.filter(case__counsellor=user, case__in=visible_cases, due_on__lt=today,
                                                status__in=[PlanItemStatus.PLANNED, PlanItemStatus.IN_PROGRESS])
                        .select_related("case")),
        follow_ups=list(Consultation.objects.filter(counsellor=user, follow_up_on__lt=today,
                                                    follow_up_on__gte=today - dt.timedelta(days=60))
                        .filter(Q(case__isnull=True) | Q(case__in=visible_cases)).select_related("client")),
        referrals_to_us=list(Referral.objects.filter(overdue_referrals_q(today), to_agency_id__in=ids)
                             .select_related("from_agency", "case")),
        referrals_by_us=list(Referral.objects.filter(overdue_referrals_q(today), from_agency_id__in=ids)
                             .select_related("to_agency", "case")),
    )
    return overdue


# Cells smaller than this are shown as "fewer than" so that a planner cannot single a person out.
SMALL_CELL = 3


def _suppress(rows: dict[str, int]) -> dict[str, int | None]:
    return {key: (value if value >= SMALL_CELL else None) for key, value in rows.items()}


def aggregates_for(user: Any) -> dict[str, Any]:
    """Counts for the districts a planner (or manager) covers; no names, no single records, small cells hidden."""
    if not has_role(user, Role.DISTRICT_PLANNER, Role.CENTRE_MANAGER, Role.ADMIN):
        raise PermissionDenied()
    regions = Region.objects.filter(agencies__id__in=agency_ids_of(user))
    dongs = Region.objects.filter(
        Q(pk__in=regions.filter(level=RegionLevel.DONG))
        | Q(parent__in=regions.filter(level=RegionLevel.SIGUNGU))
        | Q(parent__parent__in=regions.filter(level=RegionLevel.SIDO))
    )
    cases = Case.objects.filter(client__dong__in=dongs)
    referrals = Referral.objects.filter(case__in=cases)

    def counted(queryset: QuerySet[Any], field_name: str) -> dict[str, int | None]:
        return _suppress({row[field_name] or "": row["n"] for row in
                          queryset.values(field_name).annotate(n=Count("pk")).order_by(field_name)})

    audit.record_event(user, action="aggregate", target_type="cases.case", detail="district aggregates")
    return {
        "regions": sorted({region.full_name for region in regions}),
        "cases_by_status": counted(cases, "status"),
        "cases_by_risk": counted(cases, "risk_level"),
        "cases_by_source": counted(cases, "source"),
        "cases_by_dong": counted(cases, "client__dong__name"),
        "clients_by_nationality": counted(Client.objects.filter(dong__in=dongs, merged_into__isnull=True),
                                          "nationality"),
        "referrals_by_status": counted(referrals, "status"),
        "consultations_by_topic": counted(Consultation.objects.filter(client__dong__in=dongs), "topic"),
        "small_cell": SMALL_CELL,
    }
