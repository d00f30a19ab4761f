"""The public neighbour-report page: any language, no login, anonymous allowed, and a tracking number."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ondol.core.errors import InvalidInput
from ondol.core.languages import current_language
from ondol.fieldwork.forms import ReportForm
from ondol.fieldwork.models import ReportChannel, ReportStatus
from ondol.fieldwork.services.reports import (
    check_form_token,
    check_report_rate,
    do_file_report,
    form_token,
    report_status_for_reporter,
)
from ondol.fieldwork.views.staff import show_errors


@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST or None, initial={"token": form_token()})
    if request.method == "POST":
        check_report_rate(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                check_form_token(data["token"], honeypot=data["website"])
                filed = do_file_report(None, channel=ReportChannel.WEB, address=data["address"],
                                       description=data["description"], concerns=data["concerns"],
                                       language=current_language(), reporter_name=data["reporter_name"],
                                       reporter_contact=data["reporter_contact"], request=request)
            except InvalidInput as error:
                show_errors(form, error)
            else:
                # The number goes into the session, not the URL, so that it is not left in a shared history.
                request.session["fieldwork_report"] = filed.tracking_number
                return redirect("fieldwork:report-thanks")
        # A fresh token, so the next try is timed from now.
        fresh = request.POST.copy()
        fresh["token"] = form_token()
        form.data = fresh
    return render(request, "fieldwork/public/report.html", {"form": form})


@never_cache
@require_GET
def report_thanks(request: HttpRequest) -> HttpResponse:
    number = request.session.get("fieldwork_report")
    if not number:
        return redirect("fieldwork:report")
    return render(request, "fieldwork/public/thanks.html", {"number": number})


@never_cache
@require_GET
def report_track(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("number", "").strip().upper()
    status = report_status_for_reporter(number) if number else None
    return render(request, "fieldwork/public/track.html", {
        "number": number, "status": ReportStatus(status).label if status else None})
