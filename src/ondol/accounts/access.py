"""Who a staff user is: their agencies and roles. Every app asks these, never the tables directly."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ondol.accounts.models import Membership, Role, User
from ondol.core.errors import PermissionDenied
from ondol.core.models import Agency

STAFF_ROLES = tuple(Role.values)


def _memberships(user: Any) -> QuerySet[Membership]:
    if user is None or not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True, agency__is_active=True)


def agency_ids_of(user: Any, *roles: str) -> set[int]:
    """Ids of the agencies where the user holds any of `roles` (any role when none is given)."""
    memberships = _memberships(user)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return set(memberships.values_list("agency_id", flat=True))


def agencies_of(user: Any) -> QuerySet[Agency]:
    return Agency.objects.filter(id__in=agency_ids_of(user))


def roles_of(user: Any, *, agency: Agency | None = None) -> set[str]:
    memberships = _memberships(user)
    if agency is not None:
        memberships = memberships.filter(agency=agency)
    return set(memberships.values_list("role", flat=True))


def has_role(user: Any, *roles: str, agency: Agency | None = None) -> bool:
    """True if the user holds one of `roles` (at `agency`, when given)."""
    return bool(roles_of(user, agency=agency) & set(roles))


def is_staff_member(user: Any) -> bool:
    return bool(roles_of(user)) or bool(getattr(user, "is_superuser", False))


def require_staff(user: Any) -> User:
    """Return the user if they work at an agency; refuse everyone else."""
    if not is_staff_member(user):
        raise PermissionDenied()
    return user  # type: ignore[no-any-return]


def require_role(user: Any, *roles: str, agency: Agency | None = None) -> User:
    if not has_role(user, *roles, agency=agency):
        raise PermissionDenied()
    return user  # type: ignore[no-any-return]
