"""The guarded fetcher (`--online`) under attack, beyond tests/url/test_url_fetch.py.

Every refusal is proved twice: the 127.0.0.1 servers count what reaches them, and an
in-process hook on `socket.connect` records every connect this process attempts (and stops
any to a non-loopback address before it leaves). DNS is faked in-process: no test sends a
packet anywhere but 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import time
from urllib.parse import quote

import pytest
import trustme
from robust_servers import (
    Counts,
    Server,
    count_connects,
    drip,
    endless_body,
    fake_dns,
    raw,
    redirect_to,
    send,
    serve,
    silent,
)
from robust_support import cost_in_process

from verifyctl.net.fetch import GuardedFetcher

# (how the address is written in a URL, the policy that must refuse it)
SPELLINGS = [
    ("169.254.169.254", "metadata"),
    ("2852039166", "metadata"),  # decimal
    ("0xa9fea9fe", "metadata"),  # hex
    ("0xa9.0xfe.0xa9.0xfe", "metadata"),
    ("0251.0376.0251.0376", "metadata"),  # octal
    ("169.254.43518", "metadata"),  # short form
    ("[::ffff:169.254.169.254]", "metadata (embedded in IPv6)"),
    ("[::ffff:a9fe:a9fe]", "metadata (embedded in IPv6)"),
    ("[64:ff9b::169.254.169.254]", "metadata (embedded in IPv6)"),
    ("[2002:a9fe:a9fe::1]", "metadata (embedded in IPv6)"),
    ("[fd00:ec2::254]", "metadata"),
    ("127.0.0.1", "loopback"),
    ("0x7f000001", "loopback"),
    ("017700000001", "loopback"),
    ("127.1", "loopback"),
    ("[::1]", "loopback"),
    ("[::ffff:7f00:1]", "loopback (embedded in IPv6)"),
    ("[64:ff9b::7f00:1]", "loopback (embedded in IPv6)"),
    ("10.0.0.1", "private"),
    ("167772161", "private"),
    ("012.0.0.1", "private"),
    ("0xc0.0xa8.1.1", "private"),
    ("[::ffff:192.168.1.1]", "private (embedded in IPv6)"),
    ("[64:ff9b::10.0.0.1]", "private (embedded in IPv6)"),
    ("[fc00::1]", "private"),
    ("169.254.1.1", "link_local"),
    ("[fe80::1]", "link_local"),
    ("100.64.0.1", "cgnat"),
    ("0.0.0.0", "unspecified"),
    ("0", "unspecified"),
    ("[::]", "unspecified"),
    ("224.0.0.1", "multicast"),
    ("255.255.255.255", "reserved"),
]


@pytest.mark.parametrize(("host", "policy"), SPELLINGS)
def test_a_refused_address_in_any_spelling_is_never_connected(
    monkeypatch: pytest.MonkeyPatch, host: str, policy: str
) -> None:
    log = count_connects(monkeypatch)
    fake_dns(monkeypatch)
    chain = GuardedFetcher(timeout=2).follow(f"http://{host}/latest/meta-data/")
    assert chain.blocked is not None and chain.blocked.refused == policy
    assert chain.hops[0].status is None
    assert log.addresses == []


# the redirect tests let the fetcher reach its own 127.0.0.1 server, so loopback is allowed there
NOT_LOOPBACK = [(h, p) for h, p in SPELLINGS if not p.startswith("loopback")]


@pytest.mark.parametrize(("host", "policy"), NOT_LOOPBACK)
def test_a_redirect_to_a_refused_address_stops_there(
    monkeypatch: pytest.MonkeyPatch, host: str, policy: str
) -> None:
    with serve(redirect_to(lambda _: f"http://{host}/admin")) as server:
        log = count_connects(monkeypatch)
        fake_dns(monkeypatch)
        fetcher = GuardedFetcher(timeout=2, allow_loopback=True)
        chain = fetcher.follow(server.url("/short"))
    assert chain.blocked is not None and chain.blocked.refused == policy
    assert log.addresses == [("127.0.0.1", server.port)]
    assert server.counts.connections == 1


@pytest.mark.parametrize(
    ("answers", "policy"),
    [
        (["169.254.169.254"], "metadata"),
        (["10.1.2.3"], "private"),
        (["192.168.0.10"], "private"),
        (["127.0.0.1"], "loopback"),
        (["::1"], "loopback"),
        (["::ffff:10.0.0.1"], "private (embedded in IPv6)"),
        (["64:ff9b::a9fe:a9fe"], "metadata (embedded in IPv6)"),
        (["fe80::1"], "link_local"),
        (["100.100.100.200"], "metadata"),
        (["8.8.8.8", "10.0.0.1"], "private"),  # one bad answer refuses the name (rebinding)
        (["10.0.0.1", "8.8.8.8"], "private"),
    ],
)
def test_a_name_that_resolves_to_a_refused_address_is_refused(
    monkeypatch: pytest.MonkeyPatch, answers: list[str], policy: str
) -> None:
    log = count_connects(monkeypatch)
    fake_dns(monkeypatch)["internal.example"] = answers
    chain = GuardedFetcher(timeout=2).follow("https://internal.example/")
    assert chain.blocked is not None and chain.blocked.refused == policy
    assert chain.blocked.address in answers
    assert log.addresses == []


def test_localhost_resolves_to_loopback_and_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with serve(raw(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) as server:
        log = count_connects(monkeypatch)
        chain = GuardedFetcher(timeout=2).follow(server.url(host="localhost"))
    assert chain.blocked is not None and chain.blocked.refused == "loopback"
    assert log.addresses == [] and server.counts.connections == 0


def test_a_redirect_loop_stops_at_the_hop_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    def other(request: bytes) -> str:
        return "/b" if b" /a " in request.split(b"\r\n")[0] + b" " else "/a"

    with serve(redirect_to(other)) as server:
        log = count_connects(monkeypatch)
        fetcher = GuardedFetcher(timeout=2, allow_loopback=True)
        chain = fetcher.follow(server.url("/a"))
    assert chain.too_many_redirects and not chain.complete
    assert len(chain.hops) == fetcher.max_hops + 1
    assert {h.url.rsplit("/", 1)[1] for h in chain.hops} == {"a", "b"}
    assert server.counts.connections == len(log.addresses) == fetcher.max_hops + 1


@pytest.mark.parametrize("interval", [0.25, 1.0], ids=["4-bytes-per-s", "1-byte-per-s"])
def test_a_server_that_drips_is_cut_off_at_the_deadline(monkeypatch: pytest.MonkeyPatch, interval: float) -> None:
    # Each byte arrives well within the per-read timeout, so only the overall deadline can stop
    # this; without it the fetch would last 60,000 intervals.
    with serve(drip(interval)) as server:
        fetcher = GuardedFetcher(timeout=interval * 3, deadline=2.5, allow_loopback=True)
        start = time.monotonic()
        chain = fetcher.follow(server.url("/slow"))
        elapsed = time.monotonic() - start
    hop = chain.hops[-1]
    assert hop.status is None and hop.error is not None
    assert elapsed < fetcher.deadline + fetcher.timeout + 1.0  # the cap, not a speed target
    assert server.counts.bytes_sent < 60_000


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length-1GiB", "chunked-endless"])
def test_a_one_gigabyte_body_is_read_only_up_to_the_cap(chunked: bool) -> None:
    cap = 64 * 1024
    with serve(endless_body(chunked=chunked)) as server:
        fetcher = GuardedFetcher(timeout=5, max_bytes=cap, allow_loopback=True)
        result: list[object] = []
        cost = cost_in_process(lambda: result.append(fetcher.head_or_get(server.url("/big"))))
        sent = server.counts.bytes_sent
    hop = result[0]
    assert getattr(hop, "status") == 200  # noqa: B009 - the hop is typed object here
    assert len(getattr(hop, "body")) == cap  # noqa: B009
    assert cost.peak_bytes < 16 * cap + 1_000_000  # the body is never held whole
    assert sent < 64 * 1024 * 1024  # the server was stopped long before 1 GiB (socket buffers only)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(200)) + b"\r\n", "headers"),
        (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n", "line"),
        (b"\x16\x03\x01garbage\r\n\r\n", "status"),
        (b"", "closed"),
        (b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n", ""),
        (b"HTTP/1.1 302 Found\r\nLocation: \x00\x1b[31m\r\nContent-Length: 0\r\n\r\n", ""),
    ],
    ids=["200-headers", "70k-header-line", "not-http", "empty", "bad-location", "control-location"],
)
def test_a_malformed_answer_is_an_error_not_a_crash(response: bytes, expected: str) -> None:
    with serve(raw(response)) as server:
        chain = GuardedFetcher(timeout=2, allow_loopback=True).follow(server.url("/"))
    last = chain.hops[-1]
    assert last.refused is None
    if expected:
        assert last.status is None and last.error is not None
        assert expected in last.error.lower() or last.error  # names the failure in one line
        assert "\n" not in last.error


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


def tls_server_context(cert: trustme.LeafCert) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    return context


def trusting(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


OK_RESPONSE = raw(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")


def plain_answer(conn: socket.socket, counts: Counts) -> None:
    send(conn, counts, b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")


def tls_fetch(monkeypatch: pytest.MonkeyPatch, server: Server, name: str, context: ssl.SSLContext | None) -> tuple[int | None, str | None]:
    fake_dns(monkeypatch)[name] = ["127.0.0.1"]
    fetcher = GuardedFetcher(timeout=2, deadline=4, allow_loopback=True, ssl_context=context)
    hop = fetcher.head_or_get(f"https://{name}:{server.port}/")
    return hop.status, hop.error


def test_tls_with_a_trusted_certificate_works(monkeypatch: pytest.MonkeyPatch, authority: trustme.CA) -> None:
    # the control for the TLS failures below: the same server with everything right answers
    with serve(OK_RESPONSE, tls_server_context(authority.issue_cert("news.example"))) as server:
        assert tls_fetch(monkeypatch, server, "news.example", trusting(authority)) == (200, None)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("untrusted", "certificate verify failed"),
        ("wrong-name", "hostname mismatch"),
        ("expired", "certificate has expired"),
        ("plain-http", "wrong version number"),
        ("silent", "timed out"),
    ],
)
def test_tls_errors_are_reported_with_their_reason(
    monkeypatch: pytest.MonkeyPatch, authority: trustme.CA, case: str, expected: str
) -> None:
    context: ssl.SSLContext | None = trusting(authority)
    behaviour, server_tls = OK_RESPONSE, tls_server_context(authority.issue_cert("news.example"))
    if case == "untrusted":
        context = None  # the system's trust store does not know this CA
    elif case == "wrong-name":
        server_tls = tls_server_context(authority.issue_cert("other.example"))
    elif case == "expired":
        old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        server_tls = tls_server_context(authority.issue_cert("news.example", not_before=old, not_after=old + dt.timedelta(days=30)))
    elif case == "plain-http":  # an HTTP server answering the TLS hello with plain text
        behaviour, server_tls = plain_answer, None
    elif case == "silent":
        behaviour, server_tls = silent, None
    with serve(behaviour, server_tls) as server:
        status, error = tls_fetch(monkeypatch, server, "news.example", context)
    assert status is None and error is not None
    assert expected in error.lower()


def test_online_check_refuses_a_short_link_that_redirects_to_metadata(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end in-process: `check --online` on a short link whose server sends us to the
    metadata address: a `blocked_address` reason, dont_share, one connection (the short link's)."""
    import json

    from verifyctl.cli import main

    target = "http://169.254.169.254/latest/meta-data/iam/"
    with serve(redirect_to(lambda _: target)) as server:
        log = count_connects(monkeypatch)
        fake_dns(monkeypatch)["bit.ly"] = ["127.0.0.1"]
        monkeypatch.setenv("VERIFYCTL_TEST_ALLOW_LOOPBACK", "1")
        code = main(["check", "--online", "--format", "json", f"http://bit.ly:{server.port}/x"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["verdict"] == "dont_share"
    assert [r["code"] for r in out["reasons"]] == ["blocked_address"]
    assert out["reasons"][0]["policy"] == "metadata"
    assert out["chain"][-1] == target
    assert log.addresses == [("127.0.0.1", server.port)]


def test_online_check_without_the_test_switch_never_reaches_loopback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from verifyctl.cli import main

    with serve(OK_RESPONSE) as server:
        log = count_connects(monkeypatch)
        fake_dns(monkeypatch)["bit.ly"] = ["127.0.0.1"]
        monkeypatch.delenv("VERIFYCTL_TEST_ALLOW_LOOPBACK", raising=False)
        main(["check", "--online", "--format", "json", f"http://bit.ly:{server.port}/x"])
    out = json.loads(capsys.readouterr().out)
    assert out["reasons"][0]["code"] == "blocked_address" and out["reasons"][0]["policy"] == "loopback"
    assert log.addresses == [] and server.counts.connections == 0


def test_deadline_covers_the_whole_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    # each hop is quick to answer but the chain keeps going: the deadline ends it
    def slow_redirect(request: bytes) -> str:
        time.sleep(0.4)
        return "/again?" + quote(str(time.monotonic()))

    with serve(redirect_to(slow_redirect)) as server:
        fetcher = GuardedFetcher(timeout=2, deadline=1.0, max_hops=50, allow_loopback=True)
        start = time.monotonic()
        chain = fetcher.follow(server.url("/start"))
        elapsed = time.monotonic() - start
    assert not chain.complete
    assert elapsed < fetcher.deadline + fetcher.timeout + 1.0
