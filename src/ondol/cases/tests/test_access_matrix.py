"""The access matrix: every staff role × every case, client, referral and complaint endpoint × a record of the
user's own agency, of another agency, and one referred to the user's agency. Nothing leaks, and missing and
forbidden records look alike (404)."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient

from ondol.accounts.models import Role
from ondol.cases.models import Referral, Section
from ondol.cases.tests.factories import CaseFactory, ClientFactory, ReferralFactory
from ondol.complaints.tests.factories import ComplaintFactory
from ondol.core.models import AgencyKind, AuditEntry
from ondol.core.tests.factories import AgencyFactory, make_staff

CASEWORK_ROLES = [Role.COUNSELLOR, Role.CENTRE_MANAGER, Role.PARTNER_STAFF, Role.ADMIN]
ALL_ROLES = [*CASEWORK_ROLES, Role.DISTRICT_PLANNER]

# endpoint templates per record kind; {id} is the record's id
ENDPOINTS = {
    "client": ["/api/v1/clients/{id}", "/api/v1/clients/{id}/export"],
    "case": ["/api/v1/cases/{id}"],
    "referral": ["/api/v1/referrals/{id}"],
    "complaint": ["/api/v1/complaints/{id}"],
    "client_page": ["/en/staff/cases/clients/{id}/"],
    "case_page": ["/en/staff/cases/{id}/"],
    "referral_page": ["/en/staff/cases/referrals/{id}/"],
    "complaint_page": ["/en/staff/complaints/{id}/"],
}


@pytest.fixture
def world(db):
    """Three agencies: the user's own, another one, and one that refers a case to the user's agency."""
    own, other, referrer = (AgencyFactory(kind=AgencyKind.INTEGRATED_SUPPORT_CENTRE) for _ in range(3))
    own_case = CaseFactory(client=ClientFactory(agency=own), agency=own)
    other_case = CaseFactory(client=ClientFactory(agency=other), agency=other)
    referred_case = CaseFactory(client=ClientFactory(agency=referrer), agency=referrer)
    referral_in = ReferralFactory(case=referred_case, from_agency=referrer, to_agency=own)
    other_referral = ReferralFactory(case=other_case, from_agency=other, to_agency=referrer)
    return {
        "own_agency": own,
        "own": {"client": own_case.client, "case": own_case, "referral": ReferralFactory(
                    case=own_case, from_agency=own, to_agency=other),
                "complaint": ComplaintFactory(agency=own)},
        "other": {"client": other_case.client, "case": other_case, "referral": other_referral,
                  "complaint": ComplaintFactory(agency=other)},
        "referred": {"client": referred_case.client, "case": referred_case, "referral": referral_in,
                     "complaint": ComplaintFactory(agency=other, referred_to=own)},
    }


def _record(world, scope, kind):
    return world[scope][kind.removesuffix("_page")]


def _expected(role, scope):
    if role == Role.DISTRICT_PLANNER:
        return 404  # aggregates only
    return 404 if scope == "other" else 200


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("scope", ["own", "other", "referred"])
@pytest.mark.parametrize("kind", list(ENDPOINTS))
def test_each_role_reaches_exactly_its_own_and_referred_records(world, role, scope, kind) -> None:
    user = make_staff(role=role, agency=world["own_agency"])
    browser = HttpClient()
    browser.force_login(user)
    record = _record(world, scope, kind)
    for template in ENDPOINTS[kind]:
        if template.endswith("/export") and scope == "referred":
            expected = 404 if role == Role.DISTRICT_PLANNER else 403  # only the registering agency exports
        else:
            expected = _expected(role, scope)
        response = browser.get(template.format(id=record.pk))
        assert response.status_code == expected, (template, role, scope, response.content[:300])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_lists_show_the_same_records_as_the_detail_pages(world, role) -> None:
    user = make_staff(role=role, agency=world["own_agency"])
    browser = HttpClient()
    browser.force_login(user)
    listed_cases = {item["id"] for item in browser.get("/api/v1/cases/").json()}
    listed_clients = {item["id"] for item in browser.get("/api/v1/clients/").json()}
    listed_complaints = {item["id"] for item in browser.get("/api/v1/complaints/").json()}
    inbox = {item["id"] for item in browser.get("/api/v1/referrals/?direction=to_us").json()}
    if role == Role.DISTRICT_PLANNER:
        assert listed_cases == listed_clients == listed_complaints == inbox == set()
        return
    assert listed_cases == {world["own"]["case"].pk, world["referred"]["case"].pk}
    assert listed_clients == {world["own"]["client"].pk, world["referred"]["client"].pk}
    assert listed_complaints == {world["own"]["complaint"].pk, world["referred"]["complaint"].pk}
    assert inbox == {world["referred"]["referral"].pk}


def test_a_missing_record_and_a_forbidden_one_give_the_same_answer(world) -> None:
    user = make_staff(role=Role.COUNSELLOR, agency=world["own_agency"])
    browser = HttpClient()
    browser.force_login(user)
    forbidden = browser.get(f"/api/v1/cases/{world['other']['case'].pk}")
    missing = browser.get("/api/v1/cases/999999")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


def test_a_revoked_referral_no_longer_opens_the_case(world) -> None:
    user = make_staff(role=Role.PARTNER_STAFF, agency=world["own_agency"])
    Referral.objects.filter(pk=world["referred"]["referral"].pk).update(status="revoked")
    browser = HttpClient()
    browser.force_login(user)
    assert browser.get(f"/api/v1/cases/{world['referred']['case'].pk}").status_code == 404


def test_a_referred_agency_reads_only_the_shared_sections_through_the_api(world) -> None:
    user = make_staff(role=Role.PARTNER_STAFF, agency=world["own_agency"])
    referral = world["referred"]["referral"]
    referral.sections = [Section.IDENTITY]
    referral.save()
    browser = HttpClient()
    browser.force_login(user)
    body = browser.get(f"/api/v1/cases/{referral.case_id}").json()
    assert body["client"]["name_latin"]
    assert "phone" not in body["client"] and "residence_status" not in body["client"] and "plan" not in body


def test_a_district_planner_gets_aggregates_without_names(world, daejeon_regions) -> None:
    planner = make_staff(role=Role.DISTRICT_PLANNER, agency=world["own_agency"])
    browser = HttpClient()
    browser.force_login(planner)
    response = browser.get("/api/v1/cases/aggregates")
    assert response.status_code == 200
    text = response.content.decode()
    for scope in ("own", "other", "referred"):
        assert world[scope]["client"].name_latin not in text


def test_every_view_of_personal_data_writes_an_audit_entry(world) -> None:
    user = make_staff(role=Role.COUNSELLOR, agency=world["own_agency"])
    browser = HttpClient()
    browser.force_login(user)
    client = world["own"]["client"]
    browser.get(f"/api/v1/clients/{client.pk}")
    browser.get(f"/en/staff/cases/clients/{client.pk}/")
    assert AuditEntry.objects.filter(actor=user, action="view", target_type="cases.client",
                                     target_id=str(client.pk)).count() == 2


# Changes: (method, path, body, expected status for own / referred records); other agencies and planners get 404.
MUTATIONS = {
    "client": ("patch", "/api/v1/clients/{id}", lambda record: {"version": record.version, "phone": "010-0"},
               {"own": 200, "referred": 403}),
    "case": ("post", "/api/v1/cases/{id}/transitions", lambda record: {"to_status": "plan"},
             {"own": 200, "referred": 403}),
    # Only the receiving agency answers a referral; for the sender it does not exist as something to accept.
    "referral": ("post", "/api/v1/referrals/{id}/accept", lambda record: {"note": ""},
                 {"own": 404, "referred": 200}),
    "complaint": ("post", "/api/v1/complaints/{id}/replies", lambda record: {"phrase_key": "interpreter_available"},
                  {"own": 201, "referred": 201}),
}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("scope", ["own", "other", "referred"])
@pytest.mark.parametrize("kind", list(MUTATIONS))
def test_each_role_changes_only_what_it_is_responsible_for(world, role, scope, kind) -> None:
    user = make_staff(role=role, agency=world["own_agency"])
    browser = HttpClient()
    browser.force_login(user)
    method, template, body, allowed = MUTATIONS[kind]
    record = world[scope][kind]
    expected = 404 if role == Role.DISTRICT_PLANNER or scope == "other" else allowed[scope]
    response = getattr(browser, method)(template.format(id=record.pk), body(record), content_type="application/json")
    assert response.status_code == expected, (template, role, scope, response.content[:300])
