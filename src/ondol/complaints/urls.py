from django.urls import URLPattern

app_name = "complaints"
urlpatterns: list[URLPattern] = []
