"""The public statistics page: aggregates only, small cells merged, in every language of the site."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ondol.core.errors import InvalidInput, NotFound
from ondol.core.languages import current_language
from ondol.core.models import Region, RegionLevel
from ondol.stats import residents
from ondol.stats.filters import Filters
from ondol.stats.panels import PUBLIC_PANELS, build_panel, page_panels


def default_period() -> str:
    return residents.latest_period() or f"{timezone.localdate():%Y-%m}"


def parse_filters(request: HttpRequest) -> tuple[Filters, dict[str, str]]:
    """Filters from the query string; invalid ones fall back to defaults and are reported beside the form."""
    try:
        return Filters.parse(request.GET, default_to=default_period()), {}
    except InvalidInput as error:
        return Filters.parse({}, default_to=default_period()), {k: str(v) for k, v in error.fields.items()}


def filter_choices() -> dict[str, object]:
    return {
        "districts": [(code, name) for code, name in Region.objects.filter(level=RegionLevel.SIGUNGU,
                      code__in=residents.district_codes()).values_list("code", "name")],
        "nationalities": residents.nationality_codes(),
    }


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    filters, errors = parse_filters(request)
    language = current_language()
    return render(request, "stats/index.html", {
        "filters": filters, "errors": errors, "headline": residents.headline(filters),
        "panels": page_panels(filters, PUBLIC_PANELS, language=language), "query": urlencode(filters.as_query()),
        "panel_url": "stats:panel", **filter_choices(),
    })


def render_panel(request: HttpRequest, *, key: str, allowed: tuple[str, ...],
                 context: dict[str, object]) -> HttpResponse:
    """One panel: the fragment for HTMX, or a small page of its own for browsers without JavaScript."""
    if key not in allowed:
        raise NotFound()
    filters, _errors = parse_filters(request)
    panel = build_panel(filters, key, language=current_language())
    template = "stats/_panel.html" if request.headers.get("HX-Request") else "stats/panel_page.html"
    return render(request, template, {"panel": panel, "filters": filters, "query": urlencode(filters.as_query()),
                                      **context})


@require_GET
def panel(request: HttpRequest, key: str) -> HttpResponse:
    return render_panel(request, key=key, allowed=PUBLIC_PANELS, context={"export_query": None,
                                                                          "back": "stats:index"})
