"""Costs of hostile input next to ordinary input, measured side by side (not run in CI).

Prints, for each attack, the wall time and peak memory of the hostile case and of an ordinary
case of the same size or kind, and their ratio: what "bounded time and memory" means in numbers.

    python benchmarks/bench_robust.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "robust"))

import contextlib

from robust_images import normal_jpeg, png_bomb
from robust_support import run_measured, verifyctl_argv

from verifyctl.errors import DataFileError
from verifyctl.yamlsafe import load_yaml


def in_process(work: Callable[[], object], repeat: int = 5) -> tuple[float, int]:
    best, peak = float("inf"), 0
    for _ in range(repeat):
        tracemalloc.start()
        start = time.perf_counter()
        with contextlib.suppress(DataFileError):
            work()
        best = min(best, time.perf_counter() - start)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return best, peak


def row(name: str, hostile: tuple[float, float], plain: tuple[float, float], unit: str) -> None:
    print(
        f"{name:<34} hostile {hostile[0] * 1000:9.1f} ms {hostile[1]:10.0f} {unit}   "
        f"plain {plain[0] * 1000:9.1f} ms {plain[1]:10.0f} {unit}   "
        f"ratio time {hostile[0] / plain[0]:6.2f} memory {hostile[1] / plain[1]:6.2f}"
    )


def yaml_rows() -> None:
    bomb = 'a0: &a0 "lol"\n' + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)
    )
    deep = "[" * 50_000 + "]" * 50_000
    for name, text in (("YAML billion laughs (9 levels)", bomb), ("YAML 50,000 levels deep", deep)):
        plain = "".join(f"key{i}: [value {i}, {i}]\n" for i in range(len(text) // 22 + 1))
        row(name, in_process(lambda t=text: load_yaml(t, "x")), in_process(lambda p=plain: load_yaml(p, "x")), "B")


def cli_rows(tmp: Path) -> None:
    argv = verifyctl_argv()
    bomb, photo = tmp / "bomb.png", tmp / "photo.jpg"
    bomb.write_bytes(png_bomb())
    photo.write_bytes(normal_jpeg())
    a = run_measured([*argv, "check", "--format", "json", str(bomb)], cwd=tmp)
    b = run_measured([*argv, "check", "--format", "json", str(photo)], cwd=tmp)
    row("image: 10-gigapixel PNG bomb", (a.seconds, a.max_rss_kb), (b.seconds, b.max_rss_kb), "KB")
    big, small = tmp / "big.txt", tmp / "small.txt"
    chunk = ("chia sẻ gấp trước khi bị xóa https://nhandan-vn.com/x " * 20).encode()
    with big.open("wb") as fh:
        while fh.tell() < 50 << 20:
            fh.write(chunk)
        fh.write(b"\n")
    small.write_bytes(chunk + b"\n")
    for name, cmd in (("check --from: one 50 MB line", ["check", "--from"]),
                      ("screen: one 50 MB line", ["screen", "--input-format", "text", "--jobs", "1"])):  # fmt: skip
        a = run_measured([*argv, *cmd, str(big)], cwd=tmp)
        b = run_measured([*argv, *cmd, str(small)], cwd=tmp)
        row(name, (a.seconds, a.max_rss_kb), (b.seconds, b.max_rss_kb), "KB")
    many, few = tmp / "many.txt", tmp / "few.txt"
    many.write_text("Xem " + " ".join(f"https://s{i}.example/p" for i in range(10_000)), encoding="utf-8")
    few.write_text("Xem " + " ".join(f"https://s{i}.example/p" for i in range(10)), encoding="utf-8")
    cmd = [*argv, "check", "--as", "text", "--format", "json", "-"]
    a = run_measured(cmd, stdin=many, cwd=tmp)
    b = run_measured(cmd, stdin=few, cwd=tmp)
    row("text: 10,000 links vs 10", (a.seconds, a.max_rss_kb), (b.seconds, b.max_rss_kb), "KB")


def main() -> None:
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    yaml_rows()
    with tempfile.TemporaryDirectory() as folder:
        cli_rows(Path(folder))


if __name__ == "__main__":
    main()
