"""An httpx transport bound to one socket that the guarded fetcher already connected to a
checked address.

httpx (through httpcore) would resolve the URL's host again and connect to whatever the
second answer says, which is how DNS rebinding slips a private address past a check. Here the
network backend never resolves anything: its one connection is the socket the fetcher opened
to the address it checked. The request still carries the host name, so the Host header, TLS
SNI and the certificate check are the name's, done by httpcore as for any request.
"""

from __future__ import annotations

import socket
import ssl
import typing

import httpcore
import httpx

# The caps http.client put on an answer's headers, kept: httpcore bounds the whole head at
# 100 KiB as it reads; these bound the number of headers and the length of one.
MAX_HEADERS = 100
MAX_LINE = 65536
# httpcore's errors, as httpx's own transport maps them (timeouts apart: the fetcher names them)
_TIMEOUTS = (httpcore.TimeoutException,)
_FAILURES = (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol, httpcore.ConnectionNotAvailable)


class SocketStream(httpcore.NetworkStream):
    """httpcore's view of one connected socket (plain, or TLS after `start_tls`)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.sock.settimeout(timeout)
        return self.sock.recv(max_bytes)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.sock.settimeout(timeout)
        self.sock.sendall(buffer)

    def close(self) -> None:
        self.sock.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        self.sock.settimeout(timeout)
        # server_hostname is the URL's host: SNI and the certificate are checked for the name
        self.sock = ssl_context.wrap_socket(self.sock, server_hostname=server_hostname)
        return self

    def get_extra_info(self, info: str) -> typing.Any:
        if info == "ssl_object":
            return self.sock._sslobj if isinstance(self.sock, ssl.SSLSocket) else None  # type: ignore[attr-defined]
        if info == "client_addr":
            return self.sock.getsockname()
        if info == "server_addr":
            return self.sock.getpeername()
        if info == "socket":
            return self.sock
        if info == "is_readable":
            return False
        return None

    def shutdown(self) -> None:
        """End the exchange from another thread (the fetcher's deadline)."""
        self.sock.shutdown(socket.SHUT_RDWR)


class _OneSocket(httpcore.NetworkBackend):
    def __init__(self, stream: SocketStream) -> None:
        self.stream = stream
        self.used = False

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        if self.used:  # one request per socket: a second connection would need a second check
            raise httpcore.ConnectError("the checked connection was already used")
        self.used = True
        return self.stream

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: typing.Iterable[typing.Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("no unix sockets")

    def sleep(self, seconds: float) -> None:
        raise httpcore.ConnectError("no retries")


class PinnedTransport(httpx.BaseTransport):
    """Sends one request over `stream`'s socket; TLS (for https) with `ssl_context`."""

    def __init__(self, stream: SocketStream, ssl_context: ssl.SSLContext | None) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, max_connections=1, retries=0, network_backend=_OneSocket(stream)
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            answer = self._pool.handle_request(core)
        except _TIMEOUTS as exc:
            raise httpx.TimeoutException(str(exc) or "timed out", request=request) from exc
        except _FAILURES as exc:
            raise httpx.TransportError(str(exc) or type(exc).__name__, request=request) from exc
        assert isinstance(answer.stream, typing.Iterable)
        if len(answer.headers) > MAX_HEADERS:
            answer.close()
            raise httpx.RemoteProtocolError(f"got more than {MAX_HEADERS} headers", request=request)
        if any(len(name) + len(value) + 2 > MAX_LINE for name, value in answer.headers):
            answer.close()
            raise httpx.RemoteProtocolError(f"header line longer than {MAX_LINE} bytes", request=request)
        return httpx.Response(
            status_code=answer.status,
            headers=answer.headers,
            stream=_Body(answer.stream, request),
            extensions=answer.extensions,
        )

    def close(self) -> None:
        self._pool.close()


class _Body(httpx.SyncByteStream):
    def __init__(self, chunks: typing.Iterable[bytes], request: httpx.Request) -> None:
        self._chunks = chunks
        self._request = request

    def __iter__(self) -> typing.Iterator[bytes]:
        try:
            yield from self._chunks
        except _TIMEOUTS as exc:
            raise httpx.TimeoutException(str(exc) or "timed out", request=self._request) from exc
        except _FAILURES as exc:
            raise httpx.TransportError(str(exc) or type(exc).__name__, request=self._request) from exc

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()
