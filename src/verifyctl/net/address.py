"""Which IP addresses the guarded fetcher may connect to.

Only globally routable unicast addresses. Everything a server-side request forgery would aim
at is refused: loopback, private, link-local, shared (CGNAT), multicast, reserved, cloud
metadata endpoints, and the IPv6 forms that carry an IPv4 address inside them (IPv4-mapped,
IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16), judged by the address they embed.
Teredo and the local-use NAT64 prefix are refused outright: what they reach cannot be told
from the address.
"""

from __future__ import annotations

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task metadata
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
        "fd00:ec2::254",  # AWS over IPv6
    )
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_COMPAT = ipaddress.ip_network("::/96")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_TEREDO = ipaddress.ip_network("2001::/32")


def parse_ip(text: str) -> IPAddress | None:
    """An address from `getaddrinfo` or a URL host (brackets and zone index allowed)."""
    text = text.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def refusal(address: IPAddress, allow_loopback: bool = False) -> str | None:
    """Why `address` must not be connected to (a short policy name), or None if it may."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_v4(address)
        if embedded is not None:
            inner = refusal(embedded, allow_loopback)
            return None if inner is None else f"{inner} (embedded in IPv6)"
        if address in _TEREDO:
            return "teredo"
        if address in _NAT64_LOCAL:
            return "nat64"
    if address in _METADATA:
        return "metadata"
    if address.is_loopback:
        return None if allow_loopback else "loopback"
    if address.is_unspecified:
        return "unspecified"
    if address.is_link_local:
        return "link_local"
    if isinstance(address, ipaddress.IPv4Address) and address in _CGNAT:
        return "cgnat"
    if address.is_multicast:
        return "multicast"
    if address.is_reserved:
        return "reserved"
    if address.is_private:
        return "private"
    if not address.is_global:
        return "reserved"
    return None


def _embedded_v4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _COMPAT and int(address) > 1:  # :: and ::1 are themselves, not IPv4
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _SIX_TO_FOUR:
        return address.sixtofour
    return None
