"""A reusable synthetic corpus for benchmarks and fault tests: parties, places, outlets, articles,
incidents and claims, with a known set of planted contradictions.

    from bench.corpus import generate_corpus
    corpus = generate_corpus(100_000, seed=1, planted=500)

Signature (kept stable; other benchmarks import it)::

    generate_corpus(n_claims: int, *, seed: int = 1, planted: int = 100, using: str = "default") -> dict

It adds to whatever the database holds (new names carry a run tag, ids continue after the current
maximum) and writes with PostgreSQL ``COPY`` through psycopg (``bulk_create`` on other databases).
Claims are left awaiting their check (a ``ClaimCheckPending`` row each, as the services write one),
incidents without cached figures: run the engine.

The background is consistent by construction: within an incident every casualty figure contains the
true toll, every accusation blames the same party, every control claim names the same controller,
claimants are distinct, nobody retracts; an incident's claims come from one article of their own (an
article is about one event: the engine reads a placeless accusation or denial as answering its
article's one incident), and every claim outside an incident has an article of its own.  Claims
without a place (no incident) accuse or deny on behalf of parties with no side that never answer each
other.  Then ``planted`` contradictions are added, spread over the five kinds (round robin), each in a
fresh incident (half the accusation vs denial ones without a place, on the ungrouped path; every other
casualty mismatch between opposite numbers whose names are one letter apart, "AZ" / "AM"), plus
``planted // 5`` same-claimant updates (near-misses that must be recorded as ``update``, never as
contradictions).

``disagreement=True`` (the realistic corpus) makes the background disagree as coverage of a war does:
in a third of the strikes each side blames the other's forces, in a third the Armenian-side sources
give a toll well above the others', and 2 % of the claims have no incident (spread over the ids),
half of them accusations that the accused unit denies hours later.  Those background contradictions
are real findings, not planted ones: only the planted set is known in advance.

Returns a dict::

    {
      "run": "r17",                       # tag in every generated name
      "claims": n_claims, "incidents": int, "articles": int, "parties": int, "places": int,
      "claim_ids": (first_id, last_id),   # the new claims' id range
      "planted": [(claim_a_id, claim_b_id, kind), ...],   # a < b, the contradictions to expect
      "updates": [(claim_a_id, claim_b_id), ...],         # same-claimant updates to expect
      "party_ids": {"az": [...], "am": [...], "third": [...], "none": [...]},
      "place_ids": [...],
    }
"""

from bench.corpus.generate import generate_corpus

__all__ = ["generate_corpus"]
