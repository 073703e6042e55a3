"""Admin: the recompute log, and display helpers the party, claim and incident pages use."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from credibility.models import CredibilityRun, IncidentEstimate, PartyCredibility
from factcheck.admin_tools import ReadOnlyAdminMixin


def score_text(credibility: PartyCredibility | None) -> str:
    """ "0.82 (14 claims; 3 confirmed, 1 refuted)", or a dash before the first recompute."""
    if credibility is None:
        return "—"
    return (
        f"{credibility.score:.2f} ({credibility.claims_counted} claims; "
        f"{credibility.confirmed} confirmed, {credibility.refuted} refuted)"
    )


def summary_html(credibility: PartyCredibility | None):
    """Score, counts, relay score and when it was computed, for a change page."""
    if credibility is None:
        return "Not computed yet: none of its claims has taken part in a recompute."
    relay = (
        f"; as a relayer {credibility.relay_score:.2f} over {credibility.relayed_counted} relayed statements"
        if credibility.relay_score is not None
        else ""
    )
    return format_html(
        "{}{} — computed {}",
        score_text(credibility),
        relay,
        credibility.computed_at.strftime("%Y-%m-%d %H:%M UTC"),
    )


def explanation_html(credibility: PartyCredibility | None):
    """The claims that moved the score most (reviewed ones first), linked to their admin pages."""
    if credibility is None or not credibility.explanation:
        return "—"
    rows = [
        (
            reverse("admin:claims_claim_change", args=[entry["claim"]]),
            entry["claim"],
            entry["why"],
            entry["measure"],
            "" if entry.get("value") is None else entry["value"],
            f"{entry['confidence']:.2f}",
            f"{entry['effect']:+.3f}",
        )
        for entry in credibility.explanation
    ]
    return format_html(
        '<table class="credibility-explanation"><tr><th>Claim</th><th>Why</th><th>Measure</th><th>Value</th>'
        "<th>Likely true</th><th>Effect on score</th></tr>{}</table>",
        format_html_join(
            "",
            '<tr><td><a href="{}">#{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            rows,
        ),
    )


def likely_text(estimate: IncidentEstimate | None, measure: str = "killed") -> str:
    """ "9 (likely 0.87)": the most likely figure and its confidence, or a dash."""
    value = getattr(estimate, f"{measure}_likely", None) if estimate is not None else None
    if value is None:
        return "—"
    return f"{value} (likely {getattr(estimate, f'{measure}_confidence'):.2f})"


@admin.register(CredibilityRun)
class CredibilityRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The recompute log: when, over how much, how long (read-only)."""

    list_display = (
        "started_at",
        "claims",
        "parties",
        "incidents",
        "iterations",
        "seconds",
        "load_seconds",
        "compute_seconds",
        "write_seconds",
        "changed",
    )
