"""The numbers in a report are the ones a reader would count by hand in the known day."""

import re
from datetime import timedelta

import pytest

from claims.models import Claim, ClaimStatus, Contradiction, ContradictionKind, VerdictRating
from claims.tests.factories import (
    ClaimFactory,
    ContradictionFactory,
    IncidentFactory,
    PublishedClaimFactory,
    VerdictFactory,
)
from credibility.services import credibility_recompute
from reports.selectors import ReportScope, format_interval, report_data
from reports.tests.conftest import at, stamp
from sources.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def day_scope(known_day, **narrowing):
    return ReportScope(period_start=known_day.day, period_end=known_day.day, **narrowing)


def by_kind(rows, field):
    return {row["kind"]: row[field] for row in rows}


def test_contradictions_by_kind_count_the_days_detections_and_what_is_still_open(known_day):
    data = report_data(scope=day_scope(known_day))

    assert by_kind(data["contradictions_by_kind"], "new") == {
        "casualty_mismatch": 1,
        "conflicting_blame": 1,
        "accusation_denial": 0,
        "conflicting_control": 1,
        "self_reversal": 0,
    }
    assert by_kind(data["contradictions_by_kind"], "open") == {
        "casualty_mismatch": 1,
        "conflicting_blame": 1,
        "accusation_denial": 1,  # detected three days earlier, never reviewed
        "conflicting_control": 0,  # confirmed on the day
        "self_reversal": 0,
    }
    assert data["totals"]["new_contradictions"] == 3
    assert data["totals"]["open_contradictions"] == 3


def test_totals_equal_direct_queries_over_the_fixture(known_day):
    scope = day_scope(known_day)
    reported = Contradiction.objects.exclude(kind=ContradictionKind.UPDATE)

    def event_in_day(claim):
        return scope.start <= (claim.event_start or claim.stated_at) < scope.end

    about_the_day = reported.filter(
        pk__in=[c.pk for c in reported if event_in_day(c.claim_a) or event_in_day(c.claim_b)]
    )

    data = report_data(scope=scope)

    assert data["totals"] == {
        "new_contradictions": reported.filter(
            detected_at__gte=scope.start, detected_at__lt=scope.end
        ).count(),
        "open_contradictions": reported.filter(status="open", detected_at__lt=scope.end).count(),
        "confirmed": reported.filter(
            status="confirmed", reviewed_at__gte=scope.start, reviewed_at__lt=scope.end
        ).count(),
        "dismissed": reported.filter(
            status="dismissed", reviewed_at__gte=scope.start, reviewed_at__lt=scope.end
        ).count(),
        "claims": Claim.objects.filter(stated_at__gte=scope.start, stated_at__lt=scope.end)
        .exclude(status=ClaimStatus.REJECTED)
        .count(),
        "contradictions": about_the_day.count(),
        "contradictions_open": about_the_day.filter(status="open").count(),
    }
    assert data["totals"] == {
        "new_contradictions": 3,
        "open_contradictions": 3,
        "confirmed": 1,
        "dismissed": 1,
        "claims": 7,
        "contradictions": 3,
        "contradictions_open": 2,
    }


def test_an_update_by_the_same_claimant_is_not_counted_as_a_contradiction(known_day):
    data = report_data(scope=day_scope(known_day))

    assert "update" not in by_kind(data["contradictions_by_kind"], "new")
    assert known_day.contradictions["update"].id not in [item["id"] for item in data["top_open"]]


def test_party_pairs_group_ministries_and_officials_under_their_state(known_day):
    pairs = report_data(scope=day_scope(known_day))["party_pairs"]

    assert "top-level party" in pairs["grouping"]
    assert {(r["party_a"], r["party_b"]): r["count"] for r in pairs["rows"]} == {
        ("Armenia", "Azerbaijan"): 1,  # Armenian MoD vs Azerbaijani MoD over the 12:05 assault
        ("Azerbaijan", "Human Rights Watch"): 1,  # the Ganja toll
        ("Azerbaijan", "Republic of Artsakh"): 1,  # Hadrut
    }


def test_party_pairs_rank_the_pair_that_contradicts_most_first(known_day):
    az_mod = known_day.parties["Ministry of Defence of Azerbaijan"]
    am_official = known_day.parties["Shushan Stepanyan"]
    for hour in (1, 2):
        stamp(
            ContradictionFactory(
                claim_a=PublishedClaimFactory(claimant=az_mod, stated_at=at(known_day.day, hour)),
                claim_b=PublishedClaimFactory(
                    claimant=am_official, stated_at=at(known_day.day, hour), killed_min=50, killed_max=50
                ),
            ),
            detected_at=at(known_day.day, hour, 30),
        )

    rows = report_data(scope=day_scope(known_day))["party_pairs"]["rows"]

    assert (rows[0]["party_a"], rows[0]["party_b"], rows[0]["count"]) == ("Armenia", "Azerbaijan", 3)
    assert rows[0]["by_kind"] == {"casualty_mismatch": 2, "conflicting_blame": 1}


def test_widest_casualty_range_lists_each_source_with_min_max_and_conservative_figure(known_day):
    ranges = report_data(scope=day_scope(known_day))["widest_ranges"]

    assert len(ranges) == 1
    ganja = ranges[0]
    assert ganja["title"] == "Missile strike on Ganja"
    assert ganja["place"] == "Ganja"
    assert (ganja["low"], ganja["high"], ganja["range"], ganja["conservative"]) == (9, 13, "9–13", 9)
    assert [(s["claimant"], s["figure"]) for s in ganja["sources"]] == [
        ("Hikmet Hajiyev", "9+"),
        ("Human Rights Watch", "10–12"),
        ("Prosecutor General of Azerbaijan", "13"),
    ]
    assert ganja["admin_url"].endswith(f"/admin/claims/incident/{known_day.ganja.id}/change/")


def test_a_rejected_figure_does_not_widen_the_range(known_day):
    PublishedClaimFactory(
        claimant=known_day.parties["Armenia"],
        incident=known_day.ganja,
        stated_at=at(known_day.day, 20),
        victim_group="civilian",
        killed_min=0,
        killed_max=0,
        status=ClaimStatus.REJECTED,
    )

    (ganja,) = report_data(scope=day_scope(known_day))["widest_ranges"]

    assert (ganja["low"], ganja["high"]) == (9, 13)


def test_claims_per_party_per_day_leave_out_rejected_claims_and_other_days(known_day):
    per_day = report_data(scope=day_scope(known_day))["claims_per_party_per_day"]

    assert per_day["days"] == ["2020-10-17"]
    assert per_day["totals"] == {
        "Azerbaijan": 4,
        "Armenia": 1,
        "Human Rights Watch": 1,
        "Republic of Artsakh": 1,
    }


def test_claims_per_day_over_a_week_spread_by_the_day_they_were_stated(known_day):
    scope = ReportScope(
        period_start=known_day.day - timedelta(days=5), period_end=known_day.day + timedelta(days=1)
    )

    per_day = report_data(scope=scope)["claims_per_party_per_day"]

    assert len(per_day["days"]) == 7
    assert {(r["day"], r["count"]) for r in per_day["rows"] if r["party"] == "Azerbaijan"} == {
        ("2020-10-17", 4)
    }
    assert (
        sum(r["count"] for r in per_day["rows"] if r["day"] == "2020-10-14") == 6
    )  # the older pairs' claims


def test_reviewed_counts_confirmations_and_dismissals_made_in_the_period(known_day):
    reviewed = report_data(scope=day_scope(known_day))["reviewed"]

    assert by_kind(reviewed, "confirmed")["conflicting_control"] == 1
    assert by_kind(reviewed, "dismissed")["casualty_mismatch"] == 1
    assert sum(by_kind(reviewed, "confirmed").values()) + sum(by_kind(reviewed, "dismissed").values()) == 2


def test_top_open_items_come_highest_score_first_with_admin_links(known_day):
    top = report_data(scope=day_scope(known_day))["top_open"]

    assert [item["id"] for item in top] == [
        known_day.contradictions["ganja_toll"].id,
        known_day.contradictions["noon_blame"].id,
        known_day.contradictions["older_open"].id,
    ]
    first = top[0]
    assert first["admin_url"] == f"http://127.0.0.1:8000/admin/claims/contradiction/{first['id']}/change/"
    assert [c["claimant"] for c in first["claims"]] == [
        "Prosecutor General of Azerbaijan",
        "Human Rights Watch",
    ]
    assert first["claims"][0]["quote"].startswith("Thirteen civilians died")


def test_admin_links_use_the_configured_base_url(known_day, settings):
    settings.FACTCHECK_BASE_URL = "https://factcheck.example.org/"

    top = report_data(scope=day_scope(known_day))["top_open"]

    assert top[0]["admin_url"].startswith("https://factcheck.example.org/admin/claims/contradiction/")


def test_narrowing_to_a_party_keeps_its_members_claims_and_their_contradictions(known_day):
    armenia = known_day.parties["Armenia"]
    data = report_data(scope=day_scope(known_day, party_id=armenia.id, party_path=armenia.tree_path))

    assert data["totals"]["claims"] == 1  # the Armenian MoD's accusation; its rejected claim is left out
    assert data["totals"]["new_contradictions"] == 1
    assert [item["id"] for item in data["top_open"]] == [known_day.contradictions["noon_blame"].id]
    assert data["widest_ranges"] == []


def test_narrowing_to_an_incident_keeps_only_that_incident(known_day):
    data = report_data(scope=day_scope(known_day, incident_id=known_day.ganja.id))

    assert data["totals"]["new_contradictions"] == 1
    assert data["totals"]["claims"] == 3
    assert [r["party_b"] for r in data["party_pairs"]["rows"]] == ["Human Rights Watch"]


def test_report_queries_do_not_grow_with_the_data(known_day, django_assert_num_queries):
    scope = day_scope(known_day)
    # Ten tables (dismiss reasons, newly detected) plus the most and least reliable parties, the
    # sides of the parties they name, and the published-only reads of the figures.
    with django_assert_num_queries(12):
        report_data(scope=scope)

    for hour in range(1, 9):
        stamp(
            ContradictionFactory(
                claim_a=PublishedClaimFactory(
                    stated_at=at(known_day.day, hour), incident=known_day.ganja, victim_group="civilian"
                ),
                claim_b=PublishedClaimFactory(
                    stated_at=at(known_day.day, hour),
                    killed_min=20 + hour,
                    killed_max=20 + hour,
                    incident=known_day.breach,
                ),
            ),
            detected_at=at(known_day.day, hour),
        )

    credibility_recompute()
    with django_assert_num_queries(12):
        data = report_data(scope=scope)
    assert data["totals"]["new_contradictions"] == 11


@pytest.mark.parametrize(
    ("low", "high", "text"), [(9, 9, "9"), (9, None, "9+"), (10, 12, "10–12"), (None, None, "")]
)
def test_figures_read_as_a_reader_writes_them(low, high, text):
    assert format_interval(low, high) == text


def test_the_report_names_the_most_and_least_reliable_parties_of_the_period(known_day):
    steady, erratic = PartyFactory(name="Steady ministry"), PartyFactory(name="Erratic ministry")
    for hour in range(1, 5):
        incident = IncidentFactory()
        stated = at(known_day.day, hour)
        PublishedClaimFactory(
            claimant=steady, incident=incident, stated_at=stated, killed_min=hour, killed_max=hour
        )
        PublishedClaimFactory(
            claimant=erratic, incident=incident, stated_at=stated, killed_min=90 + hour, killed_max=None
        )
        PublishedClaimFactory(incident=incident, stated_at=stated, killed_min=hour, killed_max=hour)
        wrong = PublishedClaimFactory(
            claimant=erratic, incident=IncidentFactory(), stated_at=at(known_day.day, hour)
        )
        VerdictFactory(claim=wrong, rating=VerdictRating.FALSE)
    credibility_recompute()

    data = report_data(scope=day_scope(known_day))

    assert data["reliability"]["most"][0]["party"] == "Steady ministry"
    assert data["reliability"]["least"][0]["party"] == "Erratic ministry"
    assert data["reliability"]["least"][0]["refuted"] == 4
    assert data["reliability"]["least"][0]["period_claims"] == 8
    ranges = {r["incident_id"]: r for r in data["widest_ranges"]}
    figures = [r["likely"] for r in ranges.values() if r["title"].startswith("Incident")]
    assert len(figures) == 4
    assert all(f < 90 for f in figures)


def test_dismiss_reasons_are_counted_for_the_period(known_day):
    from claims.models import Contradiction, ContradictionStatus

    def counts():
        return {r["reason"]: r["count"] for r in report_data(scope=day_scope(known_day))["dismiss_reasons"]}

    before = counts()
    for reason in ("extraction_error", "extraction_error", "same_statement", ""):
        c = ContradictionFactory(
            claim_a=ClaimFactory(stated_at=at(known_day.day, 3), status="verified"),
            claim_b=ClaimFactory(stated_at=at(known_day.day, 3), status="verified"),
        )
        Contradiction.objects.filter(pk=c.pk).update(
            status=ContradictionStatus.DISMISSED, dismiss_reason=reason, reviewed_at=at(known_day.day, 5)
        )
    added = {reason: n - before[reason] for reason, n in counts().items()}
    assert added == {
        "not_a_contradiction": 0,
        "extraction_error": 2,
        "same_statement": 1,
        "different_incidents": 0,
        "": 1,
    }


def test_a_weekly_report_counts_the_weeks_events_even_when_the_engine_found_them_later(known_day):
    """Claims are counted by when they were stated; contradictions must be counted by the events too,
    or a report for the week of the fighting says nothing happened that week."""
    week = ReportScope(period_start=known_day.day - timedelta(days=6), period_end=known_day.day)
    a_month_later = at(known_day.day + timedelta(days=30), 9)
    late = {
        name: stamp(known_day.contradictions[name], detected_at=a_month_later)
        for name in ("ganja_toll", "noon_blame")
    }

    data = report_data(scope=week)

    # + Hadrut control, and the two contradictions about events three days earlier
    assert data["totals"]["contradictions"] == 5
    assert by_kind(data["contradictions_by_kind"], "in_period")["casualty_mismatch"] >= 1
    assert by_kind(data["contradictions_by_kind"], "in_period")["conflicting_blame"] == 1
    assert "counted by when the events their claims describe happened" in data["counting"]
    assert {row["party_a"] for row in data["party_pairs"]["rows"]} >= {"Armenia"}
    newly = {item["id"] for item in data["newly_detected"]}
    assert not newly & {c.id for c in late.values()}

    found_then = ReportScope(period_start=a_month_later.date(), period_end=a_month_later.date())
    later = report_data(scope=found_then)
    assert later["totals"]["contradictions"] == 0  # nothing happened that day
    assert [item["id"] for item in later["newly_detected"]] == [late["noon_blame"].id, late["ganja_toll"].id]
    assert later["newly_detected"][0]["event_days"] == [known_day.day.isoformat()]


def test_a_claims_event_time_wins_over_when_it_was_stated(known_day):
    toll = known_day.claims["toll_13"]
    other = known_day.claims["toll_10_12"]
    for claim in (toll, other):
        Claim.objects.filter(pk=claim.pk).update(event_start=at(known_day.day - timedelta(days=2), 2))
    day = report_data(scope=day_scope(known_day))
    assert by_kind(day["contradictions_by_kind"], "in_period")["casualty_mismatch"] == 0
    two_days_before = ReportScope(
        period_start=known_day.day - timedelta(days=2), period_end=known_day.day - timedelta(days=2)
    )
    before = report_data(scope=two_days_before)
    assert by_kind(before["contradictions_by_kind"], "in_period")["casualty_mismatch"] == 1


def test_a_report_leaves_out_unpublished_claims_and_their_contradictions(known_day):
    before = report_data(scope=day_scope(known_day))
    pending = ClaimFactory(
        claimant=known_day.parties["Ministry of Defence of Armenia"],
        incident=known_day.ganja,
        stated_at=at(known_day.day, 12),
        killed_min=777,
        killed_max=777,
        status=ClaimStatus.PENDING,
        quote="An unreviewed figure of seven hundred and seventy-seven.",
    )
    stamp(
        ContradictionFactory(claim_a=known_day.claims["toll_13"], claim_b=pending, incident=known_day.ganja),
        detected_at=at(known_day.day, 13),
    )

    after = report_data(scope=day_scope(known_day))

    assert after["totals"] == before["totals"]
    assert after["widest_ranges"] == before["widest_ranges"]
    assert "seven hundred" not in str(after)
    # The figure as a number, not as digits inside an id or a generated address ("articles/2777").
    assert re.search(r"(?<![\d/])777(?!\d)", str(after)) is None
