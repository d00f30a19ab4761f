"""Filing complaints, working them in the queue, replying in the resident's language, opening cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ondol.cases.access import casework_agency_ids
from ondol.cases.models import CaseSource, Client, MessageChannel
from ondol.cases.services import (
    compose_from_phrase,
    compose_from_text,
    do_message_address,
    do_open_case,
    do_register_client,
)
from ondol.cases.services.messages import Composed
from ondol.complaints import sla
from ondol.complaints.models import (
    CLOSED_STATUSES,
    Category,
    Complaint,
    ComplaintEvent,
    ComplaintPhoto,
    InternalStatus,
    Reply,
    Source,
)
from ondol.complaints.photos import clean_photos
from ondol.complaints.tracking import allocate_tracking_number
from ondol.core import audit
from ondol.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from ondol.core.languages import normalize_language
from ondol.core.models import Agency, AgencyKind, Region, RegionLevel

CATEGORIES_FILE = Path(__file__).with_name("categories.yaml")
MAX_DESCRIPTION = 4000
# The reply residents get automatically when a complaint reaches one of these states.
AUTOMATIC_REPLIES = {
    InternalStatus.INVESTIGATING: "complaint_in_progress",
    InternalStatus.REFERRED: "complaint_referred",
    InternalStatus.DUPLICATE: "complaint_duplicate",
    InternalStatus.NOT_OURS: "complaint_not_ours",
    InternalStatus.RESOLVED: "complaint_resolved",
}


def load_default_categories() -> int:
    """Create or update the default categories from `categories.yaml` (names in all 14 languages)."""
    entries = yaml.safe_load(CATEGORIES_FILE.read_text(encoding="utf-8"))
    for position, entry in enumerate(entries):
        Category.objects.update_or_create(
            code=entry["code"],
            defaults={"group": entry.get("group", ""), "names": entry["names"],
                      "descriptions": entry.get("descriptions", {}), "keywords": entry.get("keywords", ""),
                      "sla_business_days": entry["sla"], "position": position},
        )
    return len(entries)


def _nearest_dong(lat: float, lon: float) -> Region | None:
    # Dongs are small: the nearest centroid is a fair guess, and staff can correct it.
    nearby = Region.objects.filter(level=RegionLevel.DONG, lat__range=(lat - 0.05, lat + 0.05),
                                   lon__range=(lon - 0.05, lon + 0.05))
    return min(nearby, key=lambda dong: (dong.lat - lat) ** 2 + (dong.lon - lon) ** 2, default=None)  # type: ignore[operator]


def responsible_agency(category: Category, dong: Region | None) -> Agency:
    """The category's agency, else the community centre of the dong, else an integrated support centre."""
    if category.agency_id and category.agency.is_active:  # type: ignore[union-attr]
        return category.agency  # type: ignore[return-value]
    if dong is not None:
        centre = Agency.objects.filter(regions=dong, kind=AgencyKind.COMMUNITY_CENTRE, is_active=True).first()
        if centre is not None:
            return centre
    fallback = Agency.objects.filter(kind=AgencyKind.INTEGRATED_SUPPORT_CENTRE, is_active=True).order_by("id").first()
    if fallback is None:
        raise InvalidInput(_("No office takes complaints yet. Please call one of the numbers below."))
    return fallback


def _validate_filing(*, category_code: str, description: str, language: str, email: str, phone: str,
                     wants_updates: bool, lat: float | None, lon: float | None) -> tuple[Category, str]:
    errors: dict[str, Any] = {}
    category = Category.objects.filter(code=category_code, is_active=True).select_related("agency").first()
    if category is None:
        errors["category"] = _("Choose what your request is about.")
    if not description.strip():
        errors["description"] = _("Describe the problem or your request.")
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = _("Please keep the description under %(count)s characters.") % {
            "count": MAX_DESCRIPTION}
    site_language = normalize_language(language)
    if site_language is None:
        errors["language"] = _("Choose one of the languages we serve.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid email address.")
    if wants_updates and not (email or phone):
        errors["email"] = _("Give an email address or a phone number so that we can send you updates.")
    if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):  # type: ignore[operator]
        errors["lat"] = _("The location is not valid.")
    if errors:
        raise InvalidInput(fields=errors)
    return category, site_language  # type: ignore[return-value]


def do_file_complaint(
    actor: Any,
    *,
    category_code: str,
    description: str,
    language: str,
    is_anonymous: bool = False,
    name: str = "",
    email: str = "",
    phone: str = "",
    wants_updates: bool = False,
    address: str = "",
    lat: float | None = None,
    lon: float | None = None,
    photos: list[UploadedFile] | None = None,
    source: str = Source.WEB,
    device_id: str = "",
    account_id: str = "",
) -> Complaint:
    """File a complaint from the public site, an Open311 client or the counter, and give it a tracking number.

    An anonymous complaint keeps no name or contact; the resident follows it with the tracking number.
    """
    if is_anonymous:
        name = email = phone = device_id = account_id = ""
        wants_updates = False
    email, phone = email.strip(), phone.strip()
    category, site_language = _validate_filing(category_code=category_code, description=description,
                                               language=language, email=email, phone=phone,
                                               wants_updates=wants_updates, lat=lat, lon=lon)
    cleaned_photos = clean_photos(photos or [])
    dong = _nearest_dong(lat, lon) if lat is not None and lon is not None else None
    agency = responsible_agency(category, dong)
    now = timezone.now()
    with transaction.atomic():
        # The counter update comes first so that SQLite takes its write lock before reading anything.
        number = allocate_tracking_number(timezone.localtime(now).year)
        complaint = Complaint.objects.create(
            tracking_number=number, category=category, description=description.strip(), language=site_language,
            source=source, is_anonymous=is_anonymous, name=name.strip()[:120], email=email, phone=phone[:40],
            device_id=device_id[:100], account_id=account_id[:100], wants_updates=wants_updates,
            address=address.strip()[:200], lat=lat, lon=lon, dong=dong, agency=agency,
            due_at=sla.due_at(now, category.sla_business_days),
        )
        for photo in cleaned_photos:
            stored = ComplaintPhoto(complaint=complaint, content_type=photo.content_type, size=photo.size)
            stored.image.save(photo.content.name, photo.content, save=False)
            stored.save()
        ComplaintEvent.objects.create(complaint=complaint, by=actor if _is_user(actor) else None, kind="filed",
                                      to_status=InternalStatus.NEW)
        audit.record_change(actor, complaint, action="create", detail=f"{number} source={source}")
        _reply(actor, complaint, compose_from_phrase("complaint_received", language=site_language,
                                                     values=_values(complaint)))
    return complaint


def _is_user(actor: Any) -> bool:
    return bool(actor is not None and getattr(actor, "is_authenticated", False))


def _values(complaint: Complaint, agency: Agency | None = None) -> dict[str, Any]:
    shown = agency or complaint.referred_to or complaint.agency
    return {"number": complaint.tracking_number, "agency": shown.name_en if complaint.language != "ko" and
            shown.name_en else shown.name, "phone": complaint.agency.phone or "1345",
            "date": timezone.localdate().isoformat()}


def _reply(actor: Any, complaint: Complaint, composed: Composed) -> Reply:
    reply = Reply.objects.create(complaint=complaint, body=composed.body, language=composed.language,
                                 produced_by=composed.produced_by, phrase_key=composed.phrase_key,
                                 source_text=composed.source_text, created_by=actor if _is_user(actor) else None)
    if complaint.wants_updates and (complaint.email or complaint.phone):
        channel, recipient = ((MessageChannel.EMAIL, complaint.email) if complaint.email
                              else (MessageChannel.SMS, complaint.phone))
        do_message_address(actor, channel=channel, recipient=recipient, composed=composed,
                           subject_reference=f"complaint:{complaint.tracking_number}")
    return reply


def _require_handler(actor: Any, complaint: Complaint) -> None:
    if complaint.agency_id not in casework_agency_ids(actor) and complaint.referred_to_id not in casework_agency_ids(
            actor):
        raise NotFound(_("No such complaint."))


@transaction.atomic
def do_assign_complaint(actor: Any, *, complaint: Complaint, assignee: Any) -> Complaint:
    _require_handler(actor, complaint)
    if assignee is not None and complaint.agency_id not in casework_agency_ids(assignee):
        raise InvalidInput(fields={"assigned_to": _("Choose a member of the responsible agency.")})
    Complaint.objects.filter(pk=complaint.pk).update(assigned_to=assignee, version=F("version") + 1)
    ComplaintEvent.objects.create(complaint=complaint, by=actor, kind="assigned",
                                  note=assignee.get_username() if assignee else "")
    audit.record_change(actor, complaint, action="assign")
    complaint.refresh_from_db()
    return complaint


@transaction.atomic
def do_change_complaint_status(
    actor: Any,
    *,
    complaint: Complaint,
    to_status: str,
    expected_version: int,
    note: str = "",
    referred_to: Agency | None = None,
    duplicate_of: Complaint | None = None,
    send_reply: bool = True,
) -> Complaint:
    """Move a complaint to an internal state; residents get the matching vetted reply in their language."""
    _require_handler(actor, complaint)
    errors: dict[str, Any] = {}
    if to_status not in InternalStatus.values or to_status == InternalStatus.NEW:
        errors["status"] = _("Choose one of the listed states.")
    if to_status in (InternalStatus.REFERRED, InternalStatus.NOT_OURS) and referred_to is None:
        errors["referred_to"] = _("Choose the agency that is responsible.")
    if to_status == InternalStatus.DUPLICATE and (duplicate_of is None or duplicate_of.pk == complaint.pk):
        errors["duplicate_of"] = _("Give the tracking number of the earlier complaint.")
    if errors:
        raise InvalidInput(fields=errors)
    now = timezone.now()
    updated = Complaint.objects.filter(pk=complaint.pk, version=expected_version).update(
        status=to_status, version=expected_version + 1, updated_at=now,
        closed_at=now if to_status in CLOSED_STATUSES else None,
        referred_to=referred_to if to_status in (InternalStatus.REFERRED, InternalStatus.NOT_OURS) else None,
        duplicate_of=duplicate_of if to_status == InternalStatus.DUPLICATE else None,
    )
    if not updated:
        raise Conflict(_("Someone else changed this complaint after you opened it. Reload it to see the change."))
    ComplaintEvent.objects.create(complaint=complaint, by=actor, kind="status", from_status=complaint.status,
                                  to_status=to_status, note=note.strip())
    complaint.refresh_from_db()
    audit.record_change(actor, complaint, action=f"status_{to_status}")
    phrase = AUTOMATIC_REPLIES.get(InternalStatus(to_status))
    if send_reply and phrase:
        _reply(actor, complaint, compose_from_phrase(phrase, language=complaint.language,
                                                     values=_values(complaint, agency=referred_to)))
    return complaint


@transaction.atomic
def do_reply_to_complaint(actor: Any, *, complaint: Complaint, phrase_key: str = "", text: str = "",
                          text_language: str = "ko", written_in_resident_language: bool = False) -> Reply:
    """Reply with a vetted phrase, or with free text matched to the nearest phrase (or machine-translated when
    a translator is configured); the reply records what produced it."""
    _require_handler(actor, complaint)
    if phrase_key:
        composed = compose_from_phrase(phrase_key, language=complaint.language, values=_values(complaint))
    else:
        composed = compose_from_text(text, source_language=text_language, language=complaint.language,
                                     values=_values(complaint), use="complaint",
                                     written_in_resident_language=written_in_resident_language)
    reply = _reply(actor, complaint, composed)
    ComplaintEvent.objects.create(complaint=complaint, by=actor, kind="reply", note=composed.produced_by)
    audit.record_change(actor, complaint, action="reply", detail=composed.produced_by)
    return reply


@transaction.atomic
def do_publish_description(actor: Any, *, complaint: Complaint, text: str) -> Complaint:
    """Publish a description without personal details for Open311 readers."""
    _require_handler(actor, complaint)
    Complaint.objects.filter(pk=complaint.pk).update(public_description=text.strip()[:MAX_DESCRIPTION])
    audit.record_change(actor, complaint, action="publish_description")
    complaint.refresh_from_db()
    return complaint


@transaction.atomic
def do_open_case_from_complaint(actor: Any, *, complaint: Complaint, client: Client | None = None,
                                title: str = "", duplicates_checked: bool = False) -> Any:
    """Open a case about the person behind a complaint: an existing client, or one registered from the
    complaint's name and contact (after the usual duplicate search)."""
    _require_handler(actor, complaint)
    if complaint.agency_id not in casework_agency_ids(actor):
        raise PermissionDenied(_("Only the responsible agency can open a case from this complaint."))
    if complaint.case_id is not None:
        raise Conflict(_("A case is already open for this complaint."))
    if client is None:
        if complaint.is_anonymous or not complaint.name:
            raise InvalidInput(fields={"client": _("This complaint is anonymous: choose the person's record.")})
        script_field = "name_latin" if complaint.name.isascii() else (
            "name_hangul" if any("\uac00" <= char <= "\ud7a3" for char in complaint.name) else "name_native")
        client = do_register_client(actor, agency=complaint.agency, duplicates_checked=duplicates_checked,
                                    preferred_language=complaint.language, email=complaint.email,
                                    phone=complaint.phone, **{script_field: complaint.name})
    case = do_open_case(actor, client=client, title=title.strip() or complaint.category.name_in("ko"),
                        source=CaseSource.COMPLAINT, source_reference=complaint.tracking_number,
                        summary=complaint.description, agency=complaint.agency)
    Complaint.objects.filter(pk=complaint.pk).update(case=case)
    ComplaintEvent.objects.create(complaint=complaint, by=actor, kind="case", note=str(case.pk))
    audit.record_change(actor, complaint, action="open_case", detail=f"case={case.pk}")
    return case


def retention_days() -> int:
    return int(getattr(settings, "ONDOL_COMPLAINT_RETENTION_DAYS", 3 * 365))


@transaction.atomic
def purge_expired_complaints(*, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Clear the personal details of complaints closed longer ago than the retention period; the tracking
    number, category, dates and status stay for statistics."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=retention_days())
    expired = Complaint.objects.filter(closed_at__lt=cutoff, personal_data_cleared_at__isnull=True)
    count = expired.count()
    if dry_run or not count:
        return count
    ids = list(expired.values_list("pk", flat=True))
    for photo in ComplaintPhoto.objects.filter(complaint_id__in=ids):
        photo.image.delete(save=False)
    ComplaintPhoto.objects.filter(complaint_id__in=ids).delete()
    Complaint.objects.filter(pk__in=ids).update(
        name="", email="", phone="", device_id="", account_id="", description="", address="", lat=None, lon=None,
        personal_data_cleared_at=timezone.now())
    Reply.objects.filter(complaint_id__in=ids).update(source_text="")
    audit.record_event(None, action="purge", target_type="complaints.complaint", detail=f"ids={ids}")
    return count
