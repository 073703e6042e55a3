"""A reviewer's day in a real browser: Debian's headless Chromium driven by Playwright against the live
server. Skipped with the reason when Chromium is missing on a developer machine; a failure under CI=true.

With FACTCHECK_SCREENSHOTS=1 the run also refreshes the screenshots shown in the README
(docs/screenshots/); otherwise they go to a temporary directory, so a test run leaves the tree clean."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from claims.models import Claim, Contradiction, ContradictionStatus, Verdict
from review.tests.helpers import make_reviewer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
PASSWORD = "review-pass-123"


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    return None


def require_browser() -> None:
    """Skip (with the reason) when Chromium or Playwright is missing, unless CI is set: then fail."""
    reason = _missing_browser()
    if reason:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"Browser tests must run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture
def browser_page(monkeypatch):
    """A Chromium page; Playwright's sync API runs an event loop, so Django must allow sync ORM calls."""
    require_browser()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture
def screenshots(tmp_path) -> Path:
    if os.environ.get("FACTCHECK_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path


@pytest.fixture
def reviewer_login(db):
    user = get_user_model().objects.create_user(username="rita", password=PASSWORD, is_staff=True)
    return make_reviewer(user)


def log_in(page, live_server, next_path: str) -> None:
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", "rita")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def _queue_of_three():
    from claims.tests.factories import ClaimFactory, ContradictionFactory, IncidentFactory
    from sources.models import Party
    from sources.tests.factories import ArticleFactory, OutletFactory, PartyFactory

    def party(name: str, side: str, kind: str = "ministry") -> Party:
        # The gazetteer may already hold it (it is loaded by a migration).
        return Party.objects.filter(name=name).first() or PartyFactory(name=name, side=side, kind=kind)

    az = party("Prosecutor General of Azerbaijan", "azerbaijan")
    am = party("Ministry of Defence of Armenia", "armenia")
    reuters = party("Reuters", "third_party", "media")
    now = timezone.now()
    made = []
    for hours, (dead_a, dead_b, town) in enumerate([(9, 12, "Ganja"), (4, 7, "Barda"), (2, 5, "Tartar")]):
        body_a = (
            f"Azerbaijan said an Armenian missile hit {town} overnight.\n\n"
            f"The Prosecutor General's office said {dead_a} civilians were killed and 34 wounded "
            "in the strike on residential buildings.\n\nArmenia denied targeting civilians."
        )
        body_b = (
            f"Reports from {town} gave a different toll.\n\n"
            f"According to figures relayed by Reuters, {dead_b} people died in {town} after the strike, "
            "the ministry said.\n\nThe figures could not be independently verified."
        )
        quote_a = f"{dead_a} civilians were killed and 34 wounded"
        quote_b = f"{dead_b} people died in {town}"
        art_a = ArticleFactory(
            body=body_a, title=f"Missile strike on {town}", outlet=OutletFactory(name="AFP")
        )
        art_b = ArticleFactory(
            body=body_b, title=f"{town} toll disputed", outlet=OutletFactory(name="Reuters")
        )
        a = ClaimFactory(
            article=art_a,
            claimant=az,
            quote=quote_a,
            quote_start=body_a.index(quote_a),
            quote_end=body_a.index(quote_a) + len(quote_a),
            killed_min=dead_a,
            killed_max=dead_a,
            wounded_min=34,
            wounded_max=34,
            victim_group="civilian",
        )
        b = ClaimFactory(
            article=art_b,
            claimant=am,
            relayed_by=reuters,
            quote=quote_b,
            quote_start=body_b.index(quote_b),
            quote_end=body_b.index(quote_b) + len(quote_b),
            killed_min=dead_b,
            killed_max=dead_b,
        )
        incident = IncidentFactory(
            title=f"Missile strike on {town}",
            place=None,
            killed_low=min(dead_a, dead_b),
            killed_high=max(dead_a, dead_b),
        )
        Claim.objects.filter(pk__in=[a.pk, b.pk]).update(incident=incident)
        c = ContradictionFactory(
            incident=incident,
            claim_a=a,
            claim_b=b,
            explanation=f"killed {dead_a} (Prosecutor General of Azerbaijan) vs {dead_b} "
            "(Ministry of Defence of Armenia, via Reuters)",
        )
        Contradiction.objects.filter(pk=c.pk).update(detected_at=now - timedelta(hours=hours))
        made.append(c)
    return made


def test_reviewer_confirms_a_contradiction_and_moves_through_the_queue(
    browser_page, live_server, reviewer_login, screenshots
):
    page = browser_page
    newest, middle, oldest = _queue_of_three()

    log_in(page, live_server, "/admin/claims/contradiction/%3Fstatus__exact%3Dopen")
    assert "/admin/claims/contradiction/" in page.url
    page.click(f"#result_list a[href*='/contradiction/{newest.pk}/change/']")
    page.wait_for_selector("#open-count")
    assert page.inner_text("#open-count") == "Open queue: 3"
    assert "9 civilians were killed and 34 wounded" in page.inner_text("#claim-a mark")
    page.screenshot(path=str(screenshots / "contradiction-review.png"), full_page=True)

    page.fill("#id_note", "Both tolls come from officials; the hospital list is pending.")
    page.click("#confirm-button")
    page.wait_for_url(f"**/contradiction/{middle.pk}/change/")
    assert page.inner_text("#open-count") == "Open queue: 2"
    newest.refresh_from_db()
    assert newest.status == ContradictionStatus.CONFIRMED
    assert newest.reviewed_by == reviewer_login

    page.click("#next-link")
    page.wait_for_url(f"**/contradiction/{oldest.pk}/change/")
    assert page.inner_text("#open-count") == "Open queue: 2"

    page.goto(f"{live_server.url}/admin/claims/claim/{newest.claim_b_id}/change/")
    assert page.inner_text(".claim-quote mark") == "12 people died in Ganja"
    page.screenshot(path=str(screenshots / "claim.png"), full_page=True)

    page.goto(f"{live_server.url}/dashboard/")
    assert page.inner_text("#open-contradictions") == "2"
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=True)


def test_a_verdict_entered_in_the_admin_appears_in_the_api(browser_page, live_server, reviewer_login):
    from claims.tests.factories import ClaimFactory

    page = browser_page
    claim = ClaimFactory(status="verified", quote="nine people were killed")
    log_in(page, live_server, f"/admin/claims/verdict/add/%3Fclaim%3D{claim.pk}")
    page.select_option("#id_rating", "misleading")
    page.fill("#id_summary", "The toll counts soldiers among civilians.")
    page.fill("#id_evidence", "https://evidence.example/ganja-hospital-list")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/claims/verdict/")
    assert Verdict.objects.get(claim=claim).reviewer == reviewer_login

    response = page.request.get(f"{live_server.url}/api/v1/claims/{claim.pk}/")
    assert response.status == 200, response.text()
    verdict = response.json()["verdict"]
    assert verdict["rating"] == "misleading"
    assert verdict["evidence_links"] == ["https://evidence.example/ganja-hospital-list"]
