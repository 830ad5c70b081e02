"""The client's address is taken from X-Forwarded-For only when the request came from a trusted proxy."""

import pytest
from django.test import RequestFactory

from sharedservices.client_address import client_ip, parse_networks


@pytest.fixture(autouse=True)
def proxy_on_loopback(settings):
    """The documented topology: nginx on this machine."""
    settings.TRUSTED_PROXY_NETWORKS = parse_networks(["127.0.0.1"])


def request_from(peer, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_a_request_through_the_proxy_comes_from_the_address_the_proxy_saw():
    assert client_ip(request_from("127.0.0.1", "203.0.113.7")) == "203.0.113.7"


def test_a_client_cannot_choose_its_address_by_sending_the_header_itself():
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_addresses_the_client_wrote_before_the_proxys_own_are_ignored():
    assert client_ip(request_from("127.0.0.1", "198.51.100.1, 203.0.113.7")) == "203.0.113.7"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "<x-probe>"])
def test_a_missing_or_malformed_header_falls_back_to_the_proxys_address(forwarded):
    assert client_ip(request_from("127.0.0.1", forwarded)) == "127.0.0.1"


def test_without_trusted_proxies_the_header_is_never_believed(settings):
    settings.TRUSTED_PROXY_NETWORKS = []
    assert client_ip(request_from("127.0.0.1", "203.0.113.7")) == "127.0.0.1"
