"""Hostile pictures through the installed CLI: a clear one-line error (exit 2) or a verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from robust_images import HOSTILE_IMAGES, normal_jpeg, png_bomb, write_all
from robust_support import run_measured, verifyctl_argv

from cli_support import RunCli

EXPECTED = {
    "png-bomb": "decompression bomb",
    "gif-bomb": "decompression bomb",
    "small-gif-many-pixels": "decompression bomb",
    "bomb-between-limits": "decompression bomb",
    "truncated-jpeg": "truncated",
    "truncated-png": "truncated",
    "header-only-jpeg": "not a JPEG",
    "truncated-webp": "truncated",
    "text-named-jpg": "not a JPEG",
    "html-named-png": "not a JPEG",
    "zero-bytes": "0 bytes",
    "one-pixel": "too small",
    "jpeg-magic-then-garbage": "not a JPEG",
    "png-bad-crc": "not a JPEG",
    "svg-named-gif": "not a JPEG",
}
VERDICTS = sorted(set(HOSTILE_IMAGES) - set(EXPECTED))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bad_picture_is_one_clear_line_and_exit_2(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    path = write_all(tmp_path)[name]
    proc = run_cli("check", "--format", "json", "--lang", "en", str(path))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("verifyctl: ")
    assert path.name in lines[0] and EXPECTED[name] in lines[0]
    record = json.loads(proc.stdout)
    assert record["verdict"] == "error" and record["reasons"][0]["code"] == "invalid_input"


@pytest.mark.parametrize("name", VERDICTS)
def test_an_unusual_but_valid_picture_gets_a_verdict(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    path = write_all(tmp_path)[name]
    proc = run_cli("check", "--format", "json", str(path))
    assert proc.returncode == 1, proc.stderr  # an unknown picture: verify
    assert proc.stderr == ""
    record = json.loads(proc.stdout)
    assert record["kind"] == "image" and record["verdict"] == "verify"


def test_one_bad_picture_does_not_stop_the_others(run_cli: RunCli, tmp_path: Path) -> None:
    paths = write_all(tmp_path)
    proc = run_cli("check", "--format", "json", *(str(p) for p in paths.values()))
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["target"] for r in records] == [str(p) for p in paths.values()]
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == len(EXPECTED)


def test_a_folder_named_like_a_picture(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "album.jpg").mkdir()
    proc = run_cli("check", "--format", "json", "--as", "image", str(tmp_path / "album.jpg"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1


def test_a_decompression_bomb_costs_no_more_memory_than_a_normal_picture(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_bomb())  # 10 gigapixels: 30 GB as RGB if it were decoded
    normal = tmp_path / "normal.jpg"
    normal.write_bytes(normal_jpeg())
    base = run_measured([*verifyctl_argv(), "check", "--format", "json", str(normal)], cwd=tmp_path)
    hostile = run_measured([*verifyctl_argv(), "check", "--format", "json", str(bomb)], cwd=tmp_path)
    assert base.returncode == 1 and hostile.returncode == 2
    assert hostile.max_rss_kb < 1.5 * base.max_rss_kb
    assert hostile.seconds < 3 * base.seconds + 0.5
