"""Neighbour reports: triage address → dong, the public form's guards, tracking, hotline intake."""

from __future__ import annotations

import re
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from ondol.fieldwork.models import NeighbourReport, ReportStatus, Source, WorkItem
from ondol.fieldwork.services.reports import do_file_report, form_token
from ondol.fieldwork.tests.conftest import ONCHEON1

pytestmark = pytest.mark.django_db

WHAT = "The old man downstairs has not been seen for two weeks and his mail is piling up."


def _post(client, *, address="대전 유성구 온천1동 봉명로 12", token=None, honeypot="", ip="203.0.113.7", lang="ko"):
    return client.post(f"/{lang}/fieldwork/report/", {
        "address": address, "concerns": ["not_seen", "debts"], "description": WHAT,
        "token": token if token is not None else form_token(now=time.time() - 60), "website": honeypot,
    }, REMOTE_ADDR=ip)


def test_a_report_with_a_known_address_lands_on_the_worklist_of_that_dong(centres):
    report = do_file_report(None, channel="web", address="대전광역시 유성구 온천1동 봉명로 12",
                            description=WHAT, concerns=["not_seen"], language="ko")
    item = WorkItem.objects.get(report=report)
    assert (item.source, item.dong.code, report.status) == (Source.NEIGHBOUR_REPORT, ONCHEON1, ReportStatus.ROUTED)


def test_a_romanised_address_is_placed_as_well(centres):
    report = do_file_report(None, channel="web", address="Oncheon 1-dong, Yuseong-gu, Daejeon",
                            description=WHAT, concerns=[], language="en")
    assert report.items.get().dong.code == ONCHEON1


def test_a_report_whose_dong_cannot_be_found_waits_in_the_district_triage_queue(centres):
    report = do_file_report(None, channel="web", address="대전 유성구 파란 대문 집", description=WHAT,
                            concerns=[], language="ko")
    item = report.items.get()
    assert item.dong is None and item.district.name == "유성구"
    assert report.status == ReportStatus.TRIAGE


def test_anyone_can_report_without_signing_in_and_gets_a_tracking_number(client, centres):
    assert client.get("/ko/fieldwork/report/").status_code == 200
    response = _post(client)
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    number = re.search(r"NR-[A-Z0-9]{4}-[A-Z0-9]{4}", thanks).group(0)
    report = NeighbourReport.objects.get(tracking_number=number)
    assert report.reporter_name == "" and report.channel == "web"


@pytest.mark.parametrize("lang", ["vi", "zh-hans", "ne", "km"])
def test_the_public_form_is_served_in_every_supported_language(client, centres, lang):
    page = client.get(f"/{lang}/fieldwork/report/")
    assert page.status_code == 200
    assert f'lang="{lang}"' in page.content.decode()


@pytest.mark.parametrize(("lang", "button"), [
    ("ko", "신고 보내기"), ("vi", "Gửi báo cáo"), ("zh-hans", "发送报告"), ("ru", "Отправить сообщение"),
    ("ne", "जानकारी पठाउनुहोस्"), ("km", "ផ្ញើរបាយការណ៍"),
])
def test_the_public_form_speaks_the_readers_language(client, centres, lang, button):
    assert button in client.get(f"/{lang}/fieldwork/report/").content.decode()


def test_the_reporter_learns_where_the_report_stands_and_nothing_about_the_household(client, centres):
    report = do_file_report(None, channel="web", address="대전광역시 유성구 온천1동 봉명로 12", description=WHAT,
                            concerns=[], language="en")
    page = client.get("/en/fieldwork/report/track/", {"number": report.tracking_number}).content.decode()
    assert "Passed to the community centre" in page
    assert "봉명로" not in page and "mail is piling up" not in page


def test_a_filled_hidden_field_marks_the_report_as_spam(client, centres):
    response = _post(client, honeypot="http://spam.example")
    assert response.status_code == 200
    assert not NeighbourReport.objects.exists()


def test_a_form_sent_faster_than_a_person_can_fill_it_is_refused(client, centres):
    _post(client, token=form_token())
    assert not NeighbourReport.objects.exists()


def test_a_forged_form_token_is_refused(client, centres):
    _post(client, token="forged:token")
    assert not NeighbourReport.objects.exists()


@override_settings(ONDOL_NEIGHBOUR_REPORTS_PER_HOUR=2)
def test_reports_from_one_address_are_limited_per_hour_and_others_are_not_affected(client, centres):
    assert _post(client).status_code == 302
    assert _post(client).status_code == 302
    assert _post(client).status_code == 429
    assert _post(client, ip="198.51.100.4").status_code == 302
    assert NeighbourReport.objects.count() == 3


def test_staff_take_a_hotline_report_and_give_the_caller_a_number(client, dong_official):
    client.force_login(dong_official)
    response = client.post(reverse("fieldwork_staff:hotline"), {
        "channel": "hotline", "language": "vi", "address": "대전광역시 유성구 온천1동 봉명로 12",
        "concerns": ["no_food"], "description": WHAT,
    }, follow=True)
    report = NeighbourReport.objects.get()
    assert (report.channel, report.language, report.received_by) == ("hotline", "vi", dong_official)
    assert report.tracking_number in response.content.decode()


def test_a_report_no_district_can_be_found_for_reaches_the_city_hall_queue(client, centres, make_user):
    report = do_file_report(None, channel="web", address="the green house behind the big market",
                            description=WHAT, concerns=[], language="en")
    item = report.items.get()
    assert item.dong is None and item.district is None
    city = make_user(role="counsellor", agency=centres["대전광역시청"])
    district = make_user(role="counsellor", agency=centres["유성구청"])
    client.force_login(district)
    assert client.get(reverse("fieldwork_staff:item", args=[item.pk])).status_code == 404
    client.force_login(city)
    assert client.get(reverse("fieldwork_staff:item", args=[item.pk])).status_code == 200


def test_the_district_passes_a_triaged_report_to_the_right_dong(client, centres, make_user):
    report = do_file_report(None, channel="web", address="대전 유성구 파란 대문 집", description=WHAT,
                            concerns=[], language="ko")
    item = report.items.get()
    district = make_user(role="counsellor", agency=centres["유성구청"])
    client.force_login(district)
    client.post(reverse("fieldwork_staff:route", args=[item.pk]), {"dong": ONCHEON1})
    item.refresh_from_db()
    report.refresh_from_db()
    assert item.dong.code == ONCHEON1 and report.status == ReportStatus.ROUTED
