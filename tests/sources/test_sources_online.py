"""`sources validate --online` against a real HTTPS server on 127.0.0.1 (a throwaway CA from
trustme signs its certificate), through the guarded fetcher."""

from __future__ import annotations

import datetime as dt
import http.server
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import trustme

from verifyctl.net.fetch import GuardedFetcher
from verifyctl.sources.model import Domain, Source, SourceList, Status
from verifyctl.sources.online import check_online

NAMES = ["alpha.test", "www.alpha.test", "moved.test", "elsewhere.test", "old.test",
         "slow1.test", "slow2.test", "slow3.test", "slow4.test", "gone.test", "merged.test", "error.test"]  # fmt: skip


@dataclass
class Traffic:
    hosts: list[str] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(http.server.BaseHTTPRequestHandler):
    traffic: Traffic
    port: int

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        host = self.headers["Host"].split(":")[0]
        with self.traffic.lock:
            self.traffic.hosts.append(host)
            self.traffic.in_flight += 1
            self.traffic.most_in_flight = max(self.traffic.most_in_flight, self.traffic.in_flight)
        try:
            if host.startswith("slow"):
                time.sleep(0.4)
            if host == "moved.test":
                self._send(301, f"https://elsewhere.test:{self.port}/news")
            elif host == "alpha.test":
                self._send(301, f"https://www.alpha.test:{self.port}/")
            elif host == "error.test":
                self._send(503)
            elif host == "gone.test":
                time.sleep(3)
                self._send(200)
            else:
                self._send(200)
        finally:
            with self.traffic.lock:
                self.traffic.in_flight -= 1

    def _send(self, code: int, location: str | None = None) -> None:
        self.send_response(code)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@dataclass
class Server:
    port: int
    traffic: Traffic
    client_context: ssl.SSLContext


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    ca = trustme.CA()
    cert = ca.issue_cert(*NAMES)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    traffic = Traffic()
    handler = type("BoundHandler", (Handler,), {"traffic": traffic})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    httpd.socket = server_context.wrap_socket(httpd.socket, server_side=True)
    handler.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Server(httpd.server_address[1], traffic, client_context)
    httpd.shutdown()
    httpd.server_close()


class LocalFetcher(GuardedFetcher):
    """The real fetcher, with test names resolving to the local server (nothing else differs)."""

    def resolve(self, host: str, port: int) -> list[str]:
        if host in NAMES:
            return ["127.0.0.1"]
        raise OSError(f"unknown test host {host}")


def source(sid: str, *domains: Domain, state: str = "active") -> Source:
    until = dt.date(2025, 7, 1) if state != "active" else None
    return Source(sid, sid, sid, "press", "national", domains, status=Status(state, until=until))  # type: ignore[arg-type]


def run(server: Server, sources: SourceList, timeout: float = 1.0, workers: int = 8) -> list[tuple[int, str, str, str]]:
    found = check_online(
        sources,
        timeout=timeout,
        workers=workers,
        fetcher=lambda: LocalFetcher(timeout=timeout, deadline=timeout * 3, allow_loopback=True, ssl_context=server.client_context),
        url_for=lambda host: f"https://{host}:{server.port}/",
    )
    return [(p.line, p.check, p.level, p.message.en) for p in found]


def test_answers_redirects_and_failures(server: Server) -> None:
    sources = SourceList(
        1,
        (
            source("a", Domain("alpha.test", True, line=10)),
            source("m", Domain("moved.test", True, line=20)),
            source("o", Domain("old.test", True, legacy=True, line=30), Domain("nowhere.test", True, legacy=True, line=31)),
            source("g", Domain("gone.test", True, line=40), Domain("error.test", True, line=41)),
            source("x", Domain("nowhere.test", True, line=50)),
            source("r", Domain("merged.test", True, line=60), state="merged"),
            source("s", Domain("gov.test", True, suffix=True, line=70)),
        ),
    )
    found = run(server, sources)
    checks = [(line, check, level) for line, check, level, _ in found]
    assert checks == [
        (20, "online-redirect", "warning"),
        (31, "online-unreachable", "warning"),
        (40, "online-unreachable", "error"),
        (41, "online-unreachable", "warning"),
        (50, "online-unreachable", "error"),
    ]
    assert "redirects to https://elsewhere.test:" in found[0][3]
    assert "answered HTTP 503" in found[3][3]
    assert "merged.test" not in server.traffic.hosts  # a merged source is not asked
    assert "www.alpha.test" in server.traffic.hosts  # a redirect within the site is followed, not reported


def test_requests_run_concurrently(server: Server) -> None:
    sources = SourceList(1, tuple(source(f"s{i}", Domain(f"slow{i}.test", True, line=i)) for i in range(1, 5)))
    server.traffic.most_in_flight = 0
    assert run(server, sources, workers=4) == []
    assert server.traffic.most_in_flight >= 2


def test_the_guard_still_applies(server: Server) -> None:
    """Without allow_loopback the fetcher refuses 127.0.0.1: --online never reaches local services."""
    sources = SourceList(1, (source("a", Domain("old.test", True, line=5)),))
    found = check_online(
        sources,
        fetcher=lambda: LocalFetcher(timeout=1.0, ssl_context=server.client_context),
        url_for=lambda host: f"https://{host}:{server.port}/",
    )
    assert [(p.check, p.level) for p in found] == [("online-unreachable", "error")]
    assert "refused by the guarded fetcher (loopback)" in found[0].message.en


def test_a_problem_names_the_included_file_it_is_in(server: Server) -> None:
    """In a list split with `include:`, a domain's online problem is reported in its own file."""
    part = Source("p", "p", "p", "press", "national", (Domain("error.test", True, line=7),), status=Status("active"), file="press.yaml")  # type: ignore[arg-type]
    sources = SourceList(1, (source("a", Domain("gone.test", True, line=40)), part))
    found = check_online(
        sources,
        timeout=1.0,
        fetcher=lambda: LocalFetcher(timeout=1.0, deadline=3.0, allow_loopback=True, ssl_context=server.client_context),
        url_for=lambda host: f"https://{host}:{server.port}/",
    )
    assert [(p.file, p.line, p.check) for p in found] == [("", 40, "online-unreachable"), ("press.yaml", 7, "online-unreachable")]
