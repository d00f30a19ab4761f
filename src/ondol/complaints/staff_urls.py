from django.urls import path

from ondol.complaints import staff_views

app_name = "complaints_staff"
urlpatterns = [
    path("", staff_views.home, name="home"),
    path("<int:complaint_id>/", staff_views.detail, name="detail"),
    path("<int:complaint_id>/photos/<int:photo_id>/", staff_views.photo, name="photo"),
    path("<int:complaint_id>/assign/", staff_views.assign, name="assign"),
    path("<int:complaint_id>/status/", staff_views.change_status, name="status"),
    path("<int:complaint_id>/reply/", staff_views.reply, name="reply"),
    path("<int:complaint_id>/reply/preview/", staff_views.reply_preview, name="reply-preview"),
    path("<int:complaint_id>/publish/", staff_views.publish, name="publish"),
    path("<int:complaint_id>/case/", staff_views.open_case, name="open-case"),
]
