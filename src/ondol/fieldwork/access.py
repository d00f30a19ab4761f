"""Who may see and work which worklist items; the only way views fetch an item.

Community-centre staff work the items of the dong(s) their centre serves; district-office staff
(not planners, who see figures only) work their district's triage queue; administrators see all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ondol.accounts.access import agency_ids_of
from ondol.accounts.models import Role
from ondol.core import audit
from ondol.core.errors import NotFound, PermissionDenied
from ondol.core.models import Agency, AgencyKind, Region, RegionLevel
from ondol.fieldwork.models import WorkItem

WORK_ROLES = (Role.COUNSELLOR, Role.CENTRE_MANAGER, Role.ADMIN)
RESULT_ROLES = (*WORK_ROLES, Role.DISTRICT_PLANNER)


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def dongs_of(user: Any) -> QuerySet[Region]:
    """The dongs whose worklists the user works (through a community centre)."""
    agencies = Agency.objects.filter(id__in=agency_ids_of(user, *WORK_ROLES), kind=AgencyKind.COMMUNITY_CENTRE)
    return Region.objects.filter(level=RegionLevel.DONG, agencies__in=agencies).distinct()


def districts_of(user: Any, *roles: str) -> QuerySet[Region]:
    """The districts (sigungu) served by the user's district offices."""
    agencies = Agency.objects.filter(id__in=agency_ids_of(user, *(roles or WORK_ROLES)),
                                     kind=AgencyKind.DISTRICT_OFFICE)
    return Region.objects.filter(level=RegionLevel.SIGUNGU, agencies__in=agencies).distinct()


def works_for_a_city(user: Any) -> bool:
    """Staff of a city hall (a district office serving a whole sido) take what no district could place."""
    return Agency.objects.filter(id__in=agency_ids_of(user, *WORK_ROLES), kind=AgencyKind.DISTRICT_OFFICE,
                                 regions__level=RegionLevel.SIDO).exists()


def visible_items(user: Any) -> Q:
    """One expression for lists and single look-ups alike."""
    if is_admin(user):
        return Q()
    dong_ids = list(dongs_of(user).values_list("id", flat=True))
    district_ids = list(districts_of(user).values_list("id", flat=True))
    visible = Q(dong_id__in=dong_ids) | Q(dong__isnull=True, district_id__in=district_ids)
    if works_for_a_city(user):
        visible |= Q(dong__isnull=True, district__isnull=True)
    return visible


def items_for(user: Any) -> QuerySet[WorkItem]:
    return WorkItem.objects.filter(visible_items(user))


def access_item_by_id(user: Any, item_id: int, *, request: Any = None, for_update: bool = False) -> WorkItem:
    """The item if `user` may work it; NotFound otherwise (missing and forbidden look alike)."""
    # Lock only the item row: its nullable related rows come through outer joins, which PostgreSQL cannot lock.
    items = WorkItem.objects.select_for_update(of=("self",)) if for_update else WorkItem.objects
    item = items.select_related("dong", "district", "assigned_to").filter(pk=item_id).filter(
        visible_items(user)).first()
    if item is None:
        raise NotFound(_("No such worklist item."))
    audit.record_view(user, item, request=request)
    return item


def require_item(user: Any, item_id: int) -> WorkItem:
    """The item if `user` may work it, without an audit entry: for fragments that show nothing of the
    household (the survey page's questions re-drawn while answering); NotFound otherwise."""
    item = items_for(user).filter(pk=item_id).first()
    if item is None:
        raise NotFound(_("No such worklist item."))
    return item


def require_fieldwork_staff(user: Any) -> Any:
    if not (is_admin(user) or agency_ids_of(user, *RESULT_ROLES)):
        raise PermissionDenied()
    return user


def can_work(user: Any) -> bool:
    return is_admin(user) or dongs_of(user).exists() or districts_of(user).exists() or works_for_a_city(user)


def result_scope(user: Any) -> Q:
    """Which items the user may count in round results: their dongs, districts or city."""
    if is_admin(user):
        return Q()
    agencies = Agency.objects.filter(id__in=agency_ids_of(user, *RESULT_ROLES))
    scope = Q(pk__in=[])
    for region in Region.objects.filter(agencies__in=agencies).distinct():
        if region.level == RegionLevel.DONG:
            scope |= Q(dong=region)
        elif region.level == RegionLevel.SIGUNGU:
            scope |= Q(dong__code__startswith=region.code[:5]) | Q(district=region)
        else:
            scope |= Q(dong__code__startswith=region.code[:2]) | Q(district__code__startswith=region.code[:2])
    return scope
