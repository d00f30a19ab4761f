from django.urls import path

from ondol.core import staff_views

app_name = "core_staff"
urlpatterns = [
    path("audit/", staff_views.audit_log, name="audit-log"),
]
