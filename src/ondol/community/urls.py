from django.urls import path

from ondol.community import views

app_name = "community"
urlpatterns = [
    path("", views.index, name="index"),
    path("programs/<int:program_id>/", views.program_detail, name="program"),
    path("sessions/<int:session_id>/signup/", views.signup, name="signup"),
    path("sessions/<int:session_id>/calendar.ics", views.session_ics, name="session-ics"),
    path("signups/<str:token>/", views.registration, name="registration"),
    path("signups/<str:token>/new-code/", views.registration_resend, name="registration-resend"),
    path("signups/<str:token>/cancel/", views.registration_cancel, name="registration-cancel"),
    path("campaigns/<slug:slug>/", views.campaign, name="campaign"),
    path("give/<str:code>/", views.give, name="give"),
    path("receipts/<str:token>/", views.receipt, name="receipt"),
    path("receipts/<str:token>/receipt.pdf", views.receipt_pdf, name="receipt-pdf"),
    path("competitions/<slug:slug>/", views.competition, name="competition"),
    path("competitions/<slug:slug>/vote/<str:token>/", views.vote_confirm, name="vote-confirm"),
]
