"""factory_boy factories for the claims app. They write rows directly (no checks enqueued);
tests of the write paths call the services.  A claim is made awaiting its check, as the services
leave a new claim (``ClaimFactory(awaiting_check=False)`` for one already checked)."""

import factory
from django.utils import timezone

from claims.models import (
    Claim,
    ClaimCheckPending,
    ClaimKind,
    ClaimStatus,
    Contradiction,
    ContradictionKind,
    Incident,
    IncidentKind,
    Verdict,
    VerdictRating,
)
from sources.tests.factories import ArticleFactory, PartyFactory, PlaceFactory, default_conflict


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    title = factory.Sequence(lambda n: f"Incident {n}")
    conflict = factory.LazyFunction(default_conflict)
    kind = IncidentKind.STRIKE
    place = factory.SubFactory(PlaceFactory)
    window_start = factory.LazyFunction(timezone.now)
    window_end = factory.LazyAttribute(lambda o: o.window_start)


class ClaimFactory(factory.django.DjangoModelFactory):
    """A casualty claim by default; use the kind-specific factories for the others."""

    class Meta:
        model = Claim
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    conflict = factory.LazyAttribute(lambda o: o.article.conflict if o.article else default_conflict())
    quote = ""
    claimant = factory.SubFactory(PartyFactory)
    kind = ClaimKind.CASUALTY
    stated_at = factory.LazyFunction(timezone.now)
    changed_at = factory.LazyFunction(timezone.now)
    status = ClaimStatus.PENDING
    killed_min = 9
    killed_max = 9

    @factory.post_generation
    def awaiting_check(obj, create, extracted, **kwargs):
        """The pending row the services write with a new claim (``awaiting_check=False``: none)."""
        if create and extracted is not False:
            ClaimCheckPending.objects.create(claim=obj, changed_at=obj.changed_at)


class PublishedClaimFactory(ClaimFactory):
    """A verified claim: published, so every partner and every report may see it."""

    status = ClaimStatus.VERIFIED


class AccusationClaimFactory(ClaimFactory):
    kind = ClaimKind.ACCUSATION
    killed_min = None
    killed_max = None
    accused = factory.SubFactory(PartyFactory)
    act = "shelling civilian areas"


class DenialClaimFactory(ClaimFactory):
    kind = ClaimKind.DENIAL
    killed_min = None
    killed_max = None
    act = "shelling civilian areas"


class ControlClaimFactory(ClaimFactory):
    kind = ClaimKind.CONTROL
    killed_min = None
    killed_max = None
    place = factory.SubFactory(PlaceFactory)
    controller = factory.SelfAttribute("claimant")


class ContradictionFactory(factory.django.DjangoModelFactory):
    """A contradiction between two fresh casualty claims, stored in (lower id, higher id) order."""

    class Meta:
        model = Contradiction

    claim_a = factory.SubFactory(ClaimFactory)
    claim_b = factory.SubFactory(ClaimFactory, killed_min=12, killed_max=12)
    kind = ContradictionKind.CASUALTY_MISMATCH
    explanation = "killed: 9 vs 12"
    score = 0.9

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        a, b = kwargs["claim_a"], kwargs["claim_b"]
        if a.pk > b.pk:
            kwargs["claim_a"], kwargs["claim_b"] = b, a
        return super()._create(model_class, *args, **kwargs)


class PublishedContradictionFactory(ContradictionFactory):
    """A contradiction between two verified (published) claims: what every partner may see."""

    claim_a = factory.SubFactory(ClaimFactory, status=ClaimStatus.VERIFIED)
    claim_b = factory.SubFactory(ClaimFactory, killed_min=12, killed_max=12, status=ClaimStatus.VERIFIED)


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory, status=ClaimStatus.VERIFIED)
    rating = VerdictRating.ACCURATE
    summary = "Matches the hospital's list of victims."
    evidence_links = factory.LazyFunction(lambda: ["https://evidence.example/ganja-hospital-list"])
