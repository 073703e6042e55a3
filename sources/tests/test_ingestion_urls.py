"""Canonical URLs (sources/ingestion/urls.py): one article, one address."""

import pytest

from sources.ingestion import IngestError, url_canonicalize


def test_canonical_url_drops_tracking_fragment_trailing_slash_and_host_case():
    assert (
        url_canonicalize("HTTPS://Wire.Example:443/world/ganja/?utm_medium=x&b=2&a=1&fbclid=zz#frag")
        == "https://wire.example/world/ganja?a=1&b=2"
    )


def test_an_ipv6_literal_keeps_its_brackets_and_a_port():
    assert url_canonicalize("http://[2001:DB8::1]:8080/a/") == "http://[2001:db8::1]:8080/a"
    assert url_canonicalize("https://[2001:db8::1]:443/a") == "https://[2001:db8::1]/a"


def test_a_user_name_or_password_in_a_url_is_never_stored():
    assert url_canonicalize("https://alice:s3cret@wire.example/a") == "https://wire.example/a"
    assert url_canonicalize("https://alice@wire.example:8443/a") == "https://wire.example:8443/a"


def test_a_port_out_of_range_is_an_ingest_error_not_a_crash():
    with pytest.raises(IngestError, match="port out of range"):
        url_canonicalize("https://e.org:99999/a")
