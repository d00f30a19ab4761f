from django.urls import URLPattern

app_name = "centre_staff"
urlpatterns: list[URLPattern] = []
