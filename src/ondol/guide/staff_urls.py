from django.urls import URLPattern

app_name = "guide_staff"
urlpatterns: list[URLPattern] = []
