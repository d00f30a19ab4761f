"""Optimistic locking: an edit names the version it started from; a save over a newer version is refused
with what the other person changed, so nothing is silently overwritten."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.cases.models import ChangeLog
from ondol.core.errors import Conflict
from ondol.core.formatting import format_datetime

M = TypeVar("M", bound=models.Model)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _label(model: type[models.Model], field: str) -> str:
    return str(getattr(model._meta.get_field(field), "verbose_name", field))


def changes_since(target_type: str, target_id: int, version: int) -> list[ChangeLog]:
    return list(ChangeLog.objects.filter(target_type=target_type, target_id=target_id, version__gt=version)
                .select_related("changed_by"))


def _conflict(model: type[models.Model], target_type: str, target_id: int, version: int,
              hidden_fields: frozenset[str]) -> Conflict:
    fields: dict[str, str] = {}
    latest = None
    for entry in changes_since(target_type, target_id, version):
        latest = entry
        who = entry.changed_by.get_username() if entry.changed_by else _("someone")
        for name, (old, new) in entry.changes.items():
            if name in hidden_fields:
                fields[name] = _("%(who)s changed this field.") % {"who": who}
            else:
                fields[name] = _("%(who)s changed %(field)s from “%(old)s” to “%(new)s”.") % {
                    "who": who, "field": _label(model, name), "old": old if old not in (None, "") else "—",
                    "new": new if new not in (None, "") else "—"}
    if latest is None:
        message = _("Someone else changed this record after you opened it. Nothing was saved; reload and try again.")
    else:
        message = _("%(who)s saved this record at %(time)s, after you opened it. Your changes were not saved: "
                    "check what changed below and try again.") % {
            "who": latest.changed_by.get_username() if latest.changed_by else _("someone"),
            "time": format_datetime(latest.changed_at)}
    return Conflict(message, code="edit_conflict", fields=fields)


@transaction.atomic
def save_versioned(actor: Any, obj: M, *, target_type: str, expected_version: int, changes: dict[str, Any],
                   hidden_fields: frozenset[str] = frozenset()) -> tuple[M, dict[str, list[Any]]]:
    """Apply `changes` to `obj` if it is still at `expected_version`; return it and the diff saved.

    The update is a compare-and-set on the version column, so it also holds on databases without row
    locks (SQLite) and between two processes.
    """
    model = type(obj)
    current = model.objects.select_for_update().get(pk=obj.pk)  # type: ignore[attr-defined]
    if current.version != expected_version:
        raise _conflict(model, target_type, obj.pk, expected_version, hidden_fields)
    # Hidden fields (encrypted numbers) are logged as changed without their values.
    diff = {name: (["•••", "•••"] if name in hidden_fields else [_plain(getattr(current, name)), _plain(value)])
            for name, value in changes.items() if getattr(current, name) != value}
    if not diff:
        return current, {}
    updates: dict[str, Any] = {name: changes[name] for name in diff}
    updates["version"] = expected_version + 1
    if any(field.name == "updated_at" for field in model._meta.get_fields()):
        updates["updated_at"] = timezone.now()
    saved = model.objects.filter(pk=obj.pk, version=expected_version).update(**updates)  # type: ignore[attr-defined]
    if saved != 1:
        raise _conflict(model, target_type, obj.pk, expected_version, hidden_fields)
    ChangeLog.objects.create(target_type=target_type, target_id=obj.pk, version=expected_version + 1,
                             changes=diff, changed_by=actor)
    current.refresh_from_db()
    return current, diff
