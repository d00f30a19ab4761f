from django.urls import path

from . import views

app_name = "eligibility_staff"
urlpatterns = [
    path("handoff/", views.handoff, name="handoff"),
    path("registry/", views.registry, name="registry"),
]
