"""Write audit entries for every view or change of personal data."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from ondol.core.models import AuditEntry


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _actor_fields(actor: Any) -> dict[str, Any]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "anonymous"}
    return {"actor": actor, "actor_label": actor.get_username()}


def record_event(
    actor: Any,
    *,
    action: str,
    target_type: str,
    target_id: Any = "",
    detail: str = "",
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Record one action on one record (or on none, for logins and exports)."""
    return AuditEntry.objects.create(
        **_actor_fields(actor),
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        detail=detail[:2000],
        ip_address=_client_ip(request),
        path=(request.get_full_path()[:300] if request is not None else ""),
    )


def _label(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def record_view(actor: Any, obj: models.Model, *, request: HttpRequest | None = None, detail: str = "") -> AuditEntry:
    """Record that `actor` looked at the personal data in `obj`."""
    return record_event(actor, action="view", target_type=_label(obj), target_id=obj.pk, detail=detail, request=request)


def record_change(
    actor: Any, obj: models.Model, *, action: str, detail: str = "", request: HttpRequest | None = None
) -> AuditEntry:
    """Record that `actor` created, changed, shared or removed `obj`."""
    return record_event(actor, action=action, target_type=_label(obj), target_id=obj.pk, detail=detail, request=request)
