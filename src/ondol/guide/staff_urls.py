from django.urls import path

from ondol.guide import staff_views

app_name = "guide_staff"
urlpatterns = [
    path("", staff_views.home, name="home"),
]
