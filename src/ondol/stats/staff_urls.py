from django.urls import URLPattern

app_name = "stats_staff"
urlpatterns: list[URLPattern] = []
