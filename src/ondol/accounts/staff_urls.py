from django.urls import URLPattern

app_name = "accounts_staff"
urlpatterns: list[URLPattern] = []
