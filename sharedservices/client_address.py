"""The address a request really came from, when it passed through our own proxy.

Behind the documented proxy (deploy/nginx/) every request reaches the app from the
proxy's address, so sign-in throttling and the audit trail would see one client.
The proxy sets `X-Forwarded-For` to the address it was connected from; that header
is believed only when the connection comes from an address in TRUSTED_PROXIES,
so a client talking to the app directly cannot choose its own address.
"""

import ipaddress

from django.conf import settings


def parse_networks(values):
    """Networks from addresses or CIDR ranges ("127.0.0.1", "10.0.0.0/8"); a bad one is refused by name."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"{value!r} is not an IP address or network") from None
    return networks


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address):
    return address is not None and any(address in network for network in settings.TRUSTED_PROXY_NETWORKS)


def is_trusted_proxy(address):
    return _trusted(_address(address))


def client_ip(request):
    """The client's address: the nearest untrusted hop of X-Forwarded-For when the peer is a trusted proxy."""
    peer = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_address(peer)):
        return peer
    # Walk back from the hop our proxy added: addresses further left were written by the client.
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break
        if not _trusted(address):
            return str(address)
    return peer
