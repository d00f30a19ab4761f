from django.urls import path

from ondol.fieldwork.views import public

app_name = "fieldwork"
urlpatterns = [
    path("report/", public.report, name="report"),
    path("report/thanks/", public.report_thanks, name="report-thanks"),
    path("report/track/", public.report_track, name="report-track"),
]
