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
    # Transactional tests elsewhere flush the database, data migrations included: seed the categories again.
    import importlib

    from django.apps import apps

    importlib.import_module("ondol.complaints.migrations.0002_default_categories").load(apps, None)
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


@pytest.fixture
def file_database(transactional_db: Any, tmp_path: Any) -> Any:
    """Point new connections at a file copy of the test database while the test runs.

    The SQLite test database lives in shared-cache memory, where concurrent writers fail at once with
    "table is locked" instead of waiting as they do on a real file (WAL, busy timeout). Copying it to a
    file lets a test show what production does. On PostgreSQL nothing needs to change.
    """
    from django.db import connection, connections

    if connection.vendor != "sqlite":
        yield None
        return
    path = str(tmp_path / "concurrency.sqlite3")
    import sqlite3

    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    settings_dict = connections.settings["default"]
    original = settings_dict["NAME"]
    settings_dict["NAME"] = path
    try:
        yield path
    finally:
        settings_dict["NAME"] = original
