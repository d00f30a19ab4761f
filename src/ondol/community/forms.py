"""Forms of the public and staff pages; labels are whole translatable sentences."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ondol.community.models import DonationMethod, ProgramKind, RecipientKind, SessionMode
from ondol.community.services.programs import ELIGIBILITY_TAGS


def _set_choices(field: forms.Field, choices: list[tuple[Any, Any]]) -> None:
    cast(forms.ChoiceField, field).choices = choices


class SignupForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    contact = forms.CharField(label=_("Your mobile phone number or e-mail address"), max_length=120,
                              help_text=_("We send a six-digit code to confirm it."))
    declared_tags = forms.MultipleChoiceField(label=_("Please confirm"), required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, tags: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["declared_tags"],
                     [(tag, ELIGIBILITY_TAGS[tag]) for tag in tags or [] if tag in ELIGIBILITY_TAGS])
        if not tags:
            del self.fields["declared_tags"]


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Confirmation code"), max_length=8,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class GiveForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount in won"), min_value=1000, step_size=1000)
    name = forms.CharField(label=_("Your name (for the receipt; optional)"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mail for the receipt (optional)"), required=False)
    anonymous = forms.BooleanField(label=_("Keep my name off all public pages."), required=False, initial=True)
    provider = forms.ChoiceField(label=_("How would you like to pay?"))

    def __init__(self, *args: Any, providers: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["provider"], providers)


class VoteForm(forms.Form):
    entry = forms.TypedChoiceField(label=_("Which entry do you vote for?"), coerce=int, widget=forms.RadioSelect)
    contact = forms.CharField(label=_("Your mobile phone number or e-mail address"), max_length=120,
                              help_text=_("Each person can vote once. We send a code to check it is you."))

    def __init__(self, *args: Any, entries: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["entry"], [(entry.pk, entry.title) for entry in entries])


class OnBehalfForm(forms.Form):
    client_ref = forms.CharField(label=_("Client reference"), max_length=64)
    name = forms.CharField(label=_("Client's name"), max_length=120)
    phone = forms.CharField(label=_("Client's mobile phone (optional)"), max_length=20, required=False)
    language = forms.CharField(label=_("Client's language code"), max_length=10, initial="ko")
    declared_tags = forms.MultipleChoiceField(label=_("The client meets these conditions"), required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, tags: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["declared_tags"],
                     [(tag, ELIGIBILITY_TAGS[tag]) for tag in tags or [] if tag in ELIGIBILITY_TAGS])
        if not tags:
            del self.fields["declared_tags"]


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Number of places"), min_value=0)


class DonationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of gift"), choices=[("money", _("Money")), ("goods", _("Goods"))])
    method = forms.ChoiceField(label=_("How it was given"), choices=DonationMethod.choices)
    subcampaign = forms.TypedChoiceField(label=_("Centre"), coerce=int, required=False, empty_value=None)
    amount = forms.IntegerField(label=_("Amount in won"), min_value=0, required=False)
    item = forms.CharField(label=_("Item"), max_length=120, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    expires_on = forms.DateField(label=_("Best before"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    estimated_value = forms.IntegerField(label=_("Estimated value in won"), min_value=0, required=False)
    donor_name = forms.CharField(label=_("Donor's name (optional)"), max_length=120, required=False)
    donor_phone = forms.CharField(label=_("Donor's phone (optional)"), max_length=20, required=False)
    anonymous = forms.BooleanField(label=_("Keep the donor's name off all public pages."), required=False, initial=True)

    def __init__(self, *args: Any, subcampaigns: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["subcampaign"], [("", "—"), *[(sub.pk, sub.agency.name) for sub in subcampaigns]])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class AllocationForm(forms.Form):
    commodity = forms.CharField(label=_("Money (KRW) or the item's name"), max_length=120, initial="KRW")
    quantity = forms.IntegerField(label=_("Amount or quantity"), min_value=1)
    recipient_kind = forms.ChoiceField(label=_("Recipient"), choices=RecipientKind.choices)
    client_ref = forms.CharField(label=_("Client reference of the household"), max_length=64, required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Title of the entry"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}))
    submitter_name = forms.CharField(label=_("Submitted by (agency or team)"), max_length=120)
    attachment = forms.FileField(label=_("File (PDF, images or slides; up to 20 MB)"), required=False)


class PledgeForm(forms.Form):
    donor_name = forms.CharField(label=_("Donor's name"), max_length=120)
    donor_phone = forms.CharField(label=_("Donor's phone (optional)"), max_length=20, required=False)
    amount = forms.IntegerField(label=_("Amount in won"), min_value=1)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ProgramForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ProgramKind.choices)
    title = forms.CharField(label=_("Title in Korean"), max_length=200)
    description = forms.CharField(label=_("Description in Korean"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    languages = forms.MultipleChoiceField(label=_("Languages of instruction"), choices=settings.LANGUAGES,
                                          widget=forms.CheckboxSelectMultiple, initial=["ko"])
    eligibility_tags = forms.MultipleChoiceField(label=_("Who may join (people confirm each)"), required=False,
                                                 choices=list(ELIGIBILITY_TAGS.items()),
                                                 widget=forms.CheckboxSelectMultiple)


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    duration_minutes = forms.IntegerField(label=_("Length in minutes"), min_value=10, initial=120)
    weeks = forms.IntegerField(label=_("Repeat weekly for this many weeks"), min_value=1, max_value=52, initial=1)
    capacity = forms.IntegerField(label=_("Number of places"), min_value=1, initial=20)
    mode = forms.ChoiceField(label=_("Mode"), choices=SessionMode.choices)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
