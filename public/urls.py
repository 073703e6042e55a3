"""Public pages, mounted at the site root: the index, incidents and fact checks."""

from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident"),
    path("fact-checks/<int:pk>/", views.fact_check_detail, name="fact-check"),
]
