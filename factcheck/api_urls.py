"""Partner API routes, mounted at /api/ (versioned under /api/v1/), schema and docs."""

urlpatterns: list = []
