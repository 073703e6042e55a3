"""The server-side request forgery guard every outgoing request passes (``sources.fetching``).

Refuses schemes other than http(s), URLs carrying credentials, and hosts that resolve to an address
that is not publicly routable (loopback, private, link-local, shared, multicast, reserved,
unspecified, IPv4-mapped forms of these) or to a cloud metadata address.
``FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS`` lists hosts, addresses or networks allowed despite being
private; metadata addresses are refused even then.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings

from sources.errors import FetchError, UnsafeURLError

METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)


def address_is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address on the public internet; False for anything a forged request could abuse."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return address_is_public(mapped)
        if ip.teredo:
            return False
    if ip in METADATA_ADDRESSES:
        return False
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
    )


def _allowed_privately(
    host: str, ip: ipaddress.IPv4Address | ipaddress.IPv6Address, allow: Iterable[str]
) -> bool:
    if ip in METADATA_ADDRESSES:
        return False
    for entry in allow:
        entry = entry.strip().lower()
        if not entry:
            continue
        if entry == host:
            return True
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def url_check_scheme(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL without credentials; refuses anything else."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise UnsafeURLError(f"{url}: not a valid URL.") from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise UnsafeURLError(f"{url}: not an absolute http(s) URL.")
    if scheme not in ("http", "https"):
        raise UnsafeURLError(f"{url}: only http and https URLs can be fetched, not {scheme or 'this'}:.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURLError(f"{url}: URLs with a user name or password are not fetched.")
    host = (parts.hostname or "").lower()
    if not host:
        raise UnsafeURLError(f"{url}: the URL has no host.")
    return scheme, host, port or (443 if scheme == "https" else 80)


def host_resolve(host: str, port: int) -> list[str]:
    """Every address the host resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {host} ({exc}).") from None
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in addresses:
            addresses.append(address)
    return addresses


def url_check_address(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) for a URL whose host resolves only to allowed addresses.

    ALL resolved addresses must pass, so a name that also resolves to a private address is refused
    whichever one a client would have picked.
    """
    scheme, host, port = url_check_scheme(url)
    try:
        addresses = host_resolve(host, port)
    except FetchError as exc:
        raise FetchError(f"{url}: {exc.messages[0]}") from None
    if not addresses:
        raise FetchError(f"{url}: the host {host} has no address.")
    allow = settings.FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS
    for address in addresses:
        ip = ipaddress.ip_address(address)
        if not address_is_public(ip) and not _allowed_privately(host, ip, allow):
            raise UnsafeURLError(
                f"{url}: refused, the host {host} resolves to {ip}, which is not a public internet address."
            )
    return scheme, host, port, addresses[0]
