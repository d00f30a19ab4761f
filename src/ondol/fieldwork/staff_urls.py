from django.urls import path

from ondol.fieldwork.views import results, staff, surveys

app_name = "fieldwork_staff"
urlpatterns = [
    path("", staff.home, name="home"),
    path("items/<int:item_id>/", staff.item_detail, name="item"),
    path("items/<int:item_id>/contact/", staff.record_contact, name="contact"),
    path("items/<int:item_id>/need/", staff.record_need, name="need"),
    path("items/<int:item_id>/details/", staff.update_details, name="details"),
    path("items/<int:item_id>/outcome/", staff.record_outcome, name="outcome"),
    path("items/<int:item_id>/case/", staff.open_case, name="open-case"),
    path("items/<int:item_id>/assign/", staff.assign, name="assign"),
    path("items/<int:item_id>/reopen/", staff.reopen, name="reopen"),
    path("items/<int:item_id>/route/", staff.route, name="route"),
    path("items/<int:item_id>/surveys/<int:form_id>/", surveys.fill_survey, name="survey-fill"),
    path("items/<int:item_id>/surveys/<int:form_id>/questions/", surveys.survey_questions, name="survey-questions"),
    path("hotline/", staff.hotline, name="hotline"),
    path("surveys/", surveys.survey_list, name="surveys"),
    path("surveys/visit/", surveys.canvass, name="canvass"),
    path("results/", results.results, name="results"),
    path("results/export.<str:fmt>", results.export, name="results-export"),
]
