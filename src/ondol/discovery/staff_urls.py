from django.urls import URLPattern

app_name = "discovery_staff"
urlpatterns: list[URLPattern] = []
