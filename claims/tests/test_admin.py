"""The reviewer admin for claims, contradictions, incidents and verdicts, as a reviewer uses it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import (
    Claim,
    ClaimCheckPending,
    ClaimKind,
    ClaimStatus,
    Contradiction,
    ContradictionStatus,
    Verdict,
    VerdictRating,
)
from claims.tests.factories import (
    AccusationClaimFactory,
    ClaimFactory,
    ContradictionFactory,
    ControlClaimFactory,
    IncidentFactory,
    VerdictFactory,
)
from review.tests.helpers import (
    ESCAPED_SCRIPT,
    SCRIPT,
    assert_page_queries_pinned,
    count_queries,
    csrf_client,
    csrf_token,
    make_reviewer,
)
from sources.models import ConflictSide
from sources.tests.factories import ArticleFactory, PartyFactory, default_conflict

pytestmark = pytest.mark.django_db

CLAIMS = reverse("admin:claims_claim_changelist")
CONTRADICTIONS = reverse("admin:claims_contradiction_changelist")
INCIDENTS = reverse("admin:claims_incident_changelist")
VERDICTS = reverse("admin:claims_verdict_changelist")


@pytest.fixture
def reviewer_user(reviewer):
    return make_reviewer(reviewer)


@pytest.fixture
def reviewer_client(reviewer_user):
    return csrf_client(reviewer_user)


@pytest.fixture
def admin_client_(superuser, client):
    client.force_login(superuser)
    return client


def post_action(client, url, action, ids, **extra):
    token = csrf_token(client, url)
    data = {
        "action": action,
        "_selected_action": [str(i) for i in ids],
        "csrfmiddlewaretoken": token,
        **extra,
    }
    return client.post(url, data)


def claim_with_quote(quote: str, **kwargs) -> Claim:
    body = f"Officials spoke on Sunday.\n\nIn Ganja, {quote} the ministry said.\n\nMore later."
    article = ArticleFactory(body=body, title=kwargs.pop("title", "Ganja strike"))
    start = body.index(quote)
    return ClaimFactory(
        article=article, quote=quote, quote_start=start, quote_end=start + len(quote), **kwargs
    )


# --- Changelists: constant queries, no full count ----------------------------------------------------


def _many_claims(n: int) -> None:
    """Claims of every kind, so a list column that walks a relation shows up as extra queries."""
    incident = IncidentFactory()
    for i in range(n):
        kind = (ClaimFactory, AccusationClaimFactory, ControlClaimFactory)[i % 3]
        kind(relayed_by=PartyFactory(), incident=incident if i % 2 else None)


def _many_contradictions(n: int) -> None:
    for _ in range(n):
        ContradictionFactory(claim_a=AccusationClaimFactory(), claim_b=ControlClaimFactory())


# Pinned for a superuser (no permission queries): session, user, the filters' choices (conflicts and
# their sides among them), the capped count
# and the page. The claim queue's outlet and place filters and the contradiction queue's place filter
# list only a chosen row, so they cost no query unless one is chosen; the contradiction queue reads its
# rows' parties and places in two queries and its disputes' open pairs in one, instead of a 15-table
# join. Any N+1 in a list column would make the many-row figure larger (the claim queue's "awaiting
# check since" comes in the page's own query: every factory-made claim awaits its check).
@pytest.mark.parametrize(
    ("url", "make", "pinned"),
    [
        (CLAIMS, lambda n: _many_claims(n), 10),
        (CONTRADICTIONS, _many_contradictions, 9),
        (INCIDENTS, lambda n: IncidentFactory.create_batch(n), 6),
        (VERDICTS, lambda n: VerdictFactory.create_batch(n), 5),
    ],
    ids=["claims", "contradictions", "incidents", "verdicts"],
)
def test_changelist_runs_the_same_queries_for_one_row_and_a_full_page(
    admin_client_, django_assert_num_queries, url, make, pinned
):
    assert_page_queries_pinned(admin_client_, django_assert_num_queries, url=url, make=make, pinned=pinned)


def test_the_claim_queue_shows_since_when_a_claim_awaits_its_check(admin_client_):
    waiting = ClaimFactory()
    checked = ClaimFactory(awaiting_check=False)
    response = admin_client_.get(CLAIMS)
    rows = {row.pk: row for row in response.context["cl"].result_list}
    assert rows[waiting.pk].awaiting_check_since == waiting.changed_at
    assert rows[checked.pk].awaiting_check_since is None
    assert "Awaiting check since" in response.content.decode()


def test_filtered_claim_list_keeps_a_constant_number_of_queries(admin_client_):
    party = PartyFactory()
    ContradictionFactory(claim_a=ClaimFactory(claimant=party))
    url = f"{CLAIMS}?claimant={party.pk}&status__exact=pending&open_contradictions=yes&incident=none"
    one = count_queries(admin_client_, url)
    for _ in range(20):
        ContradictionFactory(claim_a=ClaimFactory(claimant=party))
    assert count_queries(admin_client_, url) == one


def test_claim_list_never_counts_the_whole_table(admin_client_, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ClaimFactory.create_batch(3)
    with CaptureQueriesContext(connection) as ctx:
        admin_client_.get(CLAIMS)
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts, "the paginator should count (a capped subquery)"
    assert all("LIMIT" in sql.upper() for sql in counts), counts


def test_a_list_past_the_cap_says_more_than(admin_client_, monkeypatch):
    from factcheck.admin_tools import CappedCountPaginator

    monkeypatch.setattr(CappedCountPaginator, "cap", 2)
    ClaimFactory.create_batch(4)
    assert "more than 2 claims" in admin_client_.get(CLAIMS).content.decode()


def test_the_quote_column_is_headed_quote(admin_client_):
    ClaimFactory(quote="nine people were killed")

    page = admin_client_.get(CLAIMS).content.decode()

    assert '<a href="?o=' in page
    assert ">Quote<" in page
    assert "Short quote" not in page


# --- Filters and search ------------------------------------------------------------------------------


def test_claimant_filter_includes_the_partys_sub_parties(admin_client_):
    state = PartyFactory(name="Test state")
    ministry = PartyFactory(name="Test state ministry", parent=state)
    ours = ClaimFactory(claimant=ministry, quote="our claim")
    ClaimFactory(quote="someone else's claim")
    response = admin_client_.get(f"{CLAIMS}?claimant={state.pk}")
    assert list(response.context["cl"].result_list) == [ours]


def test_side_and_open_contradiction_filters(admin_client_):
    armenian = PartyFactory(side="armenia")
    flagged = ClaimFactory(claimant=armenian)
    ClaimFactory(claimant=armenian)
    ContradictionFactory(claim_a=flagged)
    side = ConflictSide.objects.get(conflict=default_conflict(), slug="armenia")
    response = admin_client_.get(f"{CLAIMS}?claimant_side={side.pk}&open_contradictions=yes")
    assert list(response.context["cl"].result_list) == [flagged]


def test_search_finds_claims_by_article_title(admin_client_):
    wanted = claim_with_quote("nine people were killed", title="Missile hits Ganja")
    ClaimFactory()
    response = admin_client_.get(f"{CLAIMS}?q=Ganja")
    assert list(response.context["cl"].result_list) == [wanted]


def test_search_matches_quote_claimant_or_title_and_every_word_must_match(admin_client_):
    by_quote = claim_with_quote("nine people were killed", title="Strike report")
    by_claimant = ClaimFactory(claimant=PartyFactory(name="Ganja city prosecutor"), quote="toll rises")
    by_title = claim_with_quote("a toll was given", title="Ganja hit again")
    ClaimFactory(quote="unrelated")
    response = admin_client_.get(f"{CLAIMS}?q=ganja")
    assert set(response.context["cl"].result_list) == {by_claimant, by_title}
    response = admin_client_.get(f"{CLAIMS}?q=nine+killed")
    assert list(response.context["cl"].result_list) == [by_quote]
    response = admin_client_.get(f"{CLAIMS}?q=ganja+toll")
    assert set(response.context["cl"].result_list) == {by_claimant, by_title}


def test_search_keeps_a_constant_number_of_queries(admin_client_):
    claim_with_quote("nine people were killed", title="Missile hits Ganja")
    one = count_queries(admin_client_, f"{CLAIMS}?q=ganja+nine")
    for block in range(20):
        claim_with_quote(f"nine people were killed in block {block}", title="Missile hits Ganja")
    assert count_queries(admin_client_, f"{CLAIMS}?q=ganja+nine") == one


# --- Claim page ----------------------------------------------------------------------------------------


def test_claim_page_highlights_the_quote_in_its_paragraph_with_the_claimant_chain(admin_client_):
    reuters = PartyFactory(name="Test wire agency")
    claim = claim_with_quote("nine people were killed", relayed_by=reuters, killed_min=9, killed_max=9)
    html = admin_client_.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "In Ganja, <mark>nine people were killed</mark> the ministry said." in html
    assert "Officials spoke on Sunday" not in html  # only the quote's own paragraph
    assert f"Test wire agency -&gt; {claim.claimant.name}" in html
    assert "killed 9" in html


def test_claim_page_lists_its_contradictions_with_links_to_the_review_page(admin_client_):
    contradiction = ContradictionFactory(explanation="killed 9 vs 12")
    html = admin_client_.get(
        reverse("admin:claims_claim_change", args=[contradiction.claim_a_id])
    ).content.decode()
    assert reverse("admin:claims_contradiction_change", args=[contradiction.pk]) in html
    assert "killed 9 vs 12" in html


def test_script_in_a_quote_or_article_is_inert_on_claim_pages(admin_client_):
    claim = claim_with_quote(f"nine {SCRIPT} were killed", title=SCRIPT)
    ContradictionFactory(claim_a=claim, explanation=SCRIPT)
    for url in (
        CLAIMS,
        f"{CLAIMS}?q=nine",
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_claim_history", args=[claim.pk]),
    ):
        html = admin_client_.get(url).content.decode()
        assert SCRIPT not in html, url
    html = admin_client_.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert ESCAPED_SCRIPT in html


# --- Editing and bulk actions -------------------------------------------------------------------------


def _change_form_data(claim: Claim, **overrides) -> dict:
    data = {
        "article": claim.article_id or "",
        "quote": claim.quote,
        "quote_start": claim.quote_start if claim.quote_start is not None else "",
        "quote_end": claim.quote_end if claim.quote_end is not None else "",
        "claimant": claim.claimant_id,
        "relayed_by": claim.relayed_by_id or "",
        "kind": claim.kind,
        "polarity": claim.polarity,
        "stated_at_0": claim.stated_at.strftime("%Y-%m-%d"),
        "stated_at_1": claim.stated_at.strftime("%H:%M:%S"),
        "incident": claim.incident_id or "",
        "place": claim.place_id or "",
        "event_start_0": "",
        "event_start_1": "",
        "event_end_0": "",
        "event_end_1": "",
        "killed_min": claim.killed_min if claim.killed_min is not None else "",
        "killed_max": claim.killed_max if claim.killed_max is not None else "",
        "wounded_min": "",
        "wounded_max": "",
        "displaced_min": "",
        "displaced_max": "",
        "missing_min": "",
        "missing_max": "",
        "victim_group": claim.victim_group,
        "accused": claim.accused_id or "",
        "act": claim.act,
        "controller": claim.controller_id or "",
        "status": claim.status,
    }
    data.update(overrides)
    return data


def test_editing_a_checked_field_reruns_the_contradiction_check(
    reviewer_client, django_capture_on_commit_callbacks
):
    claim = claim_with_quote("nine people were killed")
    before = claim.changed_at
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    token = csrf_token(reviewer_client, url)
    with django_capture_on_commit_callbacks() as callbacks:
        response = reviewer_client.post(
            url, {**_change_form_data(claim, killed_min=10, killed_max=10), "csrfmiddlewaretoken": token}
        )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    claim.refresh_from_db()
    assert (claim.killed_min, claim.killed_max) == (10, 10)
    assert claim.changed_at > before
    assert len(callbacks) == 1  # the check is enqueued after commit


def test_editing_only_an_unchecked_field_does_not_rerun_the_check(
    reviewer_client, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(article=None, quote="nine killed")
    before = claim.changed_at
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    token = csrf_token(reviewer_client, url)
    with django_capture_on_commit_callbacks() as callbacks:
        response = reviewer_client.post(
            url, {**_change_form_data(claim, quote="nine were killed"), "csrfmiddlewaretoken": token}
        )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.quote == "nine were killed"
    assert claim.changed_at == before
    assert callbacks == []


def test_a_quote_that_is_not_at_its_offsets_is_refused_with_a_form_error(reviewer_client):
    claim = claim_with_quote("nine people were killed")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(
        url, {**_change_form_data(claim, quote="ten people were killed"), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert "do not hold the quote" in response.content.decode()
    claim.refresh_from_db()
    assert claim.quote == "nine people were killed"


def test_changing_status_on_the_claim_page_records_the_reviewer(reviewer_client, reviewer_user):
    claim = ClaimFactory(article=None)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    token = csrf_token(reviewer_client, url)
    reviewer_client.post(url, {**_change_form_data(claim, status="verified"), "csrfmiddlewaretoken": token})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED
    assert claim.reviewed_by == reviewer_user


def test_bulk_verify_and_reject_record_who_reviewed(reviewer_client, reviewer_user):
    first, second, third = ClaimFactory.create_batch(3)
    post_action(reviewer_client, CLAIMS, "verify", [first.pk, second.pk])
    post_action(reviewer_client, CLAIMS, "reject", [third.pk])
    statuses = dict(Claim.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "verified", second.pk: "verified", third.pk: "rejected"}
    assert set(Claim.objects.values_list("reviewed_by", flat=True)) == {reviewer_user.pk}


def test_assign_to_incident_asks_for_the_incident_then_moves_the_claims(reviewer_client):
    claims = ClaimFactory.create_batch(2)
    incident = IncidentFactory(title="Ganja strike, 11 October")
    ids = [c.pk for c in claims]
    asked = post_action(reviewer_client, CLAIMS, "assign_to_incident", ids)
    assert asked.status_code == 200
    assert "Assign claims to an incident" in asked.content.decode()
    assert not Claim.objects.filter(incident=incident).exists()
    done = post_action(reviewer_client, CLAIMS, "assign_to_incident", ids, apply="1", incident=incident.pk)
    assert done.status_code == 302
    assert set(Claim.objects.filter(incident=incident).values_list("pk", flat=True)) == set(ids)


def test_creating_a_claim_in_the_admin_goes_through_the_service(
    reviewer_client, django_capture_on_commit_callbacks
):
    party = PartyFactory()
    url = reverse("admin:claims_claim_add")
    token = csrf_token(reviewer_client, url)
    blank = ClaimFactory.build(claimant=party, article=None, quote="ten killed", killed_min=10, killed_max=10)
    with django_capture_on_commit_callbacks() as callbacks:
        response = reviewer_client.post(url, {**_change_form_data(blank), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    claim = Claim.objects.get(quote="ten killed")
    assert claim.origin == "reviewer"
    assert claim.changed_at is not None
    assert len(callbacks) == 1


# --- Permissions --------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client):
    for url in (CLAIMS, CONTRADICTIONS, reverse("admin:claims_claim_change", args=[ClaimFactory().pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_a_reviewer_cannot_delete_claims_or_contradictions(reviewer_client):
    contradiction = ContradictionFactory()
    claim = contradiction.claim_a
    for url in (
        reverse("admin:claims_claim_delete", args=[claim.pk]),
        reverse("admin:claims_contradiction_delete", args=[contradiction.pk]),
    ):
        assert reviewer_client.get(url).status_code == 403
    token = reviewer_client.cookies.get("csrftoken")
    token = token.value if token else csrf_token(reviewer_client, CLAIMS)
    response = reviewer_client.post(
        reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 403
    post_action(reviewer_client, CLAIMS, "delete_selected", [claim.pk], post="yes")
    assert Claim.objects.filter(pk=claim.pk).exists()
    assert Contradiction.objects.filter(pk=contradiction.pk).exists()


def test_an_admin_deleting_a_first_mention_leaves_the_next_mention_awaiting_its_check(admin_client_):
    article = ArticleFactory()
    first, second = (ClaimFactory(article=article, kind=ClaimKind.CASUALTY) for _ in range(2))
    other_article = ClaimFactory(kind=ClaimKind.CASUALTY)
    ClaimCheckPending.objects.all().delete()

    post_action(admin_client_, CLAIMS, "delete_selected", [first.pk], post="yes")

    assert not Claim.objects.filter(pk=first.pk).exists()
    assert set(ClaimCheckPending.objects.values_list("claim_id", flat=True)) == {second.pk}
    assert Claim.objects.filter(pk=other_article.pk).exists()


def test_a_reviewer_does_not_see_the_delete_action(reviewer_client):
    ClaimFactory()
    response = reviewer_client.get(CLAIMS)
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions
    assert {"verify", "reject", "assign_to_incident"} <= set(actions)


def test_csrf_is_enforced_on_actions(reviewer_user):
    claim = ClaimFactory()
    client = csrf_client(reviewer_user)
    response = client.post(CLAIMS, {"action": "verify", "_selected_action": [claim.pk]})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING


def test_csrf_is_enforced_on_contradiction_decisions(reviewer_user):
    contradiction = ContradictionFactory()
    client = csrf_client(reviewer_user)
    url = reverse("admin:claims_contradiction_change", args=[contradiction.pk])
    assert client.post(url, {"action": "confirm"}).status_code == 403
    contradiction.refresh_from_db()
    assert contradiction.status == ContradictionStatus.OPEN


# --- Contradiction review -----------------------------------------------------------------------------


def _review_url(c: Contradiction) -> str:
    return reverse("admin:claims_contradiction_change", args=[c.pk])


def test_review_page_shows_both_claims_side_by_side_escaped(reviewer_client):
    a = claim_with_quote(f"nine {SCRIPT} died", killed_min=9, killed_max=9)
    b = claim_with_quote("twelve died", killed_min=12, killed_max=12)
    contradiction = ContradictionFactory(claim_a=a, claim_b=b, explanation=f"killed 9 vs 12 {SCRIPT}")
    html = reviewer_client.get(_review_url(contradiction)).content.decode()
    assert 'id="claim-a"' in html
    assert 'id="claim-b"' in html
    assert "<mark>twelve died</mark>" in html
    assert a.article.outlet.name in html
    assert b.claimant.name in html
    assert "killed 12" in html
    assert SCRIPT not in html
    assert ESCAPED_SCRIPT in html


def test_confirming_moves_to_the_next_open_item_and_the_queue_shrinks(reviewer_client, reviewer_user):
    newest, middle, oldest = ContradictionFactory.create_batch(3)
    # Queue order is newest first: give them distinct detection times.
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for offset, c in ((0, newest), (1, middle), (2, oldest)):
        Contradiction.objects.filter(pk=c.pk).update(detected_at=now - timedelta(hours=offset))
    page = reviewer_client.get(_review_url(newest))
    assert page.context["open_count"] == 3
    assert page.context["following"].pk == middle.pk
    token = reviewer_client.cookies["csrftoken"].value
    response = reviewer_client.post(_review_url(newest), {"action": "confirm", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"] == _review_url(middle)
    newest.refresh_from_db()
    assert newest.status == ContradictionStatus.CONFIRMED
    assert newest.reviewed_by == reviewer_user
    next_page = reviewer_client.get(response["Location"])
    assert next_page.context["open_count"] == 2
    assert "Open queue: 2" in next_page.content.decode()


def test_resolving_names_the_claim_that_holds_with_a_note(reviewer_client):
    contradiction = ContradictionFactory()
    url = _review_url(contradiction)
    token = csrf_token(reviewer_client, url)
    reviewer_client.post(
        url,
        {
            "action": "resolve",
            "holding_claim": contradiction.claim_b_id,
            "note": "Hospital list has 12 names.",
            "csrfmiddlewaretoken": token,
        },
    )
    contradiction.refresh_from_db()
    assert contradiction.status == ContradictionStatus.RESOLVED
    assert contradiction.holding_claim_id == contradiction.claim_b_id
    assert contradiction.review_note == "Hospital list has 12 names."


def test_resolving_without_choosing_a_claim_explains_what_is_missing(reviewer_client):
    contradiction = ContradictionFactory()
    url = _review_url(contradiction)
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(url, {"action": "resolve", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Resolving needs the claim that holds." in response.content.decode()
    contradiction.refresh_from_db()
    assert contradiction.status == ContradictionStatus.OPEN


def test_deciding_the_last_open_item_returns_to_the_empty_queue(reviewer_client):
    contradiction = ContradictionFactory()
    url = _review_url(contradiction)
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(
        url, {"action": "dismiss", "dismiss_reason": "same_statement", "csrfmiddlewaretoken": token}
    )
    assert response["Location"].startswith(CONTRADICTIONS)
    contradiction.refresh_from_db()
    assert contradiction.status == ContradictionStatus.DISMISSED
    assert contradiction.dismiss_reason == "same_statement"


def test_dismissing_without_a_reason_is_refused_with_the_reason_asked_for(reviewer_client):
    contradiction = ContradictionFactory()
    url = _review_url(contradiction)
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(url, {"action": "dismiss", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Say why it is dismissed" in response.content.decode()
    contradiction.refresh_from_db()
    assert contradiction.status == ContradictionStatus.OPEN


def test_bulk_confirm_from_the_contradiction_list(reviewer_client):
    first, second = ContradictionFactory.create_batch(2)
    post_action(reviewer_client, CONTRADICTIONS, "confirm_selected", [first.pk, second.pk])
    assert set(Contradiction.objects.values_list("status", flat=True)) == {"confirmed"}


def test_the_audit_trail_shows_who_decided(reviewer_client, reviewer_user):
    contradiction = ContradictionFactory()
    url = _review_url(contradiction)
    token = csrf_token(reviewer_client, url)
    reviewer_client.post(url, {"action": "confirm", "csrfmiddlewaretoken": token})
    history = reviewer_client.get(reverse("admin:claims_contradiction_history", args=[contradiction.pk]))
    html = history.content.decode()
    assert reviewer_user.username in html
    assert "review: confirm" in html


def test_reverting_from_the_audit_trail_is_refused(reviewer_client):
    claim = ClaimFactory()
    version = claim.history.first()
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, version.history_id])
    token = csrf_token(reviewer_client, url)
    assert reviewer_client.post(url, {"csrfmiddlewaretoken": token}).status_code == 403


# --- Incidents ----------------------------------------------------------------------------------------


def test_incident_page_shows_its_claims_on_a_timeline_with_the_casualty_range(admin_client_):
    incident = IncidentFactory(killed_low=9, killed_high=12)
    early = ClaimFactory(incident=incident, killed_min=9, killed_max=9, quote=f"nine {SCRIPT}")
    late = ClaimFactory(incident=incident, killed_min=12, killed_max=12, quote="twelve")
    html = admin_client_.get(reverse("admin:claims_incident_change", args=[incident.pk])).content.decode()
    assert "9–12" in html
    assert html.index(f"#{early.pk}<") < html.index(f"#{late.pk}<") or early.stated_at > late.stated_at
    assert SCRIPT not in html
    assert reverse("admin:claims_incident_split", args=[incident.pk]) in html


def test_merge_incidents_action_calls_incident_merge(reviewer_client):
    target, other = IncidentFactory.create_batch(2)
    moved = ClaimFactory(incident=other)
    post_action(
        reviewer_client, INCIDENTS, "merge_incidents", [target.pk, other.pk], apply="1", target=target.pk
    )
    moved.refresh_from_db()
    other.refresh_from_db()
    assert moved.incident_id == target.pk
    assert other.merged_into_id == target.pk


def test_splitting_off_every_claim_is_refused_with_the_reason(reviewer_client):
    incident = IncidentFactory()
    only = ClaimFactory(incident=incident)
    url = reverse("admin:claims_incident_split", args=[incident.pk])
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(url, {"claim_ids": [only.pk], "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Leave at least one claim" in response.content.decode()


def test_assigning_claims_refreshes_the_incidents_casualty_range(reviewer_client):
    incident = IncidentFactory()
    claims = [ClaimFactory(killed_min=9, killed_max=9), ClaimFactory(killed_min=12, killed_max=12)]
    post_action(
        reviewer_client, CLAIMS, "assign_to_incident", [c.pk for c in claims], apply="1", incident=incident.pk
    )
    incident.refresh_from_db()
    assert (incident.killed_low, incident.killed_high) == (9, 12)


def test_split_moves_the_chosen_claims_to_a_new_incident(reviewer_client):
    incident = IncidentFactory()
    stay = ClaimFactory(incident=incident)
    leave = ClaimFactory(incident=incident)
    url = reverse("admin:claims_incident_split", args=[incident.pk])
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(url, {"claim_ids": [leave.pk], "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    stay.refresh_from_db()
    leave.refresh_from_db()
    assert stay.incident_id == incident.pk
    assert leave.incident_id not in (None, incident.pk)


# --- Verdicts -----------------------------------------------------------------------------------------


def test_a_reviewer_enters_a_verdict_with_evidence_links(reviewer_client, reviewer_user):
    claim = ClaimFactory(status=ClaimStatus.VERIFIED)
    url = reverse("admin:claims_verdict_add")
    token = csrf_token(reviewer_client, f"{url}?claim={claim.pk}")
    response = reviewer_client.post(
        url,
        {
            "claim": claim.pk,
            "rating": VerdictRating.MISLEADING,
            "summary": "The toll counts soldiers as civilians.",
            "evidence": "https://evidence.example/a\n\nhttps://evidence.example/b\n",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    verdict = Verdict.objects.get(claim=claim)
    assert verdict.rating == "misleading"
    assert verdict.evidence_links == ["https://evidence.example/a", "https://evidence.example/b"]
    assert verdict.reviewer == reviewer_user


def test_a_verdict_with_a_non_http_link_is_refused(reviewer_client):
    claim = ClaimFactory()
    url = reverse("admin:claims_verdict_add")
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(
        url,
        {
            "claim": claim.pk,
            "rating": "false",
            "summary": "",
            "evidence": "javascript:alert(1)",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 200
    assert "is not an http(s) URL" in response.content.decode()
    assert not Verdict.objects.exists()


def test_changing_a_verdict_keeps_its_claim_and_the_audit_trail_keeps_the_old_rating(reviewer_client):
    verdict = VerdictFactory(rating=VerdictRating.ACCURATE)
    url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    token = csrf_token(reviewer_client, url)
    response = reviewer_client.post(
        url,
        {
            "claim": ClaimFactory().pk,
            "rating": VerdictRating.FALSE,
            "summary": "Revised after the hospital list.",
            "evidence": "https://evidence.example/list",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    assert Verdict.objects.count() == 1
    verdict.refresh_from_db()
    assert verdict.rating == "false"
    assert [h.rating for h in verdict.history.order_by("history_date")] == ["accurate", "false"]


def test_claim_page_links_to_its_verdict_or_offers_to_add_one(admin_client_):
    bare = ClaimFactory()
    rated = VerdictFactory(rating=VerdictRating.MISLEADING).claim
    bare_html = admin_client_.get(reverse("admin:claims_claim_change", args=[bare.pk])).content.decode()
    rated_html = admin_client_.get(reverse("admin:claims_claim_change", args=[rated.pk])).content.decode()
    assert f"{reverse('admin:claims_verdict_add')}?claim={bare.pk}" in bare_html
    assert reverse("admin:claims_verdict_change", args=[rated.verdict.pk]) in rated_html
    assert "Misleading" in rated_html


def test_a_reviewers_claim_list_also_runs_constant_queries(reviewer_client, django_assert_num_queries):
    # Two more than a superuser's: the reviewer's own and group permissions, loaded once per request.
    _many_claims(1)
    with django_assert_num_queries(12):
        assert reviewer_client.get(CLAIMS).status_code == 200
    _many_claims(40)
    with django_assert_num_queries(12):
        assert reviewer_client.get(CLAIMS).status_code == 200


def test_the_contradiction_queue_filters_by_the_place_of_its_incident(admin_client_):
    from claims.tests.factories import ContradictionFactory
    from sources.tests.factories import PlaceFactory

    town = PlaceFactory(name="Tartar (test)")
    here = ContradictionFactory(incident=IncidentFactory(place=town))
    ContradictionFactory(incident=IncidentFactory())

    response = admin_client_.get(CONTRADICTIONS, {"place": town.pk, "pairs": "all"})
    assert [row.pk for row in response.context["cl"].result_list] == [here.pk]
    assert "Tartar (test)" in response.content.decode()


def test_the_claim_queue_filters_by_outlet_and_place_listing_only_the_chosen_one(admin_client_):
    from sources.tests.factories import OutletFactory, PlaceFactory

    town, other_town = PlaceFactory(name="Terter (test)"), PlaceFactory(name="Aghdam (test)")
    outlet = OutletFactory(name="Morning Wire (test)")
    here = ClaimFactory(place=town, article=ArticleFactory(outlet=outlet))
    ClaimFactory(place=other_town)

    html = admin_client_.get(CLAIMS).content.decode()
    assert "Aghdam (test)</a></li>" not in html  # no sidebar list of every place

    response = admin_client_.get(CLAIMS, {"place__id__exact": town.pk})
    assert [row.pk for row in response.context["cl"].result_list] == [here.pk]
    assert "Terter (test)" in response.content.decode()
    response = admin_client_.get(CLAIMS, {"article__outlet__id__exact": outlet.pk})
    assert [row.pk for row in response.context["cl"].result_list] == [here.pk]
