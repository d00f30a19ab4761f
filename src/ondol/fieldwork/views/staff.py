"""Staff pages: the dong worklist, one household's page with its contact log and outcome, triage, hotline."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ondol.accounts.models import User
from ondol.cases.services import PossibleDuplicates
from ondol.core.errors import InvalidInput, NotFound
from ondol.core.languages import LANGUAGE_CODES, current_language, language_name_local
from ondol.core.models import Region, RegionLevel
from ondol.discovery.reasons import describe_reason
from ondol.fieldwork import access
from ondol.fieldwork.forms import (
    AssignForm,
    ContactForm,
    DetailsForm,
    HotlineForm,
    NeedForm,
    OpenCaseForm,
    OutcomeForm,
    need_value,
)
from ondol.fieldwork.models import Concern, ItemStatus, SurveyForm, WorkItem
from ondol.fieldwork.services import (
    colleagues,
    do_assign_item,
    do_record_contact,
    do_record_need,
    do_record_outcome,
    do_reopen_item,
    do_route_item,
    do_update_household,
    history_of,
)
from ondol.fieldwork.services.casework import do_open_case_for_item
from ondol.fieldwork.services.programs import program_title, resource_label
from ondol.fieldwork.services.reports import do_file_report
from ondol.fieldwork.services.rounds import sync_published_rounds
from ondol.fieldwork.services.surveys import risk_texts


def show_errors(form: django_forms.Form, error: InvalidInput) -> None:
    for field, message in error.fields.items():
        form.add_error(field if field in form.fields else None, str(message))
    if not error.fields:
        form.add_error(None, str(error.message))


def reason_lines(item: WorkItem, language: str) -> list[str]:
    """The reasons in plain words: discovery reasons through discovery's wording, reports as written."""
    lines = []
    for reason in item.reasons or []:
        if reason.get("kind") == "neighbour_report":
            concerns = [str(Concern(c).label) for c in reason.get("concerns", []) if c in Concern.values]
            lines.append(_("A neighbour reported: %(text)s") % {"text": reason.get("text", "")})
            lines += concerns
        elif "text" in reason:
            lines.append(str(reason["text"]))
        else:
            lines.append(describe_reason(reason, language=language))
    return lines


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    access.require_fieldwork_staff(request.user)
    sync_published_rounds(request.user)
    items = access.items_for(request.user)
    rounds = list(items.order_by("-round").values_list("round", flat=True).distinct())
    selected_round = request.GET.get("round") or (rounds[0] if rounds else "")
    dongs = list(Region.objects.filter(id__in=items.exclude(dong=None).values("dong_id")).order_by("name"))
    dong_code = request.GET.get("dong") or (dongs[0].code if len(dongs) == 1 else "")
    listed = items.filter(round=selected_round).select_related("dong", "assigned_to")
    if dong_code:
        listed = listed.filter(dong__code=dong_code)
    status = request.GET.get("status", "")
    if status in ItemStatus.values:
        listed = listed.filter(status=status)
    if request.GET.get("mine"):
        listed = listed.filter(assigned_to_id=request.user.pk)
    triage = items.filter(dong__isnull=True).exclude(status=ItemStatus.CLOSED).select_related("district")
    page = Paginator(listed.order_by("dong__name", "status", "rank_in_dong", "id"), 50).get_page(
        request.GET.get("page"))
    return render(request, "fieldwork/staff/home.html", {
        "rounds": rounds, "selected_round": selected_round, "dongs": dongs, "dong_code": dong_code,
        "status": status, "statuses": ItemStatus.choices, "page": page, "triage": triage[:100],
        "mine": bool(request.GET.get("mine")), "can_work": access.can_work(request.user),
    })


def _item_context(request: HttpRequest, item: WorkItem, **forms: Any) -> dict[str, Any]:
    language = current_language()
    people = colleagues(item)
    responses = list(item.surveys.select_related("form"))
    context = {
        "item": item, "reasons": reason_lines(item, language), "history": history_of(item),
        "attempts": item.attempts.select_related("by"), "surveys": responses,
        "survey_risks": [text for response in responses for text in risk_texts(response, language)],
        "language_name": language_name_local(item.language) if item.language in LANGUAGE_CODES else item.language,
        "survey_forms": SurveyForm.objects.filter(is_active=True),
        "programs": [program_title(key) for key in item.programs or []],
        "resources": [resource_label(key) for key in item.resources or []],
        "contact_form": forms.get("contact_form") or ContactForm(),
        "need_form": forms.get("need_form") or NeedForm(initial={
            "need_confirmed": "" if item.need_confirmed is None else ("yes" if item.need_confirmed else "no"),
            "programs": item.programs, "resources": item.resources}),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(),
        "case_form": forms.get("case_form") or OpenCaseForm(initial={
            "name": item.head_name, "title": _("Support for household %(id)s") % {
                "id": item.household_id or item.pk}}),
        "assign_form": AssignForm(people=people, initial={"assignee": item.assigned_to_id}),
        "details_form": forms.get("details_form") or DetailsForm(initial={
            "language": item.language or "ko", "nationality": item.nationality, "phone": item.phone,
            "actual_address": item.actual_address, "head_name": item.head_name,
            "head_birth_date": item.head_birth_date}),
        "candidates": forms.get("candidates") or [],
        "dongs": (Region.objects.filter(level=RegionLevel.DONG, parent=item.district).order_by("name")
                  if item.dong_id is None and item.district_id else []),
    }
    return context


@login_required
@require_GET
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_item_by_id(request.user, item_id, request=request)
    return render(request, "fieldwork/staff/item.html", _item_context(request, item))


@transaction.atomic
def _post_form(request: HttpRequest, item_id: int, form_class: type[django_forms.Form], key: str,
               action: Any, **form_kwargs: Any) -> HttpResponse:
    """Validate `form_class`, run `action(item, data)`, and redirect; re-render with errors otherwise."""
    item = access.access_item_by_id(request.user, item_id, request=request, for_update=True)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            message = action(item, form.cleaned_data)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("fieldwork_staff:item", item_id=item.pk)
    return render(request, "fieldwork/staff/item.html", _item_context(request, item, **{key: form}), status=422)


@login_required
@require_POST
def record_contact(request: HttpRequest, item_id: int) -> HttpResponse:
    def action(item: WorkItem, data: dict[str, Any]) -> str:
        do_record_contact(request.user, item=item, channel=data["channel"], result=data["result"],
                          attempted_on=data["attempted_on"], note=data["note"])
        return _("The contact attempt was saved.")

    return _post_form(request, item_id, ContactForm, "contact_form", action)


@login_required
@require_POST
def update_details(request: HttpRequest, item_id: int) -> HttpResponse:
    def action(item: WorkItem, data: dict[str, Any]) -> str:
        do_update_household(request.user, item=item, language=data["language"], nationality=data["nationality"],
                            phone=data["phone"], actual_address=data["actual_address"], head_name=data["head_name"],
                            head_birth_date=data["head_birth_date"])
        return _("The household details were saved.")

    return _post_form(request, item_id, DetailsForm, "details_form", action)


@login_required
@require_POST
def record_need(request: HttpRequest, item_id: int) -> HttpResponse:
    def action(item: WorkItem, data: dict[str, Any]) -> str:
        do_record_need(request.user, item=item, need_confirmed=need_value(data["need_confirmed"]),
                       programs=data["programs"], resources=data["resources"])
        return _("The need and the support linked were saved.")

    return _post_form(request, item_id, NeedForm, "need_form", action)


@login_required
@require_POST
def record_outcome(request: HttpRequest, item_id: int) -> HttpResponse:
    def action(item: WorkItem, data: dict[str, Any]) -> str:
        do_record_outcome(request.user, item=item, outcome=data["outcome"], new_address=data["new_address"],
                          note=data["note"])
        return _("The outcome was saved and the household is closed on this worklist.")

    return _post_form(request, item_id, OutcomeForm, "outcome_form", action)


@login_required
@require_POST
@transaction.atomic
def open_case(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_item_by_id(request.user, item_id, request=request, for_update=True)
    form = OpenCaseForm(request.POST)
    candidates: list[Any] = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            case = do_open_case_for_item(
                request.user, item=item, name=data["name"], title=data["title"], summary=data["summary"],
                risk_level=data["risk_level"], client_id=data["client_id"],
                duplicates_checked=data["duplicates_checked"],
                need_confirmed=item.need_confirmed is not False)
        except PossibleDuplicates as error:
            candidates = error.candidates
            form.add_error(None, str(error.message))
        except InvalidInput as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Case %(number)s was opened and the household is in case management.")
                             % {"number": case.pk})
            return redirect("fieldwork_staff:item", item_id=item.pk)
    return render(request, "fieldwork/staff/item.html",
                  _item_context(request, item, case_form=form, candidates=candidates), status=422)


@login_required
@require_POST
@transaction.atomic
def assign(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_item_by_id(request.user, item_id, request=request, for_update=True)
    raw = request.POST.get("assignee") or ""
    assignee = User.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    do_assign_item(request.user, item=item, assignee=assignee)
    messages.success(request, _("The assignment was saved."))
    return redirect("fieldwork_staff:item", item_id=item.pk)


@login_required
@require_POST
@transaction.atomic
def reopen(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_item_by_id(request.user, item_id, request=request, for_update=True)
    do_reopen_item(request.user, item=item)
    messages.success(request, _("The household is open again."))
    return redirect("fieldwork_staff:item", item_id=item.pk)


@login_required
@require_POST
@transaction.atomic
def route(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_item_by_id(request.user, item_id, request=request, for_update=True)
    dong = Region.objects.filter(code=request.POST.get("dong", ""), level=RegionLevel.DONG).first()
    if dong is None:
        raise NotFound(_("Choose a dong from the list."))
    do_route_item(request.user, item=item, dong=dong)
    messages.success(request, _("The household was put on the worklist of %(dong)s.") % {"dong": dong.name})
    return redirect("fieldwork_staff:home")


@login_required
def hotline(request: HttpRequest) -> HttpResponse:
    """Staff take a report from a hotline call, a messenger channel or a visitor at the counter."""
    access.require_fieldwork_staff(request.user)
    form = HotlineForm(request.POST or None, initial={"language": current_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = do_file_report(request.user, channel=data["channel"], address=data["address"],
                                    description=data["description"], concerns=data["concerns"],
                                    language=data["language"], reporter_name=data["reporter_name"],
                                    reporter_contact=data["reporter_contact"], request=request)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            item = report.items.first()
            where = (_("It is on the worklist of %(dong)s.") % {"dong": item.dong.name} if item and item.dong
                     else _("The address could not be placed; it waits in the district's triage queue."))
            messages.success(request, _("Report %(number)s was saved. Give the caller this number.") % {
                "number": report.tracking_number} + " " + where)
            return redirect("fieldwork_staff:hotline")
    return render(request, "fieldwork/staff/hotline.html", {"form": form})

