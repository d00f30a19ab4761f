"""The printable monthly report of one district (PDF), in Korean or English."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ondol.core import audit
from ondol.core.errors import InvalidInput, NotFound
from ondol.core.models import Region, RegionLevel
from ondol.core.pdf import font_family, render_pdf
from ondol.stats import labels, residents
from ondol.stats.access import require_stats_reader
from ondol.stats.filters import Filters, is_period, shift_period
from ondol.stats.panels import build_panel

REPORT_LANGUAGES = ("ko", "en")
REPORT_PANELS = ("trend", "nationality", "age", "status", "language", "map", "consultations_topic",
                 "consultations_language", "cases_stage", "referrals", "complaints")


def report_context(*, district: str, period: str, language: str) -> dict[str, Any]:
    """Everything the report template needs, built in the report's own language."""
    region = Region.objects.filter(code=district, level=RegionLevel.SIGUNGU).first()
    if region is None:
        raise NotFound(_("There is no such district."))
    filters = Filters(period_from=shift_period(period, -11), period_to=period, district=district)
    month = Filters(period_from=period, period_to=period, district=district)
    panels = [build_panel(month if key.startswith(("consultations", "cases", "referrals", "complaints")) else filters,
                          key, language=language) for key in REPORT_PANELS]
    return {"region_name": labels.region_label(region.name), "period": period,
            "headline": residents.headline(filters), "panels": panels, "language": language,
            "font_family": font_family(language)}


def do_render_district_report(actor: Any, *, district: str, period: str, language: str,
                              request: Any = None) -> bytes:
    """The PDF for one district and month; audited like every export."""
    require_stats_reader(actor)
    if language not in REPORT_LANGUAGES:
        raise InvalidInput(fields={"language": _("The report is available in Korean and English.")})
    if not is_period(period):
        raise InvalidInput(fields={"period": _("Write the month as YYYY-MM, for example 2026-10.")})
    with translation.override(language):
        context = report_context(district=district, period=period, language=language)
        pdf = render_pdf("stats/report_pdf.html", context)
    audit.record_event(actor, action="export", target_type="stats.report", target_id=district, request=request,
                       detail=f"format=pdf period={period} language={language}")
    return pdf
