"""Who may see which statistics. Every figure is an aggregate; these rules decide who may load and export."""

from __future__ import annotations

from typing import Any

from ondol.accounts.access import has_role, is_staff_member
from ondol.accounts.models import Role, User
from ondol.core.errors import PermissionDenied

# Planners and administrators load official tables and refresh the registry counts.
MANAGER_ROLES = (Role.DISTRICT_PLANNER, Role.ADMIN)


def may_manage_stats(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, *MANAGER_ROLES)


def require_stats_manager(user: Any) -> User:
    if not may_manage_stats(user):
        raise PermissionDenied()
    return user  # type: ignore[no-any-return]


def require_stats_reader(user: Any) -> User:
    """Staff dashboards and exports: any staff member (the figures are aggregates, small cells merged)."""
    if not (is_staff_member(user)):
        raise PermissionDenied()
    return user  # type: ignore[no-any-return]
