"""Every HTML page carries a Content-Security-Policy, and the admin works under it in a real browser:
Chromium reports no violation on the reviewer's pages (the policy, factcheck/csp.py)."""

from __future__ import annotations

import pytest

from claims.tests.factories import ClaimFactory, ContradictionFactory
from review.tests.test_browser import browser_page, log_in, reviewer_login  # noqa: F401
from sources.tests.factories import PartyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def test_the_admin_and_dashboard_report_no_csp_violation(browser_page, live_server, reviewer_login):  # noqa: F811
    contradiction = ContradictionFactory()
    party = PartyFactory(name="Ministry under test")
    claim = ClaimFactory(claimant=party)
    page = browser_page
    page.context.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    log_in(page, live_server, "/admin/")
    pages = [
        "/admin/",
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.pk}/change/",
        "/admin/claims/contradiction/",
        f"/admin/claims/contradiction/{contradiction.pk}/change/",
        "/admin/sources/party/",
        f"/admin/sources/party/{party.pk}/change/",
        "/admin/claims/verdict/add/",
        "/dashboard/",
    ]
    seen = {}
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert response.status < 400, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        seen[path] = page.evaluate("window.__csp")
    assert all(not violations for violations in seen.values()), seen
    assert not [text for text in console if "Content Security Policy" in text], console
    # The admin's scripts ran under the policy: the claim form's collapsible fieldsets and the
    # filter sidebar are script-driven; the changelist's action checkboxes toggle.
    page.goto(f"{live_server.url}/admin/claims/claim/")
    page.click("#action-toggle")
    assert page.is_checked(f"input.action-select[value='{claim.pk}']")


def test_every_html_page_carries_a_policy_and_the_report_keeps_its_own(client, reviewer):
    client.force_login(reviewer)
    for path in ("/admin/", "/admin/login/", "/dashboard/", "/api/docs/", "/api/redoc/", "/api/v1/claims/"):
        response = client.get(path, HTTP_ACCEPT="text/html")
        assert "Content-Security-Policy" in response, path
        assert "object-src 'none'" in response["Content-Security-Policy"], path
    assert "cdn.jsdelivr.net" in client.get("/api/docs/")["Content-Security-Policy"]
    assert "cdn.jsdelivr.net" not in client.get("/admin/")["Content-Security-Policy"]
    assert "Content-Security-Policy" not in client.get("/health/")
