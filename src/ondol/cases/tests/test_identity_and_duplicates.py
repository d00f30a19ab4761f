"""Identity numbers are stored encrypted; intake finds the same person across scripts and name orders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from ondol.cases.duplicates import find_duplicates
from ondol.cases.models import Client, Consultation
from ondol.cases.services import PossibleDuplicates, do_merge_clients, do_register_client, reveal_identity_number
from ondol.core.errors import Conflict
from ondol.core.models import AuditEntry

NUMBER = "950517-6123456"
FOUR_SPELLINGS = ["Nguyễn Thị Lan", "NGUYEN THI LAN", "응우옌 티 란", "Lan Nguyen"]


def test_the_identity_number_is_not_in_the_database_in_clear(home_counsellor) -> None:
    client = do_register_client(home_counsellor, name_latin="NGUYEN THI LAN", identity_number=NUMBER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_client WHERE id = %s", [client.pk])
        raw_row = " ".join(str(value) for value in cursor.fetchone())
    assert "950517" not in raw_row and "6123456" not in raw_row and "9505176123456" not in raw_row
    assert Client.objects.get(pk=client.pk).identity_masked == "**********456"


def test_the_number_can_be_found_by_its_keyed_hash_and_revealed_with_an_audit_entry(home_counsellor) -> None:
    client = do_register_client(home_counsellor, name_latin="NGUYEN THI LAN", identity_number=NUMBER)
    found = find_duplicates(home_counsellor, names=[], identity_number="9505176123456")
    assert [item.client for item in found] == [client]
    assert reveal_identity_number(home_counsellor, client=client) == "9505176123456"
    assert AuditEntry.objects.filter(action="reveal_identity_number", target_id=str(client.pk)).exists()


@pytest.mark.parametrize("spelling", FOUR_SPELLINGS)
def test_each_spelling_finds_a_record_written_in_every_other_spelling(spelling, make_client, home_counsellor) -> None:
    born = dt.date(1994, 3, 8)
    records = [make_client(name_native="Nguyễn Thị Lan", name_latin="", birth_date=born),
               make_client(name_latin="NGUYEN THI LAN", birth_date=born),
               make_client(name_hangul="응우옌 티 란", name_latin="", birth_date=born),
               make_client(name_latin="LAN NGUYEN", birth_date=born)]
    found = {item.client for item in find_duplicates(home_counsellor, names=[spelling], birth_date=born)}
    assert found == set(records)


def test_the_same_common_name_with_another_birth_date_is_not_proposed(make_client, home_counsellor) -> None:
    make_client(name_latin="NGUYEN THI LAN", birth_date=dt.date(1994, 3, 8))
    assert find_duplicates(home_counsellor, names=["Nguyễn Thị Lan"], birth_date=dt.date(1999, 11, 2)) == []


def test_a_birth_date_with_day_and_month_swapped_still_counts_as_the_same(make_client, home_counsellor) -> None:
    record = make_client(name_latin="TRAN VAN MINH", birth_date=dt.date(1990, 4, 7))
    found = find_duplicates(home_counsellor, names=["쩐 반 민"], birth_date=dt.date(1990, 7, 4))
    assert [item.client for item in found] == [record]


def test_a_chinese_name_in_characters_matches_its_hangul_transcription(make_client, home_counsellor) -> None:
    record = make_client(name_native="王丽", name_latin="", nationality="CN")
    assert [item.client for item in find_duplicates(home_counsellor, names=["왕리"])] == [record]


def test_different_names_sharing_only_the_family_name_are_not_proposed(make_client, home_counsellor) -> None:
    make_client(name_latin="NGUYEN VAN HUNG")
    assert find_duplicates(home_counsellor, names=["Nguyen Thi Lan"]) == []


def test_the_finder_never_shows_records_of_another_agency(make_client, partner_staff) -> None:
    make_client(name_latin="NGUYEN THI LAN")
    assert find_duplicates(partner_staff, names=["NGUYEN THI LAN"]) == []


def test_intake_refuses_to_create_until_the_counsellor_has_seen_the_likely_duplicates(make_client,
                                                                                     home_counsellor) -> None:
    existing = make_client(name_latin="NGUYEN THI LAN", birth_date=dt.date(1994, 3, 8))
    with pytest.raises(PossibleDuplicates) as refused:
        do_register_client(home_counsellor, name_hangul="응우옌 티 란", birth_date=dt.date(1994, 3, 8))
    assert [item.client for item in refused.value.candidates] == [existing]
    created = do_register_client(home_counsellor, name_hangul="응우옌 티 란", birth_date=dt.date(1994, 3, 8),
                                 duplicates_checked=True)
    assert created.pk != existing.pk


def test_intake_always_refuses_a_second_record_with_the_same_identity_number(make_client, home_counsellor) -> None:
    make_client(name_latin="NGUYEN THI LAN", identity_number=NUMBER)
    with pytest.raises(PossibleDuplicates):
        do_register_client(home_counsellor, name_latin="LAN NGUYEN", identity_number=NUMBER, duplicates_checked=True)


def test_merging_keeps_every_record_of_both_and_is_audited(make_client, home_counsellor) -> None:
    keep = make_client(name_latin="NGUYEN THI LAN", phone="", email="")
    duplicate = make_client(name_hangul="응우옌 티 란", name_latin="", phone="010-9999-0000")
    Consultation.objects.create(client=duplicate, agency=duplicate.agency, occurred_at="2026-01-05T10:00+09:00",
                                channel="visit", topic="life", language="vi", notes_language="vi")
    merged = do_merge_clients(home_counsellor, keep=keep, duplicate=duplicate)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == merged
    assert merged.phone == "010-9999-0000"
    assert merged.consultations.count() == 1
    assert " ran " in merged.name_index or " lan " in merged.name_index
    assert AuditEntry.objects.filter(action="merge", target_id=str(keep.pk)).exists()


def test_merging_two_people_with_different_birth_dates_is_refused(make_client, home_counsellor) -> None:
    keep = make_client(name_latin="NGUYEN THI LAN", birth_date=dt.date(1994, 3, 8))
    other = make_client(name_latin="NGUYEN THI LAN", birth_date=dt.date(2001, 12, 30))
    with pytest.raises(Conflict):
        do_merge_clients(home_counsellor, keep=keep, duplicate=other)
    other.refresh_from_db()
    assert other.merged_into is None
