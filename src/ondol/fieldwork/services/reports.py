"""Neighbour reports: the public form's guards, intake (web or hotline) and triage to a dong's worklist."""

from __future__ import annotations

import secrets
import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.core import audit
from ondol.core.errors import InvalidInput, NotFound
from ondol.core.languages import normalize_language
from ondol.core.limits import check_address_rate
from ondol.fieldwork.models import (
    Concern,
    ItemStatus,
    NeighbourReport,
    ReportChannel,
    ReportStatus,
    Source,
    WorkItem,
)
from ondol.fieldwork.services.places import place_address

RATE_WINDOW_SECONDS = 3600
MIN_FILL_SECONDS = 4
MAX_FORM_AGE_SECONDS = 6 * 3600
_TOKEN_SALT = "ondol.fieldwork.report-form"  # noqa: S105 — a signing salt, not a secret
# No 0/O or 1/I/L, so that a number read out over the phone is not misheard.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def check_report_rate(request: HttpRequest) -> None:
    """A fixed window per IP address, so one sender cannot flood the worklists."""
    check_address_rate(
        request, scope="neighbour-reports", limit=int(getattr(settings, "ONDOL_NEIGHBOUR_REPORTS_PER_HOUR", 5)),
        window_seconds=RATE_WINDOW_SECONDS,
        message=_("Too many reports were sent from this connection. Please try again in an hour, "
                  "or call the hotline."))


def form_token(*, now: float | None = None) -> str:
    """A signed note of when the form was shown; proves the form came from us and how long filling took."""
    return signing.dumps({"t": now if now is not None else time.time()}, salt=_TOKEN_SALT)


def check_form_token(token: str, *, honeypot: str, now: float | None = None) -> None:
    """Refuse bots: a filled hidden field, a missing or forged token, or a form sent faster than a person can."""
    now = now if now is not None else time.time()
    if honeypot:
        raise InvalidInput(_("We could not accept this report. Please try again."), code="spam_suspected")
    try:
        shown_at = float(signing.loads(token, salt=_TOKEN_SALT, max_age=MAX_FORM_AGE_SECONDS)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidInput(_("This form has expired. Please fill it in again."), code="form_expired") from None
    if now - shown_at < MIN_FILL_SECONDS:
        raise InvalidInput(_("We could not accept this report. Please take a moment and send it again."),
                           code="spam_suspected")


def _new_tracking_number() -> str:
    # Random, not sequential: a number must not reveal how many reports a dong received.
    body = "".join(secrets.choice(_ALPHABET) for _i in range(8))
    return f"NR-{body[:4]}-{body[4:]}"


def _clean(address: str, description: str, concerns: list[str], language: str) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    if len(address.strip()) < 4:
        errors["address"] = _("Write the address or the building and the dong, as well as you know it.")
    if len(description.strip()) < 10:
        errors["description"] = _("Tell us in a sentence or two what you saw.")
    if set(concerns) - set(Concern.values):
        errors["concerns"] = _("Choose from the listed concerns.")
    site_language = normalize_language(language)
    if site_language is None:
        errors["language"] = _("Choose one of the languages we serve.")
    if errors:
        raise InvalidInput(fields=errors)
    return {"address": " ".join(address.split()), "description": description.strip(), "concerns": list(concerns),
            "language": site_language}


def _current_round() -> str:
    return timezone.localdate().strftime("%Y-%m")


@transaction.atomic
def do_file_report(actor: Any, *, channel: str, address: str, description: str, concerns: list[str],
                   language: str, reporter_name: str = "", reporter_contact: str = "",
                   request: HttpRequest | None = None) -> NeighbourReport:
    """Store the report and put it on the right dong's worklist, or in the district's triage queue."""
    if channel not in ReportChannel.values:
        raise InvalidInput(fields={"channel": _("Choose how the report came in.")})
    cleaned = _clean(address, description, concerns, language)
    dong, district = place_address(cleaned["address"])
    for _attempt in range(5):
        try:
            with transaction.atomic():
                report = NeighbourReport.objects.create(
                    tracking_number=_new_tracking_number(), channel=channel, dong=dong,
                    status=ReportStatus.ROUTED if dong else ReportStatus.TRIAGE,
                    reporter_name=reporter_name.strip()[:120], reporter_contact=reporter_contact.strip()[:120],
                    received_by=actor if getattr(actor, "is_authenticated", False) else None, **cleaned,
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover — 31^8 numbers; five collisions in a row mean something else is wrong
        raise RuntimeError("Could not allocate a tracking number.")
    reasons = [{"text": cleaned["description"][:500], "concerns": cleaned["concerns"], "kind": "neighbour_report"}]
    WorkItem.objects.create(
        round=_current_round(), source=Source.NEIGHBOUR_REPORT, dong=dong, district=district,
        household_id=f"NR:{report.tracking_number}", reasons=reasons, actual_address=cleaned["address"],
        language=cleaned["language"], report=report,
    )
    audit.record_change(actor, report, action="create", detail=f"channel={channel}", request=request)
    return report


def report_status_for_reporter(tracking_number: str) -> str:
    """What a reporter may learn: only where the report stands, never anything about the household."""
    report = NeighbourReport.objects.filter(tracking_number=tracking_number.strip().upper()).first()
    if report is None:
        raise NotFound(_("No report has this tracking number. Check the number and try again."))
    item = report.items.order_by("-id").first()
    if item is not None and item.status == ItemStatus.CLOSED:
        return ReportStatus.CLOSED
    return report.status
