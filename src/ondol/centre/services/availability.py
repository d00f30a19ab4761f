"""Changes to when counsellors and interpreters can see residents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ondol.centre.access import manages_centre
from ondol.centre.models import AvailabilityException, Provider
from ondol.core import audit
from ondol.core.errors import InvalidInput, PermissionDenied


def _may_edit(actor: Any, provider: Provider) -> bool:
    own = provider.user_id is not None and provider.user_id == getattr(actor, "pk", None)
    return own or manages_centre(actor, provider.agency)


@transaction.atomic
def do_add_availability_exception(actor: Any, *, provider: Provider, date: dt.date, starts: dt.time | None = None,
                                  ends: dt.time | None = None, is_available: bool = False,
                                  note: str = "") -> AvailabilityException:
    """Mark a day (or some hours of it) as away, or add extra hours; managers and the person themself may."""
    if not _may_edit(actor, provider):
        raise PermissionDenied()
    if (starts is None) != (ends is None) or (starts and ends and starts >= ends):
        raise InvalidInput(fields={"ends": _("The end must be after the start.")})
    if is_available and starts is None:
        raise InvalidInput(fields={"starts": _("Enter the hours of the extra time.")})
    exception = AvailabilityException.objects.create(provider=provider, date=date, starts=starts, ends=ends,
                                                     is_available=is_available, note=note.strip()[:120])
    audit.record_change(actor, exception, action="created")
    return exception


@transaction.atomic
def do_remove_availability_exception(actor: Any, *, exception: AvailabilityException) -> None:
    if not _may_edit(actor, exception.provider):
        raise PermissionDenied()
    audit.record_change(actor, exception, action="deleted")
    exception.delete()


def language_coverage(providers: list[Provider]) -> dict[str, dict[str, list[Provider]]]:
    """For each language: who sees residents in it directly, and who can interpret it."""
    coverage: dict[str, dict[str, list[Provider]]] = {}
    for provider in providers:
        for code in provider.languages:
            coverage.setdefault(code, {"counsellor": [], "interpreter": []})[provider.kind].append(provider)
    return dict(sorted(coverage.items()))
