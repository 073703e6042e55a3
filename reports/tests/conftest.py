"""A known day of coverage (17 October 2020) whose report every test can check by hand.

On the day: three sources disagree on the Ganja strike toll (13, at least 9, 10–12), both
ministries of defence blame the other for the 12:05 assault, and Baku and Stepanakert each claim
to hold Hadrut. Around it: an older open contradiction, one dismissed on the day, one detected the
next day, an "update" that is not a contradiction, and a rejected claim.  Every other claim is verified
(published): a report is built over published data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from claims.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    Contradiction,
    ContradictionKind,
    ContradictionStatus,
    VictimGroup,
)
from claims.tests.factories import (
    AccusationClaimFactory,
    ClaimFactory,
    ContradictionFactory,
    ControlClaimFactory,
    IncidentFactory,
)
from sources.models import Party, Place
from sources.tests.factories import ArticleFactory, OutletFactory

DAY = date(2020, 10, 17)


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Unit tests run tasks in process even when a broker is configured (CI); integration tests opt out."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    from factcheck.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def stamp(contradiction: Contradiction, **fields) -> Contradiction:
    """Set auto_now(_add) timestamps the factories cannot."""
    Contradiction.objects.filter(pk=contradiction.pk).update(**fields)
    contradiction.refresh_from_db()
    return contradiction


@dataclass
class KnownDay:
    day: date
    parties: dict
    ganja: object
    breach: object
    hadrut: object
    claims: dict
    contradictions: dict


@pytest.fixture
def known_day(gazetteer) -> KnownDay:
    party = {p.name: p for p in Party.objects.all()}
    ganja_place, hadrut_place = Place.objects.get(name="Ganja"), Place.objects.get(name="Hadrut")
    wire = OutletFactory(name="Caspian Wire")
    daily = OutletFactory(name="Yerevan Evening")
    ngo = OutletFactory(name="Monitor Bulletin")

    ganja = IncidentFactory(
        title="Missile strike on Ganja", place=ganja_place, window_start=at(DAY, 2), window_end=at(DAY, 3)
    )
    breach = IncidentFactory(
        title="Assault at 12:05 after the truce", kind="ceasefire_breach", window_start=at(DAY, 12, 5)
    )
    hadrut = IncidentFactory(
        title="Control of Hadrut", kind="capture", place=hadrut_place, window_start=at(DAY, 9)
    )

    def article(outlet, title):
        return ArticleFactory(outlet=outlet, title=title, published_at=at(DAY, 8))

    claims = {
        "toll_13": ClaimFactory(
            claimant=party["Prosecutor General of Azerbaijan"],
            article=article(wire, "Ganja toll rises overnight"),
            incident=ganja,
            stated_at=at(DAY, 7),
            killed_min=13,
            killed_max=13,
            victim_group=VictimGroup.CIVILIAN,
            quote="Thirteen civilians died when the missile hit a residential block in Ganja.",
        ),
        "toll_9_plus": ClaimFactory(
            claimant=party["Hikmet Hajiyev"],
            article=article(wire, "Presidential aide on Ganja"),
            incident=ganja,
            stated_at=at(DAY, 9),
            killed_min=9,
            killed_max=None,
            victim_group=VictimGroup.CIVILIAN,
            quote="At least nine people lost their lives in Ganja overnight, the aide said.",
        ),
        "toll_10_12": ClaimFactory(
            claimant=party["Human Rights Watch"],
            article=article(ngo, "Field notes from Ganja"),
            incident=ganja,
            stated_at=at(DAY, 15),
            killed_min=10,
            killed_max=12,
            victim_group=VictimGroup.CIVILIAN,
            quote="Researchers counted between ten and twelve dead at the site.",
        ),
        "blame_az": AccusationClaimFactory(
            claimant=party["Ministry of Defence of Armenia"],
            accused=party["Armed Forces of Azerbaijan"],
            article=article(daily, "Yerevan says truce broken at noon"),
            incident=breach,
            stated_at=at(DAY, 13),
            act="launching an assault at 12:05",
            quote="Azerbaijani units went on the offensive five minutes after noon, the ministry said.",
        ),
        "blame_am": AccusationClaimFactory(
            claimant=party["Ministry of Defence of Azerbaijan"],
            accused=party["Armed Forces of Armenia"],
            article=article(wire, "Baku blames Yerevan for breach"),
            incident=breach,
            stated_at=at(DAY, 14),
            act="shelling civilian areas after the truce",
            quote="Armenian artillery opened fire on villages soon after the truce began, Baku said.",
        ),
        "hadrut_az": ControlClaimFactory(
            claimant=party["Ministry of Defence of Azerbaijan"],
            controller=party["Armed Forces of Azerbaijan"],
            place=hadrut_place,
            incident=hadrut,
            article=article(wire, "Hadrut taken, Baku says"),
            stated_at=at(DAY, 10),
            quote="The ministry said its troops now hold Hadrut and nearby villages.",
        ),
        "hadrut_am": ControlClaimFactory(
            claimant=party["Artak Beglaryan"],
            controller=party["Artsakh Defence Army"],
            place=hadrut_place,
            incident=hadrut,
            article=article(daily, "Stepanakert denies loss of Hadrut"),
            stated_at=at(DAY, 11),
            quote="The ombudsman said Hadrut remained under the control of local forces.",
        ),
        "rejected": ClaimFactory(
            claimant=party["Ministry of Defence of Armenia"],
            stated_at=at(DAY, 16),
            status=ClaimStatus.REJECTED,
            killed_min=40,
            killed_max=40,
            quote="A garbled figure the reviewers rejected.",
        ),
    }
    earlier = at(DAY - timedelta(days=3), 12)
    contradictions = {
        "ganja_toll": stamp(
            ContradictionFactory(
                claim_a=claims["toll_13"],
                claim_b=claims["toll_10_12"],
                score=0.9,
                incident=ganja,
                explanation="killed: 13 (Prosecutor General) vs 10–12 (Human Rights Watch)",
            ),
            detected_at=at(DAY, 16),
        ),
        "noon_blame": stamp(
            ContradictionFactory(
                claim_a=claims["blame_az"],
                claim_b=claims["blame_am"],
                score=0.8,
                incident=breach,
                kind=ContradictionKind.CONFLICTING_BLAME,
                explanation="Each ministry blames the other side for the 12:05 assault",
            ),
            detected_at=at(DAY, 14, 30),
        ),
        "hadrut_control": stamp(
            ContradictionFactory(
                claim_a=claims["hadrut_az"],
                claim_b=claims["hadrut_am"],
                score=0.7,
                incident=hadrut,
                kind=ContradictionKind.CONFLICTING_CONTROL,
                explanation="Hadrut held by Azerbaijani troops vs by local forces",
            ),
            detected_at=at(DAY, 11, 30),
            status=ContradictionStatus.CONFIRMED,
            reviewed_at=at(DAY, 18),
        ),
        "older_open": stamp(
            ContradictionFactory(
                claim_a=ClaimFactory(
                    stated_at=earlier, kind=ClaimKind.DENIAL, killed_min=None, killed_max=None
                ),
                claim_b=AccusationClaimFactory(stated_at=earlier),
                kind=ContradictionKind.ACCUSATION_DENIAL,
                score=0.5,
                explanation="Accused of shelling, denied it",
            ),
            detected_at=earlier,
        ),
        "dismissed_today": stamp(
            ContradictionFactory(
                claim_a=ClaimFactory(stated_at=earlier),
                claim_b=ClaimFactory(stated_at=earlier, killed_min=30, killed_max=30),
            ),
            detected_at=earlier,
            status=ContradictionStatus.DISMISSED,
            reviewed_at=at(DAY, 10),
        ),
        "next_day": stamp(
            ContradictionFactory(
                claim_a=ClaimFactory(stated_at=at(DAY + timedelta(days=1), 6)),
                claim_b=ClaimFactory(stated_at=at(DAY + timedelta(days=1), 7), killed_min=20, killed_max=20),
            ),
            detected_at=at(DAY + timedelta(days=1), 8),
        ),
        "update": stamp(
            ContradictionFactory(
                claim_a=ClaimFactory(stated_at=earlier),
                claim_b=ClaimFactory(stated_at=earlier, killed_min=10, killed_max=10),
                kind=ContradictionKind.UPDATE,
            ),
            detected_at=at(DAY, 12),
        ),
    }
    # A report holds published data only: every claim of the coverage is verified but the rejected one.
    Claim.objects.exclude(status=ClaimStatus.REJECTED).update(status=ClaimStatus.VERIFIED)
    for claim in claims.values():
        claim.refresh_from_db()
    return KnownDay(
        day=DAY,
        parties=party,
        ganja=ganja,
        breach=breach,
        hadrut=hadrut,
        claims=claims,
        contradictions=contradictions,
    )
