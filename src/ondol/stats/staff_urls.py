from django.urls import path

from ondol.stats import staff_views

app_name = "stats_staff"
urlpatterns = [
    path("", staff_views.home, name="home"),
    path("panel/<slug:key>/", staff_views.panel, name="panel"),
    path("export/<slug:key>.<str:file_format>", staff_views.export, name="export"),
    path("report/<str:district>/<str:period>/<str:language>.pdf", staff_views.district_report, name="report"),
    path("import/", staff_views.import_table, name="import"),
    path("refresh/", staff_views.refresh_registry, name="refresh"),
]
