"""Survey forms: import an XLSForm, and fill one in during a visit on a phone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ondol.core.errors import InvalidInput
from ondol.core.languages import current_language, language_name_local, normalize_language
from ondol.core.models import Region
from ondol.fieldwork import access
from ondol.fieldwork.forms import CanvassForm, SurveyImportForm
from ondol.fieldwork.models import SurveyForm
from ondol.fieldwork.services.surveys import (
    active_survey,
    check_answers,
    do_record_survey,
    do_start_canvass_visit,
    import_uploaded,
    questions_in,
)
from ondol.fieldwork.views.staff import show_errors


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    access.require_fieldwork_staff(request.user)
    form = SurveyImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = import_uploaded(request.user, upload=form.cleaned_data["file"])
        except InvalidInput as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The survey %(title)s was imported as version %(version)s.") % {
                "title": survey.title, "version": survey.version})
            return redirect("fieldwork_staff:surveys")
    return render(request, "fieldwork/staff/surveys.html", {
        "form": form, "surveys": SurveyForm.objects.filter(is_active=True)})


def _language(request: HttpRequest) -> str:
    return normalize_language(request.GET.get("lang") or request.POST.get("lang")) or current_language()


@login_required
def fill_survey(request: HttpRequest, item_id: int, form_id: int) -> HttpResponse:
    """One page, one column, big controls: made to be filled on a phone at the door."""
    item = access.access_item_by_id(request.user, item_id, request=request)
    survey = active_survey(form_id)
    language = _language(request)
    checked = None
    if request.method == "POST":
        checked = check_answers(survey, request.POST, language=language)
        if not checked.errors:
            response = do_record_survey(request.user, item=item, form=survey, answers=checked.answers,
                                        language=language)
            if response.risks:
                messages.warning(request, _("The answers show a risk; the household will be flagged for the "
                                            "next round."))
            messages.success(request, _("The survey was saved."))
            return redirect("fieldwork_staff:item", item_id=item.pk)
    errors = bool(checked and checked.errors)
    return render(request, "fieldwork/staff/survey_fill.html", {
        "item": item, "survey": survey, "questions": questions_in(survey, language, checked, show_errors=True),
        "language": language, "languages": [(code, language_name_local(code)) for code in survey.languages],
        "errors": errors,
    }, status=422 if errors else 200)


@login_required
@require_POST
def survey_questions(request: HttpRequest, item_id: int, form_id: int) -> HttpResponse:
    """Which questions are asked given the answers so far (HTMX, after each change: out-of-band markers, so the
    inputs the worker is using are never redrawn); nothing is saved."""
    access.require_item(request.user, item_id)
    survey = active_survey(form_id)
    language = _language(request)
    checked = check_answers(survey, request.POST, language=language)
    return render(request, "fieldwork/staff/survey_asked.html", {"questions": questions_in(survey, language, checked)})


@login_required
def canvass(request: HttpRequest) -> HttpResponse:
    """Start a survey visit at a door that is on no list: the household joins the dong's worklist."""
    access.require_fieldwork_staff(request.user)
    dongs = access.dongs_of(request.user).order_by("name")
    surveys = SurveyForm.objects.filter(is_active=True)
    form = CanvassForm(request.POST or None, dongs=dongs, surveys=surveys,
                       initial={"language": current_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = do_start_canvass_visit(
                request.user, dong=Region.objects.get(code=data["dong"]), address=data["address"],
                head_name=data["head_name"], language=data["language"], nationality=data["nationality"],
                single_person=data["single_person"])
        except InvalidInput as error:
            show_errors(form, error)
        else:
            return redirect("fieldwork_staff:survey-fill", item_id=item.pk, form_id=int(data["survey"]))
    return render(request, "fieldwork/staff/canvass.html", {"form": form})
