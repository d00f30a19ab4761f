"""Screening the case registry: real clients in, newly eligible clients per agency out, once."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ondol.accounts.models import Role
from ondol.cases.models import Household, HouseholdMember, Relation, Screening
from ondol.cases.tests.factories import CaseFactory, ClientFactory, ReferralFactory
from ondol.core.errors import NotFound, PermissionDenied
from ondol.core.models import AgencyKind, AuditEntry
from ondol.core.tests.factories import AgencyFactory, RegionFactory, make_staff
from ondol.eligibility.models import RegistryScreeningResult
from ondol.eligibility.registry import newly_eligible_for, screen_registry
from ondol.eligibility.registry_inputs import registry_households

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(db: Any) -> Any:
    return AgencyFactory(name="Home centre", kind=AgencyKind.MULTICULTURAL_FAMILY_CENTRE)


@pytest.fixture
def elsewhere(db: Any) -> Any:
    return AgencyFactory(name="Another centre", kind=AgencyKind.MULTICULTURAL_FAMILY_CENTRE)


@pytest.fixture
def staff(home: Any) -> Any:
    return make_staff(role=Role.COUNSELLOR, agency=home, username="registry.counsellor")


def family(agency: Any, *, with_child: bool = True, **mother: Any) -> Any:
    """A Vietnamese marriage migrant heading a household with her Korean husband and (maybe) their baby."""
    dong = RegionFactory(code="3017011000")
    head = ClientFactory(agency=agency, name_latin="NGUYEN THI LAN", nationality="VN", residence_status="F-6-1",
                         birth_date=dt.date(1994, 4, 4), dong=dong, identity_number="940404-6123456", **mother)
    household = Household.objects.create(agency=agency, name="Lan's family")
    HouseholdMember.objects.create(household=household, client=head, relation=Relation.HEAD)
    husband = ClientFactory(agency=agency, name_latin="KIM MINSU", nationality="KR", residence_status="",
                            birth_date=dt.date(1988, 8, 8), dong=dong)
    HouseholdMember.objects.create(household=household, client=husband, relation=Relation.SPOUSE)
    if with_child:
        add_child(head)
    return head


def add_child(head: Any) -> Any:
    child = ClientFactory(agency=head.agency, name_latin="KIM HANA", nationality="KR", residence_status="",
                          birth_date=timezone.localdate() - dt.timedelta(days=60))
    HouseholdMember.objects.create(household=head.household_membership.household, client=child, relation=Relation.CHILD)
    return child


def listed(run_or_lists: Any) -> dict[str, dict[str, list[str]]]:
    """agency name → client name → programs."""
    lists = run_or_lists.agencies if hasattr(run_or_lists, "agencies") else run_or_lists
    return {a.agency.name: {c.client.name_latin: c.programs for c in a.clients} for a in lists}


# --- the mapping ------------------------------------------------------------------------------------------


def test_a_client_heading_a_household_is_screened_with_its_members_and_their_recorded_facts(home: Any) -> None:
    head = family(home)
    household = dict(registry_households(type(head).objects.filter(pk=head.pk), as_of=timezone.localdate()))[head]
    assert household.size == 3
    assert household.region_dong_code == "3017011000"
    assert household.monthly_income_krw is None and household.assets_krw is None
    mother, husband, child = household.members
    assert (mother.role, husband.role, child.role) == ("applicant", "spouse", "child")
    assert mother.korean_national is False and husband.korean_national is True
    assert mother.residence_status == "F-6-1" and husband.residence_status is None
    assert mother.registered is True and husband.registered is None
    assert mother.married_to_korean is True
    assert mother.birth_date == dt.date(1994, 4, 4)
    assert mother.employed is None and mother.pregnant is None


def test_facts_the_registry_does_not_hold_or_cannot_read_stay_unknown(home: Any) -> None:
    client = ClientFactory(agency=home, nationality="", residence_status="visa?", birth_date=None)
    household = dict(registry_households(type(client).objects.filter(pk=client.pk), as_of=timezone.localdate()))[client]
    (member,) = household.members
    assert household.size is None and household.region_dong_code is None
    assert member.role == "applicant"
    assert member.korean_national is None and member.residence_status is None and member.birth_date is None
    assert member.registered is None and member.married_to_korean is None


def test_a_member_who_does_not_head_the_household_is_screened_alone_with_the_size_unknown(home: Any) -> None:
    head = family(home)
    husband = HouseholdMember.objects.get(household=head.household_membership.household, relation=Relation.SPOUSE).client
    household = dict(registry_households(type(head).objects.filter(pk=husband.pk), as_of=timezone.localdate()))[husband]
    assert household.size is None
    assert [(m.id, m.role) for m in household.members] == [(str(husband.pk), "applicant")]


def test_income_and_assets_come_from_a_recent_saved_screening_only(home: Any) -> None:
    head, today = family(home), timezone.localdate()
    Screening.objects.create(client=head, as_of=today - dt.timedelta(days=400), rules_version="x",
                             household={"monthly_income_krw": 5_000_000, "assets_krw": 1, "members": []})
    clients = type(head).objects.filter(pk=head.pk)
    assert dict(registry_households(clients, as_of=today))[head].monthly_income_krw is None
    Screening.objects.create(client=head, as_of=today - dt.timedelta(days=30), rules_version="x",
                             household={"monthly_income_krw": 1_000_000, "assets_krw": 20_000_000, "members": []})
    household = dict(registry_households(clients, as_of=today))[head]
    assert (household.monthly_income_krw, household.assets_krw) == (1_000_000, 20_000_000)


# --- newly eligible ---------------------------------------------------------------------------------------


def test_a_newly_eligible_client_is_listed_once_and_not_again(home: Any, staff: Any) -> None:
    family(home)
    first = screen_registry(staff)
    programs = listed(first)["Home centre"]["NGUYEN THI LAN"]
    assert "child-allowance" in programs and "multicultural-family-visiting" in programs
    assert first.screened == 3
    again = screen_registry(staff)
    assert again.screened == 3
    assert listed(again) == {"Home centre": {}}
    assert again.newly_eligible == 0


def test_a_client_is_listed_when_a_change_in_the_registry_makes_them_eligible(home: Any, staff: Any) -> None:
    head = family(home, with_child=False)
    before = screen_registry(staff)
    assert "child-allowance" not in listed(before)["Home centre"].get("NGUYEN THI LAN", [])
    add_child(head)
    after = screen_registry(staff)
    assert "child-allowance" in listed(after)["Home centre"]["NGUYEN THI LAN"]
    kept = RegistryScreeningResult.objects.get(client=head, program="child-allowance")
    assert (kept.status, kept.newly_eligible, kept.eligible_since) == ("eligible", True, after.as_of)


def test_the_page_between_runs_shows_what_the_last_run_found(home: Any, staff: Any) -> None:
    family(home)
    run = screen_registry(staff)
    assert listed(newly_eligible_for(staff)) == listed(run)
    screen_registry(staff)
    assert listed(newly_eligible_for(staff)) == {"Home centre": {}}


def test_a_client_of_another_agency_is_never_screened_nor_listed(home: Any, elsewhere: Any, staff: Any) -> None:
    theirs = family(elsewhere, name_native="Lan (elsewhere)")
    run = screen_registry(staff)
    assert run.screened == 0
    assert listed(run) == {"Home centre": {}}
    assert not RegistryScreeningResult.objects.filter(client=theirs).exists()
    with pytest.raises(NotFound):
        screen_registry(staff, agency_id=elsewhere.pk)


def test_a_client_only_referred_to_the_agency_is_not_screened(home: Any, elsewhere: Any, staff: Any) -> None:
    theirs = family(elsewhere)
    ReferralFactory(case=CaseFactory(client=theirs, agency=elsewhere), to_agency=home)
    assert screen_registry(staff).screened == 0


def test_a_client_with_a_case_at_the_agency_is_listed_under_that_agency(home: Any, elsewhere: Any, staff: Any) -> None:
    theirs = family(elsewhere)
    CaseFactory(client=theirs, agency=home)
    assert "NGUYEN THI LAN" in listed(screen_registry(staff))["Home centre"]


def test_staff_of_an_enforcement_agency_cannot_screen_the_registry(home: Any) -> None:
    immigration = AgencyFactory(kind=AgencyKind.ENFORCEMENT)
    officer = make_staff(role=Role.PARTNER_STAFF, agency=immigration)
    with pytest.raises(PermissionDenied):
        screen_registry(officer)


def test_each_run_writes_one_audit_event_naming_the_clients_listed(home: Any, staff: Any) -> None:
    head = family(home)
    screen_registry(staff)
    (entry,) = AuditEntry.objects.filter(action="eligibility.screen_registry", actor=staff)
    assert "3 clients screened" in entry.detail and str(head.pk) in entry.detail


# --- the command, the page and the API ---------------------------------------------------------------------


def test_the_command_prints_the_newly_eligible_clients_per_agency(home: Any, staff: Any) -> None:
    family(home)
    out = StringIO()
    call_command("eligibility", "screen-registry", "--user", staff.username, stdout=out)
    text = out.getvalue()
    assert "Screened 3 clients" in text
    assert "Home centre" in text and "1 newly eligible" in text
    assert "NGUYEN THI LAN" in text and "child-allowance" in text
    again = StringIO()
    call_command("eligibility", "screen-registry", "--user", staff.username, "--agency", str(home.pk), stdout=again)
    assert "Home centre" in again.getvalue() and "0 newly eligible" in again.getvalue()
    assert "NGUYEN THI LAN" not in again.getvalue()


def test_the_command_refuses_an_unknown_user_and_a_foreign_agency(home: Any, elsewhere: Any, staff: Any) -> None:
    with pytest.raises(CommandError, match="no active user"):
        call_command("eligibility", "screen-registry", "--user", "nobody", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("eligibility", "screen-registry", "--user", staff.username, "--agency", str(elsewhere.pk),
                     stdout=StringIO())


def test_the_staff_page_runs_the_screening_and_lists_the_newly_eligible(client: Any, home: Any, elsewhere: Any,
                                                                         staff: Any) -> None:
    family(home)
    family(elsewhere, name_native="Someone elsewhere")
    client.force_login(staff)
    page = client.get("/en/staff/eligibility/registry/")
    assert page.status_code == 200
    assert b"csrfmiddlewaretoken" in page.content and b"NGUYEN THI LAN" not in page.content
    response = client.post("/en/staff/eligibility/registry/", follow=True)
    html = response.content.decode()
    assert "1 of the 3 clients screened is newly eligible." in html
    assert "NGUYEN THI LAN" in html and "Child allowance" in html
    assert "Someone elsewhere" not in html


def test_the_staff_page_refuses_a_post_without_a_csrf_token(home: Any, staff: Any) -> None:
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)
    assert browser.post("/en/staff/eligibility/registry/").status_code == 403
    assert not AuditEntry.objects.filter(action="eligibility.screen_registry").exists()


def test_the_staff_page_is_for_casework_staff_only(client: Any, home: Any) -> None:
    assert client.get("/en/staff/eligibility/registry/").status_code == 302  # to the sign-in page
    client.force_login(make_staff(role=Role.DISTRICT_PLANNER, agency=home))
    assert client.get("/en/staff/eligibility/registry/").status_code == 403


def test_the_api_screens_then_lists_nobody_new_and_reads_the_last_run(client: Any, home: Any, staff: Any) -> None:
    head = family(home)
    client.force_login(staff)
    body = client.post("/api/v1/eligibility/registry/screen", {}, content_type="application/json").json()
    assert (body["screened"], body["newly_eligible"]) == (3, 1)
    (agency,) = body["agencies"]
    (entry,) = agency["clients"]
    assert (agency["agency_name"], entry["client_id"]) == ("Home centre", head.pk)
    assert "child-allowance" in {p["program"] for p in entry["programs"]}
    listed_now = client.get("/api/v1/eligibility/registry/newly-eligible").json()
    assert listed_now["agencies"][0]["clients"][0]["client_id"] == head.pk
    again = client.post("/api/v1/eligibility/registry/screen", {"agency_id": home.pk},
                        content_type="application/json").json()
    assert again["newly_eligible"] == 0 and again["agencies"][0]["clients"] == []


def test_the_api_needs_staff_and_refuses_another_agency(client: Any, home: Any, elsewhere: Any, staff: Any) -> None:
    assert client.post("/api/v1/eligibility/registry/screen", {}, content_type="application/json").status_code == 401
    client.force_login(staff)
    response = client.post("/api/v1/eligibility/registry/screen", {"agency_id": elsewhere.pk},
                           content_type="application/json")
    assert response.status_code == 404
    assert response.json()["error"]["code"]
    bad = client.post("/api/v1/eligibility/registry/screen", {"as_of": "soon"}, content_type="application/json")
    assert bad.status_code == 422 and "as_of" in bad.json()["error"]["fields"]
