"""Number tickets at the counter: one sequence per centre, service category and day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QueueCategory(models.TextChoices):
    # The display shows each label twice, in Korean and in the ticket holder's language.
    GENERAL = "general", _("General help")
    STAY = "stay", _("Visa and stay")
    DOCUMENTS = "documents", _("Certificates and documents")
    LABOUR = "labour", _("Work and wages")
    FAMILY = "family", _("Family and children")
    CLINIC = "clinic", _("Free clinic")


# A letter per category keeps numbers short and unambiguous when read aloud: A-012, B-003.
CATEGORY_PREFIX = {"general": "A", "stay": "B", "documents": "C", "labour": "D", "family": "E", "clinic": "F"}


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVING = "serving", _("Being served")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Did not answer")


class Ticket(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="centre_tickets")
    category = models.CharField(_("service"), max_length=20, choices=QueueCategory.choices)
    day = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="ko")
    status = models.CharField(_("status"), max_length=20, choices=TicketStatus.choices, default=TicketStatus.WAITING)
    counter = models.CharField(_("counter"), max_length=10, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    called_at = models.DateTimeField(null=True, blank=True)
    served_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issued_at", "id"]
        verbose_name = _("queue ticket")
        verbose_name_plural = _("queue tickets")
        constraints = [
            models.UniqueConstraint(fields=["agency", "category", "day", "number"], name="centre_ticket_number_once")
        ]
        indexes = [models.Index(fields=["agency", "day", "status"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{CATEGORY_PREFIX[self.category]}-{self.number:03d}"
