from django.urls import path

from ondol.complaints import views

app_name = "complaints"
urlpatterns = [
    path("complaints/new/", views.new_complaint, name="new"),
    path("track/", views.track_lookup, name="track-lookup"),
    path("track/<str:number>/", views.track, name="track"),
]
