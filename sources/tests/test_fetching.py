"""The guarded fetcher: pages from the local site, every failure a clear FetchError, and the SSRF guard."""

import re
import socket

import pytest

from sources.errors import FetchError, UnsafeURLError
from sources.fetching import (
    FEED_TYPES,
    FetchedPage,
    url_fetch,
)

# --- fetching from the local site ------------------------------------------------------------------


def test_a_page_is_fetched_with_its_final_url_type_and_body(web):
    page = url_fetch(web.url("/moved"))
    assert page.status == 200
    assert page.url == web.url("/news/ganja-strike")
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert "Prosecutor General" in page.text()
    assert web.paths() == ["/moved", "/news/ganja-strike"]


def test_every_request_names_the_project_in_its_user_agent(web, settings):
    settings.FACTCHECK_FETCH_USER_AGENT = "factcheck/1.0 (+https://github.com/factcheck; claim tracker)"
    url_fetch(web.url("/moved"))
    agents = {request["headers"]["User-Agent"] for request in web.requests}
    assert agents == {"factcheck/1.0 (+https://github.com/factcheck; claim tracker)"}


def test_a_feed_is_fetched_when_feed_types_are_accepted_and_refused_as_a_page(web):
    assert url_fetch(web.url("/feed.rss"), accept=FEED_TYPES).content_type == "application/rss+xml"
    with pytest.raises(FetchError, match="sent application/rss\\+xml, not one of"):
        url_fetch(web.url("/feed.rss"))


def test_a_conditional_request_answered_304_comes_back_not_modified(web):
    page = url_fetch(web.url("/feed.rss"), accept=FEED_TYPES, headers={"If-None-Match": '"kvp-feed-1"'})
    assert page.not_modified
    assert page.body == b""


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/huge", "is 65543 bytes, over the limit of 16384 bytes"),
        ("/huge-unannounced", "over the limit of 16384 bytes"),
        ("/binary", "sent application/octet-stream, not one of application/xhtml\\+xml, text/html"),
        ("/image", "sent image/png, not one of"),
        ("/slow", "timed out"),
        ("/loop-a", "redirect loop \\(back to .*/loop-a\\)"),
        ("/feed-broken", "the server answered HTTP 500"),
        ("/nowhere", "the server answered HTTP 404"),
    ],
)
def test_a_bad_page_is_a_fetch_error_naming_the_url_and_the_reason(web, path, message):
    with pytest.raises(FetchError, match=message) as caught:
        url_fetch(web.url(path))
    assert "127.0.0.1" in caught.value.messages[0]


def test_a_server_dripping_bytes_meets_the_overall_deadline(web, settings):
    settings.FACTCHECK_FETCH_DEADLINE = 0.6
    with pytest.raises(FetchError, match="the whole fetch took too long"):
        url_fetch(web.url("/drip"))


def test_redirects_are_limited(web, settings):
    settings.FACTCHECK_FETCH_MAX_REDIRECTS = 0
    with pytest.raises(FetchError, match="more than 0 redirects"):
        url_fetch(web.url("/moved"))


def test_a_closed_port_is_a_connection_error(fetch_settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="the connection failed"):
        url_fetch(f"http://127.0.0.1:{port}/")


# --- the SSRF guard --------------------------------------------------------------------------------


@pytest.fixture
def resolve_to(monkeypatch):
    """Make every host name resolve to the given addresses (as a hostile DNS server would)."""

    def install(*addresses: str):
        def fake(host, port, *args, **kwargs):
            return [
                (
                    socket.AF_INET6 if ":" in address else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (address, port),
                )
                for address in addresses
            ]

        monkeypatch.setattr(socket, "getaddrinfo", fake)

    return install


@pytest.fixture
def nothing_allowed(fetch_settings):
    fetch_settings.FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS = []
    return fetch_settings


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.1:8000/admin/",
        "http://localhost/",
        "http://[::1]/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
    ],
)
def test_non_public_addresses_are_refused_before_connecting(nothing_allowed, url):
    with pytest.raises(UnsafeURLError, match="not a public internet address"):
        url_fetch(url)


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.5", "169.254.169.254", "::1"])
def test_a_name_resolving_to_a_private_address_is_refused(nothing_allowed, resolve_to, address):
    resolve_to(address)
    with pytest.raises(UnsafeURLError, match=f"evil.example resolves to {address}"):
        url_fetch("http://evil.example/news")


def test_a_name_resolving_to_a_public_and_a_private_address_is_refused(nothing_allowed, resolve_to):
    resolve_to("93.184.216.34", "10.0.0.5")
    with pytest.raises(UnsafeURLError, match=re.escape("resolves to 10.0.0.5")):
        url_fetch("http://rebind.example/news")


def test_the_local_site_is_refused_without_the_allowance(web, settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS = []
    with pytest.raises(UnsafeURLError):
        url_fetch(web.url("/news/ganja-strike"))
    assert web.requests == []


@pytest.mark.parametrize(
    ("path", "address"), [("/to-private", "10.0.0.1"), ("/to-metadata", "169.254.169.254")]
)
def test_a_redirect_from_an_allowed_host_to_a_private_one_is_refused(web, path, address):
    with pytest.raises(UnsafeURLError, match=f"resolves to {address}"):
        url_fetch(web.url(path))
    assert web.paths() == [path]


def test_metadata_addresses_are_refused_even_when_allowed(fetch_settings):
    fetch_settings.FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS = ["169.254.0.0/16", "fd00::/8"]
    for url in ("http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/"):
        with pytest.raises(UnsafeURLError):
            url_fetch(url)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_FLUSHALL",
        "ftp://ftp.example/file",
        "data:text/html,<p>hi</p>",
        "http://user:secret@news.example/",
        "http:///no-host",
    ],
)
def test_other_schemes_credentials_and_hostless_urls_are_refused(nothing_allowed, url):
    with pytest.raises(UnsafeURLError):
        url_fetch(url)


def test_a_redirect_to_a_file_url_is_refused(web):
    with pytest.raises(UnsafeURLError, match="only http and https"):
        url_fetch(web.url("/to-file"))


def test_a_page_without_a_charset_header_is_decoded_by_its_meta_charset():
    body = '<html><head><meta charset="windows-1251"></head><body>Гянджа</body></html>'.encode("cp1251")
    page = FetchedPage(url="https://x.example/", status=200, body=body, content_type="text/html")
    assert "Гянджа" in page.text()


def test_a_host_that_does_not_resolve_is_a_fetch_error(nothing_allowed, monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match=re.escape("http://nowhere.example/: cannot resolve the host")):
        url_fetch("http://nowhere.example/")
