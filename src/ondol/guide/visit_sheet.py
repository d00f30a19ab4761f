"""The visit sheet: one page to show at the counter, in the resident's language and Korean side by side."""

from __future__ import annotations

from typing import Any

import segno
from django.utils import timezone

from ondol.core import region_lookup
from ondol.core.errors import DomainError
from ondol.core.formatting import format_date
from ondol.core.hours import describe_opening_hours
from ondol.core.models import Agency, AgencyKind
from ondol.core.pdf import font_family, render_pdf
from ondol.guide import queries

ROWS = ("documents", "steps", "fees", "deadlines", "where")


def _centre(dong_code: str, lang: str, other: str) -> dict[str, Any] | None:
    if not dong_code:
        return None
    try:
        dong = region_lookup.lookup_dong_code(dong_code)
    except DomainError:
        return None  # a stale or mistyped code only drops the centre box; the sheet is still useful
    agency = (Agency.objects.filter(kind=AgencyKind.COMMUNITY_CENTRE, is_active=True, regions__code=dong.code)
              .order_by("id").first())
    hours = agency.opening_hours if agency else []
    return {"dong": dong, "agency": agency, "hours": describe_opening_hours(hours, lang),
            "hours_other": describe_opening_hours(hours, other)}


def visit_sheet_context(topic: str, *, lang: str, dong_code: str = "", article_url: str) -> dict[str, Any]:
    """Everything the sheet shows; `other` is Korean, or English when the reader's language is Korean."""
    other = "en" if lang == "ko" else "ko"
    mine = queries.article_view(topic, lang)
    theirs = queries.article_view(topic, other)
    rows = [(name, mine.sections[name], theirs.sections[name]) for name in ROWS
            if mine.sections[name].items or theirs.sections[name].items]
    return {
        "lang": mine.requested_language,
        "other": other,
        "mine": mine,
        "theirs": theirs,
        "rows": rows,
        "centre": _centre(dong_code, mine.requested_language, other),
        # PNG, not SVG: a bitmap QR is an image every PDF reader and printer handles the same way.
        "qr": segno.make(article_url, error="m").png_data_uri(scale=6, border=1),
        "article_url": article_url,
        "font_mine": font_family(mine.language),
        "font_theirs": font_family(other),
        "printed_on": format_date(timezone.localdate(), mine.requested_language),
        "printed_on_other": format_date(timezone.localdate(), other),
    }


def render_visit_sheet(topic: str, *, lang: str, dong_code: str = "", article_url: str) -> bytes:
    return render_pdf("guide/visit_sheet.html",
                      visit_sheet_context(topic, lang=lang, dong_code=dong_code, article_url=article_url))
