"""The guarded fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from url_testserver import LocalServer, serve

from verifyctl.net.address import parse_ip, refusal
from verifyctl.net.fetch import GuardedFetcher


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    with serve() as server:
        yield server


class LoopbackOnly(GuardedFetcher):
    """Allows loopback; fails the test if the fetcher ever connects anywhere else."""

    def __init__(self, resolved: dict[str, list[str]] | None = None, **kwargs: object) -> None:
        super().__init__(allow_loopback=True, **kwargs)  # type: ignore[arg-type]
        self.resolved = resolved or {}
        self.connected: list[str] = []

    def resolve(self, host: str, port: int) -> list[str]:
        if host in self.resolved:
            return self.resolved[host]
        return super().resolve(host, port)

    def connect(self, address: str, port: int) -> socket.socket:
        ip = parse_ip(address)
        assert ip is not None and ip.is_loopback, f"tried to connect to {address}"
        self.connected.append(address)
        return super().connect(address, port)


@pytest.mark.parametrize(
    ("address", "policy"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fd12::1", "private"),
        ("169.254.1.1", "link_local"),
        ("fe80::1", "link_local"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("100.100.100.200", "metadata"),
        ("100.64.0.1", "cgnat"),
        ("100.127.255.254", "cgnat"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.1", "private"),
        ("198.18.0.1", "private"),
        ("::ffff:127.0.0.1", "loopback (embedded in IPv6)"),
        ("::ffff:10.0.0.1", "private (embedded in IPv6)"),
        ("::ffff:169.254.169.254", "metadata (embedded in IPv6)"),
        ("64:ff9b::7f00:1", "loopback (embedded in IPv6)"),
        ("64:ff9b::a9fe:a9fe", "metadata (embedded in IPv6)"),
        ("64:ff9b:1::1", "nat64"),
        ("2002:7f00:1::1", "loopback (embedded in IPv6)"),
        ("2002:c0a8:101::1", "private (embedded in IPv6)"),
        ("::7f00:1", "loopback (embedded in IPv6)"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"),
        ("8.8.8.8", None),
        ("203.205.37.201", None),
        ("2606:4700::1111", None),
        ("64:ff9b::808:808", None),
        ("2002:808:808::1", None),
        ("::ffff:8.8.8.8", None),
    ],
)
def test_address_policy(address: str, policy: str | None) -> None:
    ip = parse_ip(address)
    assert ip is not None
    assert refusal(ip) == policy


def test_allow_loopback_lets_only_loopback_through() -> None:
    for text, allowed in (("127.0.0.1", True), ("::1", True), ("::ffff:127.0.0.1", True), ("10.0.0.1", False)):
        ip = parse_ip(text)
        assert ip is not None
        assert (refusal(ip, allow_loopback=True) is None) is allowed


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"],
)
def test_without_the_switch_nothing_connects(http_server: LocalServer, host: str) -> None:
    fetcher = GuardedFetcher(timeout=2)
    chain = fetcher.follow(http_server.url("/final", host=host))
    assert chain.blocked is not None
    assert chain.blocked.refused is not None and chain.blocked.refused.startswith("loopback")
    assert chain.hops[0].status is None
    assert http_server.seen.connections == 0
    assert fetcher.head_or_get(http_server.url("/", host=host)).refused is not None
    assert http_server.seen.connections == 0


def test_follows_a_redirect_chain(http_server: LocalServer) -> None:
    final = http_server.url("/final")
    middle = http_server.url("/to?u=" + quote(final, safe="") + "&code=301")
    fetcher = LoopbackOnly()
    chain = fetcher.follow(http_server.url("/to?u=" + quote(middle, safe="")))
    assert [h.status for h in chain.hops] == [302, 301, 200]
    assert chain.final_url == final
    assert chain.complete and chain.blocked is None
    assert http_server.seen.connections == 3
    assert all(method == "HEAD" for method, _, _ in http_server.seen.requests)


def test_relative_location_is_resolved(http_server: LocalServer) -> None:
    chain = LoopbackOnly().follow(http_server.url("/loop/4"))
    assert chain.hops[1].url == http_server.url("/loop/5")


def test_at_most_five_redirects(http_server: LocalServer) -> None:
    chain = LoopbackOnly().follow(http_server.url("/loop/0"))
    assert chain.too_many_redirects
    assert not chain.complete
    assert len(chain.hops) == 6  # the first request and five redirects followed
    assert http_server.seen.connections == 6


@pytest.mark.parametrize(
    ("target", "policy"),
    [
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://10.0.0.1/", "private"),
        ("http://[::ffff:10.0.0.1]/", "private (embedded in IPv6)"),
        ("http://[64:ff9b::a00:1]/", "private (embedded in IPv6)"),
        ("http://[2002:a00:1::]/", "private (embedded in IPv6)"),
        ("http://100.64.1.1/", "cgnat"),
        ("http://0x0a.1/", "private"),
        ("http://167772161/", "private"),
        ("http://[fe80::1]/", "link_local"),
        ("http://224.0.0.251/", "multicast"),
        ("ftp://8.8.8.8/", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("gopher://8.8.8.8/", "scheme"),
    ],
)
def test_a_redirect_to_a_refused_address_is_blocked(
    http_server: LocalServer, target: str, policy: str
) -> None:
    fetcher = LoopbackOnly()
    chain = fetcher.follow(http_server.url("/to?u=" + quote(target, safe="")))
    assert chain.hops[0].status == 302
    blocked = chain.blocked
    assert blocked is not None and blocked.refused == policy
    assert blocked.status is None
    assert fetcher.connected == ["127.0.0.1"]


def test_connects_to_the_checked_address_and_sends_the_name(http_server: LocalServer) -> None:
    fetcher = LoopbackOnly(resolved={"news.example": ["127.0.0.1"]})
    hop = fetcher.head_or_get(f"http://news.example:{http_server.port}/final")
    assert hop.status == 200 and hop.address == "127.0.0.1"
    assert http_server.seen.requests[0][2]["Host"] == f"news.example:{http_server.port}"


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_a_proxy_in_the_environment_is_not_used(
    http_server: LocalServer, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    """httpx clients follow proxy variables; the fetcher's transport never does: a proxy would
    connect to an address the guard never saw."""
    monkeypatch.setenv(variable, "http://10.0.0.7:3128")
    fetcher = LoopbackOnly(resolved={"news.example": ["127.0.0.1"]})
    hop = fetcher.head_or_get(f"http://news.example:{http_server.port}/final")
    assert hop.status == 200 and fetcher.connected == ["127.0.0.1"]
    assert http_server.seen.requests[0][2]["Host"] == f"news.example:{http_server.port}"


def test_one_refused_answer_refuses_the_name(http_server: LocalServer) -> None:
    fetcher = LoopbackOnly(resolved={"rebind.example": ["127.0.0.1", "10.0.0.5"]})
    hop = fetcher.head_or_get(f"http://rebind.example:{http_server.port}/")
    assert hop.refused == "private"
    assert fetcher.connected == []
    assert http_server.seen.connections == 0


def test_no_cookies_are_kept(http_server: LocalServer) -> None:
    chain = LoopbackOnly().follow(http_server.url("/cookie"))
    assert chain.complete
    assert all("Cookie" not in headers for _, _, headers in http_server.seen.requests)


def test_credentials_in_the_url_are_not_sent(http_server: LocalServer) -> None:
    LoopbackOnly().head_or_get(f"http://user:pass@127.0.0.1:{http_server.port}/final")
    assert "Authorization" not in http_server.seen.requests[0][2]


def test_head_rejected_falls_back_to_get(http_server: LocalServer) -> None:
    hop = LoopbackOnly().head_or_get(http_server.url("/nohead"))
    assert hop.status == 200
    assert [m for m, _, _ in http_server.seen.requests] == ["HEAD", "GET"]


def test_body_is_capped(http_server: LocalServer) -> None:
    hop = LoopbackOnly(max_bytes=1000).head_or_get(http_server.url("/big"))
    assert hop.status == 200
    assert len(hop.body) == 1000


def test_a_slow_server_times_out(http_server: LocalServer) -> None:
    hop = LoopbackOnly(timeout=0.3).head_or_get(http_server.url("/slow?s=2"))
    assert hop.status is None and hop.error is not None


def test_a_closed_port_is_an_error_not_a_crash() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    hop = LoopbackOnly().head_or_get(f"http://127.0.0.1:{port}/")
    assert hop.status is None and hop.error is not None and hop.refused is None
