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


def _hadrut_dispute():
    """Two claims that one side took the town and two that the other still holds it: four pairs, one dispute."""
    from claims.models import ContradictionKind
    from claims.tests.factories import ClaimFactory, ContradictionFactory, IncidentFactory
    from sources.models import Party, Place
    from sources.tests.factories import ArticleFactory, OutletFactory, PlaceFactory

    def party(name: str) -> Party:
        from sources.tests.factories import PartyFactory

        return Party.objects.filter(name=name).first() or PartyFactory(name=name)

    town = Place.objects.filter(name="Hadrut").first() or PlaceFactory(name="Hadrut")
    incident = IncidentFactory(title="Capture of Hadrut", place=town, kind="capture")
    az, am = party("Ministry of Defence of Azerbaijan"), party("Ministry of Defence of Armenia")
    claims = {}
    for key, speaker, holder, words in [
        ("az1", az, az, "our units raised the flag over Hadrut"),
        ("az2", az, az, "Hadrut is under our full control"),
        ("am1", am, am, "Hadrut remains in our hands"),
        ("am2", am, am, "our defenders still hold Hadrut"),
    ]:
        body = f"A statement came on Friday.\n\nThe ministry said {words}, according to its spokesperson.\n\nNo one else confirmed it."
        article = ArticleFactory(body=body, title=f"Hadrut: {words}", outlet=OutletFactory())
        start = body.index(words)
        claims[key] = ClaimFactory(
            article=article,
            claimant=speaker,
            kind="control",
            controller=holder,
            place=town,
            incident=incident,
            killed_min=None,
            killed_max=None,
            quote=words,
            quote_start=start,
            quote_end=start + len(words),
        )
    pairs = []
    for a in ("az1", "az2"):
        for b in ("am1", "am2"):
            first, second = sorted((claims[a], claims[b]), key=lambda c: c.pk)
            pairs.append(
                ContradictionFactory(
                    claim_a=first,
                    claim_b=second,
                    incident=incident,
                    kind=ContradictionKind.CONFLICTING_CONTROL,
                    explanation=f"control of Hadrut: {first.claimant} vs {second.claimant}",
                )
            )
    return claims, pairs


def test_a_reviewer_takes_a_dispute_resolves_it_by_keyboard_adds_a_verdict_and_reads_the_history(
    browser_page, live_server, reviewer_login, screenshots
):
    page = browser_page
    _queue_of_three()
    _, pairs = _hadrut_dispute()

    log_in(page, live_server, "/admin/claims/contradiction/%3Fstatus__exact%3Dopen")
    page.screenshot(path=str(screenshots / "contradiction-queue.png"), full_page=True)
    page.click("#take-next")
    page.wait_for_selector("#lock")
    head = Contradiction.objects.get(pk=int(page.url.rstrip("/").split("/")[-2]))
    assert head.pk in {p.pk for p in pairs}
    assert "You have this dispute open" in page.inner_text("#lock")
    assert "rita" in page.inner_text("#assigned-to")
    assert "4 open of 4 pairs" in page.inner_text("#dispute summary")
    assert page.inner_text("#claim-a mark") == head.claim_a.quote
    assert "resolve, A holds" in page.inner_text("#shortcuts")
    page.screenshot(path=str(screenshots / "contradiction-review.png"), full_page=True)

    page.keyboard.press("a")
    page.wait_for_selector("#back-to-decided")
    assert all(
        c.status == ContradictionStatus.RESOLVED
        for c in Contradiction.objects.filter(pk__in=[p.pk for p in pairs])
    )
    page.click("#back-to-decided")
    page.wait_for_url(f"**/contradiction/{head.pk}/change/")
    assert page.inner_text("#contradiction-status") == "Resolved"

    page.click("#verdict-a")
    page.wait_for_selector("#rated-claim mark")
    assert page.inner_text("#rated-claim mark") == head.claim_a.quote
    page.select_option("#id_rating", "mostly_accurate")
    page.fill("#id_summary", "Satellite images show the flag; the town centre only.")
    page.click("input[name=_save]")
    page.wait_for_url(f"**/contradiction/{head.pk}/change/")
    assert "Mostly accurate" in page.inner_text("#claim-a .claim-verdict")

    page.click("#history-link")
    page.wait_for_selector("#change-history")
    trail = page.inner_text("#change-history").replace("\xa0", " ")
    assert "rita\treview: resolve" in trail
    assert "Open → Resolved" in trail
    assert "assigned to rita" in trail
    related = page.inner_text("#related-history").replace("\xa0", " ")
    assert "Verdict on a claim" in related
    assert "Rating: — → Mostly accurate" in related
    assert "rita" in related
    page.screenshot(path=str(screenshots / "contradiction-history.png"), full_page=True)

    verdict = Verdict.objects.get(claim=head.claim_a)
    assert verdict.reviewer == reviewer_login
    page.goto(f"{live_server.url}/admin/sources/article/{head.claim_a.article_id}/claims/")
    assert page.inner_text(".claim-mark mark") == head.claim_a.quote
    page.screenshot(path=str(screenshots / "article-claims.png"), full_page=True)
