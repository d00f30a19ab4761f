from django.urls import path

from . import views

app_name = "eligibility"
urlpatterns = [
    path("", views.wizard, name="wizard"),
    path("result/", views.result, name="result"),
    path("programs/", views.program_list, name="programs"),
    path("programs/<slug:key>/", views.program_detail, name="program"),
]
