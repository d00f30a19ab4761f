"""Forms of the staff pages. They parse and check shapes only; the rules live in the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ondol.cases.models import (
    CaseStatus,
    Channel,
    IdentityKind,
    InterpreterKind,
    Outcome,
    Purpose,
    Relation,
    RiskLevel,
    Section,
    Sex,
)
from ondol.cases.topics import topic_choices
from ondol.core.models import Agency, AgencyKind

DATE = forms.DateInput(attrs={"type": "date"})


class ClientForm(forms.Form):
    name_latin = forms.CharField(label=_("Name in Latin letters (as in the passport)"), max_length=120, required=False)
    name_hangul = forms.CharField(label=_("Name in Hangul"), max_length=120, required=False)
    name_native = forms.CharField(label=_("Name in the person's own script"), max_length=120, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    nationality = forms.CharField(label=_("Nationality (two-letter code, e.g. VN)"), max_length=2, required=False)
    residence_status = forms.CharField(label=_("Residence status (visa type)"), max_length=10, required=False)
    residence_expiry = forms.DateField(label=_("Residence permitted until"), required=False, widget=DATE)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    needs_interpreter = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    messenger = forms.CharField(label=_("Messenger account"), max_length=120, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    identity_kind = forms.ChoiceField(label=_("Identity document"), choices=IdentityKind.choices, required=False)
    identity_number = forms.CharField(label=_("Registration or passport number"), max_length=40, required=False,
                                      widget=forms.TextInput(attrs={"autocomplete": "off"}))


class IntakeForm(ClientForm):
    consent_consultation = forms.BooleanField(label=_("The person agrees to have consultations recorded."),
                                              required=False)
    consent_referral = forms.BooleanField(
        label=_("The person agrees to be referred to partner agencies (never to enforcement agencies)."),
        required=False)
    consent_messages = forms.BooleanField(label=_("The person agrees to receive messages from us."), required=False)
    duplicates_checked = forms.BooleanField(label=_("I have checked the possible matches: none is this person."),
                                            required=False)


class ClientEditForm(ClientForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    language = forms.ChoiceField(label=_("Language of the form the person read"), choices=settings.LANGUAGES)
    recipient_agency = forms.ModelChoiceField(label=_("Only this agency (optional)"), required=False,
                                              queryset=Agency.objects.filter(is_active=True))
    recipient_kind = forms.ChoiceField(label=_("Only this type of agency (optional)"), required=False,
                                       choices=[("", "—"), *AgencyKind.choices])
    expires_at = forms.DateTimeField(label=_("Until (optional)"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))


class OverrideForm(forms.Form):
    recipient_agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.filter(is_active=True))
    reason = forms.CharField(label=_("Why this cannot wait for the person's consent"), widget=forms.Textarea(
        attrs={"rows": 2}))


class ConsultationForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=topic_choices)
    language = forms.ChoiceField(label=_("Language used"), choices=settings.LANGUAGES)
    interpreter_kind = forms.ChoiceField(label=_("Interpreter"), choices=InterpreterKind.choices)
    interpreter_name = forms.CharField(label=_("Interpreter's name"), max_length=120, required=False)
    notes = forms.CharField(label=_("Notes (in the language you write them)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 5}))
    notes_language = forms.ChoiceField(label=_("Language of the notes"), choices=settings.LANGUAGES)
    translation = forms.CharField(label=_("Translation of the notes (optional)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    translation_language = forms.ChoiceField(label=_("Language of the translation"), required=False,
                                             choices=[("", "—"), *settings.LANGUAGES])
    minutes = forms.IntegerField(label=_("Minutes spent"), min_value=0, initial=30)
    follow_up_on = forms.DateField(label=_("Follow up on (optional)"), required=False, widget=DATE)


class OpenCaseForm(forms.Form):
    title = forms.CharField(label=_("Case title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)
    consultation = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CaseEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Case title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"), choices=CaseStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PlanItemForm(forms.Form):
    service = forms.CharField(label=_("Service"), max_length=200)
    provider_agency = forms.ModelChoiceField(label=_("Provider"), required=False,
                                             queryset=Agency.objects.filter(is_active=True))
    provider_name = forms.CharField(label=_("Other provider"), max_length=120, required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    remind_on = forms.DateField(label=_("Remind me on (optional)"), required=False, widget=DATE)


class ReferralForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("Refer to"), queryset=Agency.objects.none())
    sections = forms.MultipleChoiceField(label=_("Share these parts of the record"), choices=Section.choices,
                                         widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("What are you asking them to do?"), widget=forms.Textarea(attrs={"rows": 3}))
    transfer = forms.BooleanField(label=_("Transfer the case: they become responsible once they accept."),
                                  required=False)
    complete_by = forms.DateField(label=_("Service expected by (optional)"), required=False, widget=DATE)

    def __init__(self, *args: Any, exclude_agency: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # Community centres are many and rarely receive referrals; list partner organisations first.
        agencies = Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.COMMUNITY_CENTRE)
        if exclude_agency is not None:
            agencies = agencies.exclude(pk=exclude_agency)
        cast(forms.ModelChoiceField, self.fields["to_agency"]).queryset = agencies.order_by("kind", "name")


class AnswerForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note (required when the service was not delivered)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class HouseholdForm(forms.Form):
    household_name = forms.CharField(label=_("Household name"), max_length=120)
    relation = forms.ChoiceField(label=_("Relation"), choices=Relation.choices)
