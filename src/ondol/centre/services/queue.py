"""Counter queue: issuing numbers, calling them, and estimating the wait from recent service times."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.centre.models import QueueCategory, Ticket, TicketStatus
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, NotFound
from ondol.core.languages import normalize_language
from ondol.core.limits import retry_when_locked
from ondol.core.models import Agency

_SALT = "ondol.centre.ticket"
RECENT_TICKETS = 10
DEFAULT_SERVICE_MINUTES = 10.0  # before anyone has been served today


def estimate_wait_minutes(*, people_ahead: int, recent_service_minutes: list[float], counters: int = 1,
                          default_minutes: float = DEFAULT_SERVICE_MINUTES) -> int:
    """Minutes until this ticket is called: the median recent service time per person ahead, shared by counters.

    The median, not the mean, so that one long case does not scare everybody behind it.
    """
    per_person = statistics.median(recent_service_minutes) if recent_service_minutes else default_minutes
    return math.ceil(people_ahead * per_person / max(counters, 1))


def recent_service_minutes(*, agency_id: int, category: str, limit: int = RECENT_TICKETS) -> list[float]:
    finished = (Ticket.objects.filter(agency_id=agency_id, category=category, status=TicketStatus.DONE,
                                      served_at__isnull=False, done_at__isnull=False)
                .order_by("-done_at").values_list("served_at", "done_at")[:limit])
    return [(done - served).total_seconds() / 60 for served, done in finished if served and done]


def open_counters(*, agency_id: int, category: str, day: dt.date) -> int:
    """Counters that called this category today: a fair guess of how many serve it at once."""
    counters = (Ticket.objects.filter(agency_id=agency_id, category=category, day=day)
                .exclude(counter="").values_list("counter", flat=True).distinct())
    return max(len(set(counters)), 1)


@dataclass(frozen=True)
class TicketState:
    ticket: Ticket
    people_ahead: int
    wait_minutes: int


def ticket_state(ticket: Ticket) -> TicketState:
    if ticket.status != TicketStatus.WAITING:
        return TicketState(ticket, 0, 0)
    ahead = Ticket.objects.filter(agency_id=ticket.agency_id, category=ticket.category, day=ticket.day,
                                  status=TicketStatus.WAITING, number__lt=ticket.number).count()
    minutes = estimate_wait_minutes(
        people_ahead=ahead,
        recent_service_minutes=recent_service_minutes(agency_id=ticket.agency_id, category=ticket.category),
        counters=open_counters(agency_id=ticket.agency_id, category=ticket.category, day=ticket.day),
    )
    return TicketState(ticket, ahead, minutes)


def ticket_token(ticket: Ticket) -> str:
    return signing.dumps(ticket.pk, salt=_SALT)


def ticket_from_token(token: str) -> Ticket:
    try:
        pk = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise NotFound(_("We could not find this ticket.")) from None
    ticket = Ticket.objects.filter(pk=pk).select_related("agency").first()
    if ticket is None:
        raise NotFound(_("We could not find this ticket."))
    return ticket


def do_issue_ticket(actor: Any, *, agency: Agency, category: str, language: str,
                    now: dt.datetime | None = None) -> Ticket:
    """The next number of the day in this category; retried if two kiosks draw at the same moment."""
    if category not in QueueCategory.values:
        raise InvalidInput(fields={"category": _("Choose a service.")})
    code = normalize_language(language, default="ko") or "ko"
    now = now or timezone.now()
    day = timezone.localtime(now).date()

    def draw() -> Ticket | None:
        last = Ticket.objects.filter(agency=agency, category=category, day=day).aggregate(n=Max("number"))["n"]
        try:
            with transaction.atomic():
                return Ticket.objects.create(agency=agency, category=category, day=day, number=(last or 0) + 1,
                                             language=code, issued_at=now)
        except IntegrityError:
            return None  # another kiosk took this number a moment ago: draw again

    for _attempt in range(10):
        ticket = retry_when_locked(draw)
        if ticket is not None:
            return ticket
    raise Conflict(_("Many people are taking numbers right now. Please try again."), code="busy")


def do_call_next(actor: Any, *, agency: Agency, category: str, counter: str,
                 now: dt.datetime | None = None) -> Ticket | None:
    """Call the oldest waiting ticket of the category to `counter`; None when nobody waits."""
    now = now or timezone.now()
    day = timezone.localtime(now).date()
    for _attempt in range(5):
        candidate = (Ticket.objects.filter(agency=agency, category=category, day=day, status=TicketStatus.WAITING)
                     .order_by("number").first())
        if candidate is None:
            return None
        # Conditional update: if another counter called the same ticket first, try the next one.
        claimed = Ticket.objects.filter(pk=candidate.pk, status=TicketStatus.WAITING).update(
            status=TicketStatus.CALLED, counter=counter, called_at=now)
        if claimed:
            candidate.refresh_from_db()
            audit.record_change(actor, candidate, action="called")
            return candidate
    raise Conflict(_("Another counter is calling at the same time. Please try again."), code="busy")


_NEXT = {
    "serve": ({TicketStatus.CALLED}, TicketStatus.SERVING, "served_at"),
    "done": ({TicketStatus.CALLED, TicketStatus.SERVING}, TicketStatus.DONE, "done_at"),
    "skip": ({TicketStatus.CALLED}, TicketStatus.SKIPPED, "done_at"),
    "recall": ({TicketStatus.CALLED, TicketStatus.SKIPPED}, TicketStatus.CALLED, "called_at"),
}


def do_move_ticket(actor: Any, *, ticket: Ticket, step: str, now: dt.datetime | None = None) -> Ticket:
    """Serve, finish, skip or call again; a step that does not follow the ticket's state is refused."""
    if step not in _NEXT:
        raise InvalidInput(fields={"step": _("Choose one of the allowed values.")})
    allowed, status, stamp = _NEXT[step]
    if ticket.status not in allowed:
        raise Conflict(_("This ticket has already moved on. Please reload the page."), code="stale_ticket")
    now = now or timezone.now()
    ticket.status = status
    setattr(ticket, stamp, now)
    if step == "done" and ticket.served_at is None:
        ticket.served_at = ticket.called_at or now
    ticket.save()
    audit.record_change(actor, ticket, action=step)
    return ticket


def waiting_counts(*, agency_id: int, day: dt.date) -> dict[str, int]:
    counts = dict.fromkeys(QueueCategory.values, 0)
    for category in Ticket.objects.filter(agency_id=agency_id, day=day, status=TicketStatus.WAITING).values_list(
            "category", flat=True):
        counts[category] += 1
    return counts


def board(*, agency_id: int, day: dt.date, limit: int = 6) -> list[Ticket]:
    """The most recently called tickets for the waiting-room screen, newest first."""
    return list(Ticket.objects.filter(agency_id=agency_id, day=day,
                                      status__in=[TicketStatus.CALLED, TicketStatus.SERVING])
                .order_by("-called_at")[:limit])
