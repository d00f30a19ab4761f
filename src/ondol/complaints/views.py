"""Public pages: file a complaint in any language, and follow it by its tracking number."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ondol.complaints.forms import ComplaintForm
from ondol.complaints.models import Complaint
from ondol.complaints.public import public_view
from ondol.complaints.ratelimit import check_filing_rate
from ondol.complaints.services import do_file_complaint
from ondol.complaints.tracking import is_tracking_number
from ondol.core.errors import InvalidInput, NotFound
from ondol.core.languages import current_language


@require_http_methods(["GET", "POST"])
def new_complaint(request: HttpRequest) -> HttpResponse:
    language = current_language()
    form = ComplaintForm(request.POST or None, request.FILES or None, language=language)
    if request.method == "POST" and form.is_valid():
        check_filing_rate(request)
        data = form.cleaned_data
        try:
            complaint = do_file_complaint(
                None, category_code=data["category"], description=data["description"], language=language,
                is_anonymous=data["is_anonymous"], name=data["name"], email=data["email"], phone=data["phone"],
                wants_updates=data["wants_updates"], address=data["address"], photos=data["photos"],
            )
        except InvalidInput as error:
            for field, message in error.fields.items():
                form.add_error(field if field in form.fields else None, str(message))
            if not error.fields:
                form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Thank you. Your tracking number is %(number)s. Keep it to follow your "
                                        "request.") % {"number": complaint.tracking_number})
            return redirect("complaints:track", number=complaint.tracking_number)
    return render(request, "complaints/new.html", {"form": form})


@require_GET
def track(request: HttpRequest, number: str) -> HttpResponse:
    complaint = Complaint.objects.select_related("category", "dong").filter(tracking_number=number.upper()).first()
    if complaint is None:
        raise NotFound(_("No request has this tracking number. Check the number and try again."))
    return render(request, "complaints/track.html",
                  {"complaint": public_view(complaint, language=current_language())})


@require_GET
def track_lookup(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("number", "").strip().upper()
    if number and is_tracking_number(number):
        return redirect("complaints:track", number=number)
    error = _("A tracking number looks like OND-2026-000123.") if number else ""
    return render(request, "complaints/track_lookup.html", {"number": number, "error": error})
