"""The installed `verifyctl serve`, started as a real process on a free 127.0.0.1 port."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from cli_support import verifyctl_command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli_env(**extra: str) -> dict[str, str]:
    """The environment a user's shell gives: no locale, so Vietnamese by default."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "VERIFYCTL_"))}
    env.update(extra)
    return env


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    base: str
    log: Path
    cwd: Path  # the server's working directory: nothing may appear in it
    tmp: Path  # its TMPDIR: nothing may appear there either

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=60, **kwargs)  # type: ignore[arg-type]

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def running(root: Path, *args: str) -> Iterator[Server]:
    port = free_port()
    cwd, tmp = root / "cwd", root / "tmp"
    cwd.mkdir(parents=True)
    tmp.mkdir()
    log = root / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*verifyctl_command(), "serve", "--port", str(port), *args],
            cwd=cwd, env=cli_env(TMPDIR=str(tmp)), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server(proc, f"http://127.0.0.1:{port}", log, cwd, tmp)
    try:
        _wait_ready(server)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(server: Server) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise AssertionError(f"serve exited {server.proc.returncode}:\n{server.log_text()}")
        try:
            if httpx.get(server.base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"serve did not answer /healthz:\n{server.log_text()}")


def make_png(path: Path, seed: int = 7, size: tuple[int, int] = (96, 72), block: int = 8) -> Path:
    """A real PNG with enough detail to hash: random blocks (block=1: noise, which PNG cannot
    compress, for a file of a known large size)."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    blocks = rng.integers(0, 256, (size[1] // block, size[0] // block, 3), dtype=np.uint8)
    pixels = np.kron(blocks, np.ones((block, block, 1), dtype=np.uint8))
    Image.fromarray(pixels).save(path)
    return path
