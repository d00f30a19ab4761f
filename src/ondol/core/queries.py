"""Read models of the core app."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ondol.accounts.access import has_role
from ondol.core import audit
from ondol.core.errors import PermissionDenied
from ondol.core.models import AuditEntry


def search_audit_log(
    user: Any, *, actor: str = "", action: str = "", target_type: str = "", target_id: str = ""
) -> QuerySet[AuditEntry]:
    """Audit entries matching the filters; admins only, and the search itself is audited."""
    if not (has_role(user, "admin") or getattr(user, "is_superuser", False)):
        raise PermissionDenied()
    entries = AuditEntry.objects.select_related("actor")
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if action:
        entries = entries.filter(action=action)
    if target_type:
        entries = entries.filter(target_type=target_type)
    if target_id:
        entries = entries.filter(target_id=target_id)
    audit.record_event(user, action="search", target_type="core.auditentry",
                       detail=f"actor={actor} action={action} type={target_type} id={target_id}")
    return entries
