"""Dong worklists: who sees what, the household page, contacts, outcomes and the moved-household hand-off."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ondol.cases.models import Case, CaseSource
from ondol.core.errors import Conflict, InvalidInput
from ondol.discovery.services import do_publish_round
from ondol.fieldwork.models import ContactAttempt, ItemStatus, Outcome, Source, WorkItem
from ondol.fieldwork.services import do_record_contact, do_record_need, do_record_outcome
from ondol.fieldwork.services.casework import do_open_case_for_item
from ondol.fieldwork.tests.conftest import DUNSAN1, ONCHEON1

pytestmark = pytest.mark.django_db


def test_a_dong_official_sees_only_the_worklist_of_their_own_dong(client, dong_official, make_item):
    mine = make_item(ONCHEON1, household_id="MINE-1")
    other = make_item(DUNSAN1, household_id="OTHER-1")
    client.force_login(dong_official)
    page = client.get(reverse("fieldwork_staff:home"), {"round": mine.round}).content.decode()
    assert "MINE-1" in page
    assert "OTHER-1" not in page
    assert client.get(reverse("fieldwork_staff:item", args=[other.pk])).status_code == 404


def test_the_household_page_shows_reasons_in_plain_words_both_addresses_language_and_nationality(
        client, dong_official, make_item):
    item = make_item(actual_address="대전광역시 유성구 온천1동 99-9 지하", nationality="VN", language="vi")
    client.force_login(dong_official)
    page = client.get(f"/en/staff/fieldwork/items/{item.pk}/").content.decode()
    assert "대전광역시 유성구 온천1동 1-1" in page
    assert "99-9 지하" in page
    assert "VN" in page and "Tiếng Việt" in page
    assert "Electricity bill overdue for 3 months (₩240,000)" in page


def test_a_published_discovery_round_appears_on_the_worklist_of_each_dong(client, dong_official, centres):
    do_publish_round(None, name="2026-09", items=[
        {"household_id": "HH-7", "dong_code": ONCHEON1, "score": 0.91, "rank_in_dong": 1,
         "reasons": [{"indicator": "gas_cutoff", "points": 3.0, "observed_on": "2026-08-02"}],
         "registered_address": "대전 유성구 온천1동 5", "actual_address": "", "head_nationality": "CN",
         "single_person": True, "members": 1},
    ])
    client.force_login(dong_official)
    client.get(reverse("fieldwork_staff:home"))
    item = WorkItem.objects.get(household_id="HH-7")
    assert (item.round, item.source, item.dong.code, item.language) == ("2026-09", Source.DISCOVERY, ONCHEON1,
                                                                        "zh-hans")


def test_a_failed_call_is_logged_and_keeps_the_household_open(dong_official, make_item):
    item = make_item()
    do_record_contact(dong_official, item=item, channel="call", result="no_answer")
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert item.assigned_to == dong_official
    assert ContactAttempt.objects.get(item=item).result == "no_answer"


def test_an_outcome_outside_the_fixed_list_is_refused(dong_official, make_item):
    with pytest.raises(InvalidInput):
        do_record_outcome(dong_official, item=make_item(), outcome="sent_away")


def test_public_support_must_name_the_programs(dong_official, make_item):
    with pytest.raises(InvalidInput) as error:
        do_record_outcome(dong_official, item=make_item(), outcome=Outcome.PUBLIC_SUPPORT)
    assert "programs" in error.value.fields


def test_a_closed_household_takes_no_more_contact_attempts(dong_official, make_item):
    item = make_item()
    do_record_outcome(dong_official, item=item, outcome=Outcome.NO_NEED)
    with pytest.raises(Conflict):
        do_record_contact(dong_official, item=item, channel="visit", result="reached")


def test_a_moved_household_is_handed_off_to_the_worklist_of_its_new_dong(client, dong_official, make_item,
                                                                         make_user, centres):
    item = make_item(head_name="NGUYEN THI LAN")
    do_record_outcome(dong_official, item=item, outcome=Outcome.MOVED, new_address="대전광역시 서구 둔산1동 12-3")
    handoff = WorkItem.objects.get(handoff_from=item)
    assert (handoff.source, handoff.dong.code, handoff.household_id) == (Source.HANDOFF, DUNSAN1, item.household_id)
    assert handoff.actual_address == "대전광역시 서구 둔산1동 12-3"
    dunsan_official = make_user(role="counsellor", agency=centres["둔산1동 행정복지센터"])
    client.force_login(dunsan_official)
    page = client.get(reverse("fieldwork_staff:item", args=[handoff.pk])).content.decode()
    assert "NGUYEN THI LAN" in page and "온천1동" in page


def test_a_move_to_an_address_no_dong_can_be_found_for_goes_to_the_district_triage_queue(dong_official, make_item):
    item = make_item()
    do_record_outcome(dong_official, item=item, outcome=Outcome.MOVED, new_address="대전 유성구 어딘가 빌라 3층")
    handoff = WorkItem.objects.get(handoff_from=item)
    assert handoff.dong is None
    assert handoff.district.name == "유성구"


def test_linking_programs_marks_the_need_and_case_management_opens_a_case(dong_official, make_item):
    item = make_item(head_name="NGUYEN THI LAN")
    do_record_need(dong_official, item=item, need_confirmed=True, programs=["emergency-welfare"], resources=[])
    case = do_open_case_for_item(dong_official, item=item, name="NGUYEN THI LAN", title="Emergency support",
                                 duplicates_checked=True)
    item.refresh_from_db()
    assert (item.outcome, item.need_confirmed, item.programs) == (Outcome.CASE_MANAGEMENT, True,
                                                                  ["emergency-welfare"])
    stored = Case.objects.get(pk=case.pk)
    assert stored.source == CaseSource.DISCOVERY
    assert stored.client.dong.code == ONCHEON1


def test_staff_correct_the_language_guessed_from_nationality_after_the_first_call(client, dong_official, make_item):
    item = make_item(nationality="CN", language="zh-hans")
    client.force_login(dong_official)
    client.post(f"/en/staff/fieldwork/items/{item.pk}/details/", {
        "language": "ru", "nationality": "KZ", "phone": "010-2222-3333", "actual_address": "온천1동 7-7"})
    item.refresh_from_db()
    assert (item.language, item.nationality, item.phone, item.actual_address) == ("ru", "KZ", "010-2222-3333",
                                                                                   "온천1동 7-7")


def test_staff_write_down_who_a_reported_household_is_so_the_next_round_can_link_it(client, dong_official, oncheon1):
    from ondol.fieldwork.services.feedback import indicator_rows
    from ondol.fieldwork.services.reports import do_file_report

    report = do_file_report(None, channel="hotline", address="대전 유성구 온천1동 봉명로 12", concerns=["not_seen"],
                            description="Nobody has seen him for two weeks.", language="ko")
    item = report.items.get()
    assert indicator_rows() == []  # nobody knows yet who lives there
    client.force_login(dong_official)
    url = f"/en/staff/fieldwork/items/{item.pk}/details/"
    details = {"language": "ko", "nationality": "KR", "phone": "", "actual_address": item.actual_address,
               "head_name": "김철수", "head_birth_date": "2090-01-01"}
    assert "not in the future" in client.post(url, details).content.decode()
    client.post(url, {**details, "head_birth_date": "1951-03-04"})
    [row] = indicator_rows()
    assert (row["record_id"], row["indicator"], row["household_id"], row["name"], str(row["birth_date"])) == (
        f"fieldwork-report-{report.pk}", "neighbour_report", None, "김철수", "1951-03-04")
    assert "1951" in client.get(f"/en/staff/fieldwork/items/{item.pk}/").content.decode()
