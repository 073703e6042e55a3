"""Words: how explanations name claimants and days, and how an act's words are compared and quoted."""

from __future__ import annotations

import re
from datetime import datetime

from claims.contradictions.facts import ClaimFacts


def day_text(value: datetime) -> str:
    """A day as explanations write it ("11 Oct")."""
    return f"{value.day} {value:%b}"


def who_text(facts: ClaimFacts) -> str:
    """A claimant and the day of the claim, as explanations name them."""
    return f"{facts.claimant_name}, {day_text(facts.stated_at)}"


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_STOPWORDS = frozenset(
    (
        "the", "a", "an", "of", "on", "in", "at", "to", "by", "for", "from", "with", "and", "or", "its",
        "their", "his", "her", "it", "they", "them", "that", "this", "was", "were", "is", "are", "be",
        "been", "any", "no", "not", "against", "into", "over",
    )
)  # fmt: skip

CEASEFIRE_WORDS = ("ceasefire", "cease-fire", "truce")

# Words of a flat rebuttal ("groundless", "a lie", "false"), which answer any accusation of the event.
REBUTTAL_STEMS = frozenset(
    ("groun", "false", "lie", "lies", "untru", "fake", "absur", "disin", "fabri", "basel", "sland")
)

# Words of a denial of any part in the event ("any connection with the attack", "had anything to do with
# the killings", "denied involvement"): they answer whoever is accused of it, whatever the act's words.
INVOLVEMENT_STEMS = frozenset(("conne", "invol", "anyth", "respo", "link", "links", "role", "relat", "behin"))

# Words naming the other side's statement as what is denied ("Armenia denies both claims", "rejected the
# allegations"): a rebuttal of whatever it answers, like "groundless".
STATEMENT_STEMS = frozenset(("claim", "alleg", "accus", "charg"))

# Words of an attack that harmed people ("killed nine", "hit a school", "shelled the town").
HARM_STEMS = frozenset(
    ("kill", "killi", "kille", "hit", "hits", "strik", "struc", "shell", "bomb", "bombe", "bombi", "targe", "fired",
     "attac", "raid", "wound", "injur", "destr", "damag")
)  # fmt: skip
# Words that only name the event an accusation is about ("the attack", "the strike", "it").
EVENT_REFERENCE_STEMS = frozenset(
    ("attac", "strik", "blast", "explo", "incid", "shell", "bombi", "assau", "raid", "trage", "massa")
)


def act_stems(act: str) -> frozenset[str]:
    """Content words of an act, cut to five letters so "shelling" and "shelled" meet."""
    return frozenset(
        word[:5] for word in _WORD.findall(act.lower()) if word not in _STOPWORDS and len(word) > 2
    )


def acts_match(accused_act: str, denied_act: str) -> float | None:
    """How well a denial answers an accusation: 1.0 for shared words, 0.7 for a general denial, else None.

    A denial with no act, one saying the party keeps the ceasefire, a flat rebuttal ("groundless and
    false") or a denial of any part in the event ("any connection with the attack") answers every
    accusation, and so does one of the other side's statement itself ("denies both claims"); an
    accusation whose act only names the event ("for the attack")
    is answered by any denial of it, and an accusation of an attack that harmed people by a denial of
    striking civilians (what a belligerent says it struck instead).
    """
    denied = denied_act.lower()
    if not denied.strip() or any(word in denied for word in CEASEFIRE_WORDS):
        return 0.7
    accused, rebutted = act_stems(accused_act), act_stems(denied_act)
    if accused & rebutted:
        return 1.0
    # "called it groundless and false": a rebuttal of whatever it answers.
    if rebutted & (REBUTTAL_STEMS | INVOLVEMENT_STEMS | STATEMENT_STEMS):
        return 0.7
    # "blamed Russia for the attack": the act only names the event, which the denial is about.
    if accused <= EVENT_REFERENCE_STEMS:
        return 0.7
    # "it struck a Hamas command centre" (a denial of striking civilians) answers "the strike killed
    # nine people": the accused act is an attack, the denial says whom it was aimed at.
    if "civil" in rebutted and accused & HARM_STEMS:
        return 0.7
    return None


# Acts of hiding among civilians or using a civilian site as a military one ("uses civilians as human
# shields", "was using the camp as a military base"): blame for putting people in harm's way, not for
# the attack itself.
_SHIELDING_RE = re.compile(
    r"\bhuman shields?\b|\bshield(?:s|ed|ing)? (?:it|them|its|their|itself|themselves)\b|"
    r"\bas (?:a |an )?(?:military |command |operations |launch(?:ing)? |weapons? )?"
    r"(?:base|centre|center|post|depot|shelter|launch(?:ing)? (?:pad|site))s?\b",
    re.IGNORECASE,
)


def blames_shielding(act: str) -> bool:
    """The act is one of shielding: civilians used as shields, a civilian site used as a military one.

    Such an accusation answers the other side's blame for an attack without contradicting it (the
    attacker can have struck a camp the other side used as a base), so it is not compared for blame.
    """
    return bool(_SHIELDING_RE.search(act or ""))


def act_words(verb: str, act: str, *, whom: str = "") -> str:
    """An accusation or denial in words that read right whatever form the act was quoted in.

    "accuses Armenia of launching an assault", "denies violating the ceasefire" for an -ing act; a
    quoted act otherwise ("accuses Armenia: “launched an assault”", "denies “its forces fired”"), never
    "accuses … of launched" nor a denial that reads like an admission.
    """
    head = f"{verb} {whom}".strip()
    act = act.strip()
    if not act:
        return f"{head} it" if verb == "denies" and not whom else head
    first = act.split()[0].lower()
    if first.endswith("ing") and len(first) > 4:
        return f"{head} of {act}" if whom else f"{head} {act}"
    return f"{head}: “{act}”" if whom else f"{head} “{act}”"


REVISION_RE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|increased|increases|grew|grown|jumped|reached|"
    r"mounted|went up|gone up|up to|revised|updated)\b",
    re.IGNORECASE,
)


def states_revision(quote: str) -> bool:
    """The quote gives its figure as a revision of an earlier one ("the toll has risen to 19")."""
    return bool(REVISION_RE.search(quote or ""))


# Whose dead a toll counts, when its quote names them by nationality: "50 Azerbaijani soldiers", "49
# Armenian troops", "Ukrainian civilians".  A demonym (a capitalised word ending as demonyms do) right
# before a word for people under arms or civilians; "Nagorno-Karabakh civilians" or "soldiers" alone
# name no nationality.
_PEOPLE = (
    r"(?:soldiers|troops|servicemen|servicemembers|service\s+(?:members|personnel)|military\s+personnel|"
    r"civilians|fighters|personnel|citizens|nationals|policemen|conscripts)"
)
_VICTIMS_RE = re.compile(rf"\b([A-Z][a-z]+(?:an|ani|i|ese|ish))\s+(?:[a-z]+\s+)?{_PEOPLE}\b")
# Or by the army they served in, after the word for them: "42 military personnel from the Azerbaijan
# Army", "servicemen of the Armenian armed forces", "soldiers of the Armed Forces of Ukraine".
_VICTIMS_ARMY_RE = re.compile(
    rf"\b(?i:{_PEOPLE})\s+(?:of|from)\s+the\s+(?:"
    r"(?!Armed\b|State\b|National\b)([A-Z][a-z]+)\s+(?:[Aa]rmy|[Aa]rmed\s+[Ff]orces|[Ff]orces|[Mm]ilitary|[Nn]avy)"
    r"|(?:[Aa]rmed\s+[Ff]orces|[Aa]rmy)\s+of\s+([A-Z][a-z]+))\b"
)
# Endings that turn a country's name and its demonym into one stem: Armenia/Armenian, Azerbaijan/
# Azerbaijani, Ukraine/Ukrainian, Israel/Israeli, Sudan/Sudanese.
_NATION_ENDINGS = ("ian", "ani", "ese", "ish", "an", "ia", "i", "a", "e")


def nation_stem(word: str) -> str:
    """The stem a country's name and its demonym share ("armen" for Armenia and Armenian)."""
    word = word.lower()
    for ending in _NATION_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def victims_named(quote: str) -> str:
    """The nationality a toll's quote gives its dead, as a stem ("azerbaij"), or "" when it names none.

    Two tolls naming different nationalities ("50 Azerbaijani soldiers", "49 Armenian soldiers", "42
    military personnel from the Azerbaijan Army") count different people: each side's own losses, not
    two figures for one count.
    """
    text = quote or ""
    found = {nation_stem(match.group(1)) for match in _VICTIMS_RE.finditer(text)}
    found |= {nation_stem(match.group(1) or match.group(2)) for match in _VICTIMS_ARMY_RE.finditer(text)}
    return found.pop() if len(found) == 1 else ""
