"""How a claim reads on a reviewer's screen: the quote inside its paragraph, who said it through whom,
and its figures. Everything from articles and quotes is escaped here (``format_html``), never marked
safe as it comes: a ``<script>`` in a quote is shown as text."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims.contradictions.wording import act_words
from claims.models import Claim
from sources.selectors import row_time_zone

# How much of a long paragraph to show on each side of the quote.
CONTEXT_CHARS = 600


def _quote_span(claim: Claim, body: str) -> tuple[int, int] | None:
    if claim.quote_start is not None and claim.quote_end is not None and claim.quote_end <= len(body):
        return claim.quote_start, claim.quote_end
    if claim.quote:
        found = body.find(claim.quote)
        if found >= 0:
            return found, found + len(claim.quote)
    return None


def quote_in_context(claim: Claim) -> SafeString:
    """The paragraph of the article holding the quote, with the quote in ``<mark>``; all text escaped."""
    body = claim.article.body if claim.article_id and claim.article else ""
    span = _quote_span(claim, body)
    if span is None:
        return format_html('<blockquote class="claim-quote">{}</blockquote>', claim.quote or "—")
    start, end = span
    para_start = body.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = body.find("\n\n", end)
    para_end = len(body) if para_end < 0 else para_end
    para_start = max(para_start, start - CONTEXT_CHARS)
    para_end = min(para_end, end + CONTEXT_CHARS)
    return format_html(
        '<blockquote class="claim-quote">{}{}<mark>{}</mark>{}{}</blockquote>',
        "… " if para_start > 0 and body[para_start - 1] not in "\n" else "",
        body[para_start:start],
        body[start:end],
        body[end:para_end],
        " …" if para_end < len(body) and body[para_end] != "\n" else "",
    )


def claimant_chain(claim: Claim) -> str:
    """ "Reuters -> Armenian Ministry of Defence": who relayed the claim, then who made it."""
    if claim.relayed_by_id:
        return f"{claim.relayed_by} -> {claim.claimant}"
    return str(claim.claimant)


def _interval(low: int | None, high: int | None) -> str | None:
    if low is None:
        return None
    if high is None:
        return f"at least {low}"
    if low == high:
        return str(low)
    if low == 0:
        return f"up to {high}"
    return f"{low}–{high}"


def claim_figures(claim: Claim) -> str:
    """The claim's typed content in words: counts, accused, act, controller."""
    parts = []
    for label in ("killed", "wounded", "displaced", "missing"):
        text = _interval(getattr(claim, f"{label}_min"), getattr(claim, f"{label}_max"))
        if text is not None:
            parts.append(f"{label} {text}")
    if parts and claim.victim_group != "unspecified":
        parts.append(f"({claim.get_victim_group_display().lower()})")
    if claim.kind == "denial":
        parts.append(act_words("denies", claim.act) if claim.act else "denies it")
    elif claim.accused_id:
        parts.append(act_words("accuses", claim.act, whom=str(claim.accused)))
    elif claim.act:
        parts.append(claim.act)
    if claim.controller_id:
        parts.append(
            f"{claim.controller} holds {claim.place}" if claim.place_id else f"held by {claim.controller}"
        )
    if claim.polarity == "retracts":
        parts.append("(retracts)")
    return " ".join(parts) or "—"


def casualty_range(low: int | None, high: int | None) -> str:
    """An incident's range over its sources, Airwars-style: "9–12", "9" or "at least 9"."""
    return _interval(low, high) or "—"


# --- Times: the conflict's local time with its zone, UTC on hover ----------------------------------------


#: The time zone an incident's (or a claim's) times are read and shown in (``sources.selectors``).
incident_tz = row_time_zone


def zone_label(moment: datetime) -> str:
    """ "Baku, UTC+04:00": the zone's city and its offset at that moment."""
    key = getattr(moment.tzinfo, "key", None) or moment.tzname() or "UTC"
    offset = moment.strftime("%z") or "+0000"
    return f"{key.rsplit('/', 1)[-1].replace('_', ' ')}, UTC{offset[:3]}:{offset[3:]}"


def local_time_text(moment: datetime | None, tz: tzinfo | None = None) -> str:
    """ "2020-10-11 02:00 (Baku, UTC+04:00)"; "—" for no time."""
    if moment is None:
        return "—"
    local = moment.astimezone(tz or incident_tz())
    return f"{local:%Y-%m-%d %H:%M} ({zone_label(local)})"


def utc_text(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def local_time(moment: datetime | None, tz: tzinfo | None = None) -> SafeString:
    """A ``<time>`` element: local time with its zone label, the UTC time beside it on hover."""
    if moment is None:
        return format_html("{}", "—")
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        moment.astimezone(UTC).isoformat(),
        utc_text(moment),
        local_time_text(moment, tz),
    )


def article_with_claims(body: str, claims) -> SafeString:
    """The article body with each claim's quote in a ``<mark>`` linking to the claim (its id and kind on
    hover); overlapping quotes after the first are listed, not nested. All text escaped."""
    spans = sorted(
        ((span, claim) for claim in claims if (span := _quote_span(claim, body)) is not None),
        key=lambda item: (item[0][0], -item[0][1]),
    )
    pieces: list[tuple[str, ...]] = []
    at = 0
    for (start, end), claim in spans:
        if start < at:
            continue
        pieces.append(("text", body[at:start], "", "", ""))
        pieces.append(
            (
                "mark",
                body[start:end],
                reverse("admin:claims_claim_change", args=[claim.pk]),
                f"#{claim.pk} {claim.get_kind_display()}: {claim_figures(claim)}",
                str(claim.pk),
            )
        )
        at = end
    pieces.append(("text", body[at:], "", "", ""))
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(
                    '<a class="claim-mark" href="{}" title="{}" data-claim="{}"><mark>{}</mark></a>',
                    url,
                    hover,
                    pk,
                    text,
                )
                if kind == "mark"
                else format_html("{}", text),
            )
            for kind, text, url, hover, pk in pieces
        ),
    )
