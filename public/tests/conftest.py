"""Public page fixtures: the API tests' world (published next to unpublished claims)."""

from partners.tests.fixtures import *  # noqa: F403
from review.tests.test_browser import browser_page  # noqa: F401
