"""Batch faults: a `screen` run killed at random points and resumed, a full disk, whole-file
outputs written through a temporary file. Nothing lost, nothing repeated."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest
from robust_support import verifyctl_argv

POSTS = 60_000  # more than twenty runs killed after a few writes each can finish
KILLS = 20


def write_export(path: Path, n: int = POSTS) -> None:
    texts = [
        "Chuyển khoản gấp cho mình 5 triệu nhé",
        "Tin mới từ báo Nhân Dân https://nhandan.vn/chinh-tri/x",
        "Xem ngay http://nhandan-vn.com/tin-nong trước khi bị xóa",
        "Hôm nay trời đẹp, cả nhà đi chơi công viên.",
        "=HYPERLINK(\"http://evil.com\") <script>alert(1)</script>",
    ]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if i % 97 == 13:
                fh.write('{"id": "broken\n')  # a damaged record: an error record of its own
            else:
                fh.write(json.dumps({"id": f"p{i}", "text": texts[i % len(texts)] + f" #{i}"}, ensure_ascii=False) + "\n")


def screen(*args: str, cwd: Path, limit_bytes: int | None = None) -> subprocess.Popen[bytes]:
    def limit() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.Popen(
        [*verifyctl_argv(), "screen", *args, "--lang", "en"],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill reaches its workers too
        preexec_fn=limit,
    )


def indexes(path: Path) -> list[int]:
    with path.open("rb") as fh:
        return [json.loads(line)["origin"]["index"] for line in fh]


def test_killed_twenty_times_then_resumed_loses_and_repeats_nothing(tmp_path: Path) -> None:
    write_export(tmp_path / "posts.jsonl")
    out = tmp_path / "out.jsonl"
    rng = random.Random(20261129)
    kills = 0
    for _ in range(KILLS):
        args = ["posts.jsonl", "-o", "out.jsonl", "--jobs", "2"]
        before = out.stat().st_size if out.exists() else 0
        proc = screen(*args, *(["--resume"] if out.exists() else []), cwd=tmp_path)
        # A random point counted in output, not in seconds (a fast machine would finish before
        # a timed kill): start-up, or just after one of the next writes of records.
        grow = rng.choice([0, 1, rng.randint(1, 300_000)])
        deadline = time.monotonic() + 60
        if grow == 0:
            time.sleep(rng.uniform(0.05, 0.4))
        while grow and proc.poll() is None and time.monotonic() < deadline:
            if out.exists() and out.stat().st_size >= before + grow:
                break
            time.sleep(0.002)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(30)
        assert proc.stderr is not None
        assert b"Traceback" not in proc.stderr.read()
        proc.stderr.close()
        if out.exists():
            done = indexes(out) if out.read_bytes().endswith(b"\n") else indexes_of_whole_lines(out)
            assert done == list(range(1, len(done) + 1))  # a prefix, in order, no repeats
    finish = screen("posts.jsonl", "-o", "out.jsonl", "--jobs", "2", "--resume", cwd=tmp_path)
    assert finish.wait(120) in (0, 2)  # 2: already complete ("nothing to resume")
    assert finish.stderr is not None
    assert b"Traceback" not in finish.stderr.read()
    finish.stderr.close()
    records = indexes(out)
    assert records == list(range(1, POSTS + 1))  # every input record exactly once, in order
    assert kills >= KILLS // 2  # most runs really were killed mid-way


def indexes_of_whole_lines(path: Path) -> list[int]:
    """What a resume will keep: everything up to the last newline (a kill may cut a line)."""
    data = path.read_bytes()
    whole = data[: data.rfind(b"\n") + 1]
    return [json.loads(line)["origin"]["index"] for line in whole.splitlines()]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "html"])
def test_a_full_disk_is_a_clear_error_and_the_run_resumes(tmp_path: Path, fmt: str) -> None:
    write_export(tmp_path / "posts.jsonl", 3000)
    out = tmp_path / f"out.{fmt}"
    proc = screen("posts.jsonl", "-o", out.name, "--jobs", "1", cwd=tmp_path, limit_bytes=150_000)
    proc.wait(120)
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if "cannot write" in line]
    assert len(lines) == 1 and "too large" in lines[0].lower() and "--resume" in lines[0], stderr
    if fmt != "jsonl":
        assert not out.exists()  # a whole-file output is never left half-written
    finish = screen("posts.jsonl", "-o", out.name, "--jobs", "1", "--resume", cwd=tmp_path)
    assert finish.wait(120) == 2  # the damaged records in the export: exit 2 once complete
    assert finish.stderr is not None
    assert b"cannot write" not in finish.stderr.read()
    finish.stderr.close()
    if fmt == "jsonl":
        assert indexes(out) == list(range(1, 3001))
    elif fmt == "csv":
        import csv

        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert len(rows) == 3001 and [r[3] for r in rows[1:]] == [str(i) for i in range(1, 3001)]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".verifyctl-")]


def test_a_failed_report_leaves_the_previous_one_intact(tmp_path: Path) -> None:
    write_export(tmp_path / "posts.jsonl", 3000)
    report = tmp_path / "report.html"
    report.write_text("<p>yesterday's report</p>", encoding="utf-8")
    proc = screen("posts.jsonl", "-o", "report.html", "--jobs", "1", cwd=tmp_path, limit_bytes=400_000)
    assert proc.wait(120) == 2
    assert proc.stderr is not None
    proc.stderr.close()
    assert report.read_text(encoding="utf-8") == "<p>yesterday's report</p>"  # written aside, renamed
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".verifyctl-")]
