"""Reviewer dashboard routes, mounted at /dashboard/."""

urlpatterns: list = []
