"""A short link that cannot be expanded says why in plain words, with advice (issue 20): no
`[Errno -2] Name or service not known` inside a Vietnamese sentence. The technical text stays
in the JSON field `expand_error`. Real lookups and a real closed port on 127.0.0.1."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from cli_support import copy_list
from verifyctl.datafiles import SOURCES, data_path
from verifyctl.url.check import plain_network_error

RunCli = Any


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    copy_list(folder, data_path(SOURCES))  # the list and the files it includes
    # .invalid never resolves (RFC 6761); localhost is where a closed port is.
    (folder / "url_shorteners.txt").write_text("# test list\nlocalhost\nrut-gon.invalid\n", encoding="utf-8")
    return folder


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("http://rut-gon.invalid/abc", "không có mạng, hoặc không tìm thấy trang này"),
        ("http://localhost:{port}/abc", "trang từ chối kết nối"),
    ],
)
def test_expansion_failure_in_plain_words(run_cli: RunCli, data_dir: Path, link: str, words: str) -> None:
    env = {"VERIFYCTL_DATA_DIR": str(data_dir), "VERIFYCTL_TEST_ALLOW_LOOPBACK": "1"}
    url = link.format(port=_closed_port())
    human = run_cli("check", "--online", "--format", "human", url, env=env)
    assert words in " ".join(human.stdout.split())
    assert "Errno" not in human.stdout and "Name or service" not in human.stdout
    record = json.loads(run_cli("check", "--online", "--format", "json", url, env=env).stdout)
    assert record["reasons"][0]["code"] == "shortened_link"
    assert words in record["reasons"][0]["message"]
    assert record["expand_error"]  # the technical text, for whoever needs it


def test_status_and_unknown_errors() -> None:
    assert "404" in plain_network_error(None, 404).vi
    assert plain_network_error("timed out", None).en.startswith("the site did not answer")
    assert plain_network_error("weird", None).en.startswith("the site could not be reached")
