"""Canonical article URLs: two addresses of one article (tracking parameters, case, a fragment) are one."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from sources.errors import IngestError

# Query parameters that only track the reader; two URLs differing in them are the same article.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "ref",
        "ref_src",
        "smid",
        "cid",
        "ito",
        "at_medium",
        "at_campaign",
    }
)


_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")


def url_canonicalize(url: str) -> str:
    """Canonical form used for dedup: lower-case scheme and host (an IPv6 literal in brackets), no
    default port, no user name or password, no fragment, no tracking parameters, remaining parameters
    sorted, no trailing slash on the path.  A port out of range is an ``IngestError``."""
    url = url.strip()
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        raise IngestError(f"'{url}' is not an absolute URL (it needs a scheme and a host).")
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        raise IngestError(f"'{url}' has a port out of range (1 to 65535).") from None
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    # A user name or password in the URL is never stored: it is a credential, not part of the address.
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path.rstrip("/")
    canonical = urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))
    try:
        URLValidator(schemes=["http", "https"])(canonical)
    except ValidationError:
        raise IngestError(f"'{url}' is not a valid http(s) URL.") from None
    return canonical
