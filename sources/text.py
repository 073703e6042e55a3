"""Small text helpers shared by the gazetteer, extraction and ingestion."""

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"[\s\-_]+")

# Letters that Unicode does not decompose into a base letter plus a mark.
_FOLD = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ø": "o", "ß": "ss", "’": "'"})


def normalize_name(value: str) -> str:
    """Fold a name for lookups: lower case, no accents or punctuation, single spaces.

    "Gəncə", "Gence" and "GENCE" all become "gence"; "Azeri  officials" becomes "azeri officials".
    """
    folded = unicodedata.normalize("NFKD", value.translate(_FOLD))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _NON_WORD.sub(" ", folded.lower())
    return _SPACES.sub(" ", folded).strip()


def content_hash(body: str) -> str:
    """SHA-256 of the body with white space folded, so re-wrapped copies dedupe together."""
    canonical = " ".join(body.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
