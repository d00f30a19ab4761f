"""Removing records past their retention period.

A person's record is kept while any of their cases is open and for `ONDOL_CASE_RETENTION_DAYS` (five years by
default) after the last activity; then the person, their consultations, cases, referrals, consents and
messages are deleted together. The audit log keeps only that a purge happened and which ids it removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ondol.cases.models import Case, ChangeLog, Client, Household, Message
from ondol.cases.workflow import OPEN_STATUSES
from ondol.core import audit

DEFAULT_RETENTION_DAYS = 5 * 365


@dataclass(frozen=True)
class PurgeReport:
    clients: int
    cases: int
    messages: int


def retention_days() -> int:
    return int(getattr(settings, "ONDOL_CASE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def expired_clients(*, now: dt.datetime | None = None) -> list[int]:
    cutoff = (now or timezone.now()) - dt.timedelta(days=retention_days())
    open_case = Case.objects.filter(client=OuterRef("pk"), status__in=OPEN_STATUSES)
    return list(
        Client.objects.filter(last_activity_at__lt=cutoff, merged_into__isnull=True)
        .exclude(Exists(open_case)).values_list("pk", flat=True)
    )


@transaction.atomic
def purge_expired(*, now: dt.datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Delete every client past retention with all their records; return what was (or would be) removed."""
    now = now or timezone.now()
    ids = expired_clients(now=now)
    with_merged = ids + list(Client.objects.filter(merged_into_id__in=ids).values_list("pk", flat=True))
    cases = list(Case.objects.filter(client_id__in=with_merged).values_list("pk", flat=True))
    cutoff = now - dt.timedelta(days=retention_days())
    stray_messages = Message.objects.filter(client__isnull=True, created_at__lt=cutoff)
    report = PurgeReport(clients=len(ids), cases=len(cases),
                         messages=Message.objects.filter(client_id__in=with_merged).count() + stray_messages.count())
    if dry_run or not (ids or report.messages):
        return report
    ChangeLog.objects.filter(target_type="case", target_id__in=cases).delete()
    ChangeLog.objects.filter(target_type="client", target_id__in=with_merged).delete()
    stray_messages.delete()
    Client.objects.filter(pk__in=with_merged).delete()
    Household.objects.filter(members__isnull=True).delete()
    audit.record_event(None, action="purge", target_type="cases.client", target_id="",
                       detail=f"clients={sorted(with_merged)} cases={sorted(cases)} messages={report.messages}")
    return report
