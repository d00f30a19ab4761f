"""The centre's JSON API: public slots and booking, staff room bookings with the one error shape."""

from __future__ import annotations

from ondol.centre.models import Appointment
from ondol.centre.tests.conftest import MONDAY, at
from ondol.centre.tests.factories import RoomFactory, provider_with_hours


def test_a_partner_app_lists_free_slots_and_books_one_for_a_resident(client, centre):
    provider_with_hours(agency=centre, languages=["ko", "vi"], weekday=0, starts="10:00", ends="11:00")
    slots = client.get(f"/api/v1/centre/agencies/{centre.pk}/slots",
                       {"language": "vi", "start_day": MONDAY.isoformat(), "days": 1}).json()
    assert [slot["interpretation"] for slot in slots] == ["none", "none"]
    response = client.post("/api/v1/centre/appointments", {
        "agency_id": centre.pk, "topic": "kiip", "language": "vi", "starts_at": slots[0]["starts_at"],
        "name": "Lan", "phone": "010-1111-2222"}, content_type="application/json")
    assert response.status_code == 201
    assert "/vi/centre/appointments/" in response.json()["manage_url"]
    assert Appointment.objects.get().starts_at == at(MONDAY, "10:00")


def test_an_api_booking_with_missing_contact_details_gets_field_errors(client, centre):
    provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="11:00")
    response = client.post("/api/v1/centre/appointments", {
        "agency_id": centre.pk, "topic": "kiip", "language": "ko", "starts_at": at(MONDAY, "10:00").isoformat(),
        "name": "Kim"}, content_type="application/json")
    assert response.status_code == 422
    assert "phone" in response.json()["error"]["fields"]


def test_a_double_room_booking_through_the_api_is_a_409_conflict(client, centre, make_user):
    room = RoomFactory(agency=centre)
    client.force_login(make_user(role="counsellor", agency=centre))
    body = {"starts_at": at(MONDAY, "10:00").isoformat(), "ends_at": at(MONDAY, "11:00").isoformat(), "title": "Class"}
    first = client.post(f"/api/v1/centre/rooms/{room.pk}/bookings", body, content_type="application/json")
    second = client.post(f"/api/v1/centre/rooms/{room.pk}/bookings", body, content_type="application/json")
    assert (first.status_code, second.status_code) == (201, 409)
    assert second.json()["error"]["code"] == "room_taken"
