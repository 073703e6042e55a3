"""The extraction rules: article text -> candidate claims, each tagged with the rule that found it.

Pure functions over the text, the article date and a ``Lexicon``; no database access.  The flow per
sentence: find who says it (attribution), then look inside what is said for the claim patterns
(accusation, denial, control, casualty).  A sentence nobody is said to have said is the outlet
speaking in its own voice, which counts only for casualty figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from claims.extraction.casualties import casualty_figures
from claims.extraction.lexicon import Lexicon, find_parties, find_places, tokenize
from claims.extraction.parties import (
    NewParty,
    PartyRef,
    enemy_forces,
    is_media,
    kind_matches,
    pronoun_kind,
    resolve_phrase,
    side_of,
    speaker_side_forces,
)
from claims.extraction.sentences import clause_spans, sentence_spans
from claims.extraction.timeexpr import day_find, time_find
from sources.text import normalize_name


@dataclass
class Candidate:
    """One claim the extractor proposes, with the exact quote and its offsets in the body."""

    kind: str
    claimant: PartyRef
    quote_start: int
    quote_end: int
    quote: str
    rule: str
    relayed_by: PartyRef | None = None
    accused: PartyRef | None = None
    controller: PartyRef | None = None
    act: str = ""
    place_id: int | None = None
    killed: tuple[int, int | None] | None = None
    wounded: tuple[int, int | None] | None = None
    displaced: tuple[int, int | None] | None = None
    missing: tuple[int, int | None] | None = None
    victim_group: str = "unspecified"
    event_start: datetime | None = None
    event_end: datetime | None = None


@dataclass
class Attribution:
    speakers: list[PartyRef]
    content_start: int
    content_end: int
    verb: str
    relay: PartyRef | None = None
    rule: str = ""
    # ", adding that ...", ", wounding a child": more of what the speaker says, after the speaker.
    extra: tuple[int, int] | None = None


# --- vocabularies ------------------------------------------------------------------------------

SAY = (
    r"said|says|called|saying|told|tells|claimed|claims|claiming|insisted|insists|insisting|reported|reports"
    r"|reporting|announced|announces|stated|states|added|adds|warned|warns|alleged|alleges|alleging"
    r"|confirmed|confirms|noted|wrote|declared|declares|maintained|maintains|asserted|countered|charged"
    r"|predicted|argued|acknowledged|admitted|reiterated|stressed|estimated|quoted"
)
ACCUSE = r"accused|accuses|accusing|blamed|blames|blaming"
DENY = r"denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes"
VERB_RE = re.compile(rf"\b(?P<verb>{SAY}|{ACCUSE}|{DENY})\b", re.IGNORECASE)
ACCUSE_SET = frozenset(ACCUSE.split("|"))
DENY_SET = frozenset(DENY.split("|"))

# Cheap gate: a sentence without any of these cannot hold a claim we extract.
TRIGGER_RE = re.compile(
    r"\b(?:kill|dead|die|death|wound|injur|hurt|displac|missing|fatalit|perish|lost|los|homes|fled|toll"
    r"|accus|blam|alleg|deni|deny|reject|dismiss|refut|respect|observ|adher|abid|violat|breach|commit|honou?r"
    r"|uph|compl|seiz|captur|liberat|retook|retak|recaptur|took|taken|control|hold|held|fell|fall|free|enter"
    r"|shell|bomb|attack|struck|strik|fire|firing|launch|target|hit|pound|raid|assault|destroy|down|advanc|us(?:ing|ed|es)"
    r"|false|baseless|groundless|lie|fake|untrue|fabricat|provocation|disinformation|no one|nobody|brok"
    r"|occup|absurd|falsif|reality|carr(?:ied|ying) out|committ|mined|repel|repuls|retain|responsib|aggress"
    r"|encroach|(?:fighting|battles?|clashes)\s+(?:[\w-]+\s+){0,3}?(?:continu|going on|under\s*way|rag|ongoing)"
    r"|fighting\s+(?:in|for)\b)",
    re.IGNORECASE,
)

# Ends of what a speaker says that are not part of the claim ("said on Sunday that ...").
_CONTENT_LEAD = re.compile(
    r"\s*(?:[,:]\s*)?(?:(?:on|late on|early on|in|at)\s+(?:a\s+)?[\w ]{0,30}?(?:statement|briefing|"
    r"interview|conference|address|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*)?"
    r"(?:that\s+|:\s*)?",
    re.IGNORECASE,
)
_TOLD_OBJECT = re.compile(
    r"\s*(?P<obj>(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3}(?:\s+news agency)?|reporters|journalists"
    r"|a news conference|a briefing|parliament|state television|state media|(?:the\s+)?press)\b",
)
_BOUNDARY_WORDS = re.compile(
    r"(?:^|\s)(?:that|who|which|after|as|when|because|since|while|whereas|said|says|with)\s+",
    re.IGNORECASE,
)

ATTACK = (
    r"shelled|shelling|shells|bombed|bombing|bombs|bombarded|bombarding|attacked|attacking|attacks"
    r"|struck|strikes|striking|fired on|fired at|fired|firing|launched|launching|targeted|targeting"
    r"|targets|hit|hits|violated|violating|violates|breached|breaching|opened fire|used|killed|killing"
    r"|destroyed|downed|advanced|assaulted|raided|pounded|pounding|broke|broken|breaking"
    r"|carried out|carrying out|committed|committing|mined"
    r"|us(?:ing|ed|es)\s+(?:\w+\s+){0,2}?(?:cluster|banned|phosphorus|rockets?|missiles?|drones?|artillery|"
    r"munitions|mercenaries|weapons|bombs)"
)
ATTACK_RE = re.compile(rf"\b(?P<verb>{ATTACK})\b", re.IGNORECASE)
_NEGATED_ATTACK = re.compile(
    rf"\b(?:did not|didn't|had not|hadn't|has not|hasn't|have not|haven't|never|was not|were not|"
    rf"is not|are not)\s+(?:\w+\s+){{0,2}}?(?:{ATTACK}|fire|shell|attack|target|strike|bomb|violate|breach)\b",
    re.IGNORECASE,
)
_RESPECT = re.compile(
    r"\b(?:respect|respects|respected|respecting|observe|observes|observed|observing|adhere|adheres|"
    r"adhered|adhering|abide|abides|abided|abiding|comply|complies|complied|complying|committed|"
    r"honou?r|honou?ring|honou?red|upheld|upholding)\b(?:\s+(?:to|by|with))?\s+(?:the\s+|a\s+|its\s+)?"
    r"(?:\w+\s+){0,2}?(?:ceasefire|cease-fire|truce|it)\b",
    re.IGNORECASE,
)
# "ready to respect the ceasefire if ...", "urged both sides to observe it": not a statement of fact.
_HYPOTHETICAL = re.compile(
    r"\b(?:ready|willing|prepared|would|will|if|urged?|urging|called on|calls on|must|should|demanded?|"
    r"asked|wants?|hopes?|hoped)\b[^.]*$",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(r"\bthe\s+(?:town|city|village|settlement)\b", re.IGNORECASE)
_NEGATED_LOSS = re.compile(
    r"\b(?:was|is|were|are|has|had|have)\s+not\s+(?:been\s+)?(?:lost|fallen|captured|taken|seized)\b"
    r"|\b(?:did not|didn't|has not|had not|hasn't|hadn't)\s+fall(?:en)?\b|\bnot\s+lost\b",
    re.IGNORECASE,
)
_RESPECTED = re.compile(
    r"\b(?:ceasefire|cease-fire|truce)\s+(?:was|is|has been|had been|were|are)\s+(?:being\s+|largely\s+|fully\s+)?"
    r"(?:respected|observed|honou?red|holding|upheld)\b",
    re.IGNORECASE,
)
_REBUTTAL = re.compile(
    r"\b(?:false|untrue|baseless|groundless|fabricated|fabrication|lies|lie|disinformation|fake|"
    r"provocation|not true|nothing to do with|absurd|falsification|does not reflect reality|"
    r"did not correspond to reality|do not correspond to reality|does not correspond to reality|"
    r"total lie|absolute lie|complete lie)\b",
    re.IGNORECASE,
)
# A defender's answer to a claim of capture: the fight for the place is not over.
_STILL_FIGHTING = re.compile(
    r"\b(?:(?:heavy|fierce|intense|violent|street)\s+)?(?:fighting|battles?|clashes|combat)\s+(?:for\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
    r"(?:(?:is|are|was|were|has been|have been)\s+)?(?:still\s+)?(?:continu(?:es|e|ed|ing)|going on|under\s*way|raging|rages|ongoing)\b"
    r"|\b(?:still|are|were|is|was)\s+(?:still\s+)?holding\s+(?:out|on|the\s+defen[cs]e|their\s+positions)\b"
    r"|\b(?:units|forces|troops|defenders|soldiers)\s+(?:are|were)\s+(?:still\s+)?fighting\s+(?:in|for)\b"
    r"|\b(?:retained|retains|retain|kept|keeps|keep|maintained|maintains)\s+(?:some\s+|partial\s+)?(?:\w+\s+){0,2}?control\b"
    r"|\b(?:repelled|repulsed|repelling|repulsing|thwarted|foiled)\b"
    r"|\b(?:without\s+success|not\s+having\s+(?:any\s+)?success|to\s+no\s+avail|unsuccessfully)\b",
    re.IGNORECASE,
)
_CLAIMED_GAIN = re.compile(
    r"\b(?:took|taken|seized|captured|liberated|entered|gained|advanced|control of)\b", re.IGNORECASE
)
_FIGHTING_STEMS = frozenset(
    {
        "figh", "batt", "clas", "comb", "hold", "reta", "kept", "keep", "main", "repe", "repu", "thwa",
        "foil", "succ", "unsu", "avai",
    }
)  # fmt: skip
_DEMONYM_ATTACK_STEMS = frozenset(
    {"atta", "stri", "airs", "shel", "bomb", "raid", "offe", "aggr", "prov", "miss", "rock"}
)
_NOMINAL_STEMS = frozenset({"capt", "libe", "seiz", "take", "reca"})
_FIGHT_NOUNS = ("heavy", "fierce", "intense", "violent", "street", "fighting", "battle", "clashes", "combat")
# Blame named by its agent: "killed in attacks by Azerbaijan", "was hit by a Russian missile".
_BY_AGENT = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|air\s+strikes?|shelling|bombardment|bombing|provocations?|aggression"
    r"|raids?|assaults?|offensive|fire|missiles?|rockets?|drones?|shells?|hit|struck|fired|launched|shelled"
    r"|bombed|targeted|attacked|shot\s+down|destroyed|killed|carried\s+out|committed|mined|downed|encroachments)"
    r"\s+(?:[\w-]+\s+){0,3}?by\s+(?P<np>[^,;.()“”\"]{2,80})",
    re.IGNORECASE,
)
# "an Israeli airstrike", "a Russian missile strike", "Azerbaijani shelling of Tartar".
_DEMONYM_ATTACK = re.compile(
    r"\b(?P<dem>(?-i:[A-Z][\w-]+))\s+(?:(?:missile|rocket|drone|air|artillery|tank|mortar|military|army|ground)\s+)?"
    r"(?:attacks?|strikes?|airstrikes?|shelling|bombardment|bombing|raids?|offensive|aggression|provocations?"
    r"|missiles?|rockets?|shells?)\b",
    re.IGNORECASE,
)
# A toll's background ("the death toll from a Russian missile strike", "killed in the Israeli airstrike"):
# the attack only names the event the figure is about, it is not blamed in its own right.
_TOLL_BACKGROUND = re.compile(
    r"\b(?:toll|deaths?|dead|killed|killing|wounded|injured|destroyed|damaged|victims)\b[^.;]{0,40}?\s+"
    r"(?:in|from|by|after|during|of)\s+(?:the\s+|a\s+|an\s+|last\s+\w+'s\s+)?(?:[\w-]+\s+){0,2}$"
    r"|\b(?:alleged|so-called|supposed|purported|claimed)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# "The leadership of Armenia bears responsibility", "responsibility rests squarely with X", "X is to blame".
_RESPONSIBLE = re.compile(
    r"(?P<np>[^,;:“”\"]{2,80}?)\s+(?:bears?|bore|carries|carry|holds?)\s+(?:full\s+|the\s+|all\s+|sole\s+)*responsibility\b"
    r"|\bresponsibility\b[^.;]{0,60}?\b(?:rests?|lies|lay)\s+(?:\w+\s+)?(?:with|on)\s+(?P<np2>[^,;.“”\"]{2,80})"
    r"|(?P<np3>[^,;:“”\"]{2,80}?)\s+(?:is|are|was|were)\s+(?:\w+\s+)?(?:responsible\s+for|to\s+blame|blamed\s+for)\b",
    re.IGNORECASE,
)
# Words a belligerent uses for the other side: the opposing belligerent (when there is only one).
_ENEMY_WORDS = re.compile(
    r"^(?:the\s+)?(?:enemy|occupants|occupiers|occupying forces|invaders|aggressor|adversary|opposite side"
    r"|other side|opposing side|enemy forces|enemy troops|sabotage groups of the opposite side)$",
    re.IGNORECASE,
)
_ADJECTIVAL = frozenset({"alleged", "reported", "claimed", "confirmed", "stated", "declared", "estimated"})
_ADJECTIVE_USE = re.compile(r"\b(?:an|a|the|its|their|his|her|this|that|any)\s+$", re.IGNORECASE)
_PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be"})
# Adverbs between an auxiliary and its verb ("was completely taken", "were reportedly hit").
_ADVERBS = frozenset(
    {
        "completely", "fully", "finally", "reportedly", "allegedly", "already", "now", "also", "again",
        "still", "successfully", "entirely", "partially", "partly", "effectively", "just", "recently",
        "deliberately", "purposefully", "intentionally", "repeatedly", "once", "apparently",
    }
)  # fmt: skip
# Words a subject ends with that are not the subject ("Russian forces have", "Azerbaijan managed to").
_SUBJECT_TAIL = re.compile(
    r"(?:\s+(?:have|has|had|is|are|was|were|will|would|then|also|now|finally|completely|fully|already"
    r"|successfully|managed\s+to|succeeded\s+in|been\s+able\s+to|was\s+able\s+to|were\s+able\s+to))+\s*$",
    re.IGNORECASE,
)
# "trying to capture", "plans to seize": an aim, not a claim of control.
_AIM_BEFORE = re.compile(
    r"\b(?<!managed )(?<!able )to\s+(?:\w+ly\s+)?$|\b(?:trying|tried|tries|attempting|attempted|attempts|seeking"
    r"|aiming|bid)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
# "The liberation of the town of Soledar", "completed the capture of Bakhmut": the speaker's own side.
_NOMINAL_CONTROL = re.compile(
    r"\b(?P<noun>capture|liberation|seizure|takeover|recapture)\s+of\s+(?:the\s+(?:city|town|village|"
    r"settlement|camp|region|district)\s+of\s+)?(?P<object>[^,;.]{2,60})",
    re.IGNORECASE,
)
# A year named in a sentence; one before the article's marks figures of an earlier war.
_YEAR = re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)(?P<decade>s)?\b")
# Cheap test before the full pattern: the words such a sentence cannot do without.
_BACK_HINT = re.compile(
    r"\b(?:about (?:it|this)|(?:this|it|that) (?:was|is|has been)|reported (?:at|by)"
    r"|(?:reported|announced|said|stated) (?:it|this|so)\b)",
    re.IGNORECASE,
)
# A sentence that only says who said the one before it.
_BACK_REFERENCE = re.compile(
    r"\s*(?:(?:this|it|that)\s+(?:was|is|has been)\s+(?:reported|announced|stated|said)\s+(?:by|in|at)\s+"
    r"(?:the\s+(?:study|report|statement|press service)\s+of\s+)?(?P<np>[^.,;]{3,80}?)"
    r"|(?:about\s+(?:it|this)\s+)?(?:was\s+)?reported\s+(?:at|by)\s+(?P<np2>[^.,;]{3,80}?)"
    r"|(?P<np3>[^.,;]{3,80}?)\s+(?:reported|announced|said|stated)\s+(?:about\s+)?(?:it|this|so))"
    r"\s*(?:,[^.]*)?\.\s*$",
    re.IGNORECASE,
)

CONTROL_VERB = (
    r"seized|seize|captured|capture|liberated|liberate|liberating|retook|retaken|recaptured|recapture"
    r"|(?:took|taken|gained|established|regained|assumed|seized)\s+(?:full\s+|complete\s+|total\s+)?control"
    r"(?: of| over)?|took over|taken over|took|taken|freed|entered|controls|controlled|control|"
    r"holds|held|hold|remain in control of|remains in control of|remained in control of|in control of|"
    r"retained control of|kept control of|occupied|occupy|occupies"
)
CONTROL_RE = re.compile(rf"\b(?P<verb>{CONTROL_VERB})\b", re.IGNORECASE)
_UNDER_CONTROL = re.compile(
    r"\b(?:(?:is|was|remains|remained|are|were|now|still|firmly|fully)\s+)*(?:under\s+(?:the\s+)?(?:full\s+)?"
    r"control\s+of|controlled\s+by|in\s+the\s+hands\s+of|held\s+by)\s+(?P<np>[^,;.]+)",
    re.IGNORECASE,
)
_UNDER_X_CONTROL = re.compile(
    r"\bunder\s+(?:full\s+)?(?P<np>[\w’'-]+(?:\s+[\w’'-]+)?)\s+control\b",
    re.IGNORECASE,
)
_FELL = re.compile(
    r"\b(?:fell|has fallen|had fallen|have fallen)\b(?:\s+to\s+(?P<np>[^,;.]+))?", re.IGNORECASE
)
_OBJECT_STOP = re.compile(
    r"\s(?:in|near|outside|from|on|at|after|during|since|and\s+(?:had|have|has|were|was|that|then)"
    r"|which|where|while)\s|,\s*(?:calling|saying|adding|according|which|where|while|and\s+that)|[;:]",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|no longer|n't|failed to|did not|yet to)\s+(?:\w+\s+)?$", re.IGNORECASE
)

MUTUAL_RE = re.compile(
    r"\b(?:exchanged|traded|trading|exchanging)\s+(?:allegations|accusations|blame|charges)\s+(?:of|over|for)\s+"
    r"|\b(?:accused|accusing|blamed|blaming)\s+each\s+other\s+(?:of|for)\s+",
    re.IGNORECASE,
)
_BOTH_RESPECT = re.compile(
    r"\b(?:both|each)\s+(?:sides?\s+|parties\s+)?(?:claimed|said|insisted|maintained|say|claim|insist)\s+"
    r"(?:that\s+)?(?:they\s+|it\s+)?(?:were\s+|was\s+|had\s+)?(?:to\s+)?"
    r"(?:respect|respecting|observe|observing|adhere|adhering|abide|abiding|honou?r|honou?ring|"
    r"respected|observed|honou?red)\b",
    re.IGNORECASE,
)
_MUTUAL_TAIL = re.compile(
    r"(?:accusing|blaming|accused|blamed)\s+(?:the\s+other|each\s+other)(?:\s+side)?\s+(?:of|for)\s+(?P<act>\S)",
    re.IGNORECASE,
)
_PASSIVE_ACCUSED = re.compile(r"\baccused\s+(?:of|to)\s+", re.IGNORECASE)

_TAIL = re.compile(
    r"(?:on\s+\w+|in\s+(?:a|an|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|speech|address|video"
    r"|interview|post|message|briefing)(?:\s+(?:on|to)\s+(?:the\s+)?[\w-]+(?:\s+(?:people|nation))?)?"
    r"|at\s+a\s+(?:[\w-]+\s+)?(?:briefing|news conference|press conference)"
    r"|on\s+(?:social\s+media|state\s+television|national\s+television)"
    r"|in\s+a\s+statement|late\s+on\s+\w+|earlier|later|reporters|journalists|"
    r",\s*\w+ing\b.*|[\s.,;])+",
    re.IGNORECASE | re.DOTALL,
)
_POSSESSIVE_ROLE = re.compile(r"(?:its|their|the country's)\s+(?P<role>[a-z][\w' -]{3,40})$", re.IGNORECASE)
_TRAILING_ACCORDING = re.compile(r",\s*according to\s+(?P<np>[^,]+?)\.?$", re.IGNORECASE)
_GENERIC_SPEAKERS = frozenset(
    {
        "officials",
        "authorities",
        "the government",
        "the authorities",
        "the military",
        "the army",
        "government officials",
    }
)
_PARTICIPLE_TAIL = re.compile(
    r",\s*(?:adding|saying|claiming|insisting|noting)\s+(?:that\s+)?(?P<rest>.)|,\s*(?P<rest2>\w+ing\b)",
    re.IGNORECASE,
)
_INVERTIBLE = frozenset(
    {"said", "added", "claimed", "reported", "insisted", "stated", "told", "wrote", "declared"}
)


def _is_tail(after: str) -> bool:
    """Whether what follows a reporting verb is only a time, a place or a participle phrase."""
    return not _TAIL.sub("", after)


# --- the extractor -----------------------------------------------------------------------------


@dataclass
class _QuoteRegion:
    start: int
    end: int
    speakers: list[PartyRef] = field(default_factory=list)


_WORD = re.compile(r"\w+")


def stems_of(text: str) -> set[str]:
    """First four letters of every word (lower case): a cheap test of which rules can apply."""
    return {word[:4] for word in _WORD.findall(text.lower())}


# Which word beginnings each family of rules needs; a sentence without any skips the family's regexes.
TRIGGER_STEMS = frozenset(
    {
        "kill", "brok", "dead", "die", "died", "deat", "woun", "inju", "hurt", "disp", "miss", "fata",
        "peri", "lost", "loss", "lose", "home", "fled", "toll", "accu", "blam", "alle", "deni", "deny",
        "reje", "dism", "refu", "resp", "obse", "adhe", "abid", "viol", "brea", "comm", "hono", "upho",
        "comp", "seiz", "capt", "libe", "reto", "reta", "reca", "took", "take", "cont", "hold", "held",
        "fell", "fall", "free", "ente", "shel", "bomb", "atta", "stru", "stri", "fire", "firi", "laun",
        "targ", "hit", "hits", "poun", "raid", "assa", "dest", "down", "adva", "usin", "used", "uses",
        "fals", "base", "grou", "lie", "lies", "fake", "untr", "fabr", "prov", "disi", "no", "nobo",
        "occu", "absu", "real", "carr", "mine", "figh", "batt", "repe", "repu", "aggr", "rock", "encr",
    }
)  # fmt: skip
VERB_STEMS = frozenset(
    {
        "said", "says", "sayi", "call", "told", "tell", "clai", "insi", "repo", "anno", "stat", "adde",
        "adds", "warn", "alle", "conf", "note", "wrot", "decl", "main", "asse", "coun", "char", "pred",
        "argu", "ackn", "admi", "reit", "stre", "esti", "quot", "accu", "blam", "deni", "deny", "reje",
        "dism", "refu", "acco",
    }
)  # fmt: skip
CASUALTY_STEMS = frozenset(
    {
        "kill", "dead", "died", "die", "deat", "woun", "inju", "hurt", "disp", "miss", "lost", "peri",
        "fled", "home", "fata", "refu", "toll", "no", "nobo",
    }
)  # fmt: skip
ATTACK_STEMS = frozenset(
    {
        "shel", "brok", "bomb", "atta", "stru", "stri", "fire", "firi", "laun", "targ", "hit", "hits",
        "viol", "brea", "open", "usin", "used", "uses", "kill", "dest", "down", "adva", "assa", "raid",
        "poun", "carr", "comm", "mine", "prov", "aggr", "offe", "miss", "rock", "dron", "resp", "blam",
        "airs", "encr",
    }
)  # fmt: skip
CONTROL_STEMS = frozenset(
    {
        "seiz", "capt", "libe", "reto", "reta", "reca", "took", "take", "gain", "esta", "rega", "free",
        "ente", "cont", "hold", "held", "rema", "kept", "fell", "fall", "unde", "hand", "occu",
    }
)  # fmt: skip
DENIAL_STEMS = frozenset(
    {
        "resp", "obse", "adhe", "abid", "comp", "comm", "hono", "upho", "not", "didn", "hadn", "hasn",
        "have", "neve", "wasn", "were", "fals", "untr", "base", "grou", "fabr", "lie", "lies", "disi",
        "fake", "prov", "true", "noth", "lost", "fall", "absu", "real", "figh", "batt", "clas", "comb",
        "hold", "reta", "kept", "keep", "main", "repe", "repu", "thwa", "foil", "succ", "unsu",
    }
)  # fmt: skip


class Extractor:
    """Runs the rules over one article; create one per article (it keeps context between sentences)."""

    def __init__(
        self,
        text: str,
        *,
        lexicon: Lexicon,
        published: datetime | None = None,
        outlet_party: PartyRef | None = None,
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        self.published = published
        self.outlet_party = outlet_party
        self.sentences = sentence_spans(text)
        self.speakers: list[tuple[int, PartyRef]] = []
        self._days: dict[int, date | None] = {}
        self._windows: dict[tuple[int, int], tuple] = {}
        self._place_cache: dict[tuple[int, int], int | None] = {}
        self._sentence_speakers: dict[int, list[PartyRef]] = {}
        self._after_cache: dict[int, list[PartyRef]] = {}
        self.current_index = 0
        self.candidates: list[Candidate] = []
        self._citing_relay: PartyRef | None = None
        self.stems: set[str] = set()

    # --- party resolution with context ---------------------------------------------------------

    def _antecedent(self, wanted: str, before: int, sentence_index: int) -> PartyRef | None:
        """The latest party named before ``before`` (this and the two previous sentences) that fits."""
        lo = self.sentences[max(0, sentence_index - 2)][0] if self.sentences else 0
        options: list[tuple[int, PartyRef]] = [(s, ref) for s, ref in self.speakers if lo <= s < before]
        for mention in find_parties(self.lexicon, tokenize(self.text, lo, before)):
            options.append((mention.start, mention.id))
        for earlier in (sentence_index - 1, sentence_index - 2):
            if earlier >= 0:
                options += [(self.sentences[earlier][0], ref) for ref in self._speakers_of(earlier)]
        options.sort(key=lambda item: item[0])
        for _, ref in reversed(options):
            if not is_media(self.lexicon, ref) and kind_matches(self.lexicon, ref, wanted):
                return ref
        if wanted != "any":
            return None
        return self.speakers[-1][1] if self.speakers else None

    def _speakers_of(self, index: int) -> list[PartyRef]:
        """Who speaks in an earlier sentence that held no claim ("The health ministry said 16 people
        remained in hospital."), so that "the ministry" in the next sentence can point at it."""
        if index in self._sentence_speakers:
            return self._sentence_speakers[index]
        self._sentence_speakers[index] = []
        start, end = self.sentences[index]
        saved = self.stems
        self.stems = stems_of(self.text[start:end])
        try:
            found = self._attribution(start, end, index)
        finally:
            self.stems = saved
        speakers = found.speakers if isinstance(found, Attribution) else []
        self._sentence_speakers[index] = speakers
        return speakers

    def _resolve(self, start: int, end: int, sentence_index: int) -> list[PartyRef]:
        phrase = self.text[start:end]
        possessive = _POSSESSIVE_ROLE.match(phrase.strip())
        if possessive:
            owner = self._antecedent("any", start, sentence_index)
            found = self._role_of(owner, possessive.group("role")) if owner is not None else None
            if found is not None:
                return [found]
        wanted = pronoun_kind(phrase)
        if wanted is not None:
            if wanted == "self":
                return []
            ref = self._antecedent(wanted, start, sentence_index)
            return [ref] if ref is not None else []
        return resolve_phrase(self.text, start, end, self.lexicon)

    def _role_of(self, owner: PartyRef, role: str) -> int | None:
        """ "its prosecutor general": the party under the owner's state whose name holds the role."""
        if not isinstance(owner, int):
            return None
        root = self.lexicon.root_of(owner)
        wanted = normalize_name(role)
        best = None
        for entry in self.lexicon.parties.values():
            if (
                wanted in normalize_name(entry.name)
                and self.lexicon.root_of(entry.id) == root
                and (best is None or entry.depth < self.lexicon.parties[best].depth)
            ):
                best = entry.id
        return best

    def _np_before(self, clause_start: int, verb_start: int) -> tuple[int, int]:
        """The noun phrase right before a verb: after the last comma (two segments for an apposition)."""
        end = verb_start
        while end > clause_start and self.text[end - 1] in " \t\n":
            end -= 1
        region = self.text[clause_start:end]
        appositive = region.endswith(",")
        stripped = region.rstrip(", “”\"'")
        cut = stripped.rfind(",")
        if appositive and cut >= 0:
            previous = stripped.rfind(",", 0, cut)
            cut = previous
        start = clause_start + (cut + 1 if cut >= 0 else 0)
        for match in _BOUNDARY_WORDS.finditer(self.text, start, clause_start + len(stripped)):
            start = match.end()
        while start < end and self.text[start] in " “”\"'(":
            start += 1
        return start, clause_start + len(stripped)

    # --- attribution ---------------------------------------------------------------------------

    def _attribution(self, cs: int, ce: int, index: int) -> Attribution | bool | None:
        """Who says clause text[cs:ce], and which part they say; False if a speaker is named but unknown."""
        if VERB_STEMS.isdisjoint(self.stems):
            return None
        text = self.text
        clause = text[cs:ce]
        lower = clause.lower()
        unresolved = False
        if lower.startswith("according to "):
            comma = clause.find(",")
            if comma > 0:
                speakers = self._resolve(cs + 13, cs + comma, index)
                if speakers:
                    return self._relay(Attribution(speakers, cs + comma + 1, ce, "according to"), index)
                unresolved = True
        trail = _TRAILING_ACCORDING.search(clause) if "according to" in lower else None
        if trail:
            speakers = self._resolve(cs + trail.start("np"), cs + trail.end("np"), index)
            if speakers:
                return self._relay(Attribution(speakers, cs, cs + trail.start(), "according to"), index)
            unresolved = True
        verbs = [
            match
            for match in VERB_RE.finditer(text, cs, ce)
            # "an alleged provocation", "the reported attack": an adjective, not a reporting verb.
            if match.group("verb").lower() not in _ADJECTIVAL
            or not _ADJECTIVE_USE.search(text, max(cs, match.start() - 6), match.start())
        ]
        # "..., the ministry said on Sunday, Reuters reported.": the last verb decides first.
        for match in reversed(verbs):
            if not _is_tail(text[match.end() : ce]):
                break
            found = self._speaker_before(cs, match, index)
            if found is None:
                break
            speakers, np_start, verb = found
            if np_start > cs:
                participle = _PARTICIPLE_TAIL.search(text, match.end(), ce)
                extra = None
                if participle:
                    extra = (
                        participle.start("rest") if participle.group("rest") else participle.start("rest2"),
                        ce,
                    )
                return self._relay(
                    Attribution(
                        speakers, cs, self._content_end(cs, np_start), verb, rule="inverted", extra=extra
                    ),
                    index,
                )
            break
        for match in verbs:
            verb = match.group("verb").lower()
            vs, ve = match.start(), match.end()
            before = text[cs:vs].rstrip()
            if before.endswith((",", "”", '"')) and verb in _INVERTIBLE and verb != "told":
                # '"...," said Artsrun Hovhannisyan': the speaker follows the verb.
                np_end = ce
                comma = text.find(",", ve, ce)
                if comma > 0:
                    np_end = comma
                speakers = self._resolve(ve, np_end, index) if len(text[ve:np_end].split()) <= 7 else []
                if speakers:
                    return self._relay(
                        Attribution(speakers, cs, self._content_end(cs, vs), verb, rule="inverted"), index
                    )
            found = self._speaker_before(cs, match, index)
            if found is None:
                np_start, np_end = self._np_before(cs, vs)
                phrase = text[np_start:np_end].strip()
                if phrase and len(phrase.split()) <= 6 and verb in ("said", "told"):
                    unresolved = True
                continue
            speakers, np_start, verb = found
            relay = found_relay = self._citing_relay
            self._citing_relay = None
            content_start = ve
            if verb in ("told", "tells"):
                obj = _TOLD_OBJECT.match(text, ve, ce)
                if obj:
                    target = resolve_phrase(text, obj.start("obj"), obj.end("obj"), self.lexicon)
                    if target and is_media(self.lexicon, target[0]):
                        relay = target[0]
                    content_start = obj.end()
            if verb == "called" and re.match(r"\s*(?:on|for|upon)\b", text[ve:ce]):
                return None
            lead = _CONTENT_LEAD.match(text, content_start, ce)
            if lead:
                content_start = lead.end()
            attribution = Attribution(speakers, content_start, ce, verb, relay=relay, rule="subject-verb")
            return attribution if found_relay else self._relay(attribution, index)
        return False if unresolved else None

    def _speaker_before(self, cs: int, match: re.Match, index: int):
        """(speakers, phrase start, verb) when the words before a reporting verb name a speaker.

        Handles appositions ("Hikmet Hajiyev, an aide to President Ilham Aliyev, told ...": the
        head comes first) and agencies citing a source ("Interfax, citing the army, reported").
        """
        text = self.text
        verb = match.group("verb").lower()
        self._citing_relay = None
        region_end = self._trim_end(match.start())
        region = text[cs:region_end]
        citing = re.search(r"(?P<agency>[^,]+),\s*citing\s+(?P<source>[^,]+)$", region)
        if citing:
            agency = resolve_phrase(
                text, cs + citing.start("agency"), cs + citing.end("agency"), self.lexicon
            )
            source = self._resolve(cs + citing.start("source"), cs + citing.end("source"), index)
            if source and agency and is_media(self.lexicon, agency[0]):
                self._citing_relay = agency[0]
                return source, cs + citing.start("agency"), verb
        np_start, np_end = self._np_before(cs, match.start())
        if np_end <= np_start:
            return None
        appositive = text[np_start:np_end].split(",")
        if text[cs : match.start()].rstrip().endswith(",") and len(appositive) >= 2:
            head_end = np_start + len(appositive[0])
            head = self._resolve(np_start, head_end, index)
            if head:
                ref = head[0]
                if isinstance(ref, NewParty) and ref.parent_id is None:
                    role = resolve_phrase(text, head_end + 1, np_end, self.lexicon)
                    if role and isinstance(role[0], int):
                        parent = role[0]
                        if self.lexicon.parties[parent].kind == "official":
                            parent = self.lexicon.parties[parent].parent_id
                        elif self.lexicon.parties[parent].kind == "state":
                            parent = self.lexicon.child_of_kind(parent, "government") or parent
                        head = [NewParty(ref.name, parent, ref.kind)]
                return head, np_start, verb
        speakers = self._resolve(np_start, np_end, index)
        if not speakers:
            speakers = self._generic_in_country(cs, np_start, np_end)
        if not speakers:
            return None
        return speakers, np_start, verb

    def _generic_in_country(self, cs: int, np_start: int, np_end: int) -> list[PartyRef]:
        """ "In Azerbaijan, officials said": a bare "officials" speaks for the country named just before."""
        phrase = self.text[np_start:np_end].strip().lower()
        if phrase not in _GENERIC_SPEAKERS:
            return []
        lead = re.match(r"\s*In\s+(?P<place>[^,]+),", self.text[cs:np_start])
        if not lead:
            return []
        name = lead.group("place").strip()
        state = self.lexicon.states.get(name.lower())
        if state is None:
            return []
        government = self.lexicon.child_of_kind(state, "government")
        military = self.lexicon.child_of_kind(state, "armed_force")
        return [military if "military" in phrase or "army" in phrase else government or state]

    def _trim_end(self, position: int) -> int:
        while position > 0 and self.text[position - 1] in " \t\n,“”\"'":
            position -= 1
        return position

    def _content_end(self, cs: int, position: int) -> int:
        end = position
        while end > cs and self.text[end - 1] in " \t\n,“”\"'":
            end -= 1
        return end

    def _relay(self, attribution: Attribution, index: int) -> Attribution:
        """A news agency relaying someone ("X said ..., Reuters reported"): the inner speaker claims."""
        if len(attribution.speakers) == 1 and is_media(self.lexicon, attribution.speakers[0]):
            citing = re.search(
                r"\bciting\s+(?P<np>[^,]+),",
                self.text[attribution.content_start - 40 : attribution.content_start],
            )
            inner = self._attribution(attribution.content_start, attribution.content_end, index)
            if isinstance(inner, Attribution) and not is_media(self.lexicon, inner.speakers[0]):
                inner.relay = attribution.speakers[0]
                inner.rule = f"relay:{inner.rule}"
                return inner
            if citing:
                base = attribution.content_start - 40
                speakers = self._resolve(
                    max(0, base) + citing.start("np"), max(0, base) + citing.end("np"), index
                )
                if speakers:
                    return Attribution(
                        speakers,
                        attribution.content_start,
                        attribution.content_end,
                        attribution.verb,
                        relay=attribution.speakers[0],
                        rule="relay:citing",
                    )
        return attribution

    # --- building candidates -------------------------------------------------------------------

    def _sentence_day(self, index: int) -> date | None:
        """The day a sentence names (computed once, only for sentences that claims need)."""
        if index < 0:
            return None
        if index not in self._days:
            start, end = self.sentences[index]
            self._days[index] = day_find(self.text[start:end], self.published, self.lexicon.timezone)
        return self._days[index]

    def _window(self, qs: int, qe: int, sentence: tuple[int, int]):
        """Event window of a claim: its own clause's time, else the day its sentence (or the one
        before) names.  A clock time in a sibling clause is not borrowed.  Days of other sentences
        are looked up only when the clause names none (day_find is the costly part)."""
        key = (qs, qe)
        if key not in self._windows:
            clause = self.text[qs:qe]
            self._windows[key] = (day_find(clause, self.published, self.lexicon.timezone), time_find(clause))
        day, clock = self._windows[key]
        index = self.current_index
        if day is None:
            day = self._sentence_day(index) or self._sentence_day(index - 1)
            if day is None and clock is not None:
                day = self._sentence_day(index - 2)
        if clock is not None:
            if day is None and self.published is not None:
                day = self.published.astimezone(self.lexicon.timezone).date()
            if day is None:
                return None, None
            start = datetime.combine(day, clock, tzinfo=self.lexicon.timezone)
            return start, start + timedelta(seconds=59)
        if day is None:
            return None, None
        start = datetime.combine(day, time(0, 0), tzinfo=self.lexicon.timezone)
        return start, start + timedelta(days=1) - timedelta(microseconds=1)

    def _places_in(self, start: int, end: int) -> list[int]:
        """Gazetteer places named in text[start:end]; "the town" stands for the last place named before."""
        found = list(self.lexicon.place_ids(self.text[start:end]))
        if found:
            return found
        if _ANAPHOR.search(self.text, start, end):
            index = self.current_index
            lo = self.sentences[max(0, index - 2)][0] if self.sentences else 0
            earlier = find_places(self.lexicon, tokenize(self.text, lo, start))
            towns = [m for m in earlier if self.lexicon.place_rank.get(m.id, 0) == 0]
            if towns:
                return [towns[-1].id]
        return []

    def _event_place(self, cs: int, ce: int, sentence: tuple[int, int]) -> int | None:
        """Where a reported event happened: a place in what is said, else a town named in the sentence
        or the two before it ("nine were killed in the strike" after "a missile hit Ganja")."""
        place = self._place(cs, ce)
        if place is not None:
            return place
        lo = self.sentences[max(0, self.current_index - 2)][0] if self.sentences else sentence[0]
        for start, end in ((sentence[0], sentence[1]), (lo, sentence[0])):
            towns = [
                p
                for p in self.lexicon.place_ids(self.text[start:end])
                if self.lexicon.place_rank.get(p, 0) == 0
            ]
            if towns:
                return towns[-1]
        return None

    def _place(self, start: int, end: int) -> int | None:
        key = (start, end)
        if key not in self._place_cache:
            self._place_cache[key] = self._place_uncached(start, end)
        return self._place_cache[key]

    def _place_uncached(self, start: int, end: int) -> int | None:
        places = self.lexicon.place_ids(self.text[start:end])
        if not places:
            return None
        ranks = self.lexicon.place_rank
        best = min(range(len(places)), key=lambda i: (ranks.get(places[i], 0), i))
        return places[best]

    def _add(self, kind: str, claimant: PartyRef, qs: int, qe: int, sentence, rule: str, **fields) -> None:
        window = fields.pop("window", None)
        event_start, event_end = window if window is not None else self._window(qs, qe, sentence)
        self.candidates.append(
            Candidate(
                kind=kind,
                claimant=claimant,
                quote_start=qs,
                quote_end=qe,
                quote=self.text[qs:qe],
                rule=rule,
                event_start=event_start,
                event_end=event_end,
                **fields,
            )
        )

    def _act(self, start: int, end: int) -> str:
        act = self.text[start:end].strip(" ,.;:“”\"'")
        act = re.sub(r"\s+", " ", act)
        return act[:300]

    # --- rules ---------------------------------------------------------------------------------

    def _historical_window(self, sentence) -> tuple[datetime, datetime] | None:
        """The years an earlier war's figures belong to ("the 1988–1994 war left 30,000 dead")."""
        if self.published is None:
            return None
        years: list[int] = []
        for match in _YEAR.finditer(self.text, sentence[0], sentence[1]):
            year = int(match.group("year"))
            if year < self.published.year:
                years += [year, year + 9] if match.group("decade") else [year]
        if not years:
            return None
        return (
            datetime(min(years), 1, 1, tzinfo=self.lexicon.timezone),
            datetime(max(years), 12, 31, 23, 59, 59, tzinfo=self.lexicon.timezone),
        )

    def _casualties(self, claimant, relay, qs, qe, cs, ce, sentence, rule) -> None:
        if CASUALTY_STEMS.isdisjoint(self.stems):
            return
        figures = casualty_figures(self.text, cs, ce)
        if not figures:
            return
        window = self._historical_window(sentence)
        if window is not None and rule == "outlet":
            # Background the outlet gives about an earlier war is not a claim about this event.
            return
        place = self._event_place(cs, ce, sentence)
        claims: list[dict] = []
        group = None
        for figure in figures:
            group = figure.group or group
            target = next(
                (
                    c
                    for c in claims
                    if c["victim_group"] == (group or "unspecified") and figure.measure not in c
                ),
                None,
            )
            if target is None:
                target = {"victim_group": group or "unspecified"}
                claims.append(target)
            target[figure.measure] = figure.interval
        for values in claims:
            self._add(
                "casualty",
                claimant,
                qs,
                qe,
                sentence,
                f"{rule}/casualty",
                relayed_by=relay,
                place_id=place,
                **({"window": window} if window is not None else {}),
                **values,
            )

    def _subject_before(self, cs: int, position: int) -> tuple[int, int, bool]:
        """The few words before a verb that may name its subject; flags a passive ("were killed")."""
        start = max(cs, position - 80)
        segment = self.text[start:position]
        cut = max(
            segment.rfind(","), segment.rfind("“"), segment.rfind('"'), segment.rfind("("), segment.rfind("—"),
            segment.rfind(" – "), segment.rfind(" - "),
        )  # fmt: skip
        if cut >= 0:
            start += cut + 1
        for match in _BOUNDARY_WORDS.finditer(self.text, start, position):
            start = match.end()
        words = self.text[start:position].split()
        while words and words[-1].lower().strip("\"'“”") in _ADVERBS:
            words.pop()
        verb = re.match(r"\w+", self.text[position:])
        progressive = bool(verb) and verb.group(0).lower().endswith("ing")
        passive = bool(words) and words[-1].lower() in _PASSIVE_AUX and not progressive
        return start, position, passive

    def _accusations_in_speech(self, claimant, relay, qs, qe, cs, ce, sentence, rule) -> None:
        if ATTACK_STEMS.isdisjoint(self.stems):
            return
        seen: set = set()
        for match in ATTACK_RE.finditer(self.text, cs, ce):
            s, e, passive = self._subject_before(cs, match.start())
            if passive or e <= s:
                continue
            if _NEGATION_BEFORE.search(self.text, max(cs, match.start() - 30), match.start()):
                continue
            phrase = self.text[s:e]
            if _ENEMY_WORDS.match(phrase.strip(" “”\"'")):
                enemy = enemy_forces(self.lexicon, claimant)
                accused = [enemy] if enemy is not None else []
            elif pronoun_kind(phrase.strip()) is not None:
                continue
            else:
                accused = resolve_phrase(self.text, s, e, self.lexicon)
            if len(accused) != 1:
                continue
            target = accused[0]
            claimant_side, accused_side = side_of(self.lexicon, claimant), side_of(self.lexicon, target)
            if accused_side not in self.lexicon.belligerent_sides or claimant_side == accused_side:
                continue
            if target in seen:
                continue
            seen.add(target)
            self._add(
                "accusation",
                claimant,
                qs,
                qe,
                sentence,
                f"{rule}/accusation-in-speech",
                relayed_by=relay,
                accused=target,
                act=self._act(match.start(), self._stop(match.end(), ce)),
                place_id=self._place(match.start(), ce),
            )
        self._blame_forms(claimant, relay, qs, qe, cs, ce, sentence, rule, seen)

    def _accused_in(self, start: int, end: int, claimant: PartyRef) -> PartyRef | None:
        """The one party a blamed noun phrase names, on a belligerent side other than the claimant's."""
        stop = _OBJECT_STOP.search(self.text, start, end)
        end = stop.start() if stop else end
        phrase = _SUBJECT_TAIL.sub("", self.text[start:end]).strip(" “”\"'")
        if not phrase or pronoun_kind(phrase) is not None:
            return None
        if _ENEMY_WORDS.match(phrase):
            target = enemy_forces(self.lexicon, claimant)
        else:
            refs = resolve_phrase(self.text, start, start + len(self.text[start:end].rstrip()), self.lexicon)
            if len(refs) != 1:
                return None
            target = refs[0]
        if target is None:
            return None
        claimant_side, accused_side = side_of(self.lexicon, claimant), side_of(self.lexicon, target)
        if accused_side not in self.lexicon.belligerent_sides or claimant_side == accused_side:
            return None
        return target

    def _blame_forms(self, claimant, relay, qs, qe, cs, ce, sentence, rule, seen: set) -> None:
        """Blame by agent ("attacks by X"), by demonym ("an Israeli airstrike") and by responsibility."""
        text = self.text
        found: list[tuple[PartyRef, int, str]] = []
        stems = self.stems
        lower = text[cs:ce].lower()
        by_agent = _BY_AGENT.finditer(text, cs, ce) if " by " in lower else ()
        for match in by_agent:
            if _NEGATION_BEFORE.search(text, max(cs, match.start() - 30), match.start()):
                continue
            agent = _DEMONYM_ATTACK.match(
                text, match.start("np") + (4 if text.startswith("the ", match.start("np")) else 0)
            )
            if agent and _TOLL_BACKGROUND.search(text, max(cs, match.start("np") - 60), match.start("np")):
                continue
            target = self._accused_in(match.start("np"), match.end("np"), claimant)
            if target is not None:
                found.append((target, match.start(), "by-agent"))
        demonym_attacks = (
            () if _DEMONYM_ATTACK_STEMS.isdisjoint(stems) else _DEMONYM_ATTACK.finditer(text, cs, ce)
        )
        for match in demonym_attacks:
            state = self.lexicon.states.get(match.group("dem").lower())
            if state is None or _NEGATION_BEFORE.search(text, max(cs, match.start() - 30), match.start()):
                continue
            if _TOLL_BACKGROUND.search(text, max(cs, match.start() - 60), match.start()):
                continue
            target = self._accused_in(match.start(), match.end(), claimant)
            if target is not None:
                found.append((target, match.start(), "demonym-attack"))
        responsible = _RESPONSIBLE.finditer(text, cs, ce) if "responsib" in lower or "blame" in lower else ()
        for match in responsible:
            group = next(g for g in ("np", "np2", "np3") if match.group(g))
            start, end = match.start(group), match.end(group)
            for boundary in _BOUNDARY_WORDS.finditer(text, start, end):
                start = boundary.end()
            if _NEGATION_BEFORE.search(text, max(cs, match.end(group) - 5), match.end()) or re.search(
                r"\bnot\b|\bno\b", text[match.end(group) : match.end()], re.IGNORECASE
            ):
                continue
            target = self._accused_in(start, end, claimant)
            if target is not None:
                found.append((target, match.start(group), "responsible"))
        for target, at, how in found:
            if target in seen:
                continue
            seen.add(target)
            self._add(
                "accusation", claimant, qs, qe, sentence, f"{rule}/accusation-{how}",
                relayed_by=relay, accused=target, act=self._act(at, self._stop(at, ce)),
                place_id=self._place(cs, ce),
            )  # fmt: skip

    def _stop(self, start: int, end: int) -> int:
        stop = re.search(
            r",\s*(?:while|but|and\s+(?:the|that)|according|which|calling|saying|adding)\b|;",
            self.text[start:end],
        )
        return start + stop.start() if stop else end

    def _controls(self, claimant, relay, qs, qe, cs, ce, sentence, rule) -> None:
        if CONTROL_STEMS.isdisjoint(self.stems):
            return
        text = self.text
        done: set[int] = set()

        def add(place_id: int, controller: PartyRef | None, how: str) -> None:
            if controller is None or place_id in done:
                return
            done.add(place_id)
            self._add(
                "control",
                claimant,
                qs,
                qe,
                sentence,
                f"{rule}/control-{how}",
                relayed_by=relay,
                controller=controller,
                place_id=place_id,
            )

        own_forces = speaker_side_forces(self.lexicon, claimant)
        for match in _UNDER_CONTROL.finditer(text, cs, ce):
            refs = self._controller(match.start("np"), match.end("np"), own_forces)
            for place in self._places_in(cs, match.start()):
                add(place, refs, "under")
        for match in _UNDER_X_CONTROL.finditer(text, cs, ce):
            refs = self._controller(match.start("np"), match.end("np"), own_forces)
            for place in self._places_in(cs, match.start()):
                add(place, refs, "under")
        for match in _FELL.finditer(text, cs, ce):
            if _NEGATION_BEFORE.search(text, max(cs, match.start() - 20), match.start()):
                continue
            controller = (
                self._controller(match.start("np"), match.end("np"), own_forces)
                if match.group("np")
                else None
            )
            for place in self._places_in(cs, match.start()):
                add(place, controller, "fell")
        for match in CONTROL_RE.finditer(text, cs, ce):
            verb = match.group("verb").lower()
            if _NEGATION_BEFORE.search(text, max(cs, match.start() - 25), match.start()):
                continue
            if _AIM_BEFORE.search(text, max(cs, match.start() - 40), match.start()):
                continue
            if text[max(cs, match.start() - 1) : match.start()] == "-":
                continue  # "Armenian-controlled": a description, not a claim
            s, e, passive = self._subject_before(cs, match.start())
            if passive:
                by = re.match(r"\s+by\s+(?P<np>[^,;.]+)", text[match.end() : ce])
                controller = (
                    self._controller(match.end() + by.start("np"), match.end() + by.end("np"), own_forces)
                    if by
                    else (own_forces if verb.startswith(("liberat", "freed")) else None)
                )
                places = self._places_in(cs, match.start())
                if not places:
                    # "the villages of A and B were liberated in the Fuzuli area"
                    where = re.match(r"\s+in\s+(?:the\s+)?(?P<np>[^,;.]{2,40})", text[match.end() : ce])
                    if where:
                        places = self._places_in(
                            match.end() + where.start("np"), match.end() + where.end("np")
                        )
                for place in places:
                    add(place, controller, "passive")
                continue
            if verb in ("control", "hold", "capture", "recapture", "seizure") and text[
                match.end() : match.end() + 4
            ].lower().startswith(" of"):
                continue  # "the capture of X": the nominal rule below
            controller = self._controller(s, e, own_forces) if e > s else None
            stop = _OBJECT_STOP.search(text, match.end(), ce)
            object_end = stop.start() if stop else ce
            for place in self._places_in(match.end(), object_end):
                add(place, controller, "active")
        if own_forces is not None and side_of(self.lexicon, claimant) in self.lexicon.belligerent_sides:
            nominal = () if _NOMINAL_STEMS.isdisjoint(self.stems) else _NOMINAL_CONTROL.finditer(text, cs, ce)
            for match in nominal:
                if _NEGATION_BEFORE.search(
                    text, max(cs, match.start() - 30), match.start()
                ) or _AIM_BEFORE.search(text, max(cs, match.start() - 40), match.start()):
                    continue
                before = text[max(cs, match.start() - 40) : match.start()].lower()
                if re.search(r"\b(?:the|its|their|our|complete|full|a)\s+[\"'“”]?$", before) is None:
                    continue
                object_start, object_end = match.start("object"), match.end("object")
                stop = _OBJECT_STOP.search(text, object_start, object_end)
                object_end = stop.start() if stop else object_end
                controller: PartyRef | None = own_forces
                by = re.search(r"\s+by\s+(?P<np>.+)$", text[object_start:object_end])
                if by:
                    controller = self._controller(object_start + by.start("np"), object_end, own_forces)
                    object_end = object_start + by.start()
                for place in self._places_in(object_start, object_end):
                    add(place, controller, "nominal")

    def _controller(self, start: int, end: int, own_forces: int | None) -> PartyRef | None:
        raw = self.text[start:end]
        phrase = _SUBJECT_TAIL.sub("", raw).strip()
        start += len(raw) - len(raw.lstrip())
        end = start + len(phrase)
        kind = pronoun_kind(phrase)
        lowered = phrase.lower()
        if kind == "self" or lowered.startswith(("our ", "we ", "his ", "her ", "its ", "their ")):
            return own_forces
        if lowered.startswith(("the country's ", "the country’s ", "his country's ", "his country’s ")):
            return own_forces
        if kind is not None:
            return own_forces
        state = self.lexicon.states.get(phrase.lower())
        if state is not None:
            return state
        refs = resolve_phrase(self.text, start, end, self.lexicon)
        return refs[0] if len(refs) == 1 else None

    def _denials_in_speech(self, claimant, relay, qs, qe, cs, ce, sentence, rule) -> bool:
        if DENIAL_STEMS.isdisjoint(self.stems):
            return False
        content = self.text[cs:ce]
        respect = _RESPECT.search(content) or _RESPECTED.search(content)
        if respect and _HYPOTHETICAL.search(content[: respect.start()][-40:]):
            respect = None
        if respect and not re.search(r"\bcall(?:ed|s|ing)? on\b|\burg(?:ed|es|ing)\b", content, re.I):
            self._add(
                "denial", claimant, qs, qe, sentence, f"{rule}/denial-respects-ceasefire",
                relayed_by=relay, act="violating the ceasefire",
            )  # fmt: skip
            return True
        lost = _NEGATED_LOSS.search(content)
        if lost:
            places = self._places_in(cs, ce)
            self._add(
                "denial", claimant, qs, qe, sentence, f"{rule}/denial-not-lost",
                relayed_by=relay, act=self._act(cs, ce), place_id=places[0] if places else None,
            )  # fmt: skip
            return True
        if side_of(self.lexicon, claimant) in self.lexicon.belligerent_sides:
            fighting = None if _FIGHTING_STEMS.isdisjoint(self.stems) else _STILL_FIGHTING.search(content)
            if fighting and _CLAIMED_GAIN.search(content, 0, fighting.start()):
                fighting = None  # "took the camp as fighting continued nearby": the speaker's own advance
            places = (
                [
                    p
                    for p in self._places_in(cs + fighting.start(), ce)
                    if self.lexicon.place_rank.get(p, 0) <= 1
                ]
                if fighting
                else []
            )
            if fighting and (places or not fighting.group(0).lower().startswith(_FIGHT_NOUNS)):
                self._add(
                    "denial", claimant, qs, qe, sentence, f"{rule}/denial-still-fighting",
                    relayed_by=relay, act="capturing " + (self.lexicon.places[places[0]] if places else "the place"),
                    place_id=places[0] if places else None,
                )  # fmt: skip
                return True
        negated = _NEGATED_ATTACK.search(content)
        if negated:
            self._add(
                "denial", claimant, qs, qe, sentence, f"{rule}/denial-negated-act",
                relayed_by=relay, act=self._act(cs, ce), place_id=self._place(cs, ce),
            )  # fmt: skip
            return True
        if _REBUTTAL.search(content) and re.search(
            r"\b(?:report|claim|allegation|accusation|statement)s?\b", content, re.I
        ):
            self._add(
                "denial", claimant, qs, qe, sentence, f"{rule}/denial-rebuttal",
                relayed_by=relay, act=self._act(cs, ce), place_id=self._place(cs, ce),
            )  # fmt: skip
            return True
        return False

    def _mutual(self, sentence: tuple[int, int], index: int) -> bool:
        """ "A and B exchanged allegations of X, while both claimed to respect it, with A accused of Y"."""
        ss, se = sentence
        lower = self.text[ss:se].lower()
        if "each other" not in lower and "exchang" not in lower and "trad" not in lower:
            return False
        match = MUTUAL_RE.search(self.text, ss, se)
        if not match:
            return False
        clauses = clause_spans(self.text, ss, se)
        first = next(c for c in clauses if c[0] <= match.start() < c[1] + 1)
        np_start, np_end = self._np_before(first[0], match.start())
        parties = self._resolve(np_start, np_end, index)
        if len(parties) != 2:
            return False
        a, b = parties
        act = self._act(match.end(), self._stop(match.end(), first[1]))
        for accuser, accused in ((a, b), (b, a)):
            self._add("accusation", accuser, first[0], first[1], sentence, "mutual", accused=accused, act=act)
        for cs, ce in clauses:
            if _BOTH_RESPECT.search(self.text, cs, ce):
                for party in (a, b):
                    self._add(
                        "denial",
                        party,
                        cs,
                        ce,
                        sentence,
                        "mutual/both-respect",
                        act="violating the ceasefire",
                    )
            for passive in _PASSIVE_ACCUSED.finditer(self.text, cs, ce):
                s, e, _ = self._subject_before(cs, passive.start())
                accused = resolve_phrase(self.text, s, e, self.lexicon)
                if len(accused) == 1 and accused[0] in (a, b):
                    accuser = b if accused[0] == a else a
                    act_end = self._passive_act_end(passive.end(), ce)
                    self._add(
                        "accusation", accuser, cs, ce, sentence, "mutual/passive-accused",
                        accused=accused[0], act=self._act(passive.end(), act_end),
                    )  # fmt: skip
        return True

    def _passive_act_end(self, start: int, end: int) -> int:
        nxt = _PASSIVE_ACCUSED.search(self.text, start, end)
        if not nxt:
            return end
        back = self.text.rfind(",", start, nxt.start())
        return back if back > start else nxt.start()

    # --- quotes over several sentences -----------------------------------------------------------

    def _quote_regions(self) -> list[_QuoteRegion]:
        text = self.text
        regions: list[_QuoteRegion] = []
        for match in re.finditer(r"“([^”]{20,}?)”|\"([^\"\n]{20,}?)\"", text):
            regions.append(_QuoteRegion(match.start() + 1, match.end() - 1))
        return regions

    def _region_speaker(self, region: _QuoteRegion, index_of) -> list[PartyRef]:
        text = self.text
        before_start = max(0, region.start - 160)
        before = text[before_start : region.start - 1]
        lead = re.search(
            rf"(?:^|[.!?]\s+|\n)(?P<np>[^.!?\n]*?)\s+(?:{SAY})\s*[:,]?\s*$", before, re.IGNORECASE
        )
        index = index_of(region.start)
        if lead and lead.group("np").strip():
            speakers = self._resolve(before_start + lead.start("np"), before_start + lead.end("np"), index)
            if speakers:
                return speakers
        after = re.match(
            rf"\s*[,.]?[”\"]?\s*,?\s*(?:(?P<np>[^,.;“”\"]{{1,80}}?)\s+(?:{SAY})|(?:said|added)\s+(?P<np2>[^,.;“”\"]{{1,80}}))\b",
            text[region.end + 1 : region.end + 120],
            re.IGNORECASE,
        )
        if after:
            group = "np" if after.group("np") else "np2"
            offset = region.end + 1
            speakers = self._resolve(offset + after.start(group), offset + after.end(group), index)
            if speakers:
                return speakers
        return []

    # --- main loop -----------------------------------------------------------------------------

    def run(self) -> list[Candidate]:
        text = self.text
        regions = self._quote_regions()
        sentence_starts = [s for s, _ in self.sentences]

        def index_of(offset: int) -> int:
            from bisect import bisect_right

            return max(0, bisect_right(sentence_starts, offset) - 1)

        region_cache: dict[int, list[PartyRef]] = {}
        for index, sentence in enumerate(self.sentences):
            ss, se = sentence
            self.current_index = index
            self.stems = stems_of(text[ss:se])
            if TRIGGER_STEMS.isdisjoint(self.stems) or not TRIGGER_RE.search(text, ss, se):
                continue
            self._sentence(sentence, index, regions, region_cache, index_of)
        return self.candidates

    def _sentence(self, sentence, index, regions, region_cache, index_of) -> None:
        text = self.text
        ss, se = sentence
        if self._mutual(sentence, index):
            return
        inside = [r for r in regions if r.start <= ss < r.end or (ss <= r.start < se and r.end > se)]
        previous: Attribution | None = None
        for cs, ce in clause_spans(text, ss, se):
            each_other = _MUTUAL_TAIL.match(text, cs, ce)
            if each_other and previous is not None and len(previous.speakers) == 2:
                a, b = previous.speakers
                act = self._act(each_other.start("act"), ce)
                for accuser, accused in ((a, b), (b, a)):
                    self._add(
                        "accusation", accuser, cs, ce, sentence, "mutual/accusing-the-other",
                        accused=accused, act=act,
                    )  # fmt: skip
                continue
            region = next((r for r in inside if r.start <= cs < r.end or cs <= r.start < ce), None)
            attribution = self._attribution(cs, ce, index)
            if region is not None and not isinstance(attribution, Attribution):
                key = id(region)
                if key not in region_cache:
                    region_cache[key] = self._region_speaker(region, index_of)
                if region_cache[key]:
                    attribution = Attribution(
                        region_cache[key], max(cs, region.start), min(ce, region.end), "quote", rule="quote"
                    )
            if attribution is False:
                continue
            if isinstance(attribution, Attribution):
                previous = attribution
            self._clause(attribution, cs, ce, sentence)

    def _speaker_after(self, index: int) -> list[PartyRef]:
        """A speaker the next sentence names for this one ("The governor reported about it.",
        "This was stated by the ministry.")."""
        if index in self._after_cache:
            return self._after_cache[index]
        found: list[PartyRef] = []
        if index + 1 < len(self.sentences):
            start, end = self.sentences[index + 1]
            if end - start < 160 and _BACK_HINT.search(self.text, start, end):
                match = _BACK_REFERENCE.match(self.text, start, end)
                if match:
                    group = next(g for g in ("np", "np2", "np3") if match.group(g))
                    found = self._resolve(match.start(group), match.end(group), index + 1)
        self._after_cache[index] = found
        return found

    def _clause(self, attribution: Attribution | None, cs: int, ce: int, sentence) -> None:
        if attribution is None:
            following = self._speaker_after(self.current_index)
            if following:
                attribution = Attribution(following, cs, ce, "reported", rule="next-sentence")
            else:
                if self.outlet_party is not None:
                    self._casualties(self.outlet_party, None, cs, ce, cs, ce, sentence, "outlet")
                return
        for speaker in attribution.speakers:
            self.speakers.append((cs, speaker))
        content_start, content_end = attribution.content_start, attribution.content_end
        verb = attribution.verb
        relay = attribution.relay
        for speaker in attribution.speakers:
            rule = attribution.rule or "attributed"
            if verb in ACCUSE_SET:
                parsed = re.match(
                    r"\s*(?P<np>.+?)\s+(?:of|for)\s+(?P<act>.+)$", self.text[content_start:content_end], re.S
                )
                if parsed:
                    np_s, np_e = content_start + parsed.start("np"), content_start + parsed.end("np")
                    for accused in resolve_phrase(self.text, np_s, np_e, self.lexicon):
                        act_start = content_start + parsed.start("act")
                        self._add(
                            "accusation", speaker, cs, ce, sentence, f"{rule}/accused-of",
                            relayed_by=relay, accused=accused, act=self._act(act_start, self._stop(act_start, content_end)),
                            place_id=self._place(act_start, content_end),
                        )  # fmt: skip
                self._casualties(speaker, relay, cs, ce, content_start, content_end, sentence, rule)
                continue
            if verb in DENY_SET:
                self._add(
                    "denial", speaker, cs, ce, sentence, f"{rule}/denied",
                    relayed_by=relay, act=self._act(content_start, content_end),
                    place_id=self._place(content_start, content_end),
                )  # fmt: skip
                continue
            spans = [(content_start, content_end)]
            if attribution.extra is not None:
                spans.append(attribution.extra)
            for start, end in spans:
                if self._denials_in_speech(speaker, relay, cs, ce, start, end, sentence, rule):
                    continue
                self._accusations_in_speech(speaker, relay, cs, ce, start, end, sentence, rule)
                self._controls(speaker, relay, cs, ce, start, end, sentence, rule)
                self._casualties(speaker, relay, cs, ce, start, end, sentence, rule)


def extract_candidates(
    text: str,
    *,
    lexicon: Lexicon,
    published: datetime | None = None,
    outlet_party: PartyRef | None = None,
) -> list[Candidate]:
    """All candidate claims in an article body, in text order (pure: no database access)."""
    return Extractor(text, lexicon=lexicon, published=published, outlet_party=outlet_party).run()


__all__ = ["Attribution", "Candidate", "NewParty", "extract_candidates"]
