"""Back-office pages of the core app: the audit log search (admins only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ondol.core import queries


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = queries.search_audit_log(
        request.user,
        actor=request.GET.get("actor", ""),
        action=request.GET.get("action", ""),
        target_type=request.GET.get("target_type", ""),
        target_id=request.GET.get("target_id", ""),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page, "filters": request.GET})
