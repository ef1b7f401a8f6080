"""A real HTTP server on 127.0.0.1 that counts the connections it accepts and records requests."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit


@dataclass
class Seen:
    connections: int = 0
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    seen: Seen

    def verify_request(self, request: object, client_address: object) -> bool:
        self.seen.connections += 1
        return True


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _route(self, method: str) -> None:
        self.server.seen.requests.append((method, self.path, dict(self.headers.items())))
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/to":  # /to?u=TARGET&code=302
            self._send(int(query.get("code", "302")), headers={"Location": query["u"]})
        elif url.path.startswith("/loop/"):
            n = int(url.path.rsplit("/", 1)[1])
            self._send(302, headers={"Location": f"/loop/{n + 1}"})
        elif url.path == "/cookie":
            self._send(302, headers={"Location": "/final", "Set-Cookie": "session=secret; Path=/"})
        elif url.path in ("/nohead", "/big") and method == "HEAD":
            self._send(405)
        elif url.path == "/big":
            self._send(200, b"x" * 1_000_000)
        elif url.path == "/slow":
            time.sleep(float(query.get("s", "2")))
            self._send(200, b"late")
        else:
            self._send(200, b"final page")

    def _send(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def do_GET(self) -> None:
        self._route("GET")

    def do_HEAD(self) -> None:
        self._route("HEAD")


@dataclass
class LocalServer:
    port: int
    seen: Seen

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@contextmanager
def serve() -> Iterator[LocalServer]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.seen = Seen()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(server.server_address[1], server.seen)
    finally:
        server.shutdown()
        server.server_close()

