"""Clients JSON API at /api/v1/clients/: search before create, profile, edits, consent, consultations,
messages, merge and the person's data export."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from ondol.api import staff_auth
from ondol.cases import queries, services
from ondol.cases.access import access_case_by_id, access_client_by_id
from ondol.cases.disclosure import client_view
from ondol.cases.duplicates import find_duplicates
from ondol.cases.models import Consent
from ondol.cases.schemas import ClientIn, ClientPatch, ConsentIn, ConsultationIn, MergeIn, MessageIn, OverrideIn
from ondol.cases.services.export import export_client_data, export_client_pdf
from ondol.core.errors import InvalidInput
from ondol.core.models import Agency

router = Router(tags=["clients"], auth=staff_auth)


def _agency(agency_id: int | None) -> Agency | None:
    if agency_id is None:
        return None
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise InvalidInput(fields={"recipient_agency_id": _("No such agency.")})
    return agency


@router.get("/", response=list[dict[str, Any]])
def search(request: HttpRequest, q: str = "") -> list[dict[str, Any]]:
    return [client_view(request.user, client) for client in queries.search_clients(request.user, text=q)]


@router.get("/duplicates", response=list[dict[str, Any]])
def duplicates(request: HttpRequest, names: str = "", birth_date: str = "", identity_number: str = "",
               nationality: str = "") -> list[dict[str, Any]]:
    """Search before create: `names` holds one or more spellings separated by `|`."""
    from django.utils.dateparse import parse_date

    born = parse_date(birth_date) if birth_date else None
    candidates = find_duplicates(request.user, names=names.split("|"), birth_date=born,
                                 identity_number=identity_number, nationality=nationality)
    return [{"score": item.score, "reasons": item.reasons, "client": client_view(request.user, item.client)}
            for item in candidates]


@router.post("/", response={201: dict[str, Any]})
def register(request: HttpRequest, payload: ClientIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    client = services.do_register_client(
        request.user, identity_number=data.pop("identity_number"), identity_kind=data.pop("identity_kind"),
        duplicates_checked=data.pop("duplicates_checked"), **data)
    return Status(201, client_view(request.user, client))


@router.get("/{client_id}", response=dict[str, Any])
def profile(request: HttpRequest, client_id: int) -> dict[str, Any]:
    return client_view(request.user, access_client_by_id(request.user, client_id, request=request))


@router.patch("/{client_id}", response=dict[str, Any])
def update(request: HttpRequest, client_id: int, payload: ClientPatch) -> dict[str, Any]:
    client = access_client_by_id(request.user, client_id, request=request)
    changes = payload.dict(exclude_unset=True, exclude={"version", "identity_number"})
    saved = services.do_update_client(request.user, client=client, expected_version=payload.version,
                                      changes=changes, identity_number=payload.identity_number)
    return client_view(request.user, saved)


@router.post("/{client_id}/merge", response=dict[str, Any])
def merge(request: HttpRequest, client_id: int, payload: MergeIn) -> dict[str, Any]:
    keep = access_client_by_id(request.user, client_id, request=request)
    duplicate = access_client_by_id(request.user, payload.duplicate_id, request=request)
    return client_view(request.user, services.do_merge_clients(request.user, keep=keep, duplicate=duplicate))


@router.post("/{client_id}/consents", response={201: dict[str, Any]})
def give_consent(request: HttpRequest, client_id: int, payload: ConsentIn) -> Status[dict[str, Any]]:
    client = access_client_by_id(request.user, client_id, request=request)
    consent = services.do_record_consent(request.user, client=client, purpose=payload.purpose,
                                         language=payload.language, expires_at=payload.expires_at,
                                         recipient_agency=_agency(payload.recipient_agency_id),
                                         recipient_kind=payload.recipient_kind)
    return Status(201, {"id": consent.pk, "purpose": consent.purpose, "basis": consent.basis,
                 "given_at": consent.given_at, "expires_at": consent.expires_at})


@router.post("/{client_id}/consents/{consent_id}/withdraw", response=dict[str, Any])
def withdraw_consent(request: HttpRequest, client_id: int, consent_id: int) -> dict[str, Any]:
    client = access_client_by_id(request.user, client_id, request=request)
    consent = get_object_or_404(Consent, pk=consent_id, client=client)
    consent = services.do_withdraw_consent(request.user, consent=consent)
    return {"id": consent.pk, "withdrawn_at": consent.withdrawn_at}


@router.post("/{client_id}/emergency-override", response={201: dict[str, Any]})
def emergency_override(request: HttpRequest, client_id: int, payload: OverrideIn) -> Status[dict[str, Any]]:
    client = access_client_by_id(request.user, client_id, request=request)
    override = services.do_record_emergency_override(
        request.user, client=client, purpose=payload.purpose, reason=payload.reason,
        recipient_agency=_agency(payload.recipient_agency_id))  # type: ignore[arg-type]
    return Status(201, {"id": override.pk, "expires_at": override.expires_at})


@router.post("/{client_id}/consultations", response={201: dict[str, Any]})
def record_consultation(request: HttpRequest, client_id: int, payload: ConsultationIn) -> Status[dict[str, Any]]:
    client = access_client_by_id(request.user, client_id, request=request)
    data = payload.dict()
    case_id = data.pop("case_id")
    case = access_case_by_id(request.user, case_id, request=request) if case_id else None
    consultation = services.do_record_consultation(request.user, client=client, case=case, **data)
    return Status(201, {"id": consultation.pk, "occurred_at": consultation.occurred_at, "translated_by":
                 consultation.translated_by})


@router.post("/{client_id}/messages", response={201: dict[str, Any]})
def send_message(request: HttpRequest, client_id: int, payload: MessageIn) -> Status[dict[str, Any]]:
    client = access_client_by_id(request.user, client_id, request=request)
    values = {"agency": client.agency.name, "phone": client.agency.phone, **payload.values}
    if payload.phrase_key:
        composed = services.compose_from_phrase(payload.phrase_key, language=client.preferred_language, values=values)
    else:
        composed = services.compose_from_text(payload.text, source_language=payload.text_language,
                                              language=client.preferred_language, values=values, use="case")
    message = services.do_message_client(request.user, client=client, composed=composed, channel=payload.channel)
    return Status(201, {"id": message.pk, "channel": message.channel, "language": message.language, "body": message.body,
                 "produced_by": message.produced_by, "phrase_key": message.phrase_key})


@router.get("/{client_id}/export", response=dict[str, Any])
def export_json(request: HttpRequest, client_id: int) -> dict[str, Any]:
    client = access_client_by_id(request.user, client_id, request=request)
    return export_client_data(request.user, client=client)


@router.get("/{client_id}/export.pdf")
def export_pdf(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access_client_by_id(request.user, client_id, request=request)
    response = HttpResponse(export_client_pdf(request.user, client=client), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ondol-client-{client.pk}.pdf"'
    return response
