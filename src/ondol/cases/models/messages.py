"""Messages sent to residents, with the channel and what produced the text."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")
    MESSENGER = "messenger", _("Messenger")


class ProducedBy(models.TextChoices):
    PHRASEBOOK = "phrasebook", _("Vetted phrasebook entry")
    PHRASEBOOK_MATCH = "phrasebook_match", _("Phrasebook entry nearest to the staff member's text")
    MACHINE_TRANSLATION = "machine_translation", _("Machine translation")
    STAFF = "staff", _("Written by staff in the resident's language")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Message(models.Model):
    client = models.ForeignKey("cases.Client", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="messages")
    # Other apps' records a message is about, e.g. "complaint:OND-2026-000123" (no foreign key across apps).
    subject_reference = models.CharField(max_length=80, blank=True, db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=MessageChannel.choices)
    recipient = models.CharField(_("to"), max_length=200)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    body = models.TextField(_("text"))
    produced_by = models.CharField(_("produced by"), max_length=20, choices=ProducedBy.choices)
    phrase_key = models.CharField(max_length=60, blank=True)
    match_score = models.FloatField(null=True, blank=True)
    translator = models.CharField(max_length=80, blank=True)
    source_text = models.TextField(_("staff member's original text"), blank=True)
    source_language = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.channel} {self.language} {self.status}"
