"""`verifyctl serve`'s command line: what happens before any request (exit 2, one line)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from serve_support import cli_env, free_port

from cli_support import RunCli

HIDE_EXTRA = """
import sys
for name in ("uvicorn", "starlette", "python_multipart"):
    sys.modules[name] = None  # what an install without the extra looks like to import
from verifyctl.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_without_the_extra_it_says_how_to_install_it(tmp_path: Path) -> None:
    for lang, words in (("vi", "cần gói bổ sung"), ("en", "needs the optional extra")):
        proc = subprocess.run(
            [sys.executable, "-c", HIDE_EXTRA, "serve", "--lang", lang],
            capture_output=True, text=True, env=cli_env(), cwd=tmp_path, timeout=60, check=False,
        )  # fmt: skip
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
        assert words in proc.stderr and "pip install 'verifyctl[serve]'" in proc.stderr


def test_a_bad_data_file_stops_the_start(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text("schema: 1\nrules: [\n", encoding="utf-8")
    for args in (["--sources", "missing.yaml"], ["--rules", "rules.yaml"]):
        proc = run_cli("serve", "--port", str(free_port()), *args)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("verifyctl: ")
        assert args[1] in proc.stderr


def test_a_port_in_use_is_one_line(run_cli: RunCli) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run_cli("serve", "--port", str(port), "--lang", "en")
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"verifyctl: 127.0.0.1:{port}: cannot listen: Address already in use"


def test_bad_options_are_usage_errors(run_cli: RunCli) -> None:
    for args in (["--workers", "0"], ["--port", "70000"], ["--root-path", "kiemtra"], ["--rate-limit", "-1"]):
        proc = run_cli("serve", *args)
        assert proc.returncode == 2, args
        assert "Traceback" not in proc.stderr


def test_help_shows_an_example(run_cli: RunCli) -> None:
    proc = run_cli("serve", "--help", "--lang", "en")
    assert proc.returncode == 0
    assert "verifyctl serve --host 0.0.0.0" in proc.stdout
    for flag in ("--root-path", "--forwarded-allow-ips", "--sources", "--rules", "--hashes", "--blocklist", "--online"):
        assert flag in proc.stdout
