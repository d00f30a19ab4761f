"""Everything Ondol holds about a person, as JSON and as a PDF, for the person themselves."""

from __future__ import annotations

import datetime as dt
import json
from importlib import import_module
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.cases.access import casework_agency_ids
from ondol.cases.disclosure import ALL_SECTIONS, case_view, client_view
from ondol.cases.models import Client, Consent, Consultation, Message, Referral
from ondol.core import audit
from ondol.core.errors import PermissionDenied


def _require_registering_agency(actor: Any, client: Client) -> None:
    # The person asks the agency that holds their record; other agencies only hold what was shared.
    if client.agency_id not in casework_agency_ids(actor):
        raise PermissionDenied(_("Only the agency that registered the person can export their data."))


def export_client_data(actor: Any, *, client: Client, fmt: str = "json") -> dict[str, Any]:
    """All of the person's data: profile, consents, consultations, cases, referrals and messages."""
    _require_registering_agency(actor, client)
    records = [client, *client.merged.all()]
    profile = client_view(actor, client, sections=ALL_SECTIONS)
    profile["identity_number"] = client.reveal_identity_number()
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "client": profile,
        "merged_records": [client_view(actor, other, sections=ALL_SECTIONS) for other in records[1:]],
        "consents": [
            {"purpose": consent.purpose, "basis": consent.basis, "recipient_agency": consent.recipient_agency.name
             if consent.recipient_agency else None, "recipient_kind": consent.recipient_kind,
             "form_version": consent.form_version, "language": consent.language, "given_at": consent.given_at,
             "expires_at": consent.expires_at, "withdrawn_at": consent.withdrawn_at, "reason": consent.reason}
            for consent in Consent.objects.filter(client__in=records).select_related("recipient_agency")
        ],
        "consultations": [
            {"occurred_at": item.occurred_at, "agency": item.agency.name, "channel": item.channel, "topic": item.topic,
             "language": item.language, "interpreter": item.interpreter_kind, "notes": item.notes,
             "notes_language": item.notes_language, "translation": item.translation,
             "translated_by": item.translated_by, "minutes": item.minutes, "follow_up_on": item.follow_up_on}
            for item in Consultation.objects.filter(client__in=records).select_related("agency")
        ],
        "cases": [case_view(actor, case, sections=ALL_SECTIONS) for case in client.cases.select_related("agency")],
        "referrals": [
            {"case": referral.case_id, "from": referral.from_agency.name, "to": referral.to_agency.name,
             "status": referral.status, "sections": referral.sections, "created_at": referral.created_at,
             "outcome": referral.outcome}
            for referral in Referral.objects.filter(case__client__in=records).select_related("from_agency",
                                                                                              "to_agency")
        ],
        "messages": [
            {"sent_at": message.sent_at, "channel": message.channel, "language": message.language,
             "body": message.body, "produced_by": message.produced_by}
            for message in Message.objects.filter(client__in=records)
        ],
    }
    for case in data["cases"]:
        case.pop("client", None)
    audit.record_change(actor, client, action="export", detail=fmt)
    return data


def export_client_json(actor: Any, *, client: Client) -> str:
    return json.dumps(export_client_data(actor, client=client), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Use the foundation's PDF renderer (it embeds the fonts for every script) when present."""
    try:
        pdf = import_module("ondol.core.pdf")
    except ImportError:
        from weasyprint import HTML

        return bytes(HTML(string=render_to_string(template_name, context)).write_pdf())
    return bytes(pdf.render_pdf(template_name, context))


def export_client_pdf(actor: Any, *, client: Client) -> bytes:
    data = export_client_data(actor, client=client, fmt="pdf")
    return _render_pdf("cases/export.html", {"data": data, "today": dt.date.today()})
