"""Fixtures of the complaints tests: a responsible agency with staff, and the default categories."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ondol.complaints.models import Category
from ondol.core.models import AgencyKind
from ondol.core.tests.factories import AgencyFactory, make_staff


@pytest.fixture
def support_centre(db: Any) -> Any:
    centre = AgencyFactory(name="Integrated support centre", kind=AgencyKind.INTEGRATED_SUPPORT_CENTRE,
                           phone="042-252-1700")
    Category.objects.update(agency=centre)
    return centre


@pytest.fixture
def handler(support_centre: Any) -> Any:
    return make_staff(role="counsellor", agency=support_centre, username="complaint.handler")


@pytest.fixture
def clear_cache() -> Any:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def image_upload(name: str = "photo.jpg", fmt: str = "JPEG", size: tuple[int, int] = (40, 30),
                 exif: bool = False) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color=(200, 120, 40))
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # Make
        data[0x8825] = {2: (36.0, 21.0, 0.0), 4: (127.0, 23.0, 0.0)}  # GPS position
        image.save(buffer, format=fmt, exif=data)
    else:
        image.save(buffer, format=fmt)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
