from django.urls import URLPattern

app_name = "eligibility_staff"
urlpatterns: list[URLPattern] = []
