"""The Reviewer group reviews but never deletes, and cannot manage users, groups or partners."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from review.roles import REVIEWER_GROUP
from review.tests.helpers import make_reviewer

pytestmark = pytest.mark.django_db


def test_the_reviewer_group_is_created_by_the_migrations():
    group = Group.objects.get(name=REVIEWER_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_claim", "change_claim", "add_claim", "change_contradiction", "add_verdict"} <= codenames
    assert {"change_incident", "change_party", "change_place", "view_article"} <= codenames


def test_a_reviewer_has_no_delete_permission_at_all():
    codenames = Group.objects.get(name=REVIEWER_GROUP).permissions.values_list("codename", flat=True)
    assert not [c for c in codenames if c.startswith("delete_")]


def test_a_reviewer_has_nothing_on_users_groups_or_partners(reviewer):
    make_reviewer(reviewer)
    perms = reviewer.get_all_permissions()
    assert not [p for p in perms if p.split(".")[0] in ("auth", "partners")]


def test_a_reviewer_cannot_open_users_groups_or_partners_in_the_admin(client, reviewer):
    client.force_login(make_reviewer(reviewer))
    for url in ("/admin/auth/user/", "/admin/auth/group/", "/admin/partners/partner/"):
        assert client.get(url).status_code in (403, 404), url
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_the_admin_can_do_everything(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert superuser.has_perm("claims.delete_claim")


def test_a_reviewer_manages_news_feeds_and_reads_entries_url_submissions_and_credibility_runs(
    client, reviewer
):
    client.force_login(make_reviewer(reviewer))
    for name in (
        "sources_feed_changelist",
        "sources_feed_add",
        "sources_feedentry_changelist",
        "sources_urlsubmission_changelist",
    ):
        assert client.get(reverse(f"admin:{name}")).status_code == 200, name
    assert client.get(reverse("admin:credibility_credibilityrun_changelist")).status_code == 200
    assert reviewer.has_perm("sources.change_feed")
    assert not reviewer.has_perm("sources.delete_feed")


def test_a_reviewer_reads_reports_and_subscriptions_but_does_not_change_them(client, reviewer):
    client.force_login(make_reviewer(reviewer))
    for name in ("reports_report_changelist", "reports_subscription_changelist"):
        assert client.get(reverse(f"admin:{name}")).status_code == 200, name
    assert client.get(reverse("admin:reports_subscription_add")).status_code == 403
    assert not reviewer.has_perm("reports.change_subscription")
    assert not reviewer.has_perm("reports.delete_report")


def test_a_reviewer_withdraws_a_verdict_which_is_kept_with_its_trail(client, reviewer):
    from claims.models import Verdict
    from claims.services.reviews import verdict_set
    from claims.tests.factories import ClaimFactory
    from review.tests.helpers import csrf_client, csrf_token

    make_reviewer(reviewer)
    claim = ClaimFactory(status="verified")
    verdict = verdict_set(claim=claim, rating="false", reviewer=reviewer)
    browser = csrf_client(reviewer)
    page = reverse("admin:claims_verdict_change", args=[verdict.pk])
    token = csrf_token(browser, page)
    back = reverse("admin:claims_claim_change", args=[claim.pk])
    response = browser.post(
        reverse("admin:claims_verdict_withdraw", args=[verdict.pk]),
        {"reason": "The hospital list came out.", "next": back, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"] == back
    verdict = Verdict.objects.get(pk=verdict.pk)
    assert (verdict.withdrawn, verdict.withdrawn_by) == (True, reviewer)
    assert verdict.withdrawn_at is not None
    latest = verdict.history.order_by("-history_id").first()
    assert latest.history_change_reason == "withdrawn: The hospital list came out."
    assert latest.history_user == reviewer
    assert verdict.history.count() == 2
    # No longer rates the claim in the ClaimReview feed.
    from claims.selectors.claims import claims_for_claimreview

    assert claim.pk not in set(claims_for_claimreview().values_list("pk", flat=True))
