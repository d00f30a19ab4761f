"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): services, service requests and tokens.

Personal fields (email, first and last name, phone, device and account ids) are accepted on POST and used
to send updates, and never returned: every response is built from `public.py`. `description` returns only
what staff published, addresses only the dong, and coordinates are rounded to about a hundred metres.
Remote `media_url`s are not fetched (that would let anyone make the server request any address); photos
can be sent as multipart `media` files instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from ondol.complaints.models import Category, Complaint, PublicStatus, Source
from ondol.complaints.public import public_location
from ondol.complaints.ratelimit import check_filing_rate
from ondol.complaints.services import do_file_complaint
from ondol.core.errors import DomainError
from ondol.core.languages import normalize_language

MAX_RESULTS = 1000
MAX_RANGE = dt.timedelta(days=90)


def _error(status: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _locale(request: HttpRequest) -> str:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "").split(",")[0].split(";")[0]
    return normalize_language(request.GET.get("locale") or request.POST.get("locale") or header, default="ko") or "ko"


def _jurisdiction_ok(request: HttpRequest) -> bool:
    given = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    return not given or given == getattr(settings, "ONDOL_OPEN311_JURISDICTION", "ondol")


def _w3c(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def service_json(category: Category, language: str) -> dict[str, Any]:
    return {"service_code": category.code, "service_name": category.name_in(language),
            "description": category.description_in(language), "metadata": False, "type": "realtime",
            "keywords": category.keywords, "group": category.group}


def request_json(complaint: Complaint, language: str) -> dict[str, Any]:
    """One service request as GeoReport v2 describes it, with no personal field."""
    location = public_location(complaint)
    open_or_closed = "closed" if complaint.public_status == PublicStatus.CLOSED else "open"
    with override(language):
        notes = str(PublicStatus(complaint.public_status).label)
    return {
        "service_request_id": complaint.tracking_number,
        "status": open_or_closed,
        "status_notes": notes,
        "service_name": complaint.category.name_in(language),
        "service_code": complaint.category.code,
        "description": complaint.public_description,
        "agency_responsible": (complaint.referred_to or complaint.agency).name,
        "service_notice": "",
        "requested_datetime": _w3c(complaint.submitted_at),
        "updated_datetime": _w3c(complaint.updated_at),
        "expected_datetime": _w3c(complaint.due_at),
        "address": location["area"],
        "address_id": "",
        "zipcode": "",
        "lat": location["lat"],
        "long": location["lon"],
        "media_url": "",
    }


@require_GET
def services(request: HttpRequest) -> JsonResponse:
    if not _jurisdiction_ok(request):
        return _error(404, "Unknown jurisdiction_id.")
    language = _locale(request)
    return JsonResponse([service_json(category, language) for category in Category.objects.filter(is_active=True)],
                        safe=False)


@require_GET
def service_definition(request: HttpRequest, code: str) -> JsonResponse:
    category = Category.objects.filter(code=code, is_active=True).first()
    if category is None:
        return _error(404, "Unknown service_code.")
    return JsonResponse({"service_code": category.code, "attributes": []})


def _filtered(request: HttpRequest) -> QuerySet[Complaint] | JsonResponse:
    complaints = Complaint.objects.select_related("category", "agency", "referred_to", "dong")
    ids = [value.strip() for value in request.GET.get("service_request_id", "").split(",") if value.strip()]
    if ids:
        # Per the spec, asking for ids overrides every other filter.
        return complaints.filter(tracking_number__in=ids)
    codes = [value.strip() for value in request.GET.get("service_code", "").split(",") if value.strip()]
    if codes:
        complaints = complaints.filter(category__code__in=codes)
    statuses = {value.strip() for value in request.GET.get("status", "").split(",") if value.strip()}
    if statuses - {"open", "closed"}:
        return _error(400, "status must be open, closed or both.")
    if statuses == {"open"}:
        complaints = complaints.filter(closed_at__isnull=True)
    elif statuses == {"closed"}:
        complaints = complaints.filter(closed_at__isnull=False)
    start_text, end_text = request.GET.get("start_date"), request.GET.get("end_date")
    start = parse_datetime(start_text) if start_text else None
    end = parse_datetime(end_text) if end_text else None
    if (start_text and start is None) or (end_text and end is None):
        return _error(400, "start_date and end_date must be W3C date-times, e.g. 2026-03-01T00:00:00+09:00.")
    end = end or timezone.now()
    start = start or end - MAX_RANGE
    if end - start > MAX_RANGE:
        return _error(400, "The date range may not span more than 90 days.")
    return complaints.filter(submitted_at__gte=start, submitted_at__lte=end)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_collection(request: HttpRequest) -> JsonResponse:
    if not _jurisdiction_ok(request):
        return _error(404, "Unknown jurisdiction_id.")
    if request.method == "POST":
        return _create(request)
    found = _filtered(request)
    if isinstance(found, JsonResponse):
        return found
    language = _locale(request)
    return JsonResponse([request_json(complaint, language) for complaint in found[:MAX_RESULTS]], safe=False)


def _float(value: str | None) -> float | None:
    if not value:
        return None
    return float(value)


def _create(request: HttpRequest) -> JsonResponse:
    keys = getattr(settings, "ONDOL_OPEN311_API_KEYS", [])
    if keys and request.POST.get("api_key") not in keys:
        return _error(403, "A valid api_key is required.")
    data = request.POST
    try:
        lat, lon = _float(data.get("lat")), _float(data.get("long"))
    except ValueError:
        return _error(400, "lat and long must be numbers.")
    if lat is None and not data.get("address_string") and not data.get("address_id"):
        return _error(400, "Give lat and long, address_string or address_id.")
    name = " ".join(part for part in (data.get("first_name", ""), data.get("last_name", "")) if part).strip()
    try:
        check_filing_rate(request)
        complaint = do_file_complaint(
            None, category_code=data.get("service_code", ""), description=data.get("description", ""),
            language=_locale(request), name=name, email=data.get("email", ""), phone=data.get("phone", ""),
            wants_updates=bool(data.get("email") or data.get("phone")), address=data.get("address_string", ""),
            lat=lat, lon=lon, photos=request.FILES.getlist("media"), source=Source.OPEN311,
            device_id=data.get("device_id", ""), account_id=data.get("account_id", ""),
        )
    except DomainError as error:
        details = "; ".join(f"{field}: {message}" for field, message in error.fields.items()) or str(error.message)
        return _error(error.status if error.status != 422 else 400, details)
    with override(complaint.language):
        notice = _("Keep the number %(number)s to follow your request.") % {"number": complaint.tracking_number}
    return JsonResponse([{"service_request_id": complaint.tracking_number, "token": str(complaint.token),
                          "service_notice": notice, "account_id": None}], status=201, safe=False)


@require_GET
def request_detail(request: HttpRequest, number: str) -> JsonResponse:
    complaint = Complaint.objects.select_related("category", "agency", "referred_to", "dong").filter(
        tracking_number=number).first()
    if complaint is None:
        return _error(404, "Unknown service_request_id.")
    return JsonResponse([request_json(complaint, _locale(request))], safe=False)


@require_GET
def token_detail(request: HttpRequest, token: str) -> JsonResponse:
    complaint = Complaint.objects.filter(token=token).first() if _is_uuid(token) else None
    if complaint is None:
        return _error(404, "Unknown token.")
    return JsonResponse([{"service_request_id": complaint.tracking_number, "token": str(complaint.token)}], safe=False)


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
