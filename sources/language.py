"""Which language an article is written in, so English rules only ever run over English text.

The detector (lingua, whose models ship inside the package) is built once, on first use, and only
knows the languages this tracker meets in conflict coverage: loading every language would cost
seconds and memory for nothing, and a narrow set makes short texts less ambiguous.
"""

from __future__ import annotations

from functools import lru_cache

ENGLISH = "en"
# ISO 639-1 codes of the languages the detector tells apart.
LANGUAGES = ("en", "ru", "uk", "hy", "az", "tr", "ar", "he", "fr", "de", "es")
# The opening decides almost every article (prose of a few sentences is unambiguous to lingua); the
# longer sample is read only when the opening is too short or too mixed to tell.  Time grows with the
# sample: 400 characters cost a fifth of 2,000.
OPENING_CHARS = 400
SAMPLE_CHARS = 2000
MINIMUM_RELATIVE_DISTANCE = 0.1


@lru_cache(maxsize=1)
def _detector():
    # Kept late: importing lingua loads its language models (seconds, hundreds of MB); only a
    # detection needs them, never a web process that merely imports this module.
    from lingua import IsoCode639_1, LanguageDetectorBuilder  # noqa: PLC0415

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    return (
        LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        .with_minimum_relative_distance(MINIMUM_RELATIVE_DISTANCE)
        .build()
    )


# One short text in each script the detector knows.  lingua loads a language's models on the first text
# that could be in that language, not when the detector is built: warming must detect, not only build.
_WARM_SAMPLES = (
    "The shelling of the town went on through the night, the regional office said.",
    "Обстрел города продолжался всю ночь, сообщили в областной администрации.",
    "Քաղաքի գնդակոծությունը շարունակվեց ամբողջ գիշեր։",
    "استمر قصف المدينة طوال الليل بحسب المكتب الإقليمي.",
    "ההפגזה על העיר נמשכה כל הלילה, כך נמסר.",
)


def language_detector_warm() -> None:
    """Build the detector and load every language model now (a few seconds), rather than in the first
    request that ingests an article: a web worker calls this before it serves."""
    detector = _detector()
    for sample in _WARM_SAMPLES:
        detector.detect_language_of(sample)


def language_detect(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when the text is too short or ambiguous.

    Decided on the opening ``OPENING_CHARS``; the first ``SAMPLE_CHARS`` are read only when the opening
    cannot tell (a dateline, a table of times and figures, a mix of scripts)."""
    sample = (text or "").strip()[:SAMPLE_CHARS]
    if len(sample) < 20:
        return None
    detector = _detector()
    language = detector.detect_language_of(sample[:OPENING_CHARS])
    if language is None and len(sample) > OPENING_CHARS:
        language = detector.detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language is not None else None


def language_of_article(*, body: str, declared: str | None) -> str:
    """The language to store for an article.

    A source that declares a language other than English is believed (given metadata wins, and the
    English rules will not run).  English, the default every entry point assumes, is checked against
    the text: a Russian page submitted without a language is stored as Russian.
    """
    declared = (declared or "").strip().lower()[:10]
    if declared and declared != ENGLISH:
        return declared
    return language_detect(body) or ENGLISH
