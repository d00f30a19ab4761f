"""Public pages every resident sees first, the health check, and the one place errors become pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ondol.core.errors import DomainError


def domain_error_response(request: HttpRequest, error: DomainError) -> HttpResponse:
    """Render a domain error as a page (or an HTMX fragment) with its status code."""
    template = "ondol/error_fragment.html" if request.headers.get("HX-Request") else "ondol/error.html"
    return render(request, template, {"error": error}, status=error.status)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_GET
def about_data(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about_data.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means the database is not usable
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    error = DomainError(_("We could not find this page."), code="not_found")
    error.status = 404
    return render(request, "ondol/error.html", {"error": error}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    error = DomainError(_("Something went wrong on our side. Please try again later."), code="server_error")
    error.status = 500
    return render(request, "ondol/error.html", {"error": error}, status=500)
