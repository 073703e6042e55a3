"""credibility.truthfinder on synthetic worlds with known truth (fixed seeds, deterministic)."""

import numpy as np
import pytest

from credibility import truthfinder as tf
from credibility.synthetic import evaluate, make_world

SEEDS = [1, 2, 3]


@pytest.mark.parametrize("seed", SEEDS)
def test_trust_ranks_parties_in_the_order_of_their_true_reliability(seed):
    outcome = evaluate(make_world(seed))

    assert outcome["spearman"] >= 0.9
    trust = outcome["trust"]
    # Three groups of four (reliability 0.95-0.78, 0.72-0.54, 0.48-0.3) come out in order.
    assert trust[:4].mean() > trust[4:8].mean() > trust[8:].mean()


@pytest.mark.parametrize("seed", SEEDS)
def test_most_likely_figure_beats_majority_vote_and_the_conservative_figure(seed):
    outcome = evaluate(make_world(seed))

    assert outcome["truthfinder"] > 0.7
    assert outcome["truthfinder"] > outcome["majority"]
    assert outcome["truthfinder"] > outcome["conservative"]


@pytest.mark.parametrize("seed", SEEDS)
def test_agreement_between_independent_sources_alone_beats_majority_vote(seed):
    outcome = evaluate(make_world(seed, verdict_share=0.0))

    assert outcome["truthfinder"] > outcome["majority"]
    assert outcome["spearman"] >= 0.85


def test_close_figures_support_each_other_and_far_ones_compete():
    imp = tf.implication(np.array([9, 9]), np.array([10, 40]), np.array([True, True]))

    assert imp[0] > 0 > imp[1]
    assert tf.implication(np.array([3]), np.array([4]), np.array([False]))[0] < 0


def test_a_party_counts_once_per_figure_however_often_it_repeats_it():
    # Party 0 says 40 five times (relayed copies); parties 1 and 2 independently say 9.
    result = tf.truthfinder(
        claim_party=np.array([0, 0, 0, 0, 0, 1, 2]),
        claim_group=np.array([0, 0, 0, 0, 0, 1, 2]),
        claim_object=np.zeros(7, dtype=int),
        claim_value=np.array([40, 40, 40, 40, 40, 9, 9]),
    )

    assert result.fact_value[result.likely_fact[0]] == 9
    assert list(result.units) == [1, 1, 1]


def test_parties_of_one_group_add_the_weight_of_one_witness():
    # Parties 0, 1, 2 are one group (a ministry, its spokesperson, its state) saying 40; 3 and 4 say 9.
    result = tf.truthfinder(
        claim_party=np.array([0, 1, 2, 3, 4]),
        claim_group=np.array([0, 0, 0, 1, 2]),
        claim_object=np.zeros(5, dtype=int),
        claim_value=np.array([40, 40, 40, 9, 9]),
    )

    assert result.fact_value[result.likely_fact[0]] == 9


def test_seeded_facts_stay_clamped_and_pull_their_parties():
    result = tf.truthfinder(
        claim_party=np.array([0, 1, 0, 1]),
        claim_group=np.array([0, 1, 0, 1]),
        claim_object=np.array([0, 0, 1, 1]),
        claim_value=np.array([5, 8, 3, 3]),
        claim_seed=np.array([0.0, np.nan, np.nan, np.nan]),
    )

    five = np.flatnonzero((result.fact_object == 0) & (result.fact_value == 5))[0]
    assert result.fact_confidence[five] == 0.0
    assert result.fact_value[result.likely_fact[0]] == 8
    assert result.trust[1] > result.trust[0]


def test_pairs_are_capped_per_object():
    values = np.arange(200)
    src, dst, _ = tf._pairs(np.zeros(200, dtype=int), values, np.ones(200), np.array([True]))

    assert len(src) == tf.MAX_VALUES_PER_OBJECT * (tf.MAX_VALUES_PER_OBJECT - 1)
    assert not np.any(src == dst)


def test_baselines():
    objects, values, parties = np.array([0, 0, 0, 1]), np.array([9, 9, 12, 3]), np.array([0, 1, 2, 0])

    assert list(tf.majority_vote(claim_party=parties, claim_object=objects, claim_value=values)) == [9, 3]
    assert list(tf.most_conservative(claim_object=objects, claim_value=values)) == [9, 3]
    assert tf.spearman(np.array([1, 2, 3]), np.array([10, 20, 30])) == pytest.approx(1.0)


def test_empty_input_gives_empty_output():
    result = tf.truthfinder(
        claim_party=np.array([], dtype=int),
        claim_group=np.array([], dtype=int),
        claim_object=np.array([], dtype=int),
        claim_value=np.array([], dtype=int),
    )

    assert len(result.trust) == 0
    assert len(result.likely_fact) == 0
