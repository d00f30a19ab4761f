from django.urls import path

from ondol.community import staff_views as views

app_name = "community_staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("programs/<int:program_id>/", views.program, name="program"),
    path("programs/<int:program_id>/calendar.ics", views.session_ics, name="program-ics"),
    path("sessions/<int:session_id>/", views.session, name="session"),
    path("sessions/<int:session_id>/attendance/", views.attendance, name="attendance"),
    path("registrations/<int:registration_id>/cancel/", views.registration_cancel, name="registration-cancel"),
    path("registrations/<int:registration_id>/certificate.pdf", views.certificate, name="certificate"),
    path("campaigns/<int:campaign_id>/", views.campaign, name="campaign"),
    path("donations/<int:donation_id>/receipt/", views.donation_receipt, name="donation-receipt"),
    path("donations/<int:donation_id>/reverse/", views.donation_reverse, name="donation-reverse"),
    path("receipts/<int:receipt_id>/reissue/", views.receipt_reissue, name="receipt-reissue"),
    path("pledges/<int:pledge_id>/paid/", views.pledge_paid, name="pledge-paid"),
    path("allocations/<int:allocation_id>/decide/", views.allocation_decide, name="allocation-decide"),
    path("competitions/<int:competition_id>/", views.competition, name="competition"),
]
