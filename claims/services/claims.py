"""Writes for claims: create, update, review. Every path a claim can change goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import (
    CHECKED_FIELDS,
    COUNT_FIELDS,
    COUNT_PAIRS,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    Contradiction,
)
from claims.selectors.checks import claims_said_again_after
from claims.services.checks import claims_await_check
from sources.models import Article, Party
from sources.selectors import conflict_of_parties

# Fields a caller may set on create or update (the rest are bookkeeping).
EDITABLE_FIELDS = frozenset(
    {
        "article",
        "conflict",
        "quote",
        "quote_start",
        "quote_end",
        "claimant",
        "relayed_by",
        "kind",
        "polarity",
        "stated_at",
        "incident",
        "place",
        "event_start",
        "event_end",
        *COUNT_FIELDS,
        "victim_group",
        "accused",
        "act",
        "controller",
        "status",
        "origin",
        "submitted_by",
    }
)


def claim_quote_validate(claim: Claim) -> None:
    """The quote's offsets must point at exactly the quote inside the article body."""
    if claim.quote_start is None and claim.quote_end is None:
        return
    if claim.article is None or claim.quote_start is None or claim.quote_end is None:
        raise ValidationError(
            {"quote_start": "Quote offsets need an article and both quote_start and quote_end."}
        )
    found = claim.article.body[claim.quote_start : claim.quote_end]
    if found != claim.quote:
        raise ValidationError(
            {
                "quote": f"The offsets {claim.quote_start}:{claim.quote_end} do not hold the quote in the article."
            }
        )


def _constraint_errors() -> dict[str, dict[str, str]]:
    """Reviewer-readable messages for the claim table's check constraints, keyed by constraint name."""
    errors = {
        "claim_casualty_has_figure": {
            "killed_min": "A casualty claim needs at least one figure (killed, wounded, displaced or missing)."
        },
        "claim_accusation_has_accused": {"accused": "An accusation needs the accused party."},
        "claim_control_has_place_and_controller": {
            "place": "A control claim needs the place and the party said to hold it (controller)."
        },
        "claim_quote_offsets_ordered": {"quote_start": "quote_start must not be after quote_end."},
        "claim_event_window_ordered": {"event_start": "event_start must not be after event_end."},
    }
    for low, high in COUNT_PAIRS:
        figure = low.removesuffix("_min")
        errors[f"claim_{figure}_min_not_negative"] = {low: f"{low} cannot be negative."}
        errors[f"claim_{figure}_max_not_negative"] = {high: f"{high} cannot be negative."}
        errors[f"claim_{figure}_min_lte_max"] = {low: f"{low} must not be greater than {high}."}
        errors[f"claim_{figure}_max_needs_min"] = {high: f"{high} needs {low} (use 0 for 'up to {high}')."}
    return errors


CONSTRAINT_ERRORS = _constraint_errors()


def claim_validate(claim: Claim) -> None:
    """The checks Python makes before a claim is written (fields, and the quote against the article);
    the database checks the rest (see ``_clean_and_save``).  Raises ``ValidationError``."""
    set_relations = [
        f.name for f in Claim._meta.fields if f.is_relation and getattr(claim, f.attname) is not None
    ]
    claim.full_clean(exclude=set_relations, validate_constraints=False)
    claim_quote_validate(claim)


def claim_integrity_error(exc: IntegrityError) -> ValidationError:
    """The field-named ValidationError for a claim the database refused (a check constraint)."""
    text = str(exc)
    for name, error in CONSTRAINT_ERRORS.items():
        if name in text:
            return ValidationError({field: f"{message} ({name})" for field, message in error.items()})
    return ValidationError(f"The claim breaks a database rule: {text}")


def _clean_and_save(claim: Claim) -> None:
    """Validate fields in Python, then let the database check the constraints in one INSERT/UPDATE.

    ``full_clean`` would run one SELECT per check constraint and per foreign key (about 25 queries a
    claim); the database enforces the same rules, so a violation is caught and turned into the same
    field-named ValidationError a caller would have got from ``full_clean``.
    """
    claim_validate(claim)
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as exc:
        raise claim_integrity_error(exc) from exc


def _default_stated_at(article: Article | None) -> datetime:
    if article is not None and article.published_at is not None:
        return article.published_at
    return timezone.now()


def claim_build(
    *,
    claimant: Party,
    kind: str,
    stated_at: datetime | None = None,
    article: Article | None = None,
    status: str = ClaimStatus.PENDING,
    origin: str = ClaimOrigin.REVIEWER,
    **fields: Any,
) -> Claim:
    """The unsaved claim ``claim_create`` would save (its conflict, statement time and change time
    filled in), not yet validated: the bulk import builds many, validates and inserts them together."""
    unknown = set(fields) - EDITABLE_FIELDS - {"conflict_id"}
    if unknown:
        raise TypeError(f"claim_create() got unknown fields: {', '.join(sorted(unknown))}")
    if "conflict" not in fields:
        fields["conflict_id"] = (
            article.conflict_id
            if article is not None and article.conflict_id is not None
            else conflict_of_parties(
                party_ids=[
                    claimant.pk,
                    *(getattr(fields.get(name), "pk", None) for name in ("accused", "controller")),
                ]
            )
        )
    return Claim(
        claimant=claimant,
        kind=kind,
        article=article,
        stated_at=stated_at or _default_stated_at(article),
        status=status,
        origin=origin,
        changed_at=timezone.now(),
        **fields,
    )


@transaction.atomic
def claim_create(**fields: Any) -> Claim:
    """Validate and save one claim (``claim_build``'s keywords: ``claimant`` and ``kind``, then the
    optional ``stated_at``, ``article``, ``status``, ``origin`` and editable fields), then enqueue its
    contradiction check after commit."""
    claim = claim_build(**fields)
    _clean_and_save(claim)
    claims_await_check(claim_ids=[claim.pk], changed_at=claim.changed_at)
    return claim


def _checked_values(claim: Claim) -> tuple:
    return tuple(getattr(claim, name) for name in CHECKED_FIELDS)


@transaction.atomic
def claim_update(*, claim: Claim, **changes: Any) -> Claim:
    """Apply ``changes``; if a checked field changed, mark the claim for re-checking and enqueue it."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"claim_update() got unknown fields: {', '.join(sorted(unknown))}")
    before = _checked_values(claim)
    for name, value in changes.items():
        setattr(claim, name, value)
    rechecks = _checked_values(claim) != before
    if rechecks:
        claim.changed_at = timezone.now()
    _clean_and_save(claim)
    if rechecks:
        claims_await_check(
            claim_ids=[claim.pk, *claims_said_again_after(claim_ids=[claim.pk])], changed_at=claim.changed_at
        )
    return claim


def audit_user(user: Any) -> Any:
    """The audit trail's actor: the reviewer, or None (system) for an anonymous caller."""
    return user if getattr(user, "is_authenticated", False) else None


def history_attribute(instance: Any, *, user: Any, reason: str | None = None) -> None:
    """Name who makes the next save of ``instance`` (the audit actor of ``user``) and, optionally, why,
    in its django-simple-history record."""
    # simple-history's hooks are plain attributes the models do not declare.
    instance._history_user = audit_user(user)
    if reason is not None:
        instance._change_reason = reason


REVIEW_STATUSES = (ClaimStatus.VERIFIED, ClaimStatus.REJECTED, ClaimStatus.PENDING)


@transaction.atomic
def claims_review(*, claim_ids: Iterable[int], status: str, reviewer: Any) -> int:
    """Set the review status (verified, rejected or back to pending) of many claims; returns how many changed.

    Status feeds the contradiction check (a rejected claim's contradictions close), so changed claims
    are re-checked.  Interfaces call ``review.services.claims_review``, which also schedules the
    credibility recompute that reads the new status.
    """
    if status not in REVIEW_STATUSES:
        raise ValidationError(
            {"status": f"'{status}' is not a review status; use verified, rejected or pending."}
        )
    now = timezone.now()
    changed = list(
        Claim.objects.select_for_update()
        .filter(pk__in=list(claim_ids))
        .exclude(status=status)
        .values_list("pk", flat=True)
    )
    if not changed:
        return 0
    # Save one by one so the audit trail (django-simple-history) records who reviewed what.
    for claim in Claim.objects.filter(pk__in=changed):
        claim.status = status
        claim.reviewed_by = reviewer
        claim.reviewed_at = now
        claim.changed_at = now
        history_attribute(claim, user=reviewer, reason=f"review: {status}")
        claim.save(update_fields=["status", "reviewed_by", "reviewed_at", "changed_at", "updated_at"])
    # Publishing (or unpublishing) a claim changes who may see its contradictions: touching them
    # makes partner syncs (updated_since) and the webhook push read them again.
    Contradiction.objects.filter(Q(claim_a_id__in=changed) | Q(claim_b_id__in=changed)).update(updated_at=now)
    claims_await_check(claim_ids=[*changed, *claims_said_again_after(claim_ids=changed)], changed_at=now)
    return len(changed)


@transaction.atomic
def claims_delete(*, claim_ids: Iterable[int]) -> int:
    """Delete claims (with their contradictions) and check again the later claims of their articles and
    kinds; returns how many claims were deleted.

    A statement repeated in one article is paired only through its first mention, so deleting the first
    leaves the next to be paired in its place, at once rather than at the next rescan.  The audit trail
    records each deletion (django-simple-history, with the request's user when there is one).
    """
    ids = sorted({int(i) for i in claim_ids})
    said_again = set(claims_said_again_after(claim_ids=ids)) - set(ids)
    _, per_model = Claim.objects.filter(pk__in=ids).delete()
    claims_await_check(claim_ids=said_again, changed_at=timezone.now())
    return per_model.get(Claim._meta.label, 0)
