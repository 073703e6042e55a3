"""The five rules as pure functions: cases that must flag, near-misses that must not, and properties."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.contradictions import (
    ClaimFacts,
    accusation_vs_denial,
    casualty_mismatch,
    check,
    conflicting_blame,
    conflicting_control,
    self_reversal,
)
from claims.contradictions.intervals import intervals_disjoint, vague_quantity
from claims.models import ClaimKind, ClaimStatus, ContradictionKind, Polarity, VictimGroup

OCT_11 = datetime(2020, 10, 11, 9, 0, tzinfo=UTC)
# The conflict's sides, as ids: the two belligerents oppose each other, third parties nobody.
AZ, AM, THIRD = 1, 2, 3
OPPONENTS = {AZ: frozenset({AM}), AM: frozenset({AZ}), THIRD: frozenset()}


def speaker(claimant_id, name, side):
    return {
        "claimant_id": claimant_id,
        "claimant_name": name,
        "claimant_side": side,
        "claimant_belligerent": bool(OPPONENTS.get(side)),
    }


AZ_PROSECUTOR = speaker(1, "Prosecutor General of Azerbaijan", AZ)
AM_DEFENCE = speaker(2, "Ministry of Defence of Armenia", AM)
AZ_DEFENCE = speaker(3, "Ministry of Defence of Azerbaijan", AZ)
AZ_FORCES = {"id": 10, "name": "Armed Forces of Azerbaijan", "side": AZ}
AM_FORCES = {"id": 20, "name": "Armed Forces of Armenia", "side": AM}


def casualty(claim_id, killed=(9, 9), who=AZ_PROSECUTOR, **extra):
    values = {
        "id": claim_id,
        "kind": ClaimKind.CASUALTY,
        "stated_at": OCT_11,
        "incident_id": 100,
        "place_id": 7,
        "killed_min": killed[0],
        "killed_max": killed[1],
        "victim_group": VictimGroup.CIVILIAN,
        **who,
    }
    values.update(extra)
    return ClaimFacts(**values)


def accusation(claim_id, accused=AZ_FORCES, who=AM_DEFENCE, act="shelling Stepanakert", **extra):
    values = {
        "id": claim_id,
        "kind": ClaimKind.ACCUSATION,
        "stated_at": OCT_11,
        "incident_id": 100,
        "place_id": 7,
        "accused_id": accused["id"],
        "accused_name": accused["name"],
        "accused_side": accused["side"],
        "accused_opponents": OPPONENTS.get(accused["side"], frozenset()),
        "act": act,
        **who,
    }
    values.update(extra)
    return ClaimFacts(**values)


def denial(claim_id, who=AZ_DEFENCE, act="shelling Stepanakert", **extra):
    values = {
        "id": claim_id,
        "kind": ClaimKind.DENIAL,
        "stated_at": OCT_11,
        "incident_id": 100,
        "place_id": 7,
        "act": act,
        **who,
    }
    values.update(extra)
    return ClaimFacts(**values)


def control(claim_id, controller=AZ_FORCES, who=AZ_DEFENCE, **extra):
    values = {
        "id": claim_id,
        "kind": ClaimKind.CONTROL,
        "stated_at": OCT_11,
        "incident_id": 200,
        "place_id": 8,
        "place_name": "Hadrut",
        "controller_id": controller["id"],
        "controller_name": controller["name"],
        "controller_side": controller["side"],
        "controller_opponents": OPPONENTS.get(controller["side"], frozenset()),
        **who,
    }
    values.update(extra)
    return ClaimFacts(**values)


# --- Rule 1: casualty mismatch ----------------------------------------------------------------------


def test_nine_killed_against_twelve_killed_is_a_casualty_mismatch_naming_both_claimants():
    finding = casualty_mismatch(casualty(1, (9, 9)), casualty(2, (12, 12), who=AM_DEFENCE))
    assert finding.kind == ContradictionKind.CASUALTY_MISMATCH
    assert finding.explanation == (
        "killed: 9 (Prosecutor General of Azerbaijan, 11 Oct) vs 12 (Ministry of Defence of Armenia, 11 Oct)."
    )
    assert 0.5 <= finding.score <= 1


def test_at_least_nine_is_compatible_with_twelve():
    assert casualty_mismatch(casualty(1, (9, None)), casualty(2, (12, 12), who=AM_DEFENCE)) is None


def test_dozens_is_coded_as_at_least_twelve_and_contradicts_only_figures_below():
    dozens = vague_quantity("dozens")
    assert dozens == (12, None)
    assert casualty_mismatch(casualty(1, dozens), casualty(2, (30, 30), who=AM_DEFENCE)) is None
    finding = casualty_mismatch(casualty(1, dozens), casualty(2, (5, 5), who=AM_DEFENCE))
    assert "at least 12" in finding.explanation


def test_disjoint_wounded_figures_are_a_mismatch_even_when_killed_agree():
    a = casualty(1, (9, 9), wounded_min=34, wounded_max=34)
    b = casualty(2, (9, 9), who=AM_DEFENCE, wounded_min=40, wounded_max=40)
    assert casualty_mismatch(a, b).explanation.startswith("wounded: 34 (")


def test_later_higher_toll_from_same_ministry_is_an_update():
    first = casualty(1, (9, 9))
    later = casualty(2, (10, 10), stated_at=OCT_11 + timedelta(days=1))
    finding = casualty_mismatch(first, later)
    assert finding.kind == ContradictionKind.UPDATE
    assert "rose to 10" in finding.explanation


def test_two_outlets_relaying_the_same_statement_never_contradict():
    # Attribution is to the claimant: both carry the prosecutor's one statement, whoever relayed it.
    via_reuters = casualty(1, (9, 9))
    via_afp = casualty(2, (12, 12))
    assert check(via_reuters, via_afp) == []


def test_opposing_sides_whose_names_are_one_letter_apart_are_two_speakers():
    # "AZ" / "AM": close names, but a party on each side of the war is never one official spelt twice.
    az_body = casualty(1, (9, 9), who=speaker(41, "Bench AZ body 1", AZ))
    am_body = casualty(2, (14, 14), who=speaker(42, "Bench AM body 1", AM))
    assert [finding.kind for finding in check(az_body, am_body)] == [ContradictionKind.CASUALTY_MISMATCH]


def test_two_officials_of_one_side_whose_names_differ_by_a_digit_are_two_speakers():
    first = casualty(1, (9, 9), who=speaker(41, "Regional official 1", AZ))
    second = casualty(2, (14, 14), who=speaker(42, "Regional official 2", AZ))
    assert [finding.kind for finding in check(first, second)] == [ContradictionKind.CASUALTY_MISMATCH]


def test_one_official_spelt_two_ways_with_no_side_known_is_still_one_speaker():
    first = casualty(1, (9, 9), who=speaker(41, "Governor Dmytro Lunin", None))
    later = casualty(
        2, (14, 14), who=speaker(42, "Governor Dmytro Lunyn", None), stated_at=OCT_11 + timedelta(hours=5)
    )
    assert casualty_mismatch(first, later).kind == ContradictionKind.UPDATE


def test_different_victim_groups_do_not_contradict():
    soldiers = casualty(2, (12, 12), who=AM_DEFENCE, victim_group=VictimGroup.MILITARY)
    assert casualty_mismatch(casualty(1, (9, 9)), soldiers) is None


def test_different_incidents_do_not_contradict():
    assert (
        casualty_mismatch(casualty(1, (9, 9)), casualty(2, (12, 12), who=AM_DEFENCE, incident_id=101)) is None
    )


def test_rejected_claims_and_retractions_take_no_part():
    rejected = casualty(2, (12, 12), who=AM_DEFENCE, status=ClaimStatus.REJECTED)
    retracted = casualty(2, (12, 12), who=AM_DEFENCE, polarity=Polarity.RETRACTS)
    assert casualty_mismatch(casualty(1), rejected) is None
    assert casualty_mismatch(casualty(1), retracted) is None


# --- Rule 2: conflicting blame ----------------------------------------------------------------------


def test_each_side_blaming_the_other_for_the_same_assault_is_conflicting_blame():
    finding = conflicting_blame(accusation(1, AZ_FORCES), accusation(2, AM_FORCES, who=AZ_DEFENCE))
    assert finding.kind == ContradictionKind.CONFLICTING_BLAME
    assert "Armed Forces of Azerbaijan (Ministry of Defence of Armenia, 11 Oct)" in finding.explanation
    assert "Armed Forces of Armenia (Ministry of Defence of Azerbaijan, 11 Oct)" in finding.explanation


def test_blaming_the_same_side_is_not_conflicting_blame():
    az_army = {"id": 11, "name": "Azerbaijani army units", "side": AZ}
    assert conflicting_blame(accusation(1, AZ_FORCES), accusation(2, az_army, who=AZ_PROSECUTOR)) is None


def test_blame_about_different_incidents_is_not_conflicting():
    other = accusation(2, AM_FORCES, who=AZ_DEFENCE, incident_id=101)
    assert conflicting_blame(accusation(1, AZ_FORCES), other) is None


# --- Rule 3: accusation vs denial ------------------------------------------------------------------


def test_accused_side_denying_the_act_contradicts_the_accusation():
    finding = accusation_vs_denial(accusation(1), denial(2))
    assert finding.kind == ContradictionKind.ACCUSATION_DENIAL
    assert finding.score == 1.0
    assert "Ministry of Defence of Armenia" in finding.explanation
    assert "Ministry of Defence of Azerbaijan" in finding.explanation


def test_saying_it_keeps_the_ceasefire_answers_any_accusation():
    finding = accusation_vs_denial(accusation(1), denial(2, act="strictly observes the ceasefire"))
    assert finding.score == 0.7


@pytest.mark.parametrize(
    "denied",
    ["any connection with the rocket attack", "it had anything to do with the killings", "involvement"],
)
def test_denying_any_part_in_the_event_answers_the_accusation_of_it(denied):
    finding = accusation_vs_denial(
        accusation(1, act="carried out by the Azerbaijani army"), denial(2, act=denied)
    )
    assert finding is not None
    assert finding.score == 0.7


@pytest.mark.parametrize("accused", ["killed nine people on Sunday", "hit a school in Stepanakert"])
def test_naming_the_military_object_struck_answers_an_accusation_of_an_attack_that_harmed_people(accused):
    finding = accusation_vs_denial(accusation(1, act=accused), denial(2, act="striking civilians"))
    assert finding is not None
    assert finding.score == 0.7


def test_naming_the_military_object_struck_does_not_answer_a_charge_of_something_else():
    assert (
        accusation_vs_denial(
            accusation(1, act="using cluster munitions"), denial(2, act="striking civilians")
        )
        is None
    )


def test_denial_by_a_third_party_does_not_answer_the_accusation():
    observer = speaker(9, "OSCE Minsk Group", THIRD)
    assert accusation_vs_denial(accusation(1), denial(2, who=observer)) is None


def test_denial_of_a_different_act_is_no_contradiction():
    assert accusation_vs_denial(accusation(1), denial(2, act="using cluster munitions")) is None


def test_denial_outside_the_window_of_an_ungrouped_accusation_is_no_contradiction():
    loose_acc = accusation(1, incident_id=None, place_id=None)
    loose_denial = denial(2, incident_id=None, place_id=None)
    assert accusation_vs_denial(loose_acc, loose_denial) is not None
    week_later = replace(loose_denial, stated_at=OCT_11 + timedelta(days=7))
    assert accusation_vs_denial(loose_acc, week_later) is None


# --- Rule 4: conflicting control -------------------------------------------------------------------


def test_both_sides_holding_hadrut_on_the_same_day_is_conflicting_control():
    finding = conflicting_control(control(1, AZ_FORCES), control(2, AM_FORCES, who=AM_DEFENCE))
    assert finding.kind == ContradictionKind.CONFLICTING_CONTROL
    assert finding.explanation.startswith("control of Hadrut: Armed Forces of Azerbaijan")


def test_control_at_different_times_is_no_contradiction():
    later = control(2, AM_FORCES, who=AM_DEFENCE, stated_at=OCT_11 + timedelta(days=5))
    assert conflicting_control(control(1, AZ_FORCES), later) is None


def test_control_of_different_places_is_no_contradiction():
    elsewhere = control(2, AM_FORCES, who=AM_DEFENCE, place_id=9)
    assert conflicting_control(control(1, AZ_FORCES), elsewhere) is None


# --- Rule 5: self-reversal -------------------------------------------------------------------------


def test_asserting_then_retracting_the_same_accusation_is_a_self_reversal():
    retraction = accusation(2, polarity=Polarity.RETRACTS, stated_at=OCT_11 + timedelta(days=2))
    finding = self_reversal(accusation(1), retraction)
    assert finding.kind == ContradictionKind.SELF_REVERSAL
    assert "Ministry of Defence of Armenia asserted" in finding.explanation


def test_a_retraction_by_another_party_is_no_self_reversal():
    retraction = accusation(2, who=AZ_DEFENCE, polarity=Polarity.RETRACTS)
    assert self_reversal(accusation(1), retraction) is None


def test_retracting_a_different_accusation_is_no_self_reversal():
    retraction = accusation(2, accused=AM_FORCES, polarity=Polarity.RETRACTS)
    assert self_reversal(accusation(1), retraction) is None


def test_a_retraction_before_the_assertion_is_no_self_reversal():
    retraction = accusation(2, polarity=Polarity.RETRACTS, stated_at=OCT_11 - timedelta(days=1))
    assert self_reversal(accusation(1), retraction) is None


# --- Properties ------------------------------------------------------------------------------------

bounds = st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(0, 60))).map(
    lambda t: (t[0], None if t[1] is None else t[0] + t[1])
)
parties = st.sampled_from([AZ_PROSECUTOR, AM_DEFENCE, AZ_DEFENCE])
accused_parties = st.sampled_from([AZ_FORCES, AM_FORCES])


@st.composite
def facts(draw, claim_id):
    kind = draw(st.sampled_from(list(ClaimKind)))
    accused = draw(accused_parties)
    controller = draw(accused_parties)
    killed = draw(bounds)
    wounded = draw(st.one_of(st.none(), bounds))
    grouped = draw(st.booleans())
    return ClaimFacts(
        id=claim_id,
        kind=kind,
        stated_at=OCT_11 + timedelta(hours=draw(st.integers(0, 96))),
        polarity=draw(st.sampled_from(list(Polarity))),
        incident_id=draw(st.sampled_from([100, 101])) if grouped else None,
        place_id=draw(st.sampled_from([None, 7])),
        victim_group=draw(st.sampled_from([VictimGroup.CIVILIAN, VictimGroup.UNSPECIFIED])),
        killed_min=killed[0] if kind == ClaimKind.CASUALTY else None,
        killed_max=killed[1] if kind == ClaimKind.CASUALTY else None,
        wounded_min=wounded[0] if wounded and kind == ClaimKind.CASUALTY else None,
        wounded_max=wounded[1] if wounded and kind == ClaimKind.CASUALTY else None,
        accused_id=accused["id"],
        accused_name=accused["name"],
        accused_side=accused["side"],
        accused_opponents=OPPONENTS.get(accused["side"], frozenset()),
        controller_id=controller["id"],
        controller_name=controller["name"],
        controller_side=controller["side"],
        controller_opponents=OPPONENTS.get(controller["side"], frozenset()),
        act=draw(st.sampled_from(["", "shelling Ganja", "keeps the ceasefire", "shelled Ganja"])),
        **draw(parties),
    )


@given(bounds, bounds)
def test_interval_disjointness_is_symmetric_and_matches_the_definition(a, b):
    assert intervals_disjoint(a, b) == intervals_disjoint(b, a)
    probe = range(0, 200)
    inside = lambda n, i: i[0] <= n and (i[1] is None or n <= i[1])  # noqa: E731
    assert intervals_disjoint(a, b) == (not any(inside(n, a) and inside(n, b) for n in probe))


@given(bounds)
def test_an_interval_always_meets_itself(a):
    assert not intervals_disjoint(a, a)


@given(facts(1), facts(2))
def test_check_is_symmetric(a, b):
    assert check(a, b) == check(b, a)


@given(facts(1))
def test_a_claim_never_contradicts_itself_nor_a_relayed_copy_of_itself(a):
    assert check(a, a) == []
    assert check(a, replace(a, id=2)) == []


@given(facts(1), facts(2))
def test_updates_are_only_ever_between_claims_of_the_same_claimant(a, b):
    for finding in check(a, b):
        if finding.kind in (ContradictionKind.UPDATE, ContradictionKind.SELF_REVERSAL):
            assert a.claimant_id == b.claimant_id
        else:
            assert a.claimant_id != b.claimant_id
