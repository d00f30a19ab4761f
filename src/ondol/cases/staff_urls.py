from django.urls import URLPattern

app_name = "cases_staff"
urlpatterns: list[URLPattern] = []
