"""Scoring the engine's flags on the real-text set: flags on answer pairs, false flags, and the disputes
a reviewer is handed."""

from types import SimpleNamespace

from claims.evaluation.real_contradictions import ContradictionReport, score_flags

TOWN_FELL = ("report-a", 0)
FIGHTING_GOES_ON = ("report-a", 1)
TOWN_FELL_AGAIN = ("report-b", 0)
TOLL_LOW, TOLL_HIGH = ("report-c", 0), ("report-c", 1)


def _flag(pk, a, b, *, incident, kind="conflicting_control"):
    return SimpleNamespace(
        pk=pk, claim_a_id=a, claim_b_id=b, incident_id=incident, kind=kind, explanation=f"flag {pk}"
    )


def _score(flags, real):
    standing = {1: {TOWN_FELL}, 2: {FIGHTING_GOES_ON}, 3: {TOWN_FELL_AGAIN}, 4: {TOLL_LOW}, 5: {TOLL_HIGH}}
    excerpt_of = {pk: next(iter(refs))[0] for pk, refs in standing.items()}
    claimant_of = {TOWN_FELL: "ministry", FIGHTING_GOES_ON: "army", TOWN_FELL_AGAIN: "militia"}
    claimant_of |= {TOLL_LOW: "health ministry", TOLL_HIGH: "rescuers"}
    report = ContradictionReport(flags=len(flags))
    found = score_flags(report, flags, standing, real, claimant_of, excerpt_of)
    return report, found


def test_two_speakers_flagged_against_one_denial_are_one_dispute_with_a_real_pair_and_one_false_flag():
    flags = [_flag(10, 1, 2, incident=7), _flag(11, 3, 2, incident=7)]

    report, found = _score(flags, real={frozenset((TOWN_FELL, FIGHTING_GOES_ON))})

    assert (report.flags_on_real, report.flags - report.flags_on_real) == (1, 1)
    assert (report.disputes, report.disputes_on_real) == (1, 1)
    assert [flag.pk for flag in found[frozenset((TOWN_FELL, FIGHTING_GOES_ON))]] == [10]


def test_a_flag_in_another_incident_or_of_another_kind_is_a_dispute_of_its_own():
    flags = [
        _flag(10, 1, 2, incident=7),
        _flag(12, 4, 5, incident=7, kind="casualty_mismatch"),
        _flag(13, 3, 2, incident=None),
    ]

    report, _ = _score(flags, real={frozenset((TOWN_FELL, FIGHTING_GOES_ON))})

    assert (report.disputes, report.disputes_on_real) == (3, 1)
    assert "review disputes          3" in report.table()
    assert report.as_dict()["disputes_on_real"] == 1
