from django.urls import path

from ondol.centre.views import public

app_name = "centre"
urlpatterns = [
    path("book/", public.book, name="book"),
    path("appointments/<str:token>/", public.manage, name="manage"),
    path("appointments/<str:token>/cancel/", public.cancel, name="cancel"),
    path("appointments/<str:token>/reschedule/", public.reschedule, name="reschedule"),
    path("appointments/<str:token>/visit.ics", public.visit_ics, name="visit-ics"),
    path("queue/<int:agency_id>/", public.kiosk, name="kiosk"),
    path("queue/<int:agency_id>/qr.svg", public.queue_qr, name="queue-qr"),
    path("queue/<int:agency_id>/display/", public.display, name="display"),
    path("queue/<int:agency_id>/poster/", public.poster, name="poster"),
    path("queue/ticket/<str:token>/", public.ticket, name="ticket"),
    path("clinic/", public.clinic, name="clinic"),
    path("library/", public.library, name="library"),
]
