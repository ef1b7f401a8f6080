"""`verifyctl hash`, `hashes …` and `check` on pictures, through the installed command."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from image_helpers import DATA, flat_picture
from PIL import Image

REFERENCE = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
BRIDGE = DATA / "bridge-mods_aaa-orig.jpg"
EN = {"VERIFYCTL_LANG": "en"}
RunCli = Callable[..., CompletedProcess[str]]


def add(run_cli: RunCli, image: Path, listing: Path, label: str = "fake", *extra: str) -> CompletedProcess[str]:
    return run_cli(
        "hashes", "add", str(image), "--label", label, "--note", "Ảnh cầu bị ghép.",
        "--source-url", "https://example.org/debunk", "--list", str(listing), *extra, env=EN,
    )


def test_hash_prints_list_rows_and_json(run_cli: RunCli, tmp_path: Path) -> None:
    out = run_cli("hash", str(BRIDGE))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "signal_type,signal_str,quality,entry,label,note,source_url,first_seen,added_on"
    assert lines[2].startswith(f"pdq,{REFERENCE},100,bridge-mods_aaa-orig,")
    out = run_cli("hash", "--format", "json", str(BRIDGE))
    record = json.loads(out.stdout)
    assert record["pdq"] == REFERENCE and record["quality"] == 100 and len(record["sha256"]) == 64


def test_hash_bad_image_exit_2_and_goes_on(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"")
    out = run_cli("hash", "--format", "json", str(bad), str(BRIDGE), env=EN)
    assert out.returncode == 2
    assert out.stderr.strip() == f"verifyctl: {bad}: empty image file (0 bytes)"
    assert json.loads(out.stdout)["pdq"] == REFERENCE


def test_add_then_check_json(run_cli: RunCli, tmp_path: Path) -> None:
    listing = tmp_path / "list.csv"
    out = add(run_cli, BRIDGE, listing)
    assert out.returncode == 0, out.stderr
    assert "bridge-mods_aaa-orig" in out.stdout
    assert run_cli("hashes", "validate", str(listing)).returncode == 0
    out = run_cli("check", "--format", "json", "--hashes", str(listing), str(DATA / "bridge-mods_blur-a-lot.jpg"), env=EN)
    assert out.returncode == 1
    record = json.loads(out.stdout)
    assert record["kind"] == "image" and record["verdict"] == "dont_share"
    reason = record["reasons"][0]
    assert reason["code"] == "image_match" and reason["entry"] == "bridge-mods_aaa-orig"
    assert reason["distance"] <= 31 and reason["source_url"] == "https://example.org/debunk"
    out = run_cli("check", "--format", "json", "--fail-on", "dont_share", "--hashes", str(listing), f"pdq:{REFERENCE}")
    assert out.returncode == 1 and json.loads(out.stdout)["verdict"] == "dont_share"


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        ("again", "already on the list"),
        ("duplicate-picture", "duplicate sha256 hash"),
        ("low-quality", "too little detail"),
    ],
)
def test_add_refuses(setup: str, words: str, run_cli: RunCli, tmp_path: Path) -> None:
    listing = tmp_path / "list.csv"
    assert add(run_cli, BRIDGE, listing).returncode == 0
    before = listing.read_text(encoding="utf-8")
    if setup == "again":
        out = add(run_cli, BRIDGE, listing)
    elif setup == "duplicate-picture":
        out = add(run_cli, BRIDGE, listing, "fake", "--entry", "other")
    else:
        flat = tmp_path / "flat.png"
        flat_picture().save(flat)
        out = add(run_cli, flat, listing)
    assert out.returncode == 2
    assert words in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert listing.read_text(encoding="utf-8") == before


BROKEN = """signal_type,signal_str,quality,entry,label,note,source_url,first_seen,added_on
pdq,{h},100,a,fake,Ghi chú.,https://example.org/a,,2026-01-01
pdq,{h},100,b,fake,Ghi chú.,https://example.org/b,,2026-01-01
pdq,{h2},20,c,rumour,Ghi chú.,https://example.org/c,,2026-01-01
pdq,{h3},20,d,fake,Ghi chú.,https://example.org/d,,2026-01-01
md5,abc,,e,fake,Ghi chú.,https://example.org/e,,2026-01-01
sha256,{h},,f,fake,,https://example.org/f,2024-13-01,2026-01-01
"""


def test_validate_reports_file_line(run_cli: RunCli, tmp_path: Path) -> None:
    listing = tmp_path / "broken.csv"
    h = REFERENCE
    listing.write_text(BROKEN.format(h=h, h2="0f" * 32, h3="f0" * 32), encoding="utf-8")
    out = run_cli("hashes", "validate", str(listing), env=EN)
    assert out.returncode == 1
    # the column is the field's: signal_str starts at 5 in "pdq,<hash>,…"
    assert f"{listing}:3:5: error: duplicate pdq hash (first on line 2) (duplicate-hash)" in out.stdout.splitlines()
    lines = [re.sub(r"^(.*?:\d+):\d+:", r"\1:", line) for line in out.stdout.splitlines()]
    assert any(line.startswith(f"{listing}:4: error: unknown label 'rumour'") for line in lines)
    assert any(line.startswith(f"{listing}:5: warning: low-quality hash (20 < 50)") for line in lines)
    assert any(line.startswith(f"{listing}:6: error: unknown signal_type 'md5'") for line in lines)
    # every problem of a row, not only its first: line 7 lacks its note and has a bad date
    assert any(line.startswith(f"{listing}:7: error: missing note") for line in lines)
    assert any(line.startswith(f"{listing}:7: error: first_seen must be a date") for line in lines)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (None, 2),  # no such file
        (b"\xff\xfe not utf-8", 2),
        (b"signal_type,signal_str\n", 1),  # wrong header
        (b"signal_type,signal_str,quality,entry,label,note,source_url,first_seen,added_on\n", 0),
    ],
)
def test_validate_exit_codes(content: bytes | None, code: int, run_cli: RunCli, tmp_path: Path) -> None:
    listing = tmp_path / "l.csv"
    if content is not None:
        listing.write_bytes(content)
    out = run_cli("hashes", "validate", str(listing))
    assert out.returncode == code, out.stderr
    assert "Traceback" not in out.stderr


def test_shipped_list_validates(run_cli: RunCli) -> None:
    assert run_cli("hashes", "validate").returncode == 0


def test_threatexchange_roundtrip(run_cli: RunCli, tmp_path: Path) -> None:
    te = tmp_path / "te.txt"
    te.write_text(f"# from a partner\npdq {REFERENCE}\n\npdq {'0f' * 32}\n", encoding="utf-8")
    listing = tmp_path / "imported.csv"
    out = run_cli("hashes", "import", str(te), "--from", "te", "--label", "fake", "--note", "Ảnh giả.",
                  "--source-url", "https://example.org/te", "--list", str(listing), env=EN)
    assert out.returncode == 0, out.stderr
    assert run_cli("hashes", "validate", str(listing)).returncode == 0  # warnings only (quality unknown)
    out = run_cli("hashes", "export", "--to", "te", "--list", str(listing))
    assert out.stdout == f"pdq {REFERENCE}\npdq {'0f' * 32}\n"
    out = run_cli("check", "--format", "json", "--hashes", str(listing), str(BRIDGE))
    assert json.loads(out.stdout)["reasons"][0]["entry"] == f"import-{REFERENCE[:12]}"


def test_csv_import_and_export(run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "dump.csv"
    source.write_text(
        "signal_type,signal_str,label,note,source_url,category\n"
        f"pdq,{REFERENCE},edited,Ảnh bị sửa.,https://example.org/x,photo\n",
        encoding="utf-8",
    )
    listing = tmp_path / "list.csv"
    assert run_cli("hashes", "import", str(source), "--from", "csv", "--list", str(listing)).returncode == 0
    out = run_cli("hashes", "export", "--to", "csv", "--list", str(listing))
    rows = out.stdout.splitlines()
    assert rows[0].startswith("signal_type,signal_str,")
    assert rows[1].startswith(f"pdq,{REFERENCE},,import-{REFERENCE[:12]},edited,Ảnh bị sửa.,https://example.org/x,")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("bad.txt", "pdq\n", ":1: expected '<signal_type> <signal_str>'"),
        ("bad2.txt", "pdq 1234\n", ":1: a pdq hash has 64 hex digits"),
        ("bad3.txt", f"\nmd5 {'0' * 32}\n", ":2: signal type 'md5' cannot be imported"),
    ],
)
def test_import_errors_name_the_line(name: str, content: str, words: str, run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    out = run_cli("hashes", "import", str(source), "--from", "te", "--label", "fake", "--note", "x",
                  "--source-url", "https://example.org/", "--list", str(tmp_path / "l.csv"), env=EN)
    assert out.returncode == 2
    assert f"{source}{words}" in out.stderr
    assert not (tmp_path / "l.csv").exists()


def test_check_batch_bad_image_gets_its_own_record(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 40)
    flat = tmp_path / "flat.png"
    flat_picture().save(flat)
    targets = tmp_path / "targets.txt"
    targets.write_text(f"{bad}\n{BRIDGE}\n{flat}\n", encoding="utf-8")
    out = run_cli("check", "--format", "json", "--from", str(targets), env=EN)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["verdict"] for r in records] == ["error", "verify", "verify"]
    assert [r["reasons"][0]["code"] for r in records] == ["invalid_input", "image_unknown", "image_low_quality"]
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_check_single_corrupt_image_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "broken.png"
    Image.new("RGB", (64, 64)).save(bad)
    bad.write_bytes(bad.read_bytes()[:60])
    out = run_cli("check", "--format", "json", str(bad), env=EN)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
