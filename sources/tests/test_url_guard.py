"""The SSRF guard's address check (sources.url_guard); the refusals through a fetch are in test_fetching."""

import ipaddress

import pytest

from sources.url_guard import address_is_public


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1::1", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("100.100.0.1", False),
        ("169.254.169.254", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:0a00:0001::1", False),
        ("239.1.1.1", False),
        ("240.0.0.1", False),
    ],
)
def test_only_globally_routable_addresses_are_public(address, public):
    assert address_is_public(ipaddress.ip_address(address)) is public
