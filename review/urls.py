"""Reviewer dashboard routes, mounted at /dashboard/."""

from django.urls import path

from review import views

app_name = "review"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
