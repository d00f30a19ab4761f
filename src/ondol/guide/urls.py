from django.urls import path

from ondol.guide import views

app_name = "guide"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("faq/", views.faq, name="faq"),
    path("centre/", views.find_centre, name="find-centre"),
    path("<slug:topic>/", views.topic, name="topic"),
    path("<slug:topic>/visit-sheet.pdf", views.visit_sheet, name="visit-sheet"),
]
