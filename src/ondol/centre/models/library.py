"""The multicultural library: one row per copy, loans with due dates and reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MediaKind(models.TextChoices):
    BOOK = "book", _("Book")
    PICTURE_BOOK = "picture_book", _("Picture book")
    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video")


class LibraryItem(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="centre_library_items")
    title = models.CharField(_("title"), max_length=200)
    author = models.CharField(_("author"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind"), max_length=20, choices=MediaKind.choices, default=MediaKind.BOOK)
    barcode = models.CharField(_("barcode"), max_length=40, unique=True)
    # Title and author folded (lower case, accents removed) so "tieng viet" finds "Tiếng Việt".
    search_text = models.CharField(max_length=400, blank=True, editable=False)

    class Meta:
        ordering = ["language", "title"]
        verbose_name = _("library item")
        verbose_name_plural = _("library items")

    def __str__(self) -> str:
        return self.title


class Loan(models.Model):
    item = models.ForeignKey(LibraryItem, on_delete=models.PROTECT, related_name="loans")
    reader_name = models.CharField(_("reader"), max_length=80)
    reader_phone = models.CharField(_("phone"), max_length=40, blank=True)
    reader_email = models.EmailField(_("email"), blank=True)
    reader_language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="ko")
    lent_on = models.DateField(_("lent on"))
    due_on = models.DateField(_("due on"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    reminder_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [
            models.UniqueConstraint(fields=["item"], condition=Q(returned_on__isnull=True),
                                    name="centre_one_open_loan_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.reader_name}"
