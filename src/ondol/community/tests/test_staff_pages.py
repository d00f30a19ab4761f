"""Staff pages that run a campaign, a session's deliveries and a competition's judging."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ondol.community.models import (
    Allocation,
    AllocationStatus,
    Donation,
    Entry,
    Material,
    MaterialDelivery,
    Receipt,
    Score,
)
from ondol.community.services import competitions, donations, programs
from ondol.community.tests.factories import CampaignFactory, CompetitionFactory, ProgramFactory, SessionFactory
from ondol.core.tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_staff_record_a_counter_gift_issue_its_receipt_and_reverse_it(client: Any) -> None:
    campaign = CampaignFactory()
    client.force_login(make_staff(role="counsellor", agency=campaign.agency))
    url = f"/ko/staff/community/campaigns/{campaign.pk}/"

    client.post(url, {"form": "donation", "kind": "money", "method": "counter", "amount": "70000",
                      "donor_name": "이웃", "anonymous": "on"})
    gift = Donation.objects.get()
    client.post(f"/ko/staff/community/donations/{gift.pk}/receipt/")
    client.post(f"/ko/staff/community/donations/{gift.pk}/reverse/", {"reason": "double entry"})

    assert Receipt.objects.get().donation == gift
    assert Donation.objects.get(reverses=gift).amount == -70_000
    assert client.get(url).status_code == 200


def test_a_manager_approves_an_allocation_proposed_by_a_counsellor_on_the_campaign_page(client: Any) -> None:
    campaign = CampaignFactory()
    counsellor = make_staff(role="counsellor", agency=campaign.agency)
    manager = make_staff(role="centre_manager", agency=campaign.agency)
    donations.do_record_donation(None, campaign=campaign, kind="money", method="counter", amount=500_000)
    client.force_login(counsellor)
    client.post(f"/ko/staff/community/campaigns/{campaign.pk}/",
                {"form": "allocation", "commodity": "KRW", "quantity": "200000", "recipient_kind": "household",
                 "client_ref": "CL-3", "purpose": "heating"})
    allocation = Allocation.objects.get()

    client.force_login(manager)
    client.post(f"/ko/staff/community/allocations/{allocation.pk}/decide/", {"decision": "approve"})

    assert Allocation.objects.get().status == AllocationStatus.APPROVED
    assert donations.balances(campaign)["KRW"] == {"received": 500_000, "allocated": 200_000, "held": 300_000}


def test_staff_confirm_the_conditions_when_signing_a_client_up_for_the_kimchi_day(client: Any) -> None:
    from ondol.community.models import Registration

    program = ProgramFactory(eligibility_tags=["single_person_household"])
    session = SessionFactory(program=program)
    client.force_login(make_staff(role="counsellor", agency=program.agency))
    url = f"/ko/staff/community/sessions/{session.pk}/"
    form = {"client_ref": "CL-8", "name": "Le", "phone": "", "language": "vi"}

    client.post(url, form)
    assert not Registration.objects.exists()
    client.post(url, {**form, "declared_tags": ["single_person_household"]})
    assert Registration.objects.get().status == "confirmed"


def test_staff_track_the_delivery_of_a_kimchi_kit_to_each_participant(client: Any) -> None:
    program = ProgramFactory()
    kit = Material.objects.create(program=program, name="kimchi kit")
    staff = make_staff(role="counsellor", agency=program.agency)
    session = SessionFactory(program=program)
    registration = programs.do_sign_up_client(staff, session=session, client_ref="CL-5", name="Tran")
    client.force_login(staff)

    client.post(f"/ko/staff/community/sessions/{session.pk}/",
                {"registration": registration.pk, "material": kit.pk, "status": "delivered"})

    assert MaterialDelivery.objects.get(registration=registration, material=kit).status == "delivered"
    assert "kimchi kit" in client.get(f"/ko/staff/community/sessions/{session.pk}/").content.decode()


def test_a_judge_declares_no_conflict_and_scores_an_entry_on_the_competition_page(client: Any) -> None:
    competition = CompetitionFactory()
    judge = make_staff(role="partner_staff")
    competitions.do_add_judge(None, competition=competition, user=judge)
    criterion = competitions.do_add_criterion(None, competition=competition, name="Impact")
    entry = Entry.objects.create(competition=competition, title="A", summary="…", submitter_name="X")
    client.force_login(judge)
    url = f"/en/staff/community/competitions/{competition.pk}/"

    client.post(url, {"entry": entry.pk, "declare": "none"})
    client.post(url, {"entry": entry.pk, f"criterion_{criterion.pk}": "7"})

    assert Score.objects.get(entry=entry).points == 7
    assert client.get(url).status_code == 200


def test_an_agency_submits_an_entry_with_a_file_while_entries_are_open(client: Any, settings: Any,
                                                                      tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    competition = CompetitionFactory(submission_opens=now - dt.timedelta(days=1),
                                     submission_closes=now + dt.timedelta(days=5),
                                     voting_opens=now + dt.timedelta(days=6), voting_closes=now + dt.timedelta(days=9),
                                     screening_closes=now + dt.timedelta(days=12))
    staff = make_staff(role="counsellor", agency=competition.agency)
    client.force_login(staff)

    client.post(f"/ko/staff/community/competitions/{competition.pk}/", {
        "submit_entry": "1", "title": "동네 통역 봉사단", "summary": "결혼이민자 통역 봉사", "submitter_name": "온천1동",
        "attachment": SimpleUploadedFile("case.pdf", b"%PDF-1.4 demo", content_type="application/pdf")})

    entry = Entry.objects.get(competition=competition)
    assert entry.attachment.name.endswith(".pdf") and entry.agency == competition.agency


def test_published_results_show_the_awards_on_the_public_page(client: Any) -> None:
    now = timezone.now()
    competition = CompetitionFactory(submission_closes=now - dt.timedelta(days=4), voting_opens=now - dt.timedelta(days=3),
                                     voting_closes=now - dt.timedelta(days=1))
    entry = Entry.objects.create(competition=competition, title="김장 나눔", summary="…", submitter_name="X")
    competitions.do_publish_results(make_staff(role="centre_manager", agency=competition.agency),
                                    competition=competition, awards=[(entry.pk, "대상")])

    body = client.get(f"/ko/community/competitions/{competition.slug}/").content.decode()

    assert "대상" in body and "김장 나눔" in body


def test_a_pledge_recorded_by_staff_becomes_a_gift_when_paid(client: Any) -> None:
    from ondol.community.models import Pledge

    campaign = CampaignFactory()
    client.force_login(make_staff(role="counsellor", agency=campaign.agency))
    url = f"/ko/staff/community/campaigns/{campaign.pk}/"

    client.post(url, {"form": "pledge", "donor_name": "대전상회", "donor_phone": "0425550000", "amount": "300000"})
    pledge = Pledge.objects.get()
    client.post(f"/ko/staff/community/pledges/{pledge.pk}/paid/", {"method": "bank_transfer"})

    assert Pledge.objects.get().fulfilled_by.amount == 300_000
    assert donations.balances(campaign)["KRW"]["received"] == 300_000


def test_staff_create_a_program_and_schedule_a_weekly_class_on_its_page(client: Any) -> None:
    from ondol.community.models import Program

    staff = make_staff(role="counsellor")
    client.force_login(staff)

    client.post("/ko/staff/community/", {"kind": "language_class", "title": "토요 한국어", "description": "",
                                         "languages": ["ko", "vi"], "eligibility_tags": ["foreign_resident"]})
    program = Program.objects.get(title="토요 한국어")
    client.post(f"/ko/staff/community/programs/{program.pk}/", {
        "starts_at": (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT10:00"),
        "duration_minutes": "90", "weeks": "6", "capacity": "12", "mode": "in_person", "place": "3층"})

    assert program.agency == staff.memberships.get().agency
    assert program.languages == ["ko", "vi"] and program.eligibility_tags == ["foreign_resident"]
    assert program.sessions.count() == 6
