"""Rooms and their bookings; a slot table makes double booking impossible on SQLite and PostgreSQL alike."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ROOM_SLOT_MINUTES = 30


class Equipment(models.TextChoices):
    PROJECTOR = "projector", _("Projector")
    COMPUTERS = "computers", _("Computers")
    KITCHEN = "kitchen", _("Kitchen")
    WHITEBOARD = "whiteboard", _("Whiteboard")
    MICROPHONE = "microphone", _("Microphone")
    VIDEO_CALL = "video_call", _("Video call equipment")


class Room(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="centre_rooms")
    name = models.CharField(_("name"), max_length=80)
    capacity = models.PositiveIntegerField(_("capacity"))
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="centre_room_name_once")]

    def __str__(self) -> str:
        return self.name

    def equipment_labels(self) -> list[str]:
        return [str(Equipment(item).label) for item in self.equipment if item in Equipment.values]


class RoomBookingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


HOLDING_STATUSES = (RoomBookingStatus.PENDING, RoomBookingStatus.APPROVED)


class RoomBooking(models.Model):
    """Staff bookings are approved at once; a partner group's booking holds the room until a manager decides."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="bookings")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    title = models.CharField(_("purpose"), max_length=120)
    attendees = models.PositiveIntegerField(_("number of people"), default=1)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    group_agency = models.ForeignKey("core.Agency", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("partner group"))
    status = models.CharField(_("status"), max_length=20, choices=RoomBookingStatus.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=models.F("ends_at")), name="centre_booking_positive")
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M} {self.title}"


class RoomSlot(models.Model):
    """One half hour of one room held by one booking; the unique key is the double-booking guarantee."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    booking = models.ForeignKey(RoomBooking, on_delete=models.CASCADE, related_name="slots")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "starts_at"], name="centre_room_slot_once")]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M}"
