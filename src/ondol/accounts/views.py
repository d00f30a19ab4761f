"""Sign-in, two-factor and the staff console home."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ondol.accounts import services
from ondol.accounts.access import is_staff_member
from ondol.accounts.models import Membership, User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    device, svg = services.start_totp_setup(user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_totp(request, user=user, code=form.cleaned_data["code"]):  # type: ignore[arg-type]
            return redirect("accounts:console")
        form.add_error("code", _("That code is not right. Check the time on your phone and try again."))
    return render(request, "accounts/two_factor_setup.html", {"form": form, "qr_svg": svg, "device": device})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_totp(request, user=request.user, code=form.cleaned_data["code"]):  # type: ignore[arg-type]
            return redirect(request.GET.get("next") or "accounts:console")
        form.add_error("code", _("That code is not right. Check the time on your phone and try again."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})


# Each domain app's staff home is `<app>_staff:home`; a link shows once the app provides it.
CONSOLE_LINKS = [
    ("cases_staff:home", _("Clients and cases"), _("Intake, consultations, cases, referrals and overdue lists.")),
    ("complaints_staff:home", _("Complaints"), _("The civil complaint queue with deadlines per category.")),
    ("eligibility_staff:registry", _("Eligibility screening"),
     _("Screen every registered client and see who has newly become eligible.")),
    ("fieldwork_staff:home", _("Field work"), _("Dong worklists, visits, neighbour reports and surveys.")),
    ("discovery_staff:home", _("Discovery rounds"), _("Published blind-spot discovery rounds and their results.")),
    ("community_staff:home", _("Community work"), _("Programs and events, donation campaigns and competitions.")),
    ("centre_staff:home", _("Centre operations"), _("Appointments, the counter queue, rooms, clinic and library.")),
    ("stats_staff:home", _("Statistics"), _("Dashboards and reports for your district.")),
    ("guide_staff:home", _("Service guide"), _("Articles, translations and their review status.")),
    ("core_staff:audit-log", _("Audit log"), _("Who viewed or changed personal data, and when.")),
]


def _console_links() -> list[dict[str, str]]:
    links = []
    for url_name, title, text in CONSOLE_LINKS:
        try:
            links.append({"url": reverse(url_name), "title": str(title), "text": str(text)})
        except NoReverseMatch:
            continue
    return links


@login_required
def console(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    memberships = Membership.objects.filter(user=user, is_active=True).select_related("agency")
    return render(
        request,
        "accounts/console.html",
        {
            "memberships": memberships,
            "is_staff_member": is_staff_member(request.user),
            "has_2fa": services.totp_device_for(request.user) is not None,  # type: ignore[arg-type]
            "console_links": _console_links(),
        },
    )
