"""The guarded HTTP fetcher behind URL ingestion and feed polling.

Every request the server makes on a user's behalf goes through ``url_fetch``, which refuses what a
server-side request forgery would need:

- schemes other than http(s), and URLs carrying credentials;
- hosts that resolve to an address that is not publicly routable (loopback, private, link-local,
  shared, multicast, reserved, unspecified, IPv4-mapped forms of these) or to a cloud metadata
  address.  The host is resolved once per hop and the connection goes to the address that was
  checked (the name is only sent as ``Host`` and TLS server name), so a DNS answer that changes
  between the check and the connect (DNS rebinding) cannot slip through;
- the same checks on every redirect, which the fetcher follows itself (a bounded number, loops
  detected).

The checks themselves are ``sources.url_guard``; the spacing of requests per host is
``sources.politeness``; the errors are in ``sources.errors``.

It also bounds what a hostile or broken server can cost: connect and read timeouts plus an overall
deadline, a size cap enforced while reading, and a content-type check.  ``FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS``
lists hosts, addresses or networks allowed despite being private (an intranet mirror; the tests'
local server); metadata addresses are refused even then.

Politeness: every request names the project in its User-Agent, and requests to one host are spaced
by ``FACTCHECK_FETCH_HOST_INTERVAL`` seconds through the cache (shared by all workers when the cache
is Redis).  A caller that finds the host too soon waits, at most ``FACTCHECK_FETCH_HOST_MAX_WAIT``
seconds, then gets a ``FetchError``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from django.conf import settings

from sources.errors import FetchError
from sources.politeness import host_wait_turn
from sources.url_guard import url_check_address

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
    }
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_DECLARED_CHARSET = re.compile(
    rb"""(?:<meta[^>]*?charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I
)


@dataclass(frozen=True)
class FetchedPage:
    """What a fetch returned: the final URL (after redirects), status, headers (lower-case names)."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the charset of the header or of a ``<meta charset>`` (or XML declaration),
        else UTF-8; undecodable bytes are replaced."""
        declared = _DECLARED_CHARSET.search(self.body[:4096])
        for encoding in (self.charset, declared.group(1).decode("ascii") if declared else None, "utf-8"):
            if not encoding:
                continue
            try:
                return self.body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
        return self.body.decode("utf-8", errors="replace")


# --- the fetcher -----------------------------------------------------------------------------------


def _pool(scheme: str, host: str, port: int, address: str, timeout: urllib3.Timeout):
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            maxsize=1,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=timeout, maxsize=1, retries=False)


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _host_header(scheme: str, host: str, port: int) -> str:
    default = 443 if scheme == "https" else 80
    name = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return name if port == default else f"{name}:{port}"


def _media_type(value: str) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = value or "application/octet-stream"
    charset = message.get_param("charset")
    # An RFC 2231 charset comes back as a (charset, language, value) triple: its value is the name.
    return message.get_content_type().lower(), charset[2] if isinstance(charset, tuple) else charset


def _read_capped(response, *, url: str, limit: int, deadline: float) -> bytes:
    length = response.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise FetchError(f"{url}: the page is {int(length)} bytes, over the limit of {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    # read1 returns what one socket read brings, so a server dripping bytes meets the deadline check.
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url}: the page is over the limit of {limit} bytes.")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out (the whole fetch took too long).")
        chunks.append(chunk)
    return b"".join(chunks)


def _page_or_redirect(
    response, *, url: str, accept: frozenset[str], limit: int, deadline: float
) -> FetchedPage | str:
    """The page one response carries, or the URL its redirect points to (``FetchError`` otherwise)."""
    status = response.status
    if status in REDIRECT_STATUSES:
        location = response.headers.get("location")
        if not location:
            raise FetchError(f"{url}: a {status} redirect without a Location.")
        return urljoin(url, location.strip())
    response_headers = {name.lower(): value for name, value in response.headers.items()}
    if status == 304:
        return FetchedPage(url=url, status=status, headers=response_headers)
    if not 200 <= status < 300:
        raise FetchError(f"{url}: the server answered HTTP {status}.")
    media_type, charset = _media_type(response_headers.get("content-type", ""))
    if media_type not in accept:
        raise FetchError(f"{url}: the server sent {media_type}, not one of {', '.join(sorted(accept))}.")
    body = _read_capped(response, url=url, limit=limit, deadline=deadline)
    return FetchedPage(
        url=url, status=status, headers=response_headers, body=body, content_type=media_type, charset=charset
    )


def _fetch_once(
    url: str, *, original: str, accept: frozenset[str], headers: dict[str, str] | None, deadline: float
) -> FetchedPage | str:
    """One GET of a fetch, to the checked address: the page, or the URL its redirect points to."""
    connect = float(settings.FACTCHECK_FETCH_CONNECT_TIMEOUT)
    read = float(settings.FACTCHECK_FETCH_READ_TIMEOUT)
    limit = int(settings.FACTCHECK_FETCH_MAX_BYTES)
    scheme, host, port, address = url_check_address(url)
    host_wait_turn(host, max_wait=deadline - time.monotonic())
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"{original}: timed out (the whole fetch took too long).")
    timeout = urllib3.Timeout(connect=min(connect, remaining), read=min(read, remaining))
    request_headers = {
        "Host": _host_header(scheme, host, port),
        "User-Agent": settings.FACTCHECK_FETCH_USER_AGENT,
        "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
        **(headers or {}),
    }
    pool = _pool(scheme, host, port, address, timeout)
    try:
        response = pool.urlopen(
            "GET",
            _request_target(url),
            headers=request_headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
            timeout=timeout,
        )
        try:
            return _page_or_redirect(response, url=url, accept=accept, limit=limit, deadline=deadline)
        finally:
            response.release_conn()
            response.close()
    except urllib3.exceptions.NewConnectionError:
        # Before TimeoutError: urllib3 makes a refused connection a subclass of a connect timeout.
        raise FetchError(f"{url}: the connection failed (nothing answers at {host}:{port}).") from None
    except urllib3.exceptions.TimeoutError:
        raise FetchError(f"{url}: timed out waiting for the server.") from None
    except urllib3.exceptions.SSLError as exc:
        raise FetchError(f"{url}: TLS error ({exc}).") from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(f"{url}: the connection failed ({type(exc).__name__}).") from None
    finally:
        pool.close()


def url_fetch(
    url: str,
    *,
    accept: Iterable[str] = HTML_TYPES,
    headers: dict[str, str] | None = None,
) -> FetchedPage:
    """GET a URL through the SSRF guard; a ``FetchedPage`` or a ``FetchError`` saying what went wrong.

    ``accept``: the media types a 200 may have (HTML pages by default, ``FEED_TYPES`` for feeds).
    ``headers``: extra request headers (If-None-Match / If-Modified-Since for feeds); a 304 comes
    back as a page with ``not_modified`` true and no body.  Any other status outside 2xx is an error.
    """
    accept = frozenset(accept)
    deadline = time.monotonic() + float(settings.FACTCHECK_FETCH_DEADLINE)
    max_redirects = int(settings.FACTCHECK_FETCH_MAX_REDIRECTS)
    original = url
    seen: set[str] = set()
    for _hop in range(max_redirects + 1):
        if url in seen:
            raise FetchError(f"{original}: redirect loop (back to {url}).")
        seen.add(url)
        answer = _fetch_once(url, original=original, accept=accept, headers=headers, deadline=deadline)
        if isinstance(answer, FetchedPage):
            return answer
        url = answer
    raise FetchError(f"{original}: more than {max_redirects} redirects.")


def url_post(url: str, *, body: bytes, headers: dict[str, str], timeout: tuple[float, float]) -> int:
    """POST ``body`` to a URL through the same SSRF guard as fetching (http(s) only, no credentials,
    every address the host resolves to public, the connection made to exactly the checked address,
    redirects not followed); returns the HTTP status.

    ``UnsafeURLError`` for a URL the guard refuses (it will not become safe by retrying), ``FetchError``
    for network failures (which may pass later).
    """
    scheme, host, port, address = url_check_address(url)
    connect, read = timeout
    pool = _pool(scheme, host, port, address, urllib3.Timeout(connect=connect, read=read))
    try:
        response = pool.urlopen(
            "POST",
            _request_target(url),
            body=body,
            headers={"Host": _host_header(scheme, host, port), **headers},
            redirect=False,
            retries=False,
            assert_same_host=False,
        )
    except urllib3.exceptions.NewConnectionError:
        raise FetchError(f"{url}: the connection failed (nothing answers at {host}:{port}).") from None
    except urllib3.exceptions.TimeoutError:
        raise FetchError(f"{url}: timed out waiting for the server.") from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(f"{url}: the connection failed ({type(exc).__name__}: {exc}).") from None
    else:
        return response.status
    finally:
        pool.close()
