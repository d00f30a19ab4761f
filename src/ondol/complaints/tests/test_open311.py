"""Open311 GeoReport v2: the documented shapes, and personal fields accepted on POST but never returned."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ondol.complaints.models import Complaint

PERSONAL = {"email": "lan.nguyen@example.org", "first_name": "Lan", "last_name": "Nguyen", "phone": "010-2222-3333",
            "device_id": "device-7781", "account_id": "acct-991"}
SERVICE_KEYS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_KEYS = {"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"}


def post(client: Client, **extra: str):
    data = {"service_code": "streets", "lat": "36.362891", "long": "127.356177",
            "description": "Street light broken near Lan's flat 301.", "locale": "vi", **PERSONAL, **extra}
    return client.post("/open311/v2/requests.json", data)


def test_services_lists_every_category_with_the_documented_fields(support_centre, client) -> None:
    services = client.get("/open311/v2/services.json?locale=vi").json()
    assert {service["service_code"] for service in services} >= {"noise", "waste", "streets", "other"}
    assert all(set(service) == SERVICE_KEYS for service in services)
    assert next(s for s in services if s["service_code"] == "noise")["service_name"] == "Tiếng ồn"


def test_posting_a_request_returns_its_id_and_token_and_nothing_personal(support_centre, client,
                                                                         clear_cache) -> None:
    response = post(client)
    assert response.status_code == 201
    body = response.json()
    assert set(body[0]) == {"service_request_id", "token", "service_notice", "account_id"}
    assert body[0]["account_id"] is None
    stored = Complaint.objects.get(tracking_number=body[0]["service_request_id"])
    assert (stored.email, stored.name, stored.phone) == (PERSONAL["email"], "Lan Nguyen", PERSONAL["phone"])


def test_no_request_endpoint_ever_returns_a_personal_field(support_centre, client, clear_cache) -> None:
    created = post(client).json()[0]
    bodies = [
        client.get("/open311/v2/requests.json").content,
        client.get(f"/open311/v2/requests/{created['service_request_id']}.json").content,
        client.get(f"/open311/v2/tokens/{created['token']}.json").content,
    ]
    for raw in bodies:
        text = raw.decode()
        for value in [*PERSONAL.values(), "Lan Nguyen", "flat 301", "36.362891", "127.356177"]:
            assert value not in text
    detail = json.loads(bodies[1])[0]
    assert set(detail) == REQUEST_KEYS
    assert (detail["status"], detail["lat"], detail["long"]) == ("open", 36.363, 127.356)


def test_a_token_leads_to_its_request_id(support_centre, client, clear_cache) -> None:
    created = post(client).json()[0]
    assert client.get(f"/open311/v2/tokens/{created['token']}.json").json() == [
        {"service_request_id": created["service_request_id"], "token": created["token"]}]


def test_requests_can_be_filtered_by_service_code_status_and_id(support_centre, client, clear_cache) -> None:
    street = post(client).json()[0]["service_request_id"]
    noise = post(client, service_code="noise").json()[0]["service_request_id"]
    by_code = client.get("/open311/v2/requests.json?service_code=noise").json()
    assert [item["service_request_id"] for item in by_code] == [noise]
    assert client.get("/open311/v2/requests.json?status=closed").json() == []
    by_id = client.get(f"/open311/v2/requests.json?service_request_id={street},{noise}").json()
    assert {item["service_request_id"] for item in by_id} == {street, noise}


def test_a_date_range_longer_than_ninety_days_is_refused(support_centre, client) -> None:
    response = client.get("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z")
    assert response.status_code == 400
    assert set(response.json()[0]) == {"code", "description"}


@pytest.mark.parametrize(("extra", "status"), [({"service_code": "no-such-service"}, 400),
                                                ({"lat": "", "long": ""}, 400),
                                                ({"jurisdiction_id": "elsewhere"}, 404)])
def test_bad_posts_get_open311_errors(support_centre, client, clear_cache, extra, status) -> None:
    response = post(client, **extra)
    assert response.status_code == status
    assert response.json()[0]["code"] == status


def test_unknown_ids_and_tokens_are_404_in_the_open311_error_shape(db, client) -> None:
    for path in ("/open311/v2/requests/OND-2026-999999.json", "/open311/v2/tokens/not-a-token.json"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()[0]["code"] == 404


def test_posting_is_rate_limited_per_address(support_centre, client, clear_cache, settings) -> None:
    settings.ONDOL_COMPLAINTS_PER_HOUR = 2
    assert [post(client).status_code for _ in range(3)] == [201, 201, 429]
