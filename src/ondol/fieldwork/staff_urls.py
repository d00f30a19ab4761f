from django.urls import URLPattern

app_name = "fieldwork_staff"
urlpatterns: list[URLPattern] = []
