from django.urls import path

from ondol.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.index, name="index"),
    path("panel/<slug:key>/", views.panel, name="panel"),
]
