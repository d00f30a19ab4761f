"""The multicultural library: due dates that land on open days, loans, returns, reminders and search."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from ondol.centre.models import LibraryItem, Loan
from ondol.centre.notify import send_to_person
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput
from ondol.core.formatting import format_date
from ondol.core.languages import normalize_language
from ondol.core.romanize import fold

LOAN_DAYS = 14


def open_weekdays(opening_hours: list[dict[str, Any]]) -> set[int]:
    days = {day for rule in opening_hours or [] for day in rule.get("days", [])}
    return days or {0, 1, 2, 3, 4}


def due_date(lent_on: dt.date, *, open_days: set[int], loan_days: int = LOAN_DAYS,
             closed_dates: frozenset[dt.date] = frozenset()) -> dt.date:
    """`loan_days` after lending, moved forward to the next day the centre is open to take the book back."""
    due = lent_on + dt.timedelta(days=loan_days)
    for _step in range(366):
        if due.weekday() in open_days and due not in closed_dates:
            return due
        due += dt.timedelta(days=1)
    raise ValueError("The centre has no open day within a year.")


def searchable_text(item: LibraryItem) -> str:
    # Folded for Latin scripts ("tieng viet"), and kept as written for scripts that folding turns into guesses.
    original = f"{item.title} {item.author}".casefold()
    return f"{fold(item.title)} {fold(item.author)} {original}"[:400]


def save_item(item: LibraryItem) -> LibraryItem:
    item.search_text = searchable_text(item)
    item.save()
    return item


def search_catalogue(*, agency_id: int, query: str = "", language: str | None = None) -> QuerySet[LibraryItem]:
    items = LibraryItem.objects.filter(agency_id=agency_id)
    code = normalize_language(language)
    if code:
        items = items.filter(language=code)
    for word in query.split():
        match = Q(search_text__contains=word.casefold())
        if fold(word):
            match |= Q(search_text__contains=fold(word))
        items = items.filter(match)
    return items


def on_loan_ids(agency_id: int) -> set[int]:
    return set(Loan.objects.filter(item__agency_id=agency_id, returned_on__isnull=True)
               .values_list("item_id", flat=True))


def do_lend_item(actor: Any, *, item: LibraryItem, reader_name: str, reader_phone: str = "",
                 reader_email: str = "", reader_language: str = "ko", today: dt.date) -> Loan:
    if not reader_name.strip():
        raise InvalidInput(fields={"reader_name": _("Enter the reader's name.")})
    due = due_date(today, open_days=open_weekdays(item.agency.opening_hours))
    try:
        with transaction.atomic():
            loan = Loan.objects.create(item=item, reader_name=reader_name.strip(), reader_phone=reader_phone.strip(),
                                       reader_email=reader_email.strip(),
                                       reader_language=normalize_language(reader_language, default="ko") or "ko",
                                       lent_on=today, due_on=due)
            audit.record_change(actor, loan, action="lent")
    except IntegrityError:
        raise Conflict(_("“%(title)s” is already on loan.") % {"title": item.title}, code="on_loan") from None
    return loan


@transaction.atomic
def do_return_item(actor: Any, *, loan: Loan, today: dt.date) -> Loan:
    if loan.returned_on is not None:
        raise Conflict(_("This item has already been returned."), code="returned")
    loan.returned_on = today
    loan.save(update_fields=["returned_on"])
    audit.record_change(actor, loan, action="returned")
    return loan


def send_loan_reminders(*, today: dt.date, days_before: int = 2) -> int:
    """Remind readers once, `days_before` the due date or later, in their own language."""
    due = Loan.objects.filter(returned_on__isnull=True, reminder_sent_on__isnull=True,
                              due_on__lte=today + dt.timedelta(days=days_before)).select_related("item__agency")
    sent = 0
    for loan in due.filter(Q(reader_phone__gt="") | Q(reader_email__gt="")):
        with translation.override(loan.reader_language):
            values = {"title": loan.item.title, "due": format_date(loan.due_on, loan.reader_language),
                      "centre": loan.item.agency.name}
            text = _("Please return “%(title)s” to the library of %(centre)s by %(due)s.") % values
            send_to_person(email=loan.reader_email, phone=loan.reader_phone,
                             subject=_("Library reminder: “%(title)s” is due on %(due)s") % values, body=text, sms=text)
        Loan.objects.filter(pk=loan.pk).update(reminder_sent_on=today)
        sent += 1
    return sent
