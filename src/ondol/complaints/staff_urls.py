from django.urls import URLPattern

app_name = "complaints_staff"
urlpatterns: list[URLPattern] = []
