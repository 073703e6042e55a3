"""Partner API routes for reports, mounted at /api/v1/reports/."""

urlpatterns: list = []
