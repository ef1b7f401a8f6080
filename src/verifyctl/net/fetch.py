"""The ONE guarded fetcher: every network request verifyctl makes goes through here.

API::

    from verifyctl.net.fetch import GuardedFetcher

    fetcher = GuardedFetcher(timeout=5.0, max_bytes=65536, max_hops=5, allow_loopback=False)
    hop = fetcher.head_or_get("https://nhandan.vn/")   # one request, redirects NOT followed
    chain = fetcher.follow("https://bit.ly/abc")      # redirects followed by hand

`head_or_get` returns a `Hop`: the URL asked for, the `status` and `location` of the answer,
the `address` actually connected to, and, when there was no answer, either `refused` (a
policy name such as "loopback", "private", "scheme": the request was never sent) or `error`
(a network failure: timeout, TLS, connection refused...). It sends HEAD and falls back to GET
when a server rejects HEAD (405/501).

`follow` returns a `Chain` of hops, at most `max_hops` redirects; `chain.final_url` is where it
ended, `chain.blocked` the hop refused by the policy (if any), `chain.complete` whether the
last hop answered without redirecting. Neither method raises for network trouble.

The guards (DESIGN.md "Network"):
- http and https only; credentials in the URL are dropped;
- every hop's host is resolved once, EVERY resolved address is checked (`net.address`) before
  connecting, and the socket connects to the checked address itself; the request then goes
  over that socket through httpx (`net.pinned`: a transport whose network backend never
  resolves), carrying the name (Host header, TLS SNI and certificate check): a second DNS
  answer cannot slip in a private address (no DNS rebinding);
- loopback, private, link-local, CGNAT, multicast, reserved, metadata and IPv6 forms that
  embed them are refused; `allow_loopback=True` lets 127.0.0.0/8 and ::1 through, for tests;
- at most `max_hops` redirects; a per-request timeout and an overall deadline; at most
  `max_bytes` of body read; no cookies are stored or sent.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field

import httpx

from verifyctl import __version__
from verifyctl.net.address import parse_ip, refusal
from verifyctl.net.pinned import PinnedTransport, SocketStream
from verifyctl.url.parse import dns_name

USER_AGENT = f"verifyctl/{__version__} (+link check)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Hop:
    url: str
    status: int | None = None
    location: str | None = None  # the redirect target, absolute
    address: str | None = None  # the IP the request was sent to
    refused: str | None = None  # the guard that refused this hop; nothing was sent
    error: str | None = None  # a network failure; the request may have been sent
    body: bytes = b""  # at most max_bytes, GET only

    @property
    def redirect(self) -> bool:
        return self.status in _REDIRECTS and self.location is not None


@dataclass(frozen=True, slots=True)
class Chain:
    hops: tuple[Hop, ...]
    too_many_redirects: bool = False

    @property
    def final_url(self) -> str:
        return self.hops[-1].url

    @property
    def blocked(self) -> Hop | None:
        return next((h for h in self.hops if h.refused is not None), None)

    @property
    def complete(self) -> bool:
        last = self.hops[-1]
        return last.status is not None and not last.redirect and not self.too_many_redirects


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str  # as sent in SNI and Host: an IDNA name or a bare IP
    port: int
    path: str
    default_port: bool


class _Refused(Exception):
    def __init__(self, policy: str, address: str | None = None) -> None:
        super().__init__(policy)
        self.policy = policy
        self.address = address


@dataclass
class GuardedFetcher:
    timeout: float = 5.0  # per connect / read
    deadline: float = 20.0  # for one whole `follow`
    max_bytes: int = 64 * 1024
    max_hops: int = 5
    allow_loopback: bool = False  # tests only
    ssl_context: ssl.SSLContext | None = None
    _ends_at: float = field(default=0.0, repr=False)

    def follow(self, url: str) -> Chain:
        self._ends_at = time.monotonic() + self.deadline
        hops: list[Hop] = []
        current = url
        while True:
            hop = self._request(current)
            hops.append(hop)
            if not hop.redirect or hop.location is None:
                return Chain(tuple(hops))
            if len(hops) > self.max_hops:
                return Chain(tuple(hops), too_many_redirects=True)
            current = hop.location

    def head_or_get(self, url: str) -> Hop:
        self._ends_at = time.monotonic() + self.deadline
        return self._request(url)

    def _request(self, url: str) -> Hop:
        try:
            target = _target(url)
            addresses = self._checked_addresses(target.host, target.port)
        except _Refused as exc:
            return Hop(url, address=exc.address, refused=exc.policy)
        except OSError as exc:
            return Hop(url, error=_describe(exc))
        address: str | None = None
        try:
            sock, address = self._connect_any(addresses, target.port)
            status, location, body = self._exchange(target, sock, "HEAD")
            if status in (405, 501):
                sock, address = self._connect_any([address], target.port)
                status, location, body = self._exchange(target, sock, "GET")
        except _Refused as exc:
            return Hop(url, address=exc.address, refused=exc.policy)
        except (OSError, httpx.HTTPError, ssl.SSLError, TimeoutError) as exc:
            return Hop(url, address=address, error=_describe(exc))
        absolute = _join(url, location) if location else None
        return Hop(url, status=status, location=absolute, address=address, body=body)

    def _connect_any(self, addresses: list[str], port: int) -> tuple[socket.socket, str]:
        """The first of the (already checked) addresses that accepts a connection."""
        failure: OSError = OSError("no address")
        for address in addresses:
            try:
                return self.connect(address, port), address
            except _Refused:
                raise
            except OSError as exc:
                failure = exc
        raise failure

    def _checked_addresses(self, host: str, port: int) -> list[str]:
        literal = parse_ip(host)
        if literal is None and not dns_name(host):
            # A redirect may name a host no resolver takes (an empty label, one over 63
            # characters): Python's IDNA codec would raise UnicodeError instead of OSError.
            raise OSError(f"not a DNS name: {host[:80]}")
        addresses = [str(literal)] if literal is not None else self.resolve(host, port)
        if not addresses:
            raise OSError(f"no address for {host}")
        for text in addresses:
            ip = parse_ip(text)
            policy = "unparsable" if ip is None else refusal(ip, self.allow_loopback)
            if policy is not None:
                raise _Refused(policy, text)
        return addresses

    def resolve(self, host: str, port: int) -> list[str]:
        """Every address `host` resolves to, within the time left (DNS has no timeout)."""
        found: list[str] = []
        failure: list[OSError] = []

        def lookup() -> None:
            try:
                infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
                found.extend(dict.fromkeys(str(info[4][0]) for info in infos))
            except OSError as exc:
                failure.append(exc)
            except ValueError as exc:  # UnicodeError from the IDNA codec, a NUL in the name
                failure.append(OSError(f"cannot resolve {host[:80]}: {exc}"))

        worker = threading.Thread(target=lookup, daemon=True)
        worker.start()
        worker.join(self._time_left())
        if worker.is_alive():
            raise TimeoutError(f"DNS lookup of {host} timed out")
        if failure:
            raise failure[0]
        return found

    def connect(self, address: str, port: int) -> socket.socket:
        """A TCP connection to an address that has passed the checks (tests may wrap this)."""
        ip = parse_ip(address)
        if ip is None or refusal(ip, self.allow_loopback) is not None:
            raise _Refused("unchecked", address)  # a guard against misuse, not a policy
        family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(min(self.timeout, self._time_left()))
            sock.connect((address, port))
        except BaseException:
            sock.close()
            raise
        return sock

    def _exchange(self, target: _Target, sock: socket.socket, method: str) -> tuple[int, str | None, bytes]:
        """One request over `sock` (connected to the checked address) through httpx."""
        stream = SocketStream(sock)
        # The socket timeout bounds each read, not the whole answer: a server sending one byte
        # a second never trips it. The watchdog ends the exchange at the deadline.
        watchdog = threading.Timer(max(0.0, self._ends_at - time.monotonic()), _cut, args=(stream,))
        watchdog.daemon = True
        watchdog.start()
        context = (self.ssl_context or ssl.create_default_context()) if target.scheme == "https" else None
        transport = PinnedTransport(stream, context)
        url = httpx.URL(
            scheme=target.scheme,
            host=target.host,
            port=None if target.default_port else target.port,
            raw_path=target.path.encode("utf-8"),  # ada percent-encodes: ASCII in practice
        )
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*", "Accept-Encoding": "identity", "Connection": "close"}
        request = httpx.Request(method, url, headers=headers, extensions={"timeout": httpx.Timeout(self.timeout).as_dict()})
        try:
            response = transport.handle_request(request)
            try:
                body = _capped(response, self.max_bytes) if method == "GET" else b""
            finally:
                response.close()
            return response.status_code, response.headers.get("location"), body
        finally:
            watchdog.cancel()
            transport.close()
            stream.close()

    def _time_left(self) -> float:
        left = self._ends_at - time.monotonic()
        if left <= 0:
            raise TimeoutError("time limit reached")
        return left


def _target(url: str) -> _Target:
    from ada_url import URL

    try:
        parsed = URL(url)
    except ValueError:
        raise _Refused("invalid_url") from None
    scheme = parsed.protocol.rstrip(":")
    if scheme not in ("http", "https"):
        raise _Refused("scheme")
    host = parsed.hostname.strip("[]")
    default = 443 if scheme == "https" else 80
    port = int(parsed.port) if parsed.port else default
    path = (parsed.pathname or "/") + parsed.search
    return _Target(scheme, host, port, path, port == default)


def _join(base: str, location: str) -> str | None:
    from ada_url import join_url

    try:
        return str(join_url(base, location.strip()))
    except ValueError:
        return None


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:200]


def _capped(response: httpx.Response, limit: int) -> bytes:
    """At most `limit` bytes of the body: the rest is never read."""
    body = bytearray()
    for chunk in response.iter_raw():
        body += chunk[: limit - len(body)]
        if len(body) >= limit:
            break
    return bytes(body)


def _cut(stream: SocketStream) -> None:
    with contextlib.suppress(OSError):
        stream.shutdown()
