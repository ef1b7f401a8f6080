"""Speed of `verifyctl serve` for link checks (issue 17), against `check --from`.

1. Starts the installed `verifyctl serve --workers 2` on a free 127.0.0.1 port (rate limit off,
   access log on as shipped, sent to /dev/null) and waits for /healthz.
2. Saturation: C keep-alive connections each send `POST /api/check {"target": URL}` back to
   back for D seconds: requests/s and latency percentiles.
3. Paced: the same at a fixed offered rate (default 2,000 requests/s), each request's latency
   counted from when it was due (so a stalled server cannot hide its queue): the target is
   p99 <= 50 ms at that load.
4. The same URLs through `verifyctl check --format json --from FILE` (one process, start-up
   included): the batch path's rate, to show what HTTP costs per check.

The load generator is a plain asyncio HTTP/1.1 client in this process, on the same machine:
its own CPU time is printed, since on 2 cores it takes from the server what it spends.

Usage: python benchmarks/bench_serve.py [--seconds D] [--connections C] [--rate R] [--urls N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_url import url_mix, verifyctl


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    cmd = [verifyctl(), "serve", "--port", str(port), "--workers", str(workers), "--rate-limit", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by `pid` and its child processes (uvicorn's workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


def request_bytes(port: int, url: str) -> bytes:
    body = json.dumps({"target": url, "as": "url"}).encode()
    head = (
        f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def connection(
    port: int, requests: list[bytes], until: float, latencies: list[float], statuses: list[int],
    interval: float | None, offset: float,
) -> None:  # fmt: skip
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    rng = random.Random(offset)
    due = time.perf_counter() + offset
    while True:
        if interval is not None:
            now = time.perf_counter()
            if due > now:
                await asyncio.sleep(due - now)
            start = due
            due += interval
        else:
            start = time.perf_counter()
        if start >= until:
            break
        writer.write(rng.choice(requests))
        statuses.append(await read_response(reader))
        latencies.append(time.perf_counter() - start)
    writer.close()


async def load(
    port: int, urls: list[str], seconds: float, connections: int, rate: float | None, server: int
) -> dict[str, float]:
    requests = [request_bytes(port, u) for u in urls]
    latencies: list[float] = []
    statuses: list[int] = []
    interval = connections / rate if rate else None
    cpu0 = time.process_time()
    server0 = tree_cpu(server)
    start = time.perf_counter()
    until = start + seconds
    offsets = [(interval or 0) * i / connections for i in range(connections)]
    await asyncio.gather(*(connection(port, requests, until, latencies, statuses, interval, o) for o in offsets))
    wall = time.perf_counter() - start
    server_cpu = tree_cpu(server) - server0
    ok = sum(1 for s in statuses if s == 200)
    q = statistics.quantiles(latencies, n=1000)
    return {
        "requests": len(latencies), "ok": ok, "rps": len(latencies) / wall,
        "p50": q[499] * 1000, "p90": q[899] * 1000, "p99": q[989] * 1000, "max": max(latencies) * 1000,
        "client_cpu": (time.process_time() - cpu0) / wall,
        "server_cpu_us": server_cpu / max(1, len(latencies)) * 1e6,
    }  # fmt: skip


def report(name: str, r: dict[str, float]) -> None:
    print(
        f"{name}: {r['rps']:,.0f} requests/s ({r['ok']:,.0f} of {r['requests']:,.0f} answered 200); "
        f"latency p50 {r['p50']:.1f} ms, p90 {r['p90']:.1f} ms, p99 {r['p99']:.1f} ms, "
        f"max {r['max']:.1f} ms; load generator used {r['client_cpu']:.0%} of a core\n"
        f"    server CPU per request {r['server_cpu_us']:.0f} µs: {2e6 / r['server_cpu_us']:,.0f} requests/s "
        "if the server had both cores to itself"
    )


def check_from(urls: list[str]) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "urls.txt"
        path.write_text("\n".join(urls) + "\n", encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([verifyctl(), "check", "--format", "json", "--from", str(path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # fmt: skip
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return len(urls) / wall, len(urls) / cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rate", type=float, default=2000.0)
    parser.add_argument("--urls", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    try:
        import uvloop

        uvloop.install()  # the client's own overhead is noise to be kept small
    except ImportError:
        pass
    urls = url_mix(args.urls)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    port = free_port()
    server = start_server(port, args.workers)
    try:
        pid = server.pid
        asyncio.run(load(port, urls, 2.0, args.connections, None, pid))  # warm-up: caches, connections
        report(f"HTTP, {args.workers} workers, {args.connections} connections, saturated",
               asyncio.run(load(port, urls, args.seconds, args.connections, None, pid)))  # fmt: skip
        report(f"HTTP, {args.workers} workers, paced at {args.rate:,.0f} requests/s",
               asyncio.run(load(port, urls, args.seconds, args.connections, args.rate, pid)))  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    wall_rate, cpu_rate = check_from(urls)
    print(f"check --from, one process: {wall_rate:,.0f} URLs/s wall, {cpu_rate:,.0f} URLs per CPU-second "
          f"({len(urls):,} URLs, start-up included)")  # fmt: skip
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
