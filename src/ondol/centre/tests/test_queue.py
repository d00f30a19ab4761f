"""Counter queue: numbers, the waiting-time estimate, calling and the display board."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ondol.centre.models import Ticket, TicketStatus
from ondol.centre.services.queue import (
    do_call_next,
    do_issue_ticket,
    do_move_ticket,
    estimate_wait_minutes,
    ticket_state,
    ticket_token,
)
from ondol.core.errors import Conflict


def test_the_wait_is_the_median_service_time_for_each_person_ahead_shared_by_the_counters():
    # Served in 4, 6, 30 (one long case) and 5 minutes: the median is 5.5, not the mean of 11.25.
    assert estimate_wait_minutes(people_ahead=3, recent_service_minutes=[4, 6, 30, 5], counters=1) == 17
    assert estimate_wait_minutes(people_ahead=3, recent_service_minutes=[4, 6, 30, 5], counters=2) == 9


def test_before_anyone_is_served_the_estimate_uses_the_default_time():
    assert estimate_wait_minutes(people_ahead=2, recent_service_minutes=[], default_minutes=10) == 20
    assert estimate_wait_minutes(people_ahead=0, recent_service_minutes=[8]) == 0


def test_a_ticket_estimate_comes_from_todays_finished_tickets(centre):
    nine = timezone.make_aware(dt.datetime(2030, 3, 4, 9, 0))
    for minutes in (4, 6, 8):
        done = do_issue_ticket(None, agency=centre, category="stay", language="vi", now=nine)
        do_call_next(None, agency=centre, category="stay", counter="1", now=nine)
        do_move_ticket(None, ticket=Ticket.objects.get(pk=done.pk), step="serve", now=nine)
        do_move_ticket(None, ticket=Ticket.objects.get(pk=done.pk), step="done",
                       now=nine + dt.timedelta(minutes=minutes))
    do_issue_ticket(None, agency=centre, category="stay", language="ne", now=nine)
    mine = do_issue_ticket(None, agency=centre, category="stay", language="ne", now=nine)
    state = ticket_state(mine)
    assert (state.people_ahead, state.wait_minutes) == (1, 6)


def test_numbers_run_per_category_and_day(centre):
    now = timezone.make_aware(dt.datetime(2030, 3, 4, 9, 0))
    labels = [do_issue_ticket(None, agency=centre, category=c, language="ko", now=now).label
              for c in ("stay", "stay", "labour")]
    tomorrow = do_issue_ticket(None, agency=centre, category="stay", language="ko", now=now + dt.timedelta(days=1))
    assert labels == ["B-001", "B-002", "D-001"]
    assert tomorrow.label == "B-001"


def test_call_next_takes_the_oldest_waiting_ticket_and_a_finished_ticket_cannot_be_served_again(centre):
    now = timezone.now()
    first = do_issue_ticket(None, agency=centre, category="general", language="ko", now=now)
    do_issue_ticket(None, agency=centre, category="general", language="ko", now=now)
    called = do_call_next(None, agency=centre, category="general", counter="2", now=now)
    assert (called.pk, called.status, called.counter) == (first.pk, TicketStatus.CALLED, "2")
    do_move_ticket(None, ticket=called, step="done")
    with pytest.raises(Conflict):
        do_move_ticket(None, ticket=called, step="serve")


def test_the_resident_takes_a_number_on_the_kiosk_page_and_sees_the_ticket(client, centre):
    response = client.post(reverse("centre:kiosk", args=[centre.pk]), {"category": "labour"}, HTTP_ACCEPT_LANGUAGE="ne")
    ticket = Ticket.objects.get()
    assert response["Location"] == reverse("centre:ticket", args=[ticket_token(ticket)])
    page = client.get(response["Location"]).content.decode()
    assert ticket.label in page
    assert "<svg" in page  # the QR code that carries the ticket over to the resident's phone


def test_the_display_shows_the_called_number_with_the_category_in_korean_and_in_the_residents_language(
        client, centre):
    ticket = do_issue_ticket(None, agency=centre, category="labour", language="vi")
    do_call_next(None, agency=centre, category="labour", counter="3")
    fragment = client.get(reverse("centre:display", args=[centre.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert ticket.label in fragment
    assert "근로" in fragment or "임금" in fragment
    assert 'lang="vi"' in fragment


def test_the_display_page_polls_every_three_seconds_without_inline_script(client, centre):
    html = client.get(reverse("centre:display", args=[centre.pk])).content.decode()
    assert 'hx-trigger="every 3s"' in html
    assert "<script>" not in html


def test_the_door_qr_code_is_an_svg(client, centre):
    response = client.get(reverse("centre:queue-qr", args=[centre.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in response.content
    assert f"/centre/queue/{centre.pk}/".encode() in response.content  # the title names the kiosk address


@pytest.mark.django_db(transaction=True)
def test_four_kiosks_drawing_at_the_same_moment_get_four_different_numbers():
    import threading

    from django.db import connection

    from ondol.core.tests.factories import AgencyFactory

    centre = AgencyFactory()
    barrier = threading.Barrier(4)
    labels: list[str] = []

    def draw() -> None:
        try:
            barrier.wait()
            labels.append(do_issue_ticket(None, agency=centre, category="stay", language="vi").label)
        finally:
            connection.close()

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(labels) == ["B-001", "B-002", "B-003", "B-004"]


def test_staff_call_the_next_number_through_the_api_and_the_board_shows_it(client, centre, make_user):
    do_issue_ticket(None, agency=centre, category="family", language="km")
    client.force_login(make_user(role="counsellor", agency=centre))
    called = client.post(f"/api/v1/centre/agencies/{centre.pk}/queue/call-next", {"category": "family", "counter": "4"},
                         content_type="application/json")
    nobody = client.post(f"/api/v1/centre/agencies/{centre.pk}/queue/call-next", {"category": "family"},
                         content_type="application/json")
    board = client.get(f"/api/v1/centre/agencies/{centre.pk}/queue/board").json()
    assert (called.status_code, nobody.status_code) == (200, 204)
    assert [(t["label"], t["counter"], t["language"]) for t in board] == [("E-001", "4", "km")]


def test_the_door_poster_asks_in_every_language_to_scan_the_code(client, centre):
    html = client.get(reverse("centre:poster", args=[centre.pk])).content.decode()
    assert "<svg" in html
    for sentence in ("휴대전화로 번호표를 받으려면 이 코드를 스캔하세요.", "Quét mã này để lấy số thứ tự trên điện thoại.",
                     "फोनमा नम्बर लिन यो कोड स्क्यान गर्नुहोस्।"):
        assert sentence in html
