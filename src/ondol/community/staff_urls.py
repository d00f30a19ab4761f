from django.urls import URLPattern

app_name = "community_staff"
urlpatterns: list[URLPattern] = []
