"""Forms of the worklist pages, the hotline intake and the public neighbour-report page."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ondol.cases.models import RiskLevel
from ondol.fieldwork.models import Channel, Concern, ContactResult, Outcome, ReportChannel
from ondol.fieldwork.services.programs import PRIVATE_RESOURCES, program_choices

NEED_CHOICES = [("", _("Not decided yet")), ("yes", _("Yes, a need is confirmed")), ("no", _("No need found"))]


def need_value(raw: str) -> bool | None:
    return {"yes": True, "no": False}.get(raw)


class ItemPageForm(forms.Form):
    """Several forms share the household page; distinct element ids keep every label tied to its field."""

    id_prefix = "item"

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ContactForm(ItemPageForm):
    id_prefix = "contact"
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices)
    result = forms.ChoiceField(label=_("Result"), choices=ContactResult.choices)
    attempted_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Notes of the conversation"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["attempted_on"].initial = timezone.localdate()


class NeedForm(ItemPageForm):
    id_prefix = "need"
    need_confirmed = forms.ChoiceField(label=_("Is there a need?"), choices=NEED_CHOICES, required=False)
    programs = forms.MultipleChoiceField(label=_("Public programs linked"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    resources = forms.MultipleChoiceField(label=_("Private resources linked"), required=False,
                                          choices=PRIVATE_RESOURCES, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["programs"]).choices = program_choices()


class OutcomeForm(ItemPageForm):
    id_prefix = "outcome"
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[
        (value, label) for value, label in Outcome.choices if value != Outcome.CASE_MANAGEMENT])
    new_address = forms.CharField(label=_("New address, if the household moved"), max_length=200, required=False)
    note = forms.CharField(label=_("Consultation notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class OpenCaseForm(ItemPageForm):
    id_prefix = "case"
    name = forms.CharField(label=_("Name of the person"), max_length=120)
    title = forms.CharField(label=_("Case title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    risk_level = forms.ChoiceField(label=_("Risk"), choices=RiskLevel.choices, initial=RiskLevel.MEDIUM)
    client_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    duplicates_checked = forms.BooleanField(
        label=_("I checked the records shown: none of them is this person"), required=False)


class DetailsForm(ItemPageForm):
    id_prefix = "details"
    head_name = forms.CharField(label=_("Name of the person"), max_length=120, required=False)
    head_birth_date = forms.DateField(label=_("Date of birth (optional)"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=_("Language"))
    nationality = forms.CharField(label=_("Nationality (two-letter code, optional)"), max_length=2, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    actual_address = forms.CharField(label=_("Actual address"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        from ondol.core.languages import language_choices_local

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = language_choices_local()


class AssignForm(ItemPageForm):
    id_prefix = "assign"
    assignee = forms.ChoiceField(label=_("Assign to"), required=False)

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["assignee"]).choices = [("", _("Nobody"))] + [
            (str(user.pk), user.get_full_name() or user.username) for user in people]


class SurveyImportForm(forms.Form):
    file = forms.FileField(label=_("XLSForm file (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))


class CanvassForm(forms.Form):
    """A survey visit to a household that is on no list yet."""

    dong = forms.ChoiceField(label=_("Dong"))
    survey = forms.ChoiceField(label=_("Survey"))
    address = forms.CharField(label=_("Address of the household"), max_length=200)
    head_name = forms.CharField(label=_("Name (optional)"), max_length=120, required=False)
    language = forms.ChoiceField(label=_("Language"))
    nationality = forms.CharField(label=_("Nationality (two-letter code, optional)"), max_length=2, required=False)
    single_person = forms.BooleanField(label=_("Lives alone"), required=False, initial=True)

    def __init__(self, *args: Any, dongs: Any, surveys: Any, **kwargs: Any):
        from ondol.core.languages import language_choices_local

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["dong"]).choices = [(dong.code, dong.name) for dong in dongs]
        cast(forms.ChoiceField, self.fields["survey"]).choices = [(str(form.pk), form.title) for form in surveys]
        cast(forms.ChoiceField, self.fields["language"]).choices = language_choices_local()


class ReportForm(forms.Form):
    """The public form: no login; anonymous unless the reporter leaves a name or a contact."""

    address = forms.CharField(label=_("Where does the household live?"), max_length=200,
                              help_text=_("The address, or the building and the dong, as well as you know it."))
    concerns = forms.MultipleChoiceField(label=_("What worries you?"), choices=Concern.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label=_("What did you see?"), max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    reporter_name = forms.CharField(label=_("Your name (optional)"), max_length=120, required=False)
    reporter_contact = forms.CharField(label=_("Phone or email, if we may contact you (optional)"),
                                       max_length=120, required=False)
    # Two spam guards a person never sees: a field only bots fill in, and a signed time stamp.
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    token = forms.CharField(widget=forms.HiddenInput)


class HotlineForm(forms.Form):
    channel = forms.ChoiceField(label=_("How the report came in"), choices=[
        (value, label) for value, label in ReportChannel.choices if value != ReportChannel.WEB])
    language = forms.ChoiceField(label=_("Language of the caller"))
    address = forms.CharField(label=_("Address of the household"), max_length=200)
    concerns = forms.MultipleChoiceField(label=_("Concerns"), choices=Concern.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label=_("What the caller said"), widget=forms.Textarea(attrs={"rows": 4}))
    reporter_name = forms.CharField(label=_("Caller's name (optional)"), max_length=120, required=False)
    reporter_contact = forms.CharField(label=_("Caller's contact (optional)"), max_length=120, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        from ondol.core.languages import language_choices_local

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["language"]).choices = language_choices_local()
