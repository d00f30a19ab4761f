from django.urls import URLPattern

app_name = "discovery"
urlpatterns: list[URLPattern] = []
