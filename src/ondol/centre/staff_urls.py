from django.urls import path

from ondol.centre.views import clinic_referral, staff, weekly_hours

app_name = "centre_staff"
urlpatterns = [
    path("", staff.home, name="home"),
    path("calendar/", staff.calendar, name="calendar"),
    path("calendar.ics", staff.calendar_ics, name="calendar-ics"),
    path("appointments/<int:appointment_id>/attendance/", staff.attendance, name="attendance"),
    path("availability/", staff.availability, name="availability"),
    path("availability/weekly/", weekly_hours.weekly_hours, name="weekly-hours"),
    path("availability/<int:provider_id>/exceptions/", staff.add_exception, name="add-exception"),
    path("availability/exceptions/<int:exception_id>/delete/", staff.remove_exception, name="remove-exception"),
    path("counter/", staff.counter, name="counter"),
    path("counter/call-next/", staff.call_next, name="call-next"),
    path("counter/tickets/<int:ticket_id>/", staff.move_ticket, name="move-ticket"),
    path("rooms/", staff.rooms, name="rooms"),
    path("rooms/book/", staff.book_room, name="book-room"),
    path("rooms/bookings/<int:booking_id>/", staff.decide_room, name="decide-room"),
    path("clinic/", staff.clinic, name="clinic"),
    path("clinic/sessions/<int:session_id>/walk-in/", staff.clinic_walk_in, name="clinic-walk-in"),
    path("clinic/visits/<int:visit_id>/", staff.clinic_visit, name="clinic-visit"),
    path("clinic/visits/<int:visit_id>/refer/", clinic_referral.refer, name="clinic-refer"),
    path("library/", staff.library, name="library"),
    path("library/items/<int:item_id>/lend/", staff.lend, name="lend"),
    path("library/loans/<int:loan_id>/return/", staff.return_item, name="return"),
]
