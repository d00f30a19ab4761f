"""Every centre page renders for the people it is meant for, in Korean and in another language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ondol.centre.models import ClinicSession, ClinicStaff
from ondol.centre.services.library import do_lend_item
from ondol.centre.services.queue import do_call_next, do_issue_ticket
from ondol.centre.services.rooms import do_book_room
from ondol.centre.tests.conftest import MONDAY, at
from ondol.centre.tests.factories import RoomFactory, library_item, provider_with_hours

STAFF_PAGES = ["centre_staff:home", "centre_staff:calendar", "centre_staff:availability", "centre_staff:counter", "centre_staff:rooms",
               "centre_staff:clinic", "centre_staff:library"]


@pytest.fixture
def busy_centre(centre, make_user):
    manager = make_user(role="centre_manager", agency=centre)
    ClinicStaff.objects.create(agency=centre, user=manager)
    provider_with_hours(agency=centre, languages=["ko"], weekday=0, starts="10:00", ends="12:00")
    do_book_room(manager, room=RoomFactory(agency=centre), starts_at=at(MONDAY, "10:00"),
                 ends_at=at(MONDAY, "11:00"), title="Class")
    do_issue_ticket(None, agency=centre, category="general", language="th")
    do_call_next(None, agency=centre, category="general", counter="1")
    ClinicSession.objects.create(agency=centre, date=dt.date.today(), starts=dt.time(19), ends=dt.time(21))
    do_lend_item(None, item=library_item(agency=centre, title="Muna Madan", language="ne"), reader_name="Sita",
                 today=dt.date.today())
    return centre, manager


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_render_for_the_centre_manager(client, busy_centre, name):
    centre, manager = busy_centre
    client.force_login(manager)
    response = client.get(reverse(name), {"centre": centre.pk, "week": MONDAY.isoformat()})
    assert response.status_code == 200


def test_staff_pages_send_visitors_to_the_sign_in_page(client):
    response = client.get(reverse("centre_staff:home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("lang", ["ko", "vi", "ne"])
def test_public_pages_render_in_the_residents_language(client, busy_centre, lang):
    centre, _manager = busy_centre
    for path in (f"/{lang}/centre/book/?centre={centre.pk}&topic=kiip", f"/{lang}/centre/queue/{centre.pk}/",
                 f"/{lang}/centre/clinic/", f"/{lang}/centre/library/?language=ne&q=muna"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Muna Madan" in client.get(f"/{lang}/centre/library/?language=ne&q=muna").content.decode()
