"""The public complaint form and the status page: any language, translated status, no personal data."""

from __future__ import annotations

import pytest

from ondol.complaints.models import Complaint
from ondol.complaints.services import do_change_complaint_status, do_file_complaint
from ondol.complaints.tests.conftest import image_upload


def _filed(language: str = "vi", **extra):
    return do_file_complaint(None, category_code="noise", description="Karaoke until 3 a.m. next to Ms Lan's room.",
                             language=language, name="Tran Thi Mai", email="mai@example.org", phone="010-7777-8888",
                             wants_updates=True, address="Room 204, 12 Daehak-ro", **extra)


def test_a_resident_files_a_complaint_in_vietnamese_and_lands_on_its_status_page(support_centre, client,
                                                                                 clear_cache) -> None:
    response = client.post("/vi/complaints/new/", {
        "category": "waste", "description": "Rác không được thu gom ba ngày nay.", "is_anonymous": "on",
        "photos": [image_upload()],
    }, follow=True)
    complaint = Complaint.objects.get()
    assert response.redirect_chain[-1][0] == f"/vi/track/{complaint.tracking_number}/"
    assert complaint.language == "vi" and complaint.is_anonymous
    page = response.content.decode()
    assert complaint.tracking_number in page
    assert "Rác thải và tái chế" in page  # the category in Vietnamese


def test_the_form_shows_the_categories_in_the_page_language(support_centre, client) -> None:
    assert "垃圾与回收" in client.get("/zh-hans/complaints/new/").content.decode()
    assert "ขยะและการรีไซเคิล" in client.get("/th/complaints/new/").content.decode()


def test_the_form_explains_what_is_missing(support_centre, client, clear_cache) -> None:
    response = client.post("/en/complaints/new/", {"category": "waste", "description": ""})
    assert response.status_code == 200
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(("language", "received", "in_progress"), [
    ("vi", "Đã tiếp nhận", "Đang xử lý"),
    ("zh-hans", "已受理", "处理中"),
])
def test_the_status_page_shows_the_translated_public_status(support_centre, handler, client, language, received,
                                                            in_progress) -> None:
    complaint = _filed(language=language)
    assert received in client.get(f"/{language}/track/{complaint.tracking_number}/").content.decode()
    do_change_complaint_status(handler, complaint=complaint, to_status="investigating",
                               expected_version=complaint.version)
    assert in_progress in client.get(f"/{language}/track/{complaint.tracking_number}/").content.decode()


def test_the_status_page_shows_the_replies_in_the_residents_language_and_no_personal_data(
        support_centre, handler, client) -> None:
    complaint = _filed(language="vi")
    do_change_complaint_status(handler, complaint=complaint, to_status="resolved", expected_version=complaint.version)
    page = client.get(f"/en/track/{complaint.tracking_number}/").content.decode()
    assert "Chúng tôi đã nhận được yêu cầu của bạn" in page
    assert "đã được giải quyết và đã đóng" in page
    for personal in ("Tran Thi Mai", "mai@example.org", "010-7777-8888", "Room 204", "Karaoke", "Ms Lan"):
        assert personal not in page


def test_an_unknown_tracking_number_gives_a_404_page(db, client) -> None:
    assert client.get("/vi/track/OND-2026-123456/").status_code == 404


def test_the_lookup_form_leads_to_the_status_page(support_centre, client) -> None:
    complaint = _filed()
    response = client.get("/ko/track/", {"number": complaint.tracking_number.lower()})
    assert response["Location"] == f"/ko/track/{complaint.tracking_number}/"


@pytest.mark.parametrize("language", ["th", "ru", "uz", "mn", "ne", "tl", "id", "ja", "km", "lo"])
def test_the_public_pages_are_translated_in_the_other_ten_languages(support_centre, client, language) -> None:
    english = client.get("/en/complaints/new/").content.decode()
    page = client.get(f"/{language}/complaints/new/").content.decode()
    assert "Report a problem or make a request" in english
    assert "Report a problem or make a request" not in page
