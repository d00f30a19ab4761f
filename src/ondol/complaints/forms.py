"""Forms of the public complaint page and the staff queue."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ondol.cases.messaging.phrasebook import phrases_for
from ondol.complaints.models import Category, InternalStatus


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos in one input; each is checked again by `photos.clean_photo`."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleImageField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ComplaintForm(forms.Form):
    category = forms.ChoiceField(label=_("What is it about?"), widget=forms.RadioSelect)
    description = forms.CharField(label=_("Describe the problem or your request"), max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    address = forms.CharField(label=_("Where is it? (optional)"), max_length=200, required=False,
                              help_text=_("A street, building or landmark. Do not write your own home address "
                                          "unless the problem is there."))
    photos = MultipleImageField(label=_("Photos (optional, up to three, JPEG, PNG or WebP, 5 MB each)"),
                                required=False,
                                widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    is_anonymous = forms.BooleanField(label=_("Send without my name or contact details"), required=False)
    name = forms.CharField(label=_("Your name (optional)"), max_length=120, required=False)
    email = forms.EmailField(label=_("Email (optional)"), required=False)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    wants_updates = forms.BooleanField(label=_("Send me updates in my language"), required=False)

    def __init__(self, *args: Any, language: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            (category.code, category.name_in(language)) for category in Category.objects.filter(is_active=True)
        ]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New state"), choices=[
        (value, label) for value, label in InternalStatus.choices if value != InternalStatus.NEW])
    note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    referred_to = forms.IntegerField(label=_("Responsible agency"), required=False, widget=forms.Select)
    duplicate_of = forms.CharField(label=_("Tracking number of the earlier complaint"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReplyForm(forms.Form):
    phrase_key = forms.ChoiceField(label=_("Vetted reply"), required=False)
    text = forms.CharField(label=_("Or write what you want to say (Korean or English)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["phrase_key"]).choices = [("", "—")] + [
            (phrase.key, phrase.texts["ko"]) for phrase in phrases_for("complaint")]
