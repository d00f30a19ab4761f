"""Staff edit the guide here; a saved article keeps its edit when the content files are loaded again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ondol.core.languages import LANGUAGE_CODES
from ondol.guide.models import GuideArticle, GuideTopic
from ondol.guide.services import do_save_article

LINE_FIELDS = ("steps", "documents", "fees", "deadlines", "penalties", "where", "keywords")


class LinesField(forms.CharField):
    """A list of texts edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 6, "cols": 90})

    def __init__(self, *, encoder: Any = None, decoder: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)  # the model's JSONField offers an encoder and decoder; lines need neither

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class GuideArticleForm(forms.ModelForm):
    language = forms.ChoiceField(choices=[(code, code) for code in LANGUAGE_CODES], label=_("language"))

    class Meta:
        model = GuideArticle
        fields = ("topic", "language", "status", "title", "summary", *LINE_FIELDS, "hours", "faq",
                  "edited_by_staff")
        field_classes = dict.fromkeys(LINE_FIELDS, LinesField)
        help_texts = {name: _("One item per line.") for name in LINE_FIELDS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LINE_FIELDS:
            self.fields[name].required = False


@admin.register(GuideArticle)
class GuideArticleAdmin(admin.ModelAdmin):
    form = GuideArticleForm
    list_display = ("topic", "language", "status", "title", "edited_by_staff", "updated_at")
    list_filter = ("language", "status", "edited_by_staff", "topic__category")
    search_fields = ("topic__key", "title", "summary")
    list_select_related = ("topic",)
    readonly_fields = ("updated_at",)

    def save_model(self, request: HttpRequest, obj: GuideArticle, form: Any, change: bool) -> None:
        do_save_article(request.user, article=obj)


class GuideArticleInline(admin.TabularInline):
    model = GuideArticle
    fields = ("language", "status", "title", "edited_by_staff")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(GuideTopic)
class GuideTopicAdmin(admin.ModelAdmin):
    list_display = ("key", "category", "last_reviewed", "deadline_days")
    list_filter = ("category",)
    search_fields = ("key",)
    inlines = [GuideArticleInline]
