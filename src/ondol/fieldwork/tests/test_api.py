"""The JSON API: staff list their worklist, log a contact and close an item; others get nothing."""

from __future__ import annotations

import pytest

from ondol.fieldwork.tests.conftest import DUNSAN1

pytestmark = pytest.mark.django_db


def test_a_dong_official_lists_logs_and_closes_items_through_the_api(client, dong_official, make_item):
    item = make_item()
    make_item(DUNSAN1)
    client.force_login(dong_official)
    listed = client.get("/api/v1/fieldwork/items").json()
    assert [row["id"] for row in listed] == [item.pk]
    created = client.post(f"/api/v1/fieldwork/items/{item.pk}/contacts", {"channel": "call", "result": "reached"},
                          content_type="application/json")
    assert created.status_code == 201
    closed = client.post(f"/api/v1/fieldwork/items/{item.pk}/outcome", {"outcome": "no_need"},
                         content_type="application/json").json()
    assert (closed["status"], closed["outcome"], closed["need_confirmed"]) == ("closed", "no_need", False)
    results = client.get("/api/v1/fieldwork/results", {"round": item.round}).json()
    assert results["total"]["contacted"] == 1


def test_an_unknown_outcome_gets_the_api_error_shape(client, dong_official, make_item):
    item = make_item()
    client.force_login(dong_official)
    response = client.post(f"/api/v1/fieldwork/items/{item.pk}/outcome", {"outcome": "vanished"},
                           content_type="application/json")
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["outcome"]


def test_the_api_refuses_people_who_are_not_staff(client, make_item):
    assert client.get("/api/v1/fieldwork/items").status_code == 401
