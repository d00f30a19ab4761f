"""Public guide pages: topics by life situation, search as you type, articles, FAQ, find my centre, visit sheet."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ondol.core import region_lookup
from ondol.core.errors import DomainError, InvalidInput
from ondol.core.languages import current_language, language_name_local
from ondol.core.models import Agency, AgencyKind
from ondol.guide import queries
from ondol.guide.models import GuideTopic
from ondol.guide.visit_sheet import render_visit_sheet

SESSION_DONG = "guide_dong"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _people_to_ask() -> list[Agency]:
    """Where a resident can talk to a person in their language when the guide has no answer."""
    return list(Agency.objects.filter(kind=AgencyKind.INTEGRATED_SUPPORT_CENTRE, is_active=True)[:3])


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/index.html", {"groups": queries.topics_by_situation(current_language())})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    lang = current_language()
    results = queries.search_topics(query, lang=lang, limit=8) if query else None
    detected = results.detected_language if results else None
    context: dict[str, Any] = {
        "query": query,
        "results": results,
        "people": _people_to_ask() if results is not None and not results.good_answer else [],
        "detected_other": detected if detected and detected != lang else None,
        "detected_name": language_name_local(detected) if detected else "",
    }
    template = "guide/search.html#results" if _is_htmx(request) else "guide/search.html"
    return render(request, template, context)


@require_GET
def topic(request: HttpRequest, topic: str) -> HttpResponse:
    view = queries.article_view(topic, current_language())
    dong_code = request.session.get(SESSION_DONG, "")
    sheet_url = reverse("guide:visit-sheet", kwargs={"topic": topic})
    context = {
        "view": view,
        "related": queries.related_cards(view),
        "reader_language_name": language_name_local(view.requested_language),
        "sheet_url": f"{sheet_url}?dong={dong_code}" if dong_code else sheet_url,
        "dong": _known_dong(dong_code),
    }
    return render(request, "guide/topic.html", context)


def _known_dong(code: str) -> region_lookup.DongRef | None:
    if not code:
        return None
    try:
        return region_lookup.lookup_dong_code(code)
    except DomainError:
        return None


@require_GET
def faq(request: HttpRequest) -> HttpResponse:
    lang = current_language()
    entries = []
    for key in GuideTopic.objects.order_by("position", "key").values_list("key", flat=True):
        view = queries.article_view(key, lang)
        if view.faq:
            entries.append(view)
    return render(request, "guide/faq.html", {"entries": entries})


@require_GET
def find_centre(request: HttpRequest) -> HttpResponse:
    """Address, dong code or map point → the dong and its community centre (remembered for visit sheets)."""
    address = request.GET.get("address", "").strip()
    dong_code = request.GET.get("dong", "").strip()
    lat, lon = request.GET.get("lat", ""), request.GET.get("lon", "")
    topic_key = request.GET.get("topic", "").strip()
    lang = current_language()
    result: region_lookup.LookupResult | None = None
    error: DomainError | None = None
    try:
        if dong_code:
            result = region_lookup.LookupResult(region_lookup.lookup_dong_code(dong_code))
        elif address:
            result = region_lookup.lookup_address(address)
        elif lat and lon:
            result = region_lookup.lookup_point(float(lat), float(lon))
    except ValueError:
        error = InvalidInput(_("These are not valid coordinates."))
    except DomainError as problem:
        error = problem
    centre = region_lookup.community_centre(result.dong, lang=lang) if result and result.dong else None
    if result and result.dong:
        request.session[SESSION_DONG] = result.dong.code
    topic = GuideTopic.objects.filter(key=topic_key).first() if topic_key else None
    context = {
        "address": address, "result": result, "centre": centre, "error": error, "topic": topic,
        "sheet_url": (reverse("guide:visit-sheet", kwargs={"topic": topic.key}) + f"?dong={result.dong.code}")
        if topic and result and result.dong else "",
    }
    template = "guide/find_centre.html#answer" if _is_htmx(request) else "guide/find_centre.html"
    return render(request, template, context)


@require_GET
def visit_sheet(request: HttpRequest, topic: str) -> HttpResponse:
    lang = current_language()
    dong_code = request.GET.get("dong", "").strip() or request.session.get(SESSION_DONG, "")
    article_url = request.build_absolute_uri(reverse("guide:topic", kwargs={"topic": topic}))
    pdf = render_visit_sheet(topic, lang=lang, dong_code=dong_code, article_url=article_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ondol-{topic}-{lang}.pdf"'
    return response
