"""`verifyctl screen` as installed, with the real checks: each input shape, the outputs, exit
codes, and runs killed (SIGKILL, Ctrl-C) then resumed with nothing lost or repeated."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import screen_exports as exports

from cli_support import RunCli, verifyctl_command

RNG_HOSTS = ["nhandan.vn", "nhandan-vn.com", "tin-nong-24h.example", "baochinhphu.vn", "bit.ly"]


def _records(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return target


def _facebook_zip(d: Path) -> list[str]:
    exports.facebook_export(d / "fb")
    return [str(_zip(d / "fb", d / "facebook-lan-2024.zip"))]


def _telegram_full(d: Path) -> list[str]:
    exports.telegram_export(d / "DataExport_2024-06-01", full=True)
    return [str(d / "DataExport_2024-06-01")]


def _twitter(d: Path) -> list[str]:
    exports.twitter_export(d / "twitter-2024")
    return [str(d / "twitter-2024")]


def _crowdtangle(d: Path) -> list[str]:
    return [str(exports.crowdtangle_csv(d / "crowdtangle.csv"))]


def _text_gz(d: Path) -> list[str]:
    plain = exports.text_file(d / "posts.txt")
    target = d / "posts.txt.gz"
    target.write_bytes(gzip.compress(plain.read_bytes()))
    return [str(target)]


SHAPES = {
    "facebook-zip": (_facebook_zip, 5),
    "telegram-full-export": (_telegram_full, 8),
    "twitter-archive": (_twitter, 4),
    "crowdtangle-csv": (_crowdtangle, 4),
    "text-gzip": (_text_gz, 4),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_shape_end_to_end(shape: str, tmp_path: Path, run_cli: RunCli) -> None:
    build, count = SHAPES[shape]
    proc = run_cli("--lang", "en", "screen", "--jobs", "2", *build(tmp_path))
    assert proc.returncode == 0, proc.stderr
    out = _records(proc.stdout)
    assert len(out) == count
    assert out[1]["verdict"] == "dont_share"  # the lookalike of nhandan.vn, and the rumour text
    assert any(r.get("imitates") == "nhan-dan" for r in out[1]["reasons"])  # type: ignore[union-attr]
    assert out[0]["verdict"] != "dont_share"
    assert all(o["kind"] == "text" and o["id"] and o["origin"] for o in out)
    assert f"Records {count}" in " ".join(proc.stderr.split())  # the summary, on stderr


def test_stdin_jsonl_and_fail_on(tmp_path: Path, run_cli: RunCli) -> None:
    body = exports.jsonl_file(tmp_path / "p.jsonl").read_bytes()
    plain = run_cli("screen", "-", input=body)
    assert plain.returncode == 0, plain.stderr
    failing = run_cli("screen", "--fail-on", "dont_share", "-", input=body)
    assert failing.returncode == 1
    assert failing.stdout == plain.stdout
    broken = run_cli("screen", "-", input=body + b"{not json\n")
    assert broken.returncode == 2
    assert _records(broken.stdout)[-1]["verdict"] == "error"


def test_outputs_and_summary(tmp_path: Path, run_cli: RunCli) -> None:
    src = exports.jsonl_file(tmp_path / "p.jsonl")
    for name in ("r.jsonl", "r.csv", "r.html"):
        proc = run_cli("--lang", "en", "screen", "-o", str(tmp_path / name), str(src))
        assert proc.returncode == 0, proc.stderr
        # The summary on stdout, the imitated outlet by its name (issue 20)
        assert "Don't share" in proc.stdout and "Nhan Dan (The People) newspaper" in proc.stdout
        assert not (tmp_path / f"{name}.partial.jsonl").exists()
    assert len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 4
    limit = csv.field_size_limit(1 << 24)  # process-wide, and other tests' readers change it
    try:
        rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"), newline="")))
    finally:
        csv.field_size_limit(limit)
    assert len(rows) == 5
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="total">4<' in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["screen", "no-such-file.jsonl"], "no-such-file.jsonl: no such file"),
        (["screen", "--resume", "x.jsonl"], "--resume needs --output FILE"),
        (["screen", "--output-format", "html", "x.jsonl"], "CSV, HTML and Excel need --output FILE"),
        (["screen", "--sources", "missing.yaml", "x.jsonl"], "missing.yaml: no such file"),
    ],
)
def test_usage_errors(args: list[str], message: str, tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "x.jsonl").write_text('{"text": "a"}\n', encoding="utf-8")
    proc = run_cli("--lang", "en", *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def _big_input(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            host = RNG_HOSTS[i % len(RNG_HOSTS)]
            text = "Hãy chia sẻ trước khi bị xóa!" if i % 7 == 0 else f"Tin số {i} về giá xăng"
            fh.write(json.dumps({"id": f"p{i}", "text": text, "url": f"https://{host}/bai-{i % 997}"}, ensure_ascii=False) + "\n")
    return path


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _run_until(args: list[str], out: Path, at_least: int, sig: int, cwd: Path) -> int:
    """Start the CLI, wait until `out` holds `at_least` lines, send `sig`; the exit code."""
    proc = subprocess.Popen([*verifyctl_command(), *args], cwd=cwd, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _lines(out) < at_least and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if proc.poll() is None:
        if sig == signal.SIGKILL:
            os.killpg(proc.pid, sig)  # the parent and its workers, as the OOM killer or kill -9 would
        else:
            os.kill(proc.pid, sig)
    proc.communicate(timeout=120)
    return proc.returncode


N = 12_000  # six chunks of 2,000: kills land between chunk writes


@pytest.mark.parametrize("fmt", ["jsonl", "html"])
def test_killed_and_resumed_loses_and_repeats_nothing(fmt: str, tmp_path: Path) -> None:
    src = _big_input(tmp_path / "in.jsonl", N)
    target = tmp_path / f"out.{fmt}"
    journal = target if fmt == "jsonl" else tmp_path / f"out.{fmt}.partial.jsonl"
    args = ["screen", "--jobs", "2", "-o", str(target), str(src)]
    killed_at = []
    for point in (1, 4_000, 8_000):
        code = _run_until([*args, *(["--resume"] if killed_at else [])], journal, point, signal.SIGKILL, tmp_path)
        killed_at.append((_lines(journal), code))
        if code == 0:
            break
    assert any(code == -signal.SIGKILL for _, code in killed_at), killed_at
    final = subprocess.run([*verifyctl_command(), "--lang", "en", *args, "--resume"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300, check=False)
    assert final.returncode == 0, final.stderr
    if fmt == "jsonl":
        ids = [json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()]
        assert ids == [f"p{i}" for i in range(N)]
    else:
        assert not journal.exists()
        assert f'id="total">{N:,}<' in target.read_text(encoding="utf-8")
    assert f"{N:,}" in final.stdout  # in English, as the progress line writes it


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as fh:
            found.extend(int(c) for c in fh.read().split())
    return found


def test_a_worker_killed_mid_run_stops_it_with_one_line_and_resume_finishes(tmp_path: Path) -> None:
    """The OOM killer takes one worker: the run stops (exit 2, one line saying so) instead of
    waiting forever for the chunk that worker held, and --resume loses and repeats nothing."""
    src = _big_input(tmp_path / "in.jsonl", 5 * N)
    target = tmp_path / "out.jsonl"
    args = ["--lang", "en", "screen", "--jobs", "2", "-o", str(target), str(src)]
    proc = subprocess.Popen([*verifyctl_command(), *args], cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _lines(target) < 2_000 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    workers = _children(proc.pid)
    assert workers, "no worker process to kill"
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert "a worker process died" in err and "Traceback" not in err
    done = subprocess.run([*verifyctl_command(), *args, "--resume"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    ids = [json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"p{i}" for i in range(5 * N)]


def test_ctrl_c_stops_cleanly_and_resumes(tmp_path: Path) -> None:
    # Long enough that Ctrl-C after the first chunk lands mid-run: with six chunks in flight,
    # a run of N records can finish before the signal arrives.
    src = _big_input(tmp_path / "in.jsonl", 5 * N)
    target = tmp_path / "out.jsonl"
    args = ["--lang", "en", "screen", "--jobs", "2", "-o", str(target), str(src)]
    code = _run_until(args, target, 2_000, signal.SIGINT, tmp_path)
    assert code == 130
    body = target.read_bytes()
    assert body.endswith(b"\n")
    assert all(json.loads(line) for line in body.splitlines())
    done = subprocess.run([*verifyctl_command(), *args, "--resume"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    ids = [json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"p{i}" for i in range(5 * N)]
