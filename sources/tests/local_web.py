"""A small news site for the monitoring tests: a real HTTP server on 127.0.0.1 in a thread.

It serves two articles about the war, an RSS and an Atom feed listing them (with ETag and
Last-Modified, answering 304 to a matching conditional request), and the misbehaving pages the
fetcher must survive: a slow page, a huge page, a binary body, a redirect loop, redirects to private
and metadata addresses, and a feed that answers 500.  Every request is recorded.
"""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

GANJA_HTML = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Missile strike hits Ganja homes | Kura Valley Post</title>
  <meta property="og:site_name" content="Kura Valley Post">
  <meta property="og:title" content="Missile strike hits Ganja homes">
  <meta property="article:published_time" content="2020-10-11T10:30:00+04:00">
  <link rel="canonical" href="/news/ganja-strike">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
  <article>
    <h1>Missile strike hits Ganja homes</h1>
    <p>A missile slammed into a row of apartment buildings in Ganja before dawn on Sunday, hours
    after a humanitarian truce brokered in Moscow was due to hold.</p>
    <p>Azerbaijan's Prosecutor General's Office said nine people were killed and 34 wounded in the
    strike.</p>
    <p>Neighbours spent the morning pulling furniture and documents out of the ruined flats while
    firefighters sprayed water on what was left of the upper floors.</p>
  </article>
  <footer>Copyright Kura Valley Post. All rights reserved.</footer>
</body>
</html>
"""

HADRUT_HTML = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Fighting reported near Hadrut</title>
  <meta property="og:site_name" content="Kura Valley Post">
  <meta property="article:published_time" content="2020-10-12T08:00:00+04:00">
</head>
<body>
  <article>
    <h1>Fighting reported near Hadrut</h1>
    <p>Shelling continued through the night along the southern front, residents of nearby villages
    said by telephone.</p>
    <p>Armenia's defence ministry denied that its forces had fired at Ganja.</p>
    <p>Both capitals said they remained ready for talks, but neither gave a date.</p>
  </article>
</body>
</html>
"""

PLAIN_HTML = """<!doctype html>
<html>
<head><title>Ganja toll</title><link rel="canonical" href="{canonical}"></head>
<body><article><h1>Ganja toll</h1>
<p>Azerbaijan's Prosecutor General's Office said ten people were killed and 40 wounded in Ganja on
Sunday, raising its earlier figures after more bodies were found.</p>
<p>Rescuers were still working at the site late in the evening.</p>
</article></body>
</html>
"""

ETAG = '"kvp-feed-1"'
LAST_MODIFIED = "Sun, 11 Oct 2020 12:00:00 GMT"


def _absolute(base: str, link: str) -> str:
    return link if "://" in link else f"{base}{link}"


def rss(base: str, links: list[str]) -> str:
    items = "".join(
        f"<item><title>Story {i}</title><link>{_absolute(base, link)}</link><guid>{_absolute(base, link)}</guid>"
        f"<pubDate>Sun, 11 Oct 2020 10:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Kura Valley Post: war</title><link>{base}/</link><description>News</description>"
        f"{items}</channel></rss>"
    )


def atom(base: str, links: list[str]) -> str:
    entries = "".join(
        f'<entry><title>Story {i}</title><link href="{_absolute(base, link)}"/><id>tag:kvp.example,2020:{link}</id>'
        f"<updated>2020-10-11T10:00:00Z</updated></entry>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Kura Valley Post (Atom)</title><id>tag:kvp.example,2020:feed</id>"
        f"<updated>2020-10-11T12:00:00Z</updated>{entries}</feed>"
    )


class LocalWeb:
    """The site; ``feed_links`` is what the feeds list (tests add entries to it between polls)."""

    def __init__(self, *, slow_seconds: float = 1.5):
        self.requests: list[dict] = []
        self.feed_links = ["/news/ganja-strike"]
        self.huge_size = 64 * 1024
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append({"path": self.path, "headers": dict(self.headers)})
                route = site.routes().get(self.path.split("?", 1)[0])
                if route is None:
                    self.reply(404, "text/plain", b"not found")
                    return
                route(self)

            def reply(self, status, content_type, body=b"", headers=None, length=True):
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if length:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.slow_seconds = slow_seconds
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def paths(self) -> list[str]:
        return [r["path"] for r in self.requests]

    def routes(self) -> dict:
        html = "text/html; charset=utf-8"

        def page(body):
            return lambda h: h.reply(200, html, body.encode())

        def feed(kind, render):
            def serve(h):
                if (
                    h.headers.get("If-None-Match") == ETAG
                    or h.headers.get("If-Modified-Since") == LAST_MODIFIED
                ):
                    h.reply(304, None, length=False)
                    return
                h.reply(
                    200,
                    kind,
                    render(self.base, self.feed_links).encode(),
                    {"ETag": ETAG, "Last-Modified": LAST_MODIFIED},
                )

            return serve

        def fresh_feed(h):
            h.reply(200, "application/rss+xml", rss(self.base, self.feed_links).encode())

        def redirect(target):
            return lambda h: h.reply(302, "text/plain", headers={"Location": target})

        def slow(h):
            time.sleep(self.slow_seconds)
            h.reply(200, html, GANJA_HTML.encode())

        def drip(h):
            h.send_response(200)
            h.send_header("Content-Type", html)
            h.end_headers()
            for _ in range(30):
                try:
                    h.wfile.write(b"<p>.</p>")
                    h.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    return
                time.sleep(0.1)

        def huge(h):
            h.reply(200, html, b"<p>" + b"x" * self.huge_size + b"</p>")

        def huge_unannounced(h):
            h.reply(200, html, b"<p>" + b"x" * self.huge_size + b"</p>", length=False)

        return {
            "/news/ganja-strike": page(GANJA_HTML),
            "/news/hadrut": page(HADRUT_HTML),
            "/feed.rss": feed("application/rss+xml; charset=utf-8", rss),
            "/feed.atom": feed("application/atom+xml", atom),
            "/fresh.rss": fresh_feed,
            "/feed-broken": lambda h: h.reply(500, "text/plain", b"internal error"),
            "/not-a-feed": page(GANJA_HTML),
            "/feed-html-labelled-xml": lambda h: h.reply(200, "application/xml", GANJA_HTML.encode()),
            "/slow": slow,
            "/drip": drip,
            "/huge": huge,
            "/huge-unannounced": huge_unannounced,
            "/binary": lambda h: h.reply(200, "application/octet-stream", b"\x89PNG\r\n\x1a\n\x00\x00"),
            "/image": lambda h: h.reply(200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            "/loop-a": redirect("/loop-b"),
            "/loop-b": redirect("/loop-a"),
            "/moved": redirect("/news/ganja-strike"),
            "/to-private": redirect("http://10.0.0.1/admin"),
            "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
            "/to-file": redirect("file:///etc/passwd"),
            "/empty": page("<html><body></body></html>"),
            "/plain/foreign-canonical": page(PLAIN_HTML.format(canonical="https://reuters.example/ganja")),
            "/plain/own-canonical": page(PLAIN_HTML.format(canonical="/plain/ganja-toll?utm_source=rss")),
        }

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fetch_settings(settings):
    """Fetcher settings for tests: small timeouts and cap, no per-host spacing, and 127.0.0.1 allowed
    (the local site) -- tests of the SSRF guard clear the allowance for the address they test."""
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    settings.FACTCHECK_FETCH_HOST_INTERVAL = 0
    settings.FACTCHECK_FETCH_CONNECT_TIMEOUT = 0.5
    settings.FACTCHECK_FETCH_READ_TIMEOUT = 0.5
    settings.FACTCHECK_FETCH_DEADLINE = 5.0
    settings.FACTCHECK_FETCH_MAX_BYTES = 16 * 1024
    return settings


@pytest.fixture
def web(fetch_settings):
    """The local news site (sources/tests/local_web.py), started for one test."""
    with LocalWeb() as site:
        yield site
