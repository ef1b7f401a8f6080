"""Around every response: the security headers, the counts and timings for the log, and a
crash answered as a plain 500 (never a traceback that might quote what was submitted)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from verifyctl.serve.page import STYLE_HASH
from verifyctl.serve.tally import Tally

log = logging.getLogger("verifyctl.serve")

CSP = (
    f"default-src 'none'; style-src '{STYLE_HASH}'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
# What a submitted link or post could leak through (a Referer, a shared cache, a frame) is
# shut off; HSTS is left to the TLS-terminating proxy, which knows whether there is TLS.
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"x-robots-tag", b"noindex, nofollow"),  # a shared /?target= link must not be indexed
]
# Only these paths are logged as they are: any other path is whatever a client typed.
KNOWN_PATHS = frozenset({"/", "/api/check", "/healthz"})
CHECKS = "verifyctl.checks"
CRASH = b'{"error": {"status": 500, "code": "internal_error", "message": "internal error"}}'


def count_checks(scope: MutableMapping[str, Any], n: int) -> None:
    """How many targets a request judged, for the log (the count, never the content)."""
    scope[CHECKS] = scope.get(CHECKS, 0) + n


class Guard:
    def __init__(self, app: ASGIApp, log_every: float = 60.0) -> None:
        self.app = app
        self.log_every = log_every  # seconds between summary lines; 0: no log
        self.tally = Tally()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0

        async def send_guarded(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, receive, send_guarded)
        except Exception as exc:  # a bug: its type is logged, never its message
            log.error("internal error %s on %s", type(exc).__name__, _path(scope))
            if not status:
                headers = [(b"content-type", b"application/json")]
                await send_guarded({"type": "http.response.start", "status": 500, "headers": headers})
                await send({"type": "http.response.body", "body": CRASH})
        if self.log_every:
            self.tally.record(scope["method"], _path(scope), status, time.perf_counter() - start, scope.get(CHECKS, 0))

    async def _lifespan(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The app's start and stop, with the summary lines written in between."""
        ticker = asyncio.get_running_loop().create_task(self._tick()) if self.log_every else None
        try:
            await self.app(scope, receive, send)
        finally:
            if ticker is not None:
                ticker.cancel()
                self.tally.flush()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.log_every)
            self.tally.flush()


def _path(scope: Scope) -> str:
    path = scope.get("path", "")
    root = scope.get("root_path", "")
    if root and path.startswith(root):  # uvicorn gives the full path under --root-path
        path = path[len(root):] or "/"
    return path if path in KNOWN_PATHS else "(other)"
