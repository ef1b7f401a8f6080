"""Hostile servers on 127.0.0.1 for the fetcher tests, and an in-process connect counter.

Each server answers every connection with one behaviour (a redirect, a drip, an endless body,
a TLS handshake) and counts connections and bytes, so a test can prove what reached it.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

import pytest

Behaviour = Callable[[socket.socket, "Counts"], None]


@dataclass
class Counts:
    connections: int = 0
    requests: list[bytes] = field(default_factory=list)
    bytes_sent: int = 0
    stop: threading.Event = field(default_factory=threading.Event)


@dataclass
class Server:
    port: int
    counts: Counts

    def url(self, path: str = "/", scheme: str = "http", host: str = "127.0.0.1") -> str:
        return f"{scheme}://{host}:{self.port}{path}"


def read_request(conn: socket.socket, counts: Counts) -> bytes:
    data = b""
    conn.settimeout(5)
    with suppress(OSError):
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    counts.requests.append(data)
    return data


def send(conn: socket.socket, counts: Counts, data: bytes) -> bool:
    try:
        conn.sendall(data)
    except OSError:
        return False
    counts.bytes_sent += len(data)
    return True


@contextmanager
def serve(behaviour: Behaviour, tls: ssl.SSLContext | None = None) -> Iterator[Server]:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    counts = Counts()

    def handle(conn: socket.socket) -> None:
        with conn:
            if tls is not None:
                try:
                    conn = tls.wrap_socket(conn, server_side=True)
                except (OSError, ssl.SSLError):
                    return
            with suppress(OSError):
                behaviour(conn, counts)

    def accept_loop() -> None:
        while not counts.stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            counts.connections += 1
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    try:
        yield Server(listener.getsockname()[1], counts)
    finally:
        counts.stop.set()
        thread.join(2)
        listener.close()


def redirect_to(location: Callable[[bytes], str]) -> Behaviour:
    """A 302 to `location(request)`."""

    def run(conn: socket.socket, counts: Counts) -> None:
        request = read_request(conn, counts)
        head = f"HTTP/1.1 302 Found\r\nLocation: {location(request)}\r\nContent-Length: 0\r\n\r\n"
        send(conn, counts, head.encode())

    return run


def drip(interval: float, payload: bytes = b"HTTP/1.1 200 OK\r\nX-Drip: " + b"a" * 60_000) -> Behaviour:
    """One byte every `interval` seconds, never finishing: no single read ever times out."""

    def run(conn: socket.socket, counts: Counts) -> None:
        read_request(conn, counts)
        for byte in payload:
            if counts.stop.is_set() or not send(conn, counts, bytes([byte])):
                return
            time.sleep(interval)

    return run


def endless_body(declared: int = 1 << 30, chunked: bool = False) -> Behaviour:
    """A body of `declared` bytes (1 GiB), generated lazily from one small block."""
    block = b"x" * 65536

    def run(conn: socket.socket, counts: Counts) -> None:
        request = read_request(conn, counts)
        if request.startswith(b"HEAD"):
            send(conn, counts, b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {declared}"
        if not send(conn, counts, f"HTTP/1.1 200 OK\r\n{framing}\r\n\r\n".encode()):
            return
        left = declared
        piece = b"%x\r\n" % len(block) + block + b"\r\n" if chunked else block
        while left > 0 and not counts.stop.is_set():
            if not send(conn, counts, piece):
                return
            left -= len(block)

    return run


def raw(response: bytes) -> Behaviour:
    def run(conn: socket.socket, counts: Counts) -> None:
        read_request(conn, counts)
        send(conn, counts, response)

    return run


def silent(conn: socket.socket, counts: Counts) -> None:
    """Accepts, then says nothing (a TLS handshake that never completes)."""
    counts.stop.wait(30)


@dataclass
class ConnectLog:
    """Every address this process tried to connect a socket to."""

    addresses: list[tuple[str, int]] = field(default_factory=list)

    def outside(self, port: int | None = None) -> list[tuple[str, int]]:
        return [a for a in self.addresses if a[0] not in ("127.0.0.1", "::1") or (port is not None and a[1] != port)]


def count_connects(monkeypatch: pytest.MonkeyPatch) -> ConnectLog:
    """Counts socket connects in-process; anything but loopback fails the test before it leaves."""
    log = ConnectLog()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(address: object) -> None:
        host, port = address[0], address[1]  # type: ignore[index]
        log.addresses.append((str(host), int(port)))
        if str(host) not in ("127.0.0.1", "::1"):
            raise AssertionError(f"the test tried to connect to {host}:{port}")

    def connect(self: socket.socket, address: object) -> None:
        guard(address)
        real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        guard(address)
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    return log


def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names the test makes resolve to chosen addresses, with no DNS traffic at all."""
    table: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host: object, port: object, *args: object, **kwargs: object) -> list[object]:
        if isinstance(host, str) and host in table:
            out: list[object] = []
            for address in table[host]:
                family = socket.AF_INET6 if ":" in address else socket.AF_INET
                sockaddr = (address, int(port or 0), 0, 0) if ":" in address else (address, int(port or 0))  # type: ignore[call-overload]
                out.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
            return out
        if isinstance(host, str) and host not in ("localhost", "127.0.0.1", "::1"):
            raise AssertionError(f"the test tried a real DNS lookup of {host}")
        return real(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table
