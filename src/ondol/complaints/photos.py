"""Photo uploads: only real JPEG, PNG or WebP images up to 5 MB, re-encoded so that no metadata (such as
the GPS position of the resident's home in EXIF) is kept."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ondol.core.errors import InvalidInput

MAX_BYTES = 5 * 1024 * 1024
MAX_PHOTOS = 3
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


@dataclass(frozen=True)
class CleanPhoto:
    content: ContentFile
    content_type: str
    size: int


def clean_photo(upload: UploadedFile) -> CleanPhoto:
    """Check that the upload is an allowed image and return it without metadata."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise InvalidInput(fields={"photos": _("Each photo must be 5 MB or smaller.")})
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format or ""
            if kind not in FORMATS:
                raise InvalidInput(fields={"photos": _("Photos must be JPEG, PNG or WebP images.")})
            if image.width * image.height > MAX_PIXELS:
                raise InvalidInput(fields={"photos": _("This photo is too large. Please send a smaller one.")})
            upright = ImageOps.exif_transpose(image)
            if kind == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            buffer = io.BytesIO()
            upright.save(buffer, format=kind)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise InvalidInput(fields={"photos": _("Photos must be JPEG, PNG or WebP images.")}) from error
    content_type, extension = FORMATS[kind]
    data = buffer.getvalue()
    return CleanPhoto(content=ContentFile(data, name=f"photo.{extension}"), content_type=content_type, size=len(data))


def clean_photos(uploads: list[UploadedFile]) -> list[CleanPhoto]:
    if len(uploads) > MAX_PHOTOS:
        raise InvalidInput(fields={"photos": _("You can attach up to three photos.")})
    return [clean_photo(upload) for upload in uploads]
