"""Casualty figures in text: how many were killed, wounded, displaced or missing, and who they were.

Pure functions over a span of text; the extractor decides who claims them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.numbers import COUNT, count_interval

_VICTIM = (
    r"people|persons|person|civilians|civilian|residents|resident|children|child|women|woman|men|man|boys|boy|"
    r"girls|girl|villagers|villager|inhabitants|"
    r"workers|employees|paramedics|medics|rescuers|patients|students|worshippers|mourners|passengers|shoppers|"
    r"tourists|farmers|fishermen|prisoners|detainees|inmates|migrants|refugees|hostages|pilgrims|protesters|"
    r"demonstrators|doctors|nurses|teachers|policemen|police officers|guards|sailors|seafarers|crew members|"
    r"soldiers|soldier|servicemen|serviceman|servicemembers|service members|service personnel|troops|fighters|"
    r"military personnel|"
    r"personnel|conscripts|officers|others|mercenaries|militants|peacekeepers|journalists|victims|"
    r"bodies|dead|wounded"
)
# Nouns for people only ("dead" and "wounded" stand for people too, but are the figures' verbs).
_VICTIM_NOUNS = _VICTIM.removesuffix("|dead|wounded")
_ADJ = (
    r"(?:(?:(?-i:[A-Z][\w-]+)|more|other|innocent|ethnic|local|civilian|military|young|elderly|peaceful)\s+)"
)
_MEASURE = {
    "killed": "killed",
    "killing": "killed",
    "kills": "killed",
    "kill": "killed",
    "dead": "killed",
    "died": "killed",
    "martyred": "killed",
    "martyrs": "killed",
    "die": "killed",
    "deaths": "killed",
    "death": "killed",
    "fatalities": "killed",
    "perished": "killed",
    "lost their lives": "killed",
    "wounded": "wounded",
    "wounding": "wounded",
    "injured": "wounded",
    "injuring": "wounded",
    "hurt": "wounded",
    "injuries": "wounded",
    "displaced": "displaced",
    "displacing": "displaced",
    "fled": "displaced",
    "homeless": "displaced",
    "refugees": "displaced",
    "missing": "missing",
    "left their homes": "displaced",
    "fled their homes": "displaced",
    "forced from their homes": "displaced",
    "lost": "killed",
    "treated for": "wounded",
    "hospitalized": "wounded",
    "hospitalised": "wounded",
    "applied to medical": "wounded",
    "sought medical": "wounded",
    "sustained injuries": "wounded",
    "suffered injuries": "wounded",
    "sustained wounds": "wounded",
    "suffered wounds": "wounded",
}
_AUX = (
    r"(?:(?:were|was|have been|has been|had been|are|being|have|had|has|reportedly|also|been|all|still|feared"
    r"|believed|confirmed|now|later|subsequently"
    # "were seriously wounded", "have been slightly injured": how badly does not change the count.
    r"|slightly|lightly|seriously|critically|badly|severely|moderately|mildly|gravely)\s+"
    # "have been "lightly hurt"": the reporter's quotation marks around the words.
    r"|[\"“](?=[a-z])"
    # "were reported to be killed", "are said to have been wounded", "are feared to have died".
    r"|(?:reported|said|believed|feared|thought|known|confirmed)\s+to\s+(?:have\s+)?(?:be(?:en)?\s+)?)*"
)
# Between the victims and the verb: "of the Armed Forces", ", including one child,".
# "38 workers and employees at the port were killed": a second noun, and where they were.
_VICTIM_TAIL = (
    r"(?:\s+of\s+the(?:\s+(?-i:[A-Z][\w-]*)){1,4})?(?:,\s*including\s+[^,;.()]{1,120},)?"
    rf"(?:\s+and\s+{_ADJ}{{0,2}}(?:{_VICTIM_NOUNS}))?(?:\s+(?:at|in|on)\s+the\s+[\w-]+(?:\s+[\w-]+)?(?=\s+(?:were|was|had|have)\b))?"
)
CASUALTY_AFTER = re.compile(
    rf"(?<![\w:.,$£€])(?<!no\s)(?<!No\s){COUNT}\s+(?:of\s+(?:its|their|his|her|our|the|them|whom)\s+)?"
    rf"{_ADJ}{{0,3}}(?P<victim>{_VICTIM})?{_VICTIM_TAIL}\s*{_AUX}"
    r"(?P<measure>killed|dead|died|martyred|martyrs|wounded|injured|hurt|displaced|missing|lost their lives|perished|fled|"
    r"homeless|deaths|death|fatalities|injuries|refugees|left their homes|fled their homes|forced from their homes"
    # "hundreds more were treated for burns", "59 people applied to medical institutions": the wounded.
    r"|treated for|hospitali[sz]ed|applied to medical|sought medical"
    # "102 others sustained injuries": the wounded, by what they suffered.
    r"|sustained injuries|suffered injuries|sustained wounds|suffered wounds)\b",
    re.IGNORECASE,
)
CASUALTY_BEFORE = re.compile(
    rf"\b(?P<measure>killing|killed|kills|wounding|wounded|injuring|injured|displacing|displaced|lost)\s+"
    rf"(?P<count>{COUNT.replace('?P<', '?P<b_')})\b(?:\s+{_ADJ}{{0,3}}(?P<victim>{_VICTIM})\b)?",
    re.IGNORECASE,
)
# "led to the deaths of at least 45 people", "caused the deaths of 16 Palestinians", "which claimed the
# lives of 26 people", "resulted in the martyrdom of 26 civilians and injuries to 46 others".
_TAKE_LIVES = r"(?:claimed|claiming|claims|took|taking|takes|cost|costing|costs)"
DEATHS_OF = re.compile(
    rf"\b(?:(?:deaths|death|martyrdom|{_TAKE_LIVES}\s+the\s+lives)\s+of|(?P<hurt>injuries|injury|wounds)\s+to)\s+"
    rf"(?P<count>{COUNT.replace('?P<', '?P<d_')})\b"
    rf"(?:\s+{_ADJ}{{0,3}}(?P<victim>{_VICTIM})\b)?",
    re.IGNORECASE,
)
# "a strike on the mosque claimed three lives", "the shelling cost 12 more lives".
LIVES_TAKEN = re.compile(
    rf"\b{_TAKE_LIVES}\s+(?P<count>{COUNT.replace('?P<', '?P<l_')})\s+(?:more\s+|civilian\s+|innocent\s+)?lives\b",
    re.IGNORECASE,
)
# "the strike killed Ibrahim Biari", "killed commander Ali Kadi and 50 other members": one named person
# (and the others counted with them).  Weekdays and months are no names.
_NAMED = r"(?-i:[A-Z][a-z][\w'’-]*(?:\s+(?:al-|bin\s+|ibn\s+|abu\s+|el-)?[A-Z][\w'’-]+){1,3})"
NAMED_KILLED = re.compile(
    rf"\b(?P<measure>killed|killing|kills)\s+(?:(?-i:[A-Z][\w-]+)\s+)?(?:(?:senior|top|battalion|brigade|"
    rf"field|military)\s+)?(?:commander|leader|chief|official|head|spokesman|member)?\s*(?P<name>{_NAMED})"
    rf"(?:\s+and\s+(?P<count>{COUNT.replace('?P<', '?P<n_')})\s+(?:other|more)\s+(?P<victim>members|fighters"
    rf"|militants|operatives|gunmen|commanders|people|soldiers|terrorists))?",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
)  # fmt: skip
# "125 bodies had been delivered", "the bodies of 40 people were recovered": the dead, counted by bodies.
BODIES = re.compile(
    rf"(?<![\w:.,$£€]){COUNT.replace('?P<', '?P<y_')}\s+bodies\s+{_AUX}(?:delivered|recovered|retrieved|brought"
    r"|found|pulled|transferred|returned|handed\s+over|identified|buried)\b",
    re.IGNORECASE,
)
# "rescuers pulled 17 bodies from the rubble", "teams recovered the bodies of 40 people".
BODIES_PULLED = re.compile(
    r"\b(?:pulled|recovered|retrieved|found|removed|extracted)\s+(?:out\s+)?(?:the\s+bodies\s+of\s+(?=[^.;,]{1,30}?\b"
    r"(?:people|victims|civilians|men|women|children)\b)|(?=[^.;,]{1,30}?\bbodies\b))"
    rf"{COUNT.replace('?P<', '?P<y_')}\b",
    re.IGNORECASE,
)
# "forced 400,000 to flee", "forcing thousands of people from their homes".
FORCED_TO_FLEE = re.compile(
    rf"\bforc(?:ed|ing|es)\s+(?P<count>{COUNT.replace('?P<', '?P<f_')})\s+(?:of\s+)?(?:{_ADJ}{{0,3}}(?:{_VICTIM_NOUNS})\s+)?"
    r"(?:to\s+flee|to\s+leave\s+their\s+homes|from\s+their\s+homes|out\s+of\s+their\s+homes)\b",
    re.IGNORECASE,
)
# "the toll of the strike on June 28": a day of a month is not a figure.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")  # fmt: skip
_NOT_A_DATE = "".join(f"(?<!{month} )" for month in _MONTHS)
DEATH_TOLL = re.compile(
    rf"\b(?:death toll|toll|number of (?P<toll_of>dead|deaths|victims|fatalities|those killed|(?:people\s+)?(?:wounded|injured)"
    # "the number of civilians killed rose to 31", "the number of people injured has risen to 40"
    rf"|(?:[\w-]+\s+){{1,2}}?(?:killed|dead|wounded|injured)))"
    rf"\s+(?:[\w-]+\s+){{0,14}}?"
    rf"(?:(?:rose|risen|climbed|reached|stood|stands|was|is|has risen|had risen|increased|jumped|grew|grown"
    rf"|gone up|went up)\s+)?"
    # "the number of victims exceeds 150": above the figure, as "more than 150" is.
    rf"(?:(?P<over>exceeds|exceeded|has exceeded|had exceeded|surpassed|has surpassed|topped|has topped)\s+)?"
    # "put the number of dead in the hundreds"
    rf"(?:to|at|in\s+the)?\s*{_NOT_A_DATE}{COUNT}",
    re.IGNORECASE,
)
# "the toll grew from 50 to 57": the figure is the last one, not a range.
_RISE_FROM = re.compile(
    r"(?:rose|risen|climbed|grew|grown|increased|jumped|went up|gone up)\s+from\s*$", re.I
)
# A count inside a toll ("including 1 girl, 7 women", "64 of the dead were children") is not a toll.
_SUBCOUNT_BEFORE = re.compile(
    r"(?:including|among them|among whom|of whom|of them|of these|of those)\s*,?\s+$", re.IGNORECASE
)
_SUBCOUNT_AFTER = re.compile(r"\s+of\s+(?:the\s+)?(?:dead|killed|victims|wounded|injured|them|whom)\b", re.I)
_BREAKDOWN_NOUNS = frozenset(
    {"child", "children", "woman", "women", "man", "men", "girl", "girls", "boy", "boys"}
)
_COORDINATED = re.compile(
    rf"(?<![\w:.,$£€]){COUNT}\s+{_ADJ}{{0,3}}(?P<victim>{_VICTIM_NOUNS})\s*(?:,\s*and|,|and)\s+$",
    re.IGNORECASE,
)
NOBODY = re.compile(
    r"\b(?:no one|nobody|no(?:ne of the)?\s+(?P<victim>civilians|people|soldiers|servicemen|residents))\s+"
    r"(?:was|were|had been|has been|have been)\s+(?P<measure>killed|wounded|injured|hurt)\b",
    re.IGNORECASE,
)
_MILITARY_VICTIMS = frozenset(
    {"soldiers", "soldier", "servicemen", "serviceman", "servicemembers", "service members", "service personnel",
     "troops", "fighters",
     "military personnel", "personnel", "conscripts", "officers", "mercenaries", "militants"}
)  # fmt: skip
_CIVILIAN_VICTIMS = frozenset(
    {"civilians", "civilian", "residents", "resident", "children", "child", "women", "woman", "villagers",
     "villager", "inhabitants", "journalists", "journalist", "boy", "boys", "girl", "girls"}
)  # fmt: skip


class _Match:
    """Adapter so ``count_interval`` reads the renamed groups of CASUALTY_BEFORE."""

    def __init__(self, match: re.Match, prefix: str = "") -> None:
        self._match, self._prefix = match, prefix

    def group(self, name: str, /) -> str | None:
        return self._match.group(self._prefix + name)


def _victim_group(victim: str | None, adjectives: str) -> str | None:
    words = (victim or "").lower()
    if words in ("others", "victims", "bodies"):
        words = ""
    adjectives = adjectives.lower()
    if words in _MILITARY_VICTIMS or "military" in adjectives:
        return "military"
    if words in _CIVILIAN_VICTIMS or "civilian" in adjectives or "innocent" in adjectives:
        return "civilian"
    if words:
        return "unspecified"
    return None


@dataclass
class _Figure:
    start: int
    measure: str
    interval: tuple[int, int | None]
    group: str | None


def casualty_figures(text: str, start: int, end: int) -> list[_Figure]:
    """Casualty counts in text[start:end], in order of appearance."""
    segment = text[start:end]
    figures, seen = _counts_before_verb(segment, start)
    figures += _counts_after_verb(segment, start, seen)
    figures += _nobody(segment, start)
    figures += _deaths_of(segment, start, seen)
    named = _named_and_bodies(segment, start, seen)
    if named:
        figures = _without_relative_background(text, start, figures, named)
    figures += named
    figures = _tolls(segment, start, figures)
    figures = [f for f in figures if not _is_subcount(text, f, start)]
    figures.sort(key=lambda f: f.start)
    return _without_breakdowns(text, figures)


def _counts_before_verb(segment: str, start: int) -> tuple[list[_Figure], set[int]]:
    """ "nine civilians were killed", "four civilians and 11 soldiers were killed" (and where they start)."""
    figures: list[_Figure] = []
    seen: set[int] = set()
    for match in CASUALTY_AFTER.finditer(segment):
        interval = count_interval(match)
        if interval is None:
            continue
        measure = _MEASURE[match.group("measure").lower()]
        victim = match.group("victim")
        if victim and victim.lower() in ("dead", "wounded"):
            measure = _MEASURE[victim.lower()]
            victim = None
        adjectives = segment[
            match.end("qual") if match.group("qual") else match.start() : match.start("measure")
        ]
        figures.append(_Figure(start + match.start(), measure, interval, _victim_group(victim, adjectives)))
        seen.add(start + match.start())
        # "four civilians and 11 soldiers were killed": earlier counts share the verb.
        cursor = match.start()
        while True:
            before = _COORDINATED.search(segment, max(0, cursor - 80), cursor)
            if not before:
                break
            interval = count_interval(before)
            if interval is None:
                break
            figures.append(
                _Figure(start + before.start(), measure, interval, _victim_group(before.group("victim"), ""))
            )
            seen.add(start + before.start())
            cursor = before.start()
    return figures, seen


def _counts_after_verb(segment: str, start: int, seen: set[int]) -> list[_Figure]:
    """ "killed nine civilians", "lost 12 soldiers" (counts not already read before a verb)."""
    figures: list[_Figure] = []
    for match in CASUALTY_BEFORE.finditer(segment):
        interval = count_interval(_Match(match, "b_"))
        if interval is None:
            continue
        if match.group("measure").lower() == "lost" and not match.group("victim"):
            continue
        position = start + match.start("count")
        if any(abs(position - s) < 3 for s in seen):
            continue
        adjectives = segment[match.end("count") : match.end()]
        figures.append(
            _Figure(
                position,
                _MEASURE[match.group("measure").lower()],
                interval,
                _victim_group(match.group("victim"), adjectives),
            )
        )
    return figures


def _deaths_of(segment: str, start: int, seen: set[int]) -> list[_Figure]:
    """ "resulted in the deaths of at least 16 people" (and "injuries to 46 others"), "claimed three
    lives": a count after the noun, or before "lives"."""
    figures: list[_Figure] = []
    for match in DEATHS_OF.finditer(segment):
        interval = count_interval(_Match(match, "d_"))
        position = start + match.start("count")
        if interval is None or any(abs(position - s) < 3 for s in seen):
            continue
        measure = "wounded" if match.group("hurt") else "killed"
        figures.append(_Figure(position, measure, interval, _victim_group(match.group("victim"), "")))
    for match in LIVES_TAKEN.finditer(segment):
        interval = count_interval(_Match(match, "l_"))
        position = start + match.start("count")
        if interval is not None and not any(abs(position - s) < 3 for s in seen):
            figures.append(_Figure(position, "killed", interval, None))
    return figures


_RELATIVE = re.compile(r",\s*(?:whom|who|whose|which)\b", re.IGNORECASE)


def _without_relative_background(
    text: str, start: int, figures: list[_Figure], named: list[_Figure]
) -> list[_Figure]:
    """ "killed Ibrahim Biari, whom it called responsible for the attack which left 1,400 dead": a toll in
    a relative clause about the person named as killed is background, not this strike's toll."""
    first = min(f.start for f in named)
    relative = _RELATIVE.search(text, first, max((f.start for f in figures), default=first))
    if relative is None:
        return figures
    return [f for f in figures if f.start < relative.start()]


def _named_and_bodies(segment: str, start: int, seen: set[int]) -> list[_Figure]:
    """A named person killed (with the others counted with them), bodies delivered, people forced to flee."""
    figures: list[_Figure] = []
    if "kill" in segment.lower():
        for match in NAMED_KILLED.finditer(segment):
            if match.group("name").split()[0].lower() in _NOT_NAMES:
                continue
            more = count_interval(_Match(match, "n_")) if match.group("count") else None
            if match.group("count") and more is None:
                continue
            low, high = more if more is not None else (0, 0)
            named: tuple[int, int | None] = (low + 1, None if high is None else high + 1)
            group = _victim_group(match.group("victim"), "") if match.group("victim") else None
            figures.append(_Figure(start + match.start("name"), "killed", named, group))
    if "bodies" in segment.lower():
        for match in (*BODIES.finditer(segment), *BODIES_PULLED.finditer(segment)):
            bodies = count_interval(_Match(match, "y_"))
            if bodies is not None and not any(abs(start + match.start() - s) < 3 for s in seen):
                figures.append(_Figure(start + match.start(), "killed", bodies, None))
    if "forc" in segment.lower():
        for match in FORCED_TO_FLEE.finditer(segment):
            fled = count_interval(_Match(match, "f_"))
            if fled is not None:
                figures.append(_Figure(start + match.start("count"), "displaced", fled, None))
    return figures


def _nobody(segment: str, start: int) -> list[_Figure]:
    """ "No civilians were killed": a count of zero."""
    return [
        _Figure(
            start + match.start(),
            _MEASURE[match.group("measure").lower()],
            (0, 0),
            _victim_group(match.group("victim"), ""),
        )
        for match in NOBODY.finditer(segment)
    ]


def _tolls(segment: str, start: int, figures: list[_Figure]) -> list[_Figure]:
    """ "The death toll rose to 21": a toll replaces the counts of its measure inside it."""
    for match in DEATH_TOLL.finditer(segment):
        interval = count_interval(match)
        if interval is None:
            continue
        high = interval[1]
        if (
            match.group("hi")
            and high is not None
            and _RISE_FROM.search(
                segment, match.start(), match.start("lo_to") if match.group("lo_to") else match.start()
            )
        ):
            interval = (high, high)
        if match.group("over") and not match.group("qual") and interval[0] == interval[1]:
            interval = (interval[0] + 1, None)
        of = (match.group("toll_of") or "").lower()
        measure = "wounded" if "wound" in of or "injur" in of else "killed"
        count_at = next(
            (match.start(g) for g in ("qual", "vague", "num", "lo", "lo_to") if match.group(g)), match.start()
        )
        figures = [
            f
            for f in figures
            if not (f.measure == measure and start + match.start() <= f.start <= start + match.end())
        ]
        figures.append(_Figure(start + count_at, measure, interval, None))
    return figures


def _is_subcount(text: str, figure: _Figure, floor: int) -> bool:
    before = text[max(floor, figure.start - 16) : figure.start]
    if _SUBCOUNT_BEFORE.search(before):
        return True
    number = re.match(r"[\w,.-]+", text[figure.start :])
    after = figure.start + (number.end() if number else 0)
    return bool(_SUBCOUNT_AFTER.match(text, after))


def _without_breakdowns(text: str, figures: list[_Figure]) -> list[_Figure]:
    """ "A child, five women and four men were killed": a breakdown by age and sex, not three tolls."""
    nouns = []
    for figure in figures:
        words = re.findall(r"[a-z]+", text[figure.start : figure.start + 40].lower())
        nouns.append(next((w for w in words[:4] if w in _BREAKDOWN_NOUNS), None))
    breakdown = sum(1 for noun in nouns if noun) >= 2 and len({n for n in nouns if n}) >= 2
    if not breakdown:
        return figures
    return [f for f, noun in zip(figures, nouns, strict=True) if not noun]
