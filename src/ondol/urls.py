from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from ondol.api import api
from ondol.core import views as core_views

handler404 = "ondol.core.views.page_not_found"
handler500 = "ondol.core.views.server_error"

admin.site.site_header = "Ondol"
admin.site.site_title = "Ondol"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("open311/v2/", include("ondol.complaints.open311_urls")),
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}) if not settings.PRODUCTION else path(
        "media-disabled/", core_views.healthz
    ),
]

# Every HTML page carries the language in its URL (/ko/, /vi/, ...), so a shared link keeps the language.
urlpatterns += i18n_patterns(
    path("", include("ondol.core.urls")),
    path("accounts/", include("ondol.accounts.urls")),
    path("guide/", include("ondol.guide.urls")),
    path("eligibility/", include("ondol.eligibility.urls")),
    path("", include("ondol.complaints.urls")),
    path("fieldwork/", include("ondol.fieldwork.urls")),
    path("community/", include("ondol.community.urls")),
    path("centre/", include("ondol.centre.urls")),
    path("stats/", include("ondol.stats.urls")),
    path("staff/cases/", include("ondol.cases.staff_urls")),
    path("staff/complaints/", include("ondol.complaints.staff_urls")),
    path("staff/guide/", include("ondol.guide.staff_urls")),
    path("staff/eligibility/", include("ondol.eligibility.staff_urls")),
    path("staff/discovery/", include("ondol.discovery.staff_urls")),
    path("staff/fieldwork/", include("ondol.fieldwork.staff_urls")),
    path("staff/community/", include("ondol.community.staff_urls")),
    path("staff/centre/", include("ondol.centre.staff_urls")),
    path("staff/stats/", include("ondol.stats.staff_urls")),
    path("staff/core/", include("ondol.core.staff_urls")),
    prefix_default_language=True,
)
