"""`verifyctl screen --engine dask` from the installed command: the same files, summary and exit
code as the local engine with the real checks; one clear line when Dask is missing or the
scheduler cannot be reached; and Dask never imported unless asked for."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from importlib.util import find_spec
from pathlib import Path

import pytest
from dask_posts import write_csv, write_jsonl

from cli_support import RunCli

needs_dask = pytest.mark.skipif(find_spec("dask") is None, reason='Dask is not installed (pip install ".[dask]")')
needs_checks = pytest.mark.skipif(
    find_spec("verifyctl.text") is None or find_spec("verifyctl.image") is None,
    reason="the text and image checks have not landed on this branch yet",
)

INSTALL = 'pip install "verifyctl[dask]"'


@pytest.fixture
def hidden_dask(tmp_path: Path) -> dict[str, str]:
    """An environment in which `import dask` fails, as on a machine without the extra."""
    shim = tmp_path / "no-dask" / "dask"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError(\"No module named 'dask'\")\n", encoding="utf-8")
    return {"PYTHONPATH": str(shim.parent)}


@pytest.mark.parametrize(("lang", "words"), [("vi", "cần Dask, chưa được cài"), ("en", "needs Dask, which is not installed")])
def test_without_dask_it_says_how_to_install_it(
    lang: str, words: str, hidden_dask: dict[str, str], run_cli: RunCli, tmp_path: Path
) -> None:
    posts = write_jsonl(tmp_path / "posts.jsonl", 10)
    proc = run_cli("screen", "--engine", "dask", "--lang", lang, str(posts), env=hidden_dask)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert words in proc.stderr and INSTALL in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("option", [["--scheduler", "tcp://127.0.0.1:8786"], ["--partition-size", "100"]])
def test_cluster_options_need_the_dask_engine(option: list[str], run_cli: RunCli, tmp_path: Path) -> None:
    posts = write_jsonl(tmp_path / "posts.jsonl", 10)
    proc = run_cli("screen", *option, "--lang", "en", str(posts))
    assert proc.returncode == 2
    assert "--scheduler and --partition-size need --engine dask" in proc.stderr


def test_the_local_engine_never_imports_dask(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from verifyctl.cli import main\n"
        "code = main(['screen', '--engine', 'local', 'missing.jsonl'])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.stdout.split() == ["2", "[]"], proc.stdout + proc.stderr


@needs_dask
@needs_checks
def test_unreachable_scheduler_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    posts = write_jsonl(tmp_path / "posts.jsonl", 10)
    proc = run_cli("screen", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--lang", "en", str(posts))
    assert proc.returncode == 2
    assert re.fullmatch(r"verifyctl: tcp://127\.0\.0\.1:9: cannot reach the Dask scheduler \(.*\)\n", proc.stderr), proc.stderr


@needs_dask
@pytest.mark.parametrize("address", ["foo", "tcp://127.0.0.1:port", "http://127.0.0.1:8786"])
def test_malformed_scheduler_address_is_one_line(address: str, run_cli: RunCli, tmp_path: Path) -> None:
    posts = write_jsonl(tmp_path / "posts.jsonl", 10)
    proc = run_cli("screen", "--engine", "dask", "--scheduler", address, "--lang", "en", str(posts), timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"verifyctl: {address}: not a Dask scheduler address (")
    assert proc.stderr.count("\n") == 1, proc.stderr


@needs_dask
@needs_checks
def test_50000_posts_same_as_local_jobs_2(run_cli: RunCli, tmp_path: Path) -> None:
    """Real checks on both sides; the Dask side on its own LocalCluster of 2 processes."""
    posts = write_jsonl(tmp_path / "posts.jsonl", 50_000)
    local = run_cli("screen", "--jobs", "2", "--lang", "en", str(posts), "-o", "local.jsonl", timeout=600)
    dask = run_cli(
        "screen", "--engine", "dask", "--jobs", "2", "--lang", "en", str(posts), "-o", "dask.jsonl", timeout=600
    )
    assert dask.returncode == local.returncode == 2, dask.stderr  # 2: the planted unreadable lines
    assert dask.stdout == local.stdout  # the summary
    got = (tmp_path / "dask.jsonl").read_bytes().splitlines()
    want = (tmp_path / "local.jsonl").read_bytes().splitlines()
    assert len(got) == len(want) == 50_000
    for n, (a, b) in enumerate(zip(got, want, strict=True)):
        assert a == b, f"record {n + 1} differs"
    verdicts = Counter(json.loads(line)["verdict"] for line in got)
    assert all(verdicts[v] for v in ("share", "verify", "dont_share", "error")), verdicts


@needs_dask
@needs_checks
@pytest.mark.parametrize("suffix", ["csv", "html"])
def test_csv_and_html_outputs_same_as_local(suffix: str, run_cli: RunCli, tmp_path: Path) -> None:
    posts = write_csv(tmp_path / "crowdtangle.csv", 3_000)
    local = run_cli("screen", "--jobs", "2", str(posts), "-o", f"local.{suffix}")
    dask = run_cli("screen", "--engine", "dask", "--jobs", "2", "--partition-size", "400", str(posts), "-o", f"dask.{suffix}")
    assert dask.returncode == local.returncode
    assert dask.stdout == local.stdout
    got = (tmp_path / f"dask.{suffix}").read_text(encoding="utf-8")
    want = (tmp_path / f"local.{suffix}").read_text(encoding="utf-8")
    if suffix == "html":  # the report says when it was made, to the minute
        stamp = re.compile(r'<p class="note">[^<]*: \d{4}-\d\d-\d\d \d\d:\d\d [+-]\d{4}</p>')
        got, want = stamp.sub("", got), stamp.sub("", want)
    assert got == want
