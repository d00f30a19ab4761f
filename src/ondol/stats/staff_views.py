"""Staff dashboards: every panel with filters, exports (audited), the district PDF, imports and refreshes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ondol.core.errors import InvalidInput, NotFound
from ondol.core.languages import current_language
from ondol.core.models import Region, RegionLevel
from ondol.stats import exports, residents, services
from ondol.stats.access import may_manage_stats, require_stats_manager, require_stats_reader
from ondol.stats.models import CountBatch
from ondol.stats.panels import STAFF_PANELS, agency_choices, page_panels
from ondol.stats.report import REPORT_LANGUAGES, do_render_district_report
from ondol.stats.views import filter_choices, parse_filters, render_panel


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    require_stats_reader(request.user)
    filters, errors = parse_filters(request)
    language = current_language()
    return render(request, "stats/staff_home.html", {
        "filters": filters, "errors": errors, "headline": residents.headline(filters),
        "panels": page_panels(filters, STAFF_PANELS, language=language), "panel_url": "stats_staff:panel",
        "query": urlencode(filters.as_query()), "export_query": urlencode(filters.as_query()), "agencies": agency_choices(), "may_manage": may_manage_stats(request.user),
        "batches": CountBatch.objects.all()[:10], "report_languages": REPORT_LANGUAGES,
        "dongs": Region.objects.filter(level=RegionLevel.DONG, code__startswith=filters.district)
        .values_list("code", "name") if filters.district else [],
        **filter_choices(),
    })


@login_required
@require_GET
def panel(request: HttpRequest, key: str) -> HttpResponse:
    require_stats_reader(request.user)
    filters, _errors = parse_filters(request)
    return render_panel(request, key=key, allowed=STAFF_PANELS,
                        context={"export_query": urlencode(filters.as_query()), "back": "stats_staff:home"})


@login_required
@require_GET
def export(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    if file_format not in exports.FORMATS:
        raise NotFound()
    filters, errors = parse_filters(request)
    if errors:
        raise InvalidInput(fields=errors)
    try:
        content, content_type, name = exports.do_export_panel(
            request.user, filters=filters, key=key, file_format=file_format, language=current_language(),
            request=request)
    except KeyError as error:
        raise NotFound() from error
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def district_report(request: HttpRequest, district: str, period: str, language: str) -> HttpResponse:
    pdf = do_render_district_report(request.user, district=district, period=period, language=language,
                                    request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ondol-report-{district}-{period}-{language}.pdf"'
    return response


@login_required
@require_POST
def import_table(request: HttpRequest) -> HttpResponse:
    require_stats_manager(request.user)
    upload = request.FILES.get("table")
    if upload is None:
        raise InvalidInput(fields={"table": _("Choose a CSV file to load.")})
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(fields={"table": _("The file is not UTF-8 text.")}) from error
    report = services.do_import_official_table(request.user, text=text, label=upload.name or "")
    messages.success(request, _("Loaded %(rows)s cells with %(residents)s residents for %(months)s.") % {
        "rows": report.rows, "residents": report.residents, "months": ", ".join(report.periods)})
    return redirect("stats_staff:home")


@login_required
@require_POST
def refresh_registry(request: HttpRequest) -> HttpResponse:
    require_stats_manager(request.user)
    period = request.POST.get("period", "")
    report = services.do_refresh_registry_counts(request.user, period=period)
    if report is None:
        messages.info(request, _("The client registry is not available yet, so nothing was counted."))
    else:
        messages.success(request, _("Counted %(residents)s clients in %(rows)s cells for %(period)s.") % {
            "residents": report.residents, "rows": report.rows, "period": period})
    return redirect("stats_staff:home")
