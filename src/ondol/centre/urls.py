from django.urls import URLPattern

app_name = "centre"
urlpatterns: list[URLPattern] = []
