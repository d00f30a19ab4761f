from django.urls import path

from ondol.complaints import open311

app_name = "open311"
urlpatterns = [
    path("services.json", open311.services, name="services"),
    path("services/<slug:code>.json", open311.service_definition, name="service"),
    path("requests.json", open311.requests_collection, name="requests"),
    path("requests/<str:number>.json", open311.request_detail, name="request"),
    path("tokens/<str:token>.json", open311.token_detail, name="token"),
]
