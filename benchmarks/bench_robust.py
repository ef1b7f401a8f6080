"""Costs of hostile input next to ordinary input, measured side by side (not run in CI).

Prints, for each attack, the wall time and peak memory of the hostile case and of an ordinary
case of the same size or kind, and their ratio: what "bounded time and memory" means in numbers.

    python benchmarks/bench_robust.py
"""

from __future__ import annotations

import gzip
import json
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


def round_two_rows(tmp: Path) -> None:
    """Issue 19's findings: a 1 MB URL must be refused or judged in under 1 s, and no single
    input may take more than 1 GiB (peak resident size of the child)."""
    argv = [*verifyctl_argv(), "--lang", "en"]
    plain = tmp / "plain-url.txt"
    plain.write_text("https://nhandan.vn/thoi-su/bai-viet\n")
    hostile_urls = {
        "url: 1 MB host (500,000 labels)": "http://" + "a." * 500_000 + "com/",
        "url: 1 MB path": "https://nhandan.vn/" + "a" * 1_000_000,
        "url: 1 MB host of one label": "https://" + "b" * 1_000_000 + ".vn/",
    }
    b = run_measured([*argv, "check", "--format", "json", "--from", str(plain)], cwd=tmp)
    for name, url in hostile_urls.items():
        path = tmp / "url.txt"
        path.write_text(url + "\n")
        a = run_measured([*argv, "check", "--format", "json", "--from", str(path)], cwd=tmp)
        row(name, (a.seconds, a.max_rss_kb), (b.seconds, b.max_rss_kb), "KB")
    posts = tmp / "posts.jsonl"
    posts.write_text(json.dumps({"id": "x", "text": "xem http://" + "a." * 500_000 + "com/ ngay"}) + "\n")
    few = tmp / "few.jsonl"
    few.write_text(json.dumps({"id": "x", "text": "xem https://nhandan.vn/a ngay"}) + "\n")
    screen = [*argv, "screen", "--jobs", "1", "-o", str(tmp / "out.jsonl")]
    a = run_measured([*screen, str(posts)], cwd=tmp)
    b = run_measured([*screen, str(few)], cwd=tmp)
    row("screen: a post with a 1 MB host", (a.seconds, a.max_rss_kb), (b.seconds, b.max_rss_kb), "KB")
    word = tmp / "word.jsonl"
    word.write_text(json.dumps({"id": "w", "text": "a" * 8_000_000}) + "\n")
    a = run_measured([*screen, str(word)], cwd=tmp)
    row("screen: one 8 MB word", (a.seconds, a.max_rss_kb), (b.seconds, b.max_rss_kb), "KB")
    from PIL import Image

    big, photo = tmp / "big.png", tmp / "photo.jpg"
    Image.new("RGB", (9000, 9000), (12, 34, 56)).save(big)
    photo.write_bytes(normal_jpeg())
    a = run_measured([*argv, "check", "--format", "json", str(big)], cwd=tmp)
    b = run_measured([*argv, "check", "--format", "json", str(photo)], cwd=tmp)
    row("image: 9000x9000 PNG (small file)", (a.seconds, a.max_rss_kb), (b.seconds, b.max_rss_kb), "KB")
    export = tmp / "export"
    export.mkdir()
    with gzip.open(export / "result.json", "wb", compresslevel=9) as fh:
        fh.write(b'{"name": "x", "messages": [')
        for _ in range(1024):
            fh.write(b" " * (1 << 20))
        fh.write(b"]}")
    a = run_measured([*screen, str(export)], cwd=tmp)
    b = run_measured([*screen, str(few)], cwd=tmp)
    row("screen: 1 GiB gzip bomb result.json", (a.seconds, a.max_rss_kb), (b.seconds, b.max_rss_kb), "KB")


def main() -> None:
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    yaml_rows()
    with tempfile.TemporaryDirectory() as folder:
        cli_rows(Path(folder))
    with tempfile.TemporaryDirectory() as folder:
        round_two_rows(Path(folder))


if __name__ == "__main__":
    main()
