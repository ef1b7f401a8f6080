"""`verifyctl check --online` through the installed command against a real 127.0.0.1 server.

The test data folder lists `localhost` as a URL shortener, so a link to the local server is a
short link to expand. Without the test-only switch the fetcher refuses loopback before it
connects: the server sees no connection at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from url_testserver import LocalServer, serve

from cli_support import copy_list
from verifyctl.datafiles import SOURCES, data_path

RunCli = Any


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    with serve() as server:
        yield server


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    copy_list(folder, data_path(SOURCES))
    (folder / "url_shorteners.txt").write_text("# test list\nlocalhost\n", encoding="utf-8")
    return folder


def _online(run_cli: RunCli, data_dir: Path, url: str, *, loopback: bool, fmt: str = "json") -> Any:
    env = {"VERIFYCTL_DATA_DIR": str(data_dir)}
    if loopback:
        env["VERIFYCTL_TEST_ALLOW_LOOPBACK"] = "1"
    return run_cli("check", "--online", "--format", fmt, "--lang", "en", url, env=env)


def test_offline_a_short_link_is_not_followed(run_cli: RunCli, data_dir: Path, http_server: LocalServer) -> None:
    proc = run_cli("check", "--format", "json", http_server.url("/x", host="localhost"), env={"VERIFYCTL_DATA_DIR": str(data_dir), "VERIFYCTL_TEST_ALLOW_LOOPBACK": "1"})
    record = json.loads(proc.stdout)
    assert record["reasons"][0]["code"] == "shortened_link"
    assert http_server.seen.connections == 0


def test_without_the_switch_nothing_connects(run_cli: RunCli, data_dir: Path, http_server: LocalServer) -> None:
    proc = _online(run_cli, data_dir, http_server.url("/final", host="localhost"), loopback=False)
    record = json.loads(proc.stdout)
    reason = record["reasons"][0]
    assert (record["verdict"], reason["code"], reason["policy"]) == ("dont_share", "blocked_address", "loopback")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert http_server.seen.connections == 0


@pytest.mark.parametrize(
    ("target", "policy"),
    [
        ("http://10.0.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://[::ffff:192.168.0.1]/", "private (embedded in IPv6)"),
        ("http://100.64.0.1/", "cgnat"),
        ("file:///etc/passwd", "scheme"),
    ],
)
def test_a_hop_to_a_refused_address_is_a_reason(
    run_cli: RunCli, data_dir: Path, http_server: LocalServer, target: str, policy: str
) -> None:
    short = http_server.url("/to?u=" + quote(target, safe=""), host="localhost")
    proc = _online(run_cli, data_dir, short, loopback=True)
    record = json.loads(proc.stdout)
    reason = record["reasons"][0]
    assert (reason["code"], reason["policy"]) == ("blocked_address", policy)
    assert record["chain"][0] == short and len(record["chain"]) == 2
    assert http_server.seen.connections == 1  # the short link's own hop, nothing after it


def test_the_final_page_is_judged_and_the_chain_shown(run_cli: RunCli, data_dir: Path, http_server: LocalServer) -> None:
    final = http_server.url("/final")
    short = http_server.url("/to?u=" + quote(final, safe=""), host="localhost")
    proc = _online(run_cli, data_dir, short, loopback=True)
    record = json.loads(proc.stdout)
    assert record["chain"] == [short, final]
    assert record["final_url"] == final
    assert record["reasons"][0]["code"] == "ip_address"  # the local server is a bare IP
    human = _online(run_cli, data_dir, short, loopback=True, fmt="human")
    assert short in human.stdout and final in human.stdout


def test_too_many_redirects(run_cli: RunCli, data_dir: Path, http_server: LocalServer) -> None:
    proc = _online(run_cli, data_dir, http_server.url("/loop/0", host="localhost"), loopback=True)
    record = json.loads(proc.stdout)
    assert record["reasons"][0]["code"] == "shortened_link"
    assert "redirects" in record["expand_error"]
    assert len(record["chain"]) == 6
