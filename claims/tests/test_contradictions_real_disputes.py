"""Rules for what real disputes are made of: control denied, updates through other outlets, the score.

Sentences and figures are written for these tests; the facts are built by hand (no database).
"""

from dataclasses import replace
from datetime import timedelta

from claims.contradictions import (
    ClaimFacts,
    accusation_vs_denial,
    casualty_mismatch,
    check,
    conflicting_blame,
    control_denied,
)
from claims.contradictions.control import denies_control
from claims.contradictions.wording import victims_named
from claims.models import ClaimKind, ContradictionKind
from claims.tests.test_contradictions import (
    AM,
    AM_DEFENCE,
    AM_FORCES,
    AZ,
    AZ_DEFENCE,
    AZ_FORCES,
    AZ_PROSECUTOR,
    OCT_11,
    OPPONENTS,
    THIRD,
    accusation,
    casualty,
    control,
    denial,
    speaker,
)

US_INTELLIGENCE = speaker(40, "United States intelligence", THIRD)
MONITOR = speaker(41, "Independent monitoring group", THIRD)
ANONYMOUS = speaker(42, "a local source", None)


def with_opponents(who):
    return {**who, "claimant_opponents": OPPONENTS.get(who["claimant_side"], frozenset())}


def armenian_denial(claim_id, act="", **extra):
    values = {"incident_id": 300, "place_id": 8, "article_id": 1}
    values.update(extra)
    return denial(claim_id, who=AM_DEFENCE, act=act, **values)


def hadrut_taken(claim_id=1, **extra):
    return control(claim_id, controller=AZ_FORCES, who=AZ_DEFENCE, article_id=1, **extra)


# --- control vs denial of control ------------------------------------------------------------------


def test_fighting_still_going_on_in_a_town_the_other_side_says_it_took_contradicts_the_capture():
    finding = control_denied(
        hadrut_taken(), armenian_denial(2, act="fighting for the town is still going on")
    )
    assert finding.kind == ContradictionKind.CONFLICTING_CONTROL
    assert "Armed Forces of Azerbaijan holds it" in finding.explanation
    assert "Ministry of Defence of Armenia denies it" in finding.explanation
    assert finding.reasons


def test_calling_the_capture_report_a_lie_without_naming_the_place_contradicts_it_in_the_same_article():
    lie = armenian_denial(2, act="the report is a lie", place_id=None, incident_id=None)
    assert control_denied(hadrut_taken(), lie) is not None
    elsewhere = armenian_denial(2, act="the report is a lie", place_id=None, incident_id=None, article_id=9)
    assert control_denied(hadrut_taken(), elsewhere) is None


def test_a_denial_by_the_side_said_to_hold_the_place_is_no_denial_of_control():
    own_side = denial(2, who=AZ_PROSECUTOR, act="the report is false", place_id=8, article_id=1)
    assert control_denied(hadrut_taken(), own_side) is None


def test_denying_a_shelling_at_the_place_is_not_denying_its_capture():
    shelling = armenian_denial(2, act="shelled homes in the town")
    assert control_denied(hadrut_taken(), shelling) is None


def test_a_denial_at_the_place_a_week_later_does_not_answer_the_capture():
    later = armenian_denial(
        2, act="the town has not fallen", stated_at=OCT_11 + timedelta(days=7), article_id=2
    )
    assert control_denied(hadrut_taken(), later) is None


def test_fighting_said_to_go_on_the_day_before_the_town_is_said_taken_is_no_contradiction():
    # Both can be true: the town held on the 11th and fell by the 13th.
    # The article of the 13th quotes what the ministry said on the 11th, naming no place.
    taken = hadrut_taken(stated_at=OCT_11 + timedelta(days=2))
    earlier = armenian_denial(2, act="heavy fighting continues", place_id=None, incident_id=None)
    assert control_denied(taken, earlier) is None
    same_day = replace(earlier, stated_at=OCT_11 + timedelta(days=2))
    assert control_denied(taken, same_day) is not None


def test_a_denial_later_on_the_day_of_a_capture_at_noon_still_contradicts_it():
    noon = OCT_11.replace(hour=12)
    taken = hadrut_taken(event_start=noon, event_end=noon)
    assert (
        control_denied(taken, armenian_denial(2, act="the town has not fallen", stated_at=OCT_11)) is not None
    )


def test_only_words_about_who_holds_a_place_make_a_denial_one_of_control():
    assert denies_control("capturing the town")
    assert denies_control("claims, says heavy fighting continues in the city")
    assert denies_control("our forces are still holding out there")
    assert not denies_control("sending fighters to the front")
    assert not denies_control("plans to fight on")
    assert not denies_control("that its units took part in the raid")
    assert not denies_control("that its shells fell on the village")
    assert not denies_control("shelled the market")


# --- blame and denials ----------------------------------------------------------------------------


def test_a_third_partys_assessment_of_blame_is_compared_with_a_belligerents_accusation():
    # The Azerbaijani ministry blames Armenian forces; a foreign intelligence assessment blames Azerbaijan's.
    belligerent = accusation(1, accused=AM_FORCES, who=AZ_DEFENCE, act="the strike")
    assessment = accusation(2, accused=AZ_FORCES, who=US_INTELLIGENCE, act="the strike")
    finding = conflicting_blame(belligerent, assessment)
    assert finding.kind == ContradictionKind.CONFLICTING_BLAME
    assert "United States intelligence" in finding.explanation


def test_protesters_blaming_their_own_government_do_not_contradict_blame_of_the_other_side():
    # Yerevan crowds blame their own leadership for the situation; Stepanakert blames Azerbaijan's forces.
    at_home = accusation(1, accused={"id": 30, "name": "Government of Armenia", "side": AM}, who=AM_DEFENCE)
    abroad = accusation(2, accused=AZ_FORCES, who=AM_DEFENCE | {"claimant_id": 5}, act="the offensive")
    assert conflicting_blame(at_home, abroad) is None
    assert (
        conflicting_blame(at_home, replace(abroad, claimant_side=AZ, claimant_opponents=frozenset({AM})))
        is None
    )


def test_a_third_party_blaming_a_belligerent_of_its_own_choosing_still_counts():
    # Only a belligerent's claimant blaming its own side is left out; an observer has no side to shield.
    observer = accusation(1, accused=AM_FORCES, who=US_INTELLIGENCE, act="the strike")
    ministry = accusation(2, accused=AZ_FORCES, who=AM_DEFENCE, act="the strike")
    assert conflicting_blame(observer, ministry) is not None


def test_saying_the_other_side_used_the_camp_as_a_base_is_no_blame_for_the_attack_on_it():
    attack = accusation(1, accused=AZ_FORCES, who=US_INTELLIGENCE, act="the attacks on the camp")
    for act in (
        "was using the camp as a military base",
        "hid its fighters behind civilians used as human shields",
        "turned the school into a weapons depot and used it as a launch site",
    ):
        shielding = accusation(2, accused=AM_FORCES, who=AZ_DEFENCE, act=act)
        assert conflicting_blame(attack, shielding) is None, act
    counter = accusation(2, accused=AM_FORCES, who=AZ_DEFENCE, act="shelled the camp to blame us")
    assert conflicting_blame(attack, counter) is not None


def test_blame_for_the_attack_is_answered_by_a_denial_of_targeting_in_the_same_incident():
    blame = accusation(1, accused=AZ_FORCES, who=AM_DEFENCE, act="the attack")
    denied = denial(2, who=AZ_DEFENCE, act="it targeted the market")
    assert accusation_vs_denial(blame, denied).score == 0.7


def test_an_accusation_of_one_act_is_still_not_answered_by_a_denial_of_another():
    blame = accusation(1, accused=AZ_FORCES, who=AM_DEFENCE, act="shelling the hospital")
    denied = denial(2, who=AZ_DEFENCE, act="using cluster munitions")
    assert accusation_vs_denial(blame, denied) is None


def border_flare_up(**extra):
    """One article: Baku says Armenian units shelled its posts near one village, Yerevan says Azerbaijani
    drones struck its positions near another; each names its own sector, so the two sit in two incidents."""
    baku = accusation(
        1, accused=AM_FORCES, who=with_opponents(AZ_DEFENCE), act="shelled our posts near the village",
        incident_id=100, place_id=7, article_id=5,
    )  # fmt: skip
    yerevan = accusation(
        2, accused=AZ_FORCES, who=with_opponents(AM_DEFENCE), act="struck our positions with drones",
        incident_id=101, place_id=None, article_id=5,
    )  # fmt: skip
    return baku, replace(yerevan, **extra)


def test_opposing_ministries_blaming_each_other_in_one_article_conflict_though_their_sectors_differ():
    baku, yerevan = border_flare_up()
    finding = conflicting_blame(baku, yerevan)
    assert finding.kind == ContradictionKind.CONFLICTING_BLAME
    assert finding.reasons == ("opposing sides blame each other in one article",)
    assert conflicting_blame(yerevan, baku) == finding


def test_the_same_exchange_of_blame_dated_to_one_day_still_conflicts_across_incidents():
    day = OCT_11 - timedelta(hours=9)
    baku, yerevan = border_flare_up(event_start=day)
    assert conflicting_blame(replace(baku, event_start=day), yerevan) is not None


def test_blame_in_one_article_for_different_days_or_in_two_articles_is_not_paired_across_incidents():
    day = OCT_11 - timedelta(hours=9)
    baku, yerevan = border_flare_up(event_start=day)
    assert conflicting_blame(replace(baku, event_start=day - timedelta(days=1)), yerevan) is None
    assert conflicting_blame(baku, yerevan) is None  # one dated, the other not: no day in common
    assert conflicting_blame(*border_flare_up(article_id=6)) is None


def test_an_observer_blaming_one_side_in_the_article_is_not_paired_across_incidents():
    # Only the belligerents' exchange is one dispute; an outlet's or observer's blame elsewhere is not.
    baku, _ = border_flare_up()
    observer = accusation(2, accused=AZ_FORCES, who=US_INTELLIGENCE, incident_id=101, article_id=5)
    assert conflicting_blame(baku, observer) is None
    assert conflicting_blame(baku, replace(observer, incident_id=100)) is not None


def test_one_sentence_saying_both_sides_blamed_each_other_is_not_two_statements_to_compare():
    # "Baku and Yerevan traded blame for the renewed shelling": one sentence, the same act, both ways.
    span = {"article_id": 5, "quote_start": 120, "quote_end": 190, "act": "the renewed shelling"}
    yerevan = accusation(1, accused=AZ_FORCES, who=with_opponents(AM_DEFENCE), **span)
    baku = accusation(2, accused=AM_FORCES, who=with_opponents(AZ_DEFENCE), **span)
    assert conflicting_blame(yerevan, baku) is None
    assert conflicting_blame(yerevan, replace(baku, incident_id=101)) is None


def test_each_sides_blame_in_one_sentence_for_different_acts_still_conflicts():
    # "Yerevan said Azerbaijani drones struck first, while Baku said Armenian guns opened fire."
    span = {"article_id": 5, "quote_start": 120, "quote_end": 190}
    yerevan = accusation(1, accused=AZ_FORCES, who=AM_DEFENCE, act="drones struck first", **span)
    baku = accusation(2, accused=AM_FORCES, who=AZ_DEFENCE, act="guns opened fire", **span)
    assert conflicting_blame(yerevan, baku) is not None
    two_sentences = replace(baku, act="drones struck first", quote_start=200, quote_end=260)
    assert conflicting_blame(yerevan, two_sentences) is not None


# --- figures: third parties, updates, near-equal bounds --------------------------------------------


def test_a_third_partys_toll_is_compared_with_a_belligerents():
    official = casualty(1, (100, 100), who=with_opponents(AZ_DEFENCE))
    estimate = casualty(2, (300, 300), who=with_opponents(US_INTELLIGENCE))
    assert casualty_mismatch(official, estimate).kind == ContradictionKind.CASUALTY_MISMATCH


def test_each_sides_own_dead_are_different_people_not_two_figures_for_one_toll():
    ours = casualty(1, (40, 40), who=AZ_DEFENCE, victims="azerbaijani")
    theirs = casualty(2, (38, 38), who=AM_DEFENCE, victims="armenian")
    assert casualty_mismatch(ours, theirs) is None
    assert casualty_mismatch(ours, replace(theirs, victims="azerbaijani")) is not None
    assert casualty_mismatch(ours, replace(theirs, victims="")) is not None


def test_a_toll_names_its_dead_by_nationality_only_when_the_quote_does():
    azerbaijani = victims_named("Forty Azerbaijani soldiers died in two days of fighting, the ministry said.")
    armenian = victims_named("The minister said 38 Armenian service personnel were killed.")
    assert azerbaijani
    assert armenian
    assert azerbaijani != armenian
    assert (
        victims_named("Ukrainian civilians were among the dead.")
        == victims_named("Two soldiers of the Armed Forces of Ukraine were killed.")
        != ""
    )
    for quote in (
        "Twelve soldiers were killed, the ministry said.",
        "At least five Nagorno-Karabakh civilians died.",
        "The soldiers of both Armenian and Azerbaijani units fell.",
        "Armenian shelling killed four Azerbaijani civilians and two Armenian soldiers.",
        "",
    ):
        assert victims_named(quote) == "", quote


def test_a_toll_naming_the_army_its_dead_served_in_names_their_nationality():
    # One side's ministry counts its own dead by unit; the other side's leader counts his by nationality.
    by_unit = victims_named(
        "In all 40 servicemen of the armed forces, among them 35 servicemen from the Azerbaijan Army and "
        "five from the State Border Service, died repelling the attack, the ministry said."
    )
    assert by_unit == victims_named("Forty Azerbaijani soldiers died.")
    assert by_unit != victims_named("He said 38 Armenian soldiers had died.")
    assert victims_named("Soldiers of the Armenian armed forces were wounded.") == victims_named(
        "Armenian troops were wounded."
    )
    ours = casualty(1, (40, 40), who=AZ_DEFENCE, victims=by_unit)
    theirs = casualty(
        2, (38, 38), who=AM_DEFENCE, victims=victims_named("He said 38 Armenian soldiers died.")
    )
    assert casualty_mismatch(ours, theirs) is None


def test_at_least_twelve_and_more_than_ten_are_not_flagged():
    assert check(casualty(1, (12, None), who=AM_DEFENCE), casualty(2, (11, None))) == []


def test_the_same_official_spelt_two_ways_by_two_outlets_gives_an_update_not_a_contradiction():
    first = casualty(
        1, (15, 15), **speaker(50, "Dmytro Lunin", 4) | {"claimant_name": "Regional governor Lunin"}
    )
    later = casualty(
        2,
        (28, 28),
        stated_at=OCT_11 + timedelta(hours=9),
        **speaker(51, "x", 4) | {"claimant_name": "Regional governor Lunyn"},
    )
    finding = casualty_mismatch(first, later)
    assert finding.kind == ContradictionKind.UPDATE
    assert "15 (11 Oct) rose to 28" in finding.explanation


def test_a_toll_said_to_have_risen_is_an_update_of_the_same_bodys_earlier_toll_even_a_day_later():
    office = {**AZ_PROSECUTOR, "claimant_path": "0001/0005/"}
    government = speaker(60, "Government of Azerbaijan", AZ) | {"claimant_path": "0001/"}
    first = casualty(1, (14, 14), who=office)
    risen = casualty(2, (19, 19), who=government, stated_at=OCT_11 + timedelta(days=1), revised=True)
    finding = casualty_mismatch(first, risen)
    assert finding.kind == ContradictionKind.UPDATE
    assert "rose to 19" in finding.explanation
    unrevised = casualty(2, (19, 19), who=government, stated_at=OCT_11 + timedelta(days=1))
    assert casualty_mismatch(first, unrevised).kind == ContradictionKind.CASUALTY_MISMATCH


def test_another_official_of_the_same_side_saying_the_toll_rose_still_contradicts():
    first = casualty(1, (9, 9))
    risen = casualty(2, (10, 10), who=AZ_DEFENCE, revised=True)
    assert casualty_mismatch(first, risen).kind == ContradictionKind.CASUALTY_MISMATCH


def test_a_rise_claimed_by_the_other_side_is_still_a_contradiction():
    first = casualty(1, (14, 14))
    risen = casualty(2, (19, 19), who=AM_DEFENCE, stated_at=OCT_11 + timedelta(days=1), revised=True)
    assert casualty_mismatch(first, risen).kind == ContradictionKind.CASUALTY_MISMATCH


def test_a_lower_figure_said_to_have_risen_is_not_taken_for_an_update():
    office = {**AZ_PROSECUTOR, "claimant_path": "0001/0005/"}
    government = speaker(60, "Government of Azerbaijan", AZ) | {"claimant_path": "0001/"}
    first = casualty(1, (14, 14), who=office)
    lower = casualty(2, (9, 9), who=government, stated_at=OCT_11 + timedelta(days=1), revised=True)
    assert casualty_mismatch(first, lower).kind == ContradictionKind.CASUALTY_MISMATCH


# --- the score ranks the queue ---------------------------------------------------------------------


def test_opposing_sides_official_figures_rank_above_a_side_against_an_anonymous_source():
    officials = casualty_mismatch(
        casualty(1, (9, 9), who=with_opponents(AZ_PROSECUTOR)),
        casualty(2, (12, 12), who=with_opponents(AM_DEFENCE)),
    )
    anonymous = casualty_mismatch(
        casualty(1, (9, 9), who=with_opponents(AZ_PROSECUTOR)),
        casualty(3, (12, 12), who=with_opponents(ANONYMOUS)),
    )
    third = casualty_mismatch(
        casualty(1, (9, 9), who=with_opponents(AZ_PROSECUTOR)),
        casualty(4, (12, 12), who=with_opponents(MONITOR)),
    )
    assert officials.score > third.score > anonymous.score
    assert "opposing sides' official sources" in officials.reasons
    assert any("no known side" in reason for reason in anonymous.reasons)
    assert any("% apart" in reason for reason in officials.reasons)


def test_a_wider_gap_between_the_same_sources_ranks_higher():
    near = casualty_mismatch(casualty(1, (9, 9)), casualty(2, (10, 10), who=AM_DEFENCE))
    far = casualty_mismatch(casualty(1, (9, 9)), casualty(2, (40, 40), who=AM_DEFENCE))
    assert far.score > near.score


def test_every_rule_gives_its_reasons():
    pairs = [
        (accusation(1, accused=AZ_FORCES), accusation(2, accused=AM_FORCES, who=AZ_DEFENCE)),
        (accusation(1), denial(2)),
        (hadrut_taken(), armenian_denial(2)),
    ]
    for a, b in pairs:
        [finding] = check(a, b)
        assert finding.reasons, finding


def test_control_denied_is_symmetric():
    a, b = hadrut_taken(), armenian_denial(2, act="the town holds")
    assert check(a, b) == check(b, a) != []


_ = (AM, AZ, ClaimFacts, ClaimKind)


def test_denying_the_other_sides_claims_themselves_answers_the_accusation():
    blame = accusation(1, accused=AZ_FORCES, who=AM_DEFENCE, act="fired rockets at the district")
    for act in ("both claims", "the Azerbaijani allegations", "the accusations", "the charges"):
        assert accusation_vs_denial(blame, denial(2, who=AZ_DEFENCE, act=act)).score == 0.7, act


def test_a_denial_that_goes_on_to_assert_something_else_does_not_answer_every_act():
    blame = accusation(1, accused=AZ_FORCES, who=AM_DEFENCE, act="shelling the hospital")
    denied = denial(2, who=AZ_DEFENCE, act="using cluster munitions, asserting that its forces hold the line")
    assert accusation_vs_denial(blame, denied) is None
