"""Filing a complaint: gapless tracking numbers, photos checked and stripped, anonymity, service levels."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image

from ondol.complaints.models import Complaint, TrackingCounter
from ondol.complaints.services import do_file_complaint
from ondol.complaints.sla import due_at, sla_state
from ondol.complaints.tests.conftest import image_upload
from ondol.complaints.tests.factories import ComplaintFactory
from ondol.complaints.tracking import allocate_tracking_number
from ondol.core.errors import InvalidInput


def file(**extra):
    fields = {"category_code": "streets", "description": "The street light is broken.", "language": "vi"}
    return do_file_complaint(None, **{**fields, **extra})


def test_a_complaint_gets_a_tracking_number_of_the_form_ond_year_six_digits(support_centre) -> None:
    complaint = file()
    assert re.fullmatch(rf"OND-{timezone.localdate().year}-\d{{6}}", complaint.tracking_number)


def test_tracking_numbers_follow_each_other_without_gaps(support_centre) -> None:
    numbers = [file().tracking_number for _ in range(5)]
    values = [int(number[-6:]) for number in numbers]
    assert values == list(range(values[0], values[0] + 5))


def test_a_failed_filing_gives_its_number_back(support_centre) -> None:
    first = file().tracking_number
    with pytest.raises(InvalidInput):
        file(description="")
    with pytest.raises(RuntimeError), transaction.atomic():
        allocate_tracking_number(timezone.localdate().year)
        raise RuntimeError("the insert failed")
    assert int(file().tracking_number[-6:]) == int(first[-6:]) + 1


def test_each_year_starts_again_at_one(db) -> None:
    with transaction.atomic():
        assert allocate_tracking_number(2031) == "OND-2031-000001"
        assert allocate_tracking_number(2032) == "OND-2032-000001"
        assert allocate_tracking_number(2031) == "OND-2031-000002"


def test_concurrent_filings_never_share_or_skip_a_number(support_centre, file_database) -> None:
    """Eight threads file at once; on SQLite they queue on the write lock, on PostgreSQL on the row lock."""
    numbers: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker() -> None:
        try:
            start.wait()
            numbers.append(file().tracking_number)
        except BaseException as error:  # collected and reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    values = sorted(int(number[-6:]) for number in numbers)
    assert values == list(range(1, 9))
    if file_database is not None:
        import sqlite3

        with sqlite3.connect(file_database) as copy:
            assert copy.execute("SELECT last_value FROM complaints_trackingcounter").fetchall() == [(8,)]
            assert copy.execute("SELECT COUNT(DISTINCT tracking_number) FROM complaints_complaint").fetchone() == (8,)
    else:
        assert TrackingCounter.objects.get().last_value == 8


def test_an_anonymous_complaint_keeps_no_name_or_contact(support_centre) -> None:
    complaint = file(is_anonymous=True, name="Lan", email="lan@example.org", phone="010", wants_updates=True)
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.name, stored.email, stored.phone, stored.wants_updates) == ("", "", "", False)


def test_updates_need_an_email_or_a_phone_number(support_centre) -> None:
    with pytest.raises(InvalidInput) as refused:
        file(wants_updates=True)
    assert "email" in refused.value.fields


def test_photos_are_stored_without_their_metadata(support_centre, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    complaint = file(photos=[image_upload(exif=True)])
    photo = complaint.photos.get()
    with Image.open(photo.image.path) as stored:
        assert (stored.format, dict(stored.getexif())) == ("JPEG", {})
    assert photo.content_type == "image/jpeg"


@pytest.mark.parametrize("upload", [
    lambda: image_upload(name="x.gif", fmt="GIF"),
    lambda: __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
        "x.jpg", b"<?php echo 'not an image'; ?>", content_type="image/jpeg"),
])
def test_files_that_are_not_jpeg_png_or_webp_images_are_refused(support_centre, upload) -> None:
    with pytest.raises(InvalidInput) as refused:
        file(photos=[upload()])
    assert "photos" in refused.value.fields
    assert not Complaint.objects.exists()


def test_photos_larger_than_five_megabytes_are_refused(support_centre) -> None:
    upload = image_upload()
    upload.size = 6 * 1024 * 1024
    with pytest.raises(InvalidInput):
        file(photos=[upload])


def test_more_than_three_photos_are_refused(support_centre) -> None:
    with pytest.raises(InvalidInput):
        file(photos=[image_upload() for _ in range(4)])


def test_the_answer_is_due_after_the_categorys_business_days_skipping_holidays() -> None:
    friday_before_seollal = timezone.make_aware(dt.datetime(2026, 2, 13, 10, 0))
    assert timezone.localtime(due_at(friday_before_seollal, 3)).date() == dt.date(2026, 2, 23)


def test_a_complaint_is_on_track_then_at_risk_then_breached(db) -> None:
    submitted = timezone.now() - dt.timedelta(days=1)
    complaint = ComplaintFactory(due_at=submitted + dt.timedelta(days=4))
    complaint.submitted_at = submitted
    assert sla_state(complaint, now=submitted + dt.timedelta(days=1)) == "on_track"
    assert sla_state(complaint, now=submitted + dt.timedelta(days=3, hours=12)) == "at_risk"
    assert sla_state(complaint, now=submitted + dt.timedelta(days=5)) == "breached"
