"""Vocabularies and patterns of news prose that more than one family of rules needs.

Each claim kind's own patterns live in its module (``claims.extraction.kinds.*``); what is here is
shared: the reporting verbs, the cheap per-sentence gates, and the words around a subject or object
(boundaries, negation, adverbs, the other side's names for the enemy).
"""

from __future__ import annotations

import re

SAY = (
    # "say" after a plural subject ("Indian officials say ..."), not an infinitive ("declined to say").
    r"(?<!\bto )(?<!\bwould )(?<!\bcould )(?<!\bcannot )(?<!\bcan't )say(?=\s)|"
    r"said|says|called|saying|told|tells|claimed|claims|claiming|insisted|insists|insisting|reported|reports"
    r"|reporting|announced|announces|stated|states|added|adds|warned|warns|alleged|alleges|alleging"
    r"|confirmed|confirms|noted|wrote|declared|declares|maintained|maintains|asserted|countered|charged"
    r"|predicted|argued|acknowledged|admitted|reiterated|stressed|estimated|quoted"
    r"|informed|informs|pointed out|points out|clarified|clarifies|explained|explains|emphasi[sz]ed|emphasi[sz]es"
    r"|underlined|underlines"
    # "Peskov described the capture as a victory", "Putin hailed the fall of the town".
    r"|described|describes|hailed|hails|celebrated|tweeted|tweets"
    # "repeated Israel's accusations that ...": repeating a charge is making it.
    r"|repeated(?=\s+(?:[\w'’-]+\s+){0,2}?(?:accusations?|claims?|allegations?|charges?|assertions?)\s+that\b)"
    # "put the death toll at 40", "put it at over 200 dead": giving a figure is saying it.
    r"|(?:put|puts|placed|places|place)(?=\s+(?:(?:the|its|their)\s+(?:[\w-]+\s+)?(?:toll|number|figure|count)\b"
    r"|it\s+at\b))"
    # "the health ministry speaks of 400 deaths": speaking of a figure is giving it.
    r"|(?:speak|speaks|spoke|spoken)(?=\s+of\s+(?:(?:at\s+least|more\s+than|over|about|around|some|nearly|almost)\s+)?"
    r"(?:\d|dozens|hundreds|thousands)"
    r"|\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:toll|tally|figure|count)\b)"
    # "the army counted 26 civilians dead": counting the dead is giving a figure.
    r"|counted(?=\s+(?:[\w,-]+\s+){0,4}?(?:dead|killed|wounded|injured|bodies|deaths|casualties)\b)"
    # "had earlier given a toll of seven dead": giving a toll is saying it.
    r"|(?:gave|given|gives|giving)(?=\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+)?(?:toll|tally|figure|count)\s+of\b)"
    # "the ministry raised the death toll to 115": revising a figure is giving it.
    r"|(?:raised|raises|revised|revises|updated|updates|lowered|lowers)(?=\s+(?:the|its|their)\s+(?:[\w-]+\s+)?"
    r"(?:toll|number|figure|count)\b)"
    r"|posted|posts"
)
ACCUSE = r"accused|accuses|accusing|blamed|blames|blaming"
DENY = (
    r"denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes|rebuffed|rebuffs"
    r"|rebuked|rebukes"
)
VERB_RE = re.compile(rf"\b(?P<verb>{SAY}|{ACCUSE}|{DENY})\b", re.IGNORECASE)
# The same over lower-cased text, several times faster than IGNORECASE on this alternation.
VERB_LOWER_RE = re.compile(VERB_RE.pattern)
ACCUSE_SET = frozenset(ACCUSE.split("|"))
DENY_SET = frozenset(DENY.split("|"))

# Hostile acts a speaker can say the other side did (accusations) or did not do (denials).
ATTACK = (
    r"shelled|shelling|shells|bombed|bombing|bombs|bombarded|bombarding|attacked|attacking|attacks"
    r"|struck|strikes|striking|fired on|fired at|fired|firing|launched|launching|targeted|targeting"
    r"|targets|target|hit|hits|violated|violating|violates|breached|breaching|opened fire|used|killed|killing"
    r"|destroyed|downed|shot down|shoot down|shooting down|advanced|assaulted|raided|pounded|pounding|broke|broken|breaking"
    r"|carried out|carrying out|committed|committing|commits|mined"
    r"|looted|looting|ransacked|ransacking|torched|torching|burned|burnt|stormed|storming|abducted|executed"
    r"|massacred|invaded|besieged|plundered"
    r"|us(?:ing|ed|es)\s+(?:\w+\s+){0,2}?(?:cluster|banned|phosphorus|rockets?|missiles?|drones?|artillery|"
    r"munitions|mercenaries|weapons|bombs)"
    # "using the camp as a military base", "uses civilians as human shields"
    r"|us(?:ing|ed|es)\s+(?:[\w-]+\s+){0,3}?as\s+(?:a\s+|an\s+)?[\"“']?(?:military\s+)?(?:bases?|(?:human|living)\s+shields?|shields?|command\s+(?:cent(?:re|er)s?|posts?)|cover)"
)

# Cheap gate: a sentence without any of these cannot hold a claim we extract.
TRIGGER_RE = re.compile(
    r"\b(?:kill|dead|die|death|bodies|victim|lives|gunfire|treated for|hospitali|applied to medical|sought medical|flee|martyr|wound|injur|hurt|displac|missing|fatalit|perish|lost|los|homes|fled|toll"
    r"|accus|blam|alleg|deni|deny|reject|dismiss|refut|rebuff|rebuk|respect|observ|adher|abid|violat|breach|commit|honou?r"
    r"|uph|compl|seiz|captur|liberat|retook|retak|recaptur|took|taken|control|hold|held|fell|fall|free|enter"
    r"|shell|bomb|attack|struck|strik|fire|firing|launch|target|hit|pound|raid|assault|destroy|down|advanc|us(?:ing|ed|es)|aimed at"
    r"|false|baseless|groundless|lie|fake|untrue|fabricat|provocation|disinformation|no one|nobody|brok|there (?:were|was|are|is) no|result of|caused by|due to|because of"
    r"|occup|absurd|falsif|reality|carr(?:ied|ying) out|committ|mined|repel|repuls|retain|responsib|aggress"
    r"|encroach|loot|ransack|torch|burn|storm|abduct|execut|massacr|invad|besieg|plunder|war crimes|atrocit|(?:fighting|battles?|clashes)\s+(?:[\w-]+\s+){0,3}?(?:continu|going on|under\s*way|rag|ongoing)"
    r"|fighting\s+(?:in|for)\b|withdr|pull(?:ed|ing|s)?\s+out|retreat"
    r"|(?:battles?|fight|struggle)\s+for\b|none\s+of|mistake|unintend|unintentional|misidentif|accident"
    r"|rule[sd]?\s+out|ruling\s+out|not\s+(?:meant|intended|designed|aimed)\s+to)",
)  # matched against lower-cased text: IGNORECASE makes this alternation about five times slower

_WORD = re.compile(r"\w+")


def stems_of(text: str) -> set[str]:
    """First four letters of every word (lower case): a cheap test of which rules can apply."""
    return {word[:4] for word in _WORD.findall(text.lower())}


def may_hold_a_claim(text: str) -> tuple[bool, set[str]]:
    """Whether any rule can apply to a sentence (a trigger word stem, then ``TRIGGER_RE``), and its stems."""
    lowered = text.lower()
    stems = {word[:4] for word in _WORD.findall(lowered)}
    return not TRIGGER_STEMS.isdisjoint(stems) and TRIGGER_RE.search(lowered) is not None, stems


# Which word beginnings any rule needs; a sentence without any is skipped before its regexes run.
TRIGGER_STEMS = frozenset(
    {
        "kill", "mart", "brok", "dead", "die", "died", "deat", "woun", "inju", "hurt", "disp", "miss", "fata",
        "peri", "lost", "loss", "lose", "home", "fled", "toll", "accu", "blam", "alle", "deni", "deny",
        "reje", "dism", "refu", "rebu", "resp", "obse", "adhe", "abid", "viol", "brea", "comm", "hono", "upho",
        "comp", "seiz", "capt", "libe", "reto", "reta", "reca", "took", "take", "cont", "hold", "held",
        "fell", "fall", "free", "ente", "shel", "bomb", "atta", "stru", "stri", "fire", "firi", "laun",
        "targ", "hit", "hits", "poun", "raid", "assa", "dest", "down", "adva", "usin", "used", "uses",
        "fals", "base", "grou", "lie", "lies", "fake", "untr", "fabr", "prov", "disi", "no", "nobo",
        "occu", "absu", "real", "carr", "mine", "figh", "batt", "repe", "repu", "aggr", "rock", "encr",
        "loot", "rans", "torc", "burn", "burnt", "stor", "abdu", "exec", "mass", "inva", "besi", "plun", "crim", "atro", "bodi", "flee", "resu", "caus", "due", "beca",
        "vict", "trea", "hosp", "appl", "soug", "aime", "with", "pull", "retr", "none", "mist", "unin",
        "misi", "acci", "rule", "ruli", "mean", "inte", "desi", "strug", "live", "gunf",
    }
)  # fmt: skip

# Words that end a subject or object phrase ("..., which", "who said").
BOUNDARY_WORDS = re.compile(
    r"(?:^|\s)(?:that|who|which|after|as|when|because|since|while|whereas|said|says|with)\s+",
    re.IGNORECASE,
)
NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|no longer|n't|failed to|did not|yet to)\s+(?:\w+\s+)?$", re.IGNORECASE
)
OBJECT_STOP = re.compile(
    r"\s(?:in|near|outside|from|on|at|after|during|since|and\s+(?:had|have|has|were|was|that|then)"
    r"|which|where|while)\s|,\s*(?:calling|saying|adding|according|which|where|while|and\s+that)|[;:]",
    re.IGNORECASE,
)
# Words a subject ends with that are not the subject ("Russian forces have", "Azerbaijan managed to").
SUBJECT_TAIL = re.compile(
    r"(?:\s+(?:have|has|had|is|are|was|were|will|would|then|also|now|finally|completely|fully|already"
    r"|successfully|managed\s+to|succeeded\s+in|been\s+able\s+to|was\s+able\s+to|were\s+able\s+to))+\s*$",
    re.IGNORECASE,
)
# Words a belligerent uses for the other side: the opposing belligerent (when there is only one).
ENEMY_WORDS = re.compile(
    r"^(?:the\s+)?(?:enemy|occupants|occupiers|occupying forces|invaders|aggressor|adversary|opposite side"
    r"|other side|opposing side|enemy forces|enemy troops|sabotage groups of the opposite side)$",
    re.IGNORECASE,
)
PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be"})
# Adverbs between an auxiliary and its verb ("was completely taken", "were reportedly hit").
ADVERBS = frozenset(
    {
        "completely", "fully", "finally", "reportedly", "allegedly", "already", "now", "also", "again",
        "still", "successfully", "entirely", "partially", "partly", "effectively", "just", "recently",
        "deliberately", "purposefully", "intentionally", "repeatedly", "once", "apparently",
    }
)  # fmt: skip
# "the town" in a claim stands for the last town named before it.
PLACE_ANAPHOR = re.compile(
    r"\bthe\s+(?:whole\s+|entire\s+)?(?:town|city|village|settlement|camp)\b", re.IGNORECASE
)


# --- what a speaker's words look like (used by claims.extraction.attribution) -------------------

VERB_STEMS = frozenset(
    {
        "said", "says", "say", "sayi", "call", "told", "tell", "clai", "insi", "repo", "anno", "stat", "adde",
        "adds", "warn", "alle", "conf", "note", "wrot", "decl", "main", "asse", "coun", "char", "pred",
        "argu", "ackn", "admi", "reit", "stre", "esti", "quot", "accu", "blam", "deni", "deny", "reje",
        "dism", "refu", "acco", "rebu", "info", "poin", "clar", "expl", "emph", "unde", "repe", "put",
        "puts", "plac", "post", "rais", "revi", "upda", "lowe", "per", "gave", "give", "givi", "spea", "desc",
        "hail", "cele", "twee",
        "spok",
    }
)  # fmt: skip
# Ends of what a speaker says that are not part of the claim ("said on Sunday that ...").
CONTENT_LEAD = re.compile(
    r"\s*(?:[,:]\s*)?(?:(?:on|late on|early on|in|at)\s+(?:a\s+)?[\w ]{0,30}?(?:statement|briefing|"
    r"interview|conference|address|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*)?"
    r"(?:that\s+|:\s*)?",
    re.IGNORECASE,
)
TOLD_OBJECT = re.compile(
    r"\s*(?P<obj>(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3}(?:\s+news agency)?|reporters|journalists"
    r"|a news conference|a briefing|parliament|(?:state|national|local)\s+(?:television|TV|media|radio)"
    r"|(?:the\s+)?press)\b",
)
TAIL = re.compile(
    r"(?:on\s+\w+|in\s+(?:a|an|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|speech|address|video"
    r"|interview|post|message|briefing)(?:\s+(?:on|to)\s+(?:the\s+)?[\w-]+(?:\s+(?:people|nation))?)?"
    r"|at\s+a\s+(?:[\w-]+\s+)?(?:briefing|news conference|press conference)"
    r"|on\s+(?:social\s+media|state\s+television|national\s+television)"
    r"|in\s+a\s+statement|late\s+on\s+\w+|earlier|later|reporters|journalists|parliament|lawmakers|morning"
    r"|evening|afternoon|a\s+(?:news|press)\s+conference|a\s+briefing|state\s+(?:television|media|TV)|"
    r"|\(\s*(?:quoted|cited|reported)\s+by\s+[^)]*\)"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\d{1,4}(?:st|nd|rd|th)?"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"|,\s*\w+ing\b.*|\s+citing\b.*|[\s.,;])*",
    re.IGNORECASE | re.DOTALL,
)
# "..., Trend reports citing the statement of the foreign ministry": the agency relays the source.
CITING_AFTER = re.compile(
    r"\s*,?\s*citing\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+)?(?:statement|report|press release|briefing|press service"
    r"|message)\s+(?:of|from|by)\s+)?(?P<np>[^,.;]{2,80}?)(?=\s+(?:in connection|on|as|about|regarding|over)\b|[,.;]|$)",
    re.IGNORECASE,
)
POSSESSIVE_ROLE = re.compile(
    r"(?:its|their|the country['’ʼ]s)\s+(?P<role>[a-z][\w' -]{3,40})$", re.IGNORECASE
)
# "..., according to local groups which called it a war crime": the source ends at its relative clause;
# "..., per health ministry spokesperson Anees al-Asbahi, as he said ..." is the same attribution.
TRAILING_ACCORDING = re.compile(
    r",\s*(?:according to|per|as\s+(?:reported|stated|announced|confirmed|said)\s+by)\s+(?P<np>[^,]+?)"
    r"(?:\s+(?:which|who|that)\s[^,]*|,\s*as\s+(?:he|she|they|it)\s[^,]*)?\.?$",
    re.IGNORECASE,
)
CITING = re.compile(r"(?P<agency>[^,]+),\s*citing\s+(?P<source>[^,]+)$")
CITING_BEFORE = re.compile(r"\bciting\s+(?P<np>[^,]+),")
IN_COUNTRY = re.compile(r"\s*In\s+(?P<place>[^,]+),")
CALLED_ON = re.compile(r"\s*(?:on|for|upon)\b")
GENERIC_SPEAKERS = frozenset(
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
# Unnamed sources that are no party: "local activists said", "according to three eyewitnesses".
GENERIC_SOURCES = frozenset(
    {
        "activists", "witnesses", "eyewitnesses", "residents", "survivors", "medics", "paramedics", "doctors",
        "rescuers", "volunteers", "villagers", "sources", "monitors", "groups", "group", "source", "witness",
        "eyewitness", "resident", "medic", "doctor", "journalist", "journalists", "nurse", "nurses", "worker",
        "workers",
    }
)  # fmt: skip
# "health officials said", "a hospital official": officials of no named body, unnamed sources too (a bare
# "officials" speaks for the country named with it, see GENERIC_SPEAKERS).
GENERIC_OFFICIALS = frozenset({"official", "officials", "authorities"})
OFFICIAL_MODIFIERS = frozenset({"health", "medical", "hospital", "local", "village", "municipal"})
# "a source from the RSF", "two sources close to the army", "a senior source in the ministry, speaking on
# condition of anonymity": an unnamed person of a named party.
SOURCE_OF = re.compile(
    r"(?:(?:a|an|the|one|two|three|several|some)\s+)?(?:(?:senior|military|security|government|local"
    r"|informed|knowledgeable|well-placed|high-ranking|anonymous|unnamed)\s+)?(?P<noun>sources?)"
    r"\s+(?:from|in|within|inside|close\s+to|with|of)\s+(?P<owner>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,4}?)"
    r"(?:,\s*(?:speaking|who\s+spoke|who\s+asked)\b[^,]*,?)?\s*",
    re.IGNORECASE,
)
# The only words such a source may have before its noun ("military sources" are a state's, unknown).
GENERIC_MODIFIERS = frozenset(
    {
        "the", "a", "an", "local", "several", "some", "many", "other", "independent", "unnamed", "human",
        "rights", "monitoring", "medical", "aid", "humanitarian", "civil", "society", "rescue", "hospital",
        "eye", "multiple", "various", "volunteer", "emergency", "health", "relief", "camp",
    }
)  # fmt: skip
PARTICIPLE_TAIL = re.compile(
    r",\s*(?:adding|saying|claiming|insisting|noting)\s+(?:that\s+)?(?P<rest>.)|,\s*(?P<rest2>\w+ing\b)",
    re.IGNORECASE,
)
INVERTIBLE = frozenset(
    {"said", "added", "claimed", "reported", "insisted", "stated", "told", "wrote", "declared", "posted"}
)
ADJECTIVAL = frozenset({"alleged", "reported", "claimed", "confirmed", "stated", "declared", "estimated"})
# "Yerevan, in turn, said ...": an aside between a subject and its verb, not the end of a quote.
ASIDE_END = re.compile(
    r"\w,\s*(?:in\s+turn|for\s+(?:its|his|her|their)\s+part|however|meanwhile|though|too|also|in\s+response"
    r"|instead|separately|earlier|later|in\s+a\s+statement|on\s+\w+)\s*,$",
    re.IGNORECASE,
)
# "the regional governor", "the city's mayor": a local official known by the place they govern.
LOCAL_ROLE = re.compile(
    r"(?:the\s+)?(?:regional\s+|local\s+|provincial\s+|city\s+|city['’]s\s+|region['’]s\s+)?"
    r"(?:acting\s+|interim\s+)?(?P<role>governor|mayor"
    # "the head of the region", "the head of the regional military administration": its governor.
    r"|head\s+of\s+the\s+(?:region|oblast|province|regional\s+(?:military\s+|state\s+)?administration))",
    re.IGNORECASE,
)
# "..., but has denied it": a verb phrase whose subject is the sentence's first one.
AUXILIARIES_ONLY = re.compile(r"(?:(?:has|have|had|also|since|later|then|did|does)\s*)+", re.IGNORECASE)
# Where a sentence's opening subject ends: its first verb.
SUBJECT_END = re.compile(
    r"\s+(?:did|does|do|has|have|had|is|was|were|are|said|says|would|will|could|can|declined|refused)\b",
    re.IGNORECASE,
)
# "denied the accusations and said ...": a second statement by the same speaker.
AND_SAID = re.compile(
    r",?\s+and\s+(?:said|says|added|insisted|claimed|stated|maintained)\s+(?:that\s+)?", re.IGNORECASE
)
# A quotation that closes with a comma right before the speaker: '“...,” he told'.
QUOTE_CLOSED_BEFORE = re.compile(r"[,.!?][”\"]\s*$")
ADJECTIVE_USE = re.compile(r"\b(?:an|a|the|its|their|his|her|this|that|any)\s+$", re.IGNORECASE)


PASSIVE_DENY = frozenset({"denied", "rejected", "dismissed", "refuted", "rebuffed", "rebuked"})
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def is_tail(after: str) -> bool:
    """Whether what follows a reporting verb is only a time, a place or a participle phrase."""
    return TAIL.fullmatch(after) is not None


# --- issue 14: control won back or conceded, denials of intent (kinds.control, withdrawal, denial) ---

# "regained the town", "had withdrawn from Vuhledar", "the strike was a mistake", "none of our aircraft
# was hit": words the trigger test above does not know yet, added to it here.
TRIGGER_STEMS = TRIGGER_STEMS | frozenset(
    {
        "rega", "recl", "with", "expe", "drov", "driv", "push", "oust", "disl", "pull", "retr", "mist", "unin",
        "misi", "none", "excl", "inte", "mean", "erro", "acci", "over", "figh", "noth", "live",
    }
)  # fmt: skip
TRIGGER_RE = re.compile(
    TRIGGER_RE.pattern
    + r"|\b(?:regain|reclaim|withdr|expel|drove|driven|push|ousted|dislodg|pull(?:ed|ing|s)?\s+out"
    r"|retreat|mistake|mistaken|unintend|unintention|misidentif|none\s+of|exclud|intent|meant\s+to|error"
    r"|accident|not\s+(?:yet\s+)?over|fighting\s+back"
    r"|no\s+(?:[\w-]+\s+)?(?:role|connection|links?|involvement|hand|part|relation)\s|nothing\s+to\s+do\s+with"
    r"|not\s+(?:involved|behind)|the\s+lives\s+of)"
)


def content_end_before(text: str, cs: int, position: int) -> int:
    """Where what is said ends, before the speaker that follows it (quotes and commas dropped)."""
    end = position
    while end > cs and text[end - 1] in " \t\n,“”\"'":
        end -= 1
    return end


# --- the words before a reporting verb (``attribution.speaker_before``) ---------------------------

# A finite verb in the words before "said": a clause of its own, not an inverted speaker.
FINITE_VERB = re.compile(r"\b(?:had|has|have|was|were|is|are|will|would)\b")
# Verbs that answer a charge: "..., which Yerevan denies" is the answer (``kinds.answered``), not a speaker.
ANSWERING_VERBS = frozenset({"denies", "denied", "deny", "rejects", "rejected", "disputes", "disputed"})
OBJECT_RELATIVE = re.compile(
    r",\s*(?:claims?\s+|charges?\s+|allegations?\s+|accusations?\s+|something\s+)?which\s+"
    r"(?!has\b|have\b|had\b|is\b|was\b)[^,;:“”\"]{2,60}?\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
# "Moscow, which denies targeting civilians, ...": the speaker of a relative clause is its head.
RELATIVE_SUBJECT = re.compile(
    r"\s*(?P<head>[^,;:“”\"]{2,60}?),\s+(?:which|who)\s+"
    r"(?:(?:has|have|had|also|repeatedly|consistently|always|previously|long|strongly|vehemently)\s+)*"
)
# "Dmitry Peskov provided no evidence, but ...": a verb in the past tense ends the subject.
PAST_VERB = re.compile(r"\s+(?!(?:armed|united|allied|unidentified|unnamed|named)\b)[a-z]{3,}ed\b")
