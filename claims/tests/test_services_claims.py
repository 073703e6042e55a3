"""claim_create / claim_update / claims_review: validation, audit trail and check scheduling."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import Claim, ClaimCheckPending, ClaimKind, ClaimStatus
from claims.selectors.checks import claim_awaiting_check
from claims.services import checks
from claims.services.claims import claim_create, claim_update, claims_review
from sources.tests.factories import ArticleFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):
    """Record which claim ids were sent to the contradiction check, instead of running it."""
    sent: list[int] = []

    class FakeTask:
        @staticmethod
        def delay(claim_id):
            sent.append(claim_id)

    monkeypatch.setattr(checks, "_check_claim_task", lambda: FakeTask)
    return sent


@pytest.fixture
def article():
    return ArticleFactory(body="The ministry said a missile killed nine people in Ganja on Sunday.")


def test_created_claim_is_checked_only_after_commit(django_capture_on_commit_callbacks, enqueued, article):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        claim = claim_create(
            claimant=PartyFactory(), kind=ClaimKind.CASUALTY, article=article, killed_min=9, killed_max=9
        )
    assert enqueued == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert enqueued == [claim.pk]


def test_claim_defaults_to_the_article_date(django_capture_on_commit_callbacks, enqueued, article):
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, article=article, killed_min=9)
    assert claim.stated_at == article.published_at
    assert claim_awaiting_check(claim_id=claim.pk) == claim.changed_at


def test_quote_offsets_must_point_at_the_quote(enqueued, article):
    start = article.body.index("a missile")
    with pytest.raises(ValidationError, match="do not hold the quote"):
        claim_create(
            claimant=PartyFactory(),
            kind=ClaimKind.CASUALTY,
            article=article,
            killed_min=9,
            quote="a missile killed ten people",
            quote_start=start,
            quote_end=start + 27,
        )
    assert not Claim.objects.exists()


def test_quote_with_correct_offsets_is_saved(enqueued, article):
    quote = "a missile killed nine people"
    start = article.body.index(quote)
    claim = claim_create(
        claimant=PartyFactory(),
        kind=ClaimKind.CASUALTY,
        article=article,
        killed_min=9,
        killed_max=9,
        quote=quote,
        quote_start=start,
        quote_end=start + len(quote),
    )
    assert article.body[claim.quote_start : claim.quote_end] == quote


def test_invalid_interval_is_refused_with_a_message(enqueued, article):
    with pytest.raises(ValidationError) as excinfo:
        claim_create(
            claimant=PartyFactory(), kind=ClaimKind.CASUALTY, article=article, killed_min=12, killed_max=9
        )
    assert "claim_killed_min_lte_max" in str(excinfo.value)


def test_accusation_without_accused_is_refused(enqueued, article):
    with pytest.raises(ValidationError):
        claim_create(claimant=PartyFactory(), kind=ClaimKind.ACCUSATION, article=article, act="shelling")


def test_unknown_field_is_a_programming_error(enqueued):
    with pytest.raises(TypeError, match="dead"):
        claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, dead=3)


def test_changing_a_checked_field_marks_the_claim_for_rechecking(
    django_capture_on_commit_callbacks, enqueued, article
):
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, article=article, killed_min=9)
    checked_change = claim.changed_at
    ClaimCheckPending.objects.filter(claim=claim).delete()  # what its check does
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim=claim, killed_min=10)
    assert enqueued == [claim.pk]
    assert claim.changed_at > checked_change
    assert claim_awaiting_check(claim_id=claim.pk) == claim.changed_at


def test_changing_only_the_quote_text_does_not_recheck(django_capture_on_commit_callbacks, enqueued):
    claim = claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, killed_min=9)
    changed_at = claim.changed_at
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim=claim, quote="nine people")
    assert enqueued == []
    assert claim.changed_at == changed_at


def test_bulk_review_changes_status_records_reviewer_and_history(
    django_capture_on_commit_callbacks, enqueued, reviewer
):
    claims = [claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, killed_min=n) for n in (1, 2, 3)]
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changed = claims_review(
            claim_ids=[c.pk for c in claims], status=ClaimStatus.VERIFIED, reviewer=reviewer
        )
    assert changed == 3
    assert sorted(enqueued) == sorted(c.pk for c in claims)
    for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]):
        assert claim.status == ClaimStatus.VERIFIED
        assert claim.reviewed_by == reviewer
        assert claim.history.first().history_change_reason == "review: verified"


def test_reviewing_twice_changes_nothing_the_second_time(enqueued, reviewer):
    claim = claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, killed_min=1)
    claims_review(claim_ids=[claim.pk], status=ClaimStatus.REJECTED, reviewer=reviewer)
    history_rows = claim.history.count()
    assert claims_review(claim_ids=[claim.pk], status=ClaimStatus.REJECTED, reviewer=reviewer) == 0
    assert claim.history.count() == history_rows


def test_review_refuses_an_unknown_status(enqueued, reviewer):
    claim = claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, killed_min=1)
    with pytest.raises(ValidationError, match="not a review status"):
        claims_review(claim_ids=[claim.pk], status="published", reviewer=reviewer)


def test_broker_failure_does_not_lose_the_claim(django_capture_on_commit_callbacks, monkeypatch, article):
    """The enqueue hook is robust: the write commits even if the broker is down; the sweep finds it later."""

    class BrokenTask:
        @staticmethod
        def delay(claim_id):
            raise ConnectionError("broker unreachable")

    monkeypatch.setattr(checks, "_check_claim_task", lambda: BrokenTask)
    with django_capture_on_commit_callbacks(execute=True):
        claim = claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, article=article, killed_min=9)
    assert claim_awaiting_check(claim_id=claim.pk) == claim.changed_at


def test_checks_module_skips_empty_batches(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        checks.enqueue_claim_checks([])
    assert callbacks == []


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"killed_min": 12, "killed_max": 9}, "killed_min", "must not be greater than killed_max"),
        ({"wounded_min": -3}, "wounded_min", "cannot be negative"),
        ({"missing_max": 4}, "missing_max", "needs missing_min"),
        ({"killed_min": None}, "killed_min", "needs at least one figure"),
    ],
)
def test_database_rules_come_back_as_field_errors(enqueued, fields, field, words):
    values = {"killed_min": 9, **fields}
    with pytest.raises(ValidationError) as excinfo:
        claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, **values)
    assert words in " ".join(excinfo.value.message_dict[field])
    assert not Claim.objects.exists()


def test_update_that_breaks_a_rule_leaves_the_stored_claim_unchanged(enqueued):
    claim = claim_create(claimant=PartyFactory(), kind=ClaimKind.CASUALTY, killed_min=9, killed_max=9)
    with pytest.raises(ValidationError):
        claim_update(claim=claim, killed_max=3)
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.killed_min, stored.killed_max) == (9, 9)


def test_creating_a_claim_costs_a_handful_of_queries_not_one_per_rule(
    enqueued, django_assert_max_num_queries
):
    """Savepoints, the INSERT, its audit row and its pending check: the database checks the rules, no
    SELECT per rule or key.  A claim with no article also looks up the one conflict its parties fight in."""
    claimant = PartyFactory()
    with django_assert_max_num_queries(8):
        claim_create(claimant=claimant, kind=ClaimKind.CASUALTY, killed_min=9, killed_max=9)
