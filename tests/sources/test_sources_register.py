"""The register: generated from tools/sources_register.tsv, judged by the installed CLI over the
research hosts, with merged province portals shadowing the gov.vn suffix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import REPO, RunCli, copy_list

DATA = Path(__file__).resolve().parent / "data"
TOOL = REPO / "tools" / "sources_register.py"
# Hosts of the research TSV that are deliberately not judged as their status says; each is
# explained in the comment above `include:` in data/official_sources.yaml.
EXCEPTIONS = {
    "ttxvn.org.vn": "TTXVN's portal: the ttxvn core entry is issue 14's to change",
    "bptv.org.vn": "one unverified source only, one edit from bptv.vn: not listed",
}


def read_hosts(name: str) -> list[tuple[str, str]]:
    lines = [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [(row.split("\t")[0], row.split("\t")[2]) for row in lines[1:] if row]


def judge(run_cli: RunCli, hosts: list[str], *extra: str) -> dict[str, dict[str, object]]:
    proc = run_cli("check", "--format", "json", *extra, "--from", "-", input="\n".join(f"https://{h}/" for h in hosts))
    assert proc.returncode in (0, 1), proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    return {host: record["reasons"][0] for host, record in zip(hosts, records, strict=True)}


def test_yaml_is_what_the_tsv_generates() -> None:
    proc = subprocess.run([sys.executable, str(TOOL), "check"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_research_hosts_are_judged_by_their_2025_status(run_cli: RunCli) -> None:
    rows = read_hosts("research_press_hosts.tsv")
    reasons = judge(run_cli, [host for host, _ in rows])
    active = [h for h, status in rows if status.startswith("active") and h not in EXCEPTIONS]
    assert len(active) >= 140
    former = [h for h, status in rows if status.startswith(("merged", "closed"))]
    legacy = [h for h, status in rows if not status.startswith(("active", "merged", "closed")) and h not in EXCEPTIONS]
    assert len(active) + len(former) + len(legacy) + len(EXCEPTIONS) == len(rows) == 247
    assert [h for h in active if reasons[h]["code"] != "official_source"] == []
    assert [h for h in former if reasons[h]["code"] != "former_source"] == []
    assert [h for h in legacy if reasons[h]["code"] not in ("official_source", "former_source")] == []
    for host in former:
        assert reasons[host]["until"] and reasons[host]["successor"], host


def test_crosscheck_tool_names_only_the_exceptions() -> None:
    proc = subprocess.run(
        [sys.executable, str(TOOL), "crosscheck", str(DATA / "research_press_hosts.tsv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    misses = {line.split("\t")[0] for line in proc.stdout.splitlines()}
    assert "bptv.org.vn" in misses and misses <= set(EXCEPTIONS)
    assert "# former_source:ok 90" in proc.stderr


@pytest.mark.parametrize(
    ("host", "code", "source_id", "successor"),
    [
        ("hagiang.gov.vn", "former_source", "ha-giang-gov", "tuyen-quang-gov"),
        ("sotuphap.hagiang.gov.vn", "former_source", "ha-giang-gov", "tuyen-quang-gov"),
        ("baria-vungtau.gov.vn", "former_source", "ba-ria-vung-tau-gov", "ho-chi-minh-gov"),
        ("vnews.gov.vn", "former_source", "ttxvn-vnews", "vtv"),
        ("mpi.gov.vn", "former_source", "bo-ke-hoach-dau-tu", "bo-tai-chinh"),
        ("tuyenquang.gov.vn", "official_source", "tuyen-quang-gov", None),
        ("cucthue.tuyenquang.gov.vn", "official_source", "tuyen-quang-gov", None),
        ("unlisted-body.gov.vn", "official_source", "gov-vn", None),
    ],
)
def test_a_listed_host_state_wins_over_the_gov_vn_suffix(
    run_cli: RunCli, host: str, code: str, source_id: str, successor: str | None
) -> None:
    reason = judge(run_cli, [host])[host]
    assert (reason["code"], reason["source_id"], reason.get("successor")) == (code, source_id, successor)


def test_merged_host_without_subdomains_still_shadows_the_suffix(run_cli: RunCli, tmp_path: Path) -> None:
    entry_file = copy_list(tmp_path)
    part = tmp_path / "sources" / "government-provinces.yaml"
    text = part.read_text(encoding="utf-8")
    entry = text.split("  - id: ha-giang-gov\n", 1)[1].split("\n\n", 1)[0]
    assert "subdomains: true" in entry
    part.write_text(text.replace(entry, entry.replace("subdomains: true", "subdomains: false", 1)), encoding="utf-8")
    reasons = judge(run_cli, ["hagiang.gov.vn", "sotuphap.hagiang.gov.vn"], "--sources", str(entry_file))
    assert {(r["code"], r["source_id"]) for r in reasons.values()} == {("former_source", "ha-giang-gov")}


def test_province_portals_after_the_merger(run_cli: RunCli) -> None:
    proc = run_cli("sources", "list", "--format", "json", "--tier", "government")
    portals = [s for s in json.loads(proc.stdout) if s["scope"] == "provincial" and s["id"].endswith("-gov")]
    by_id = {s["id"]: s for s in portals}
    active = [s for s in portals if s["status"]["state"] == "active"]
    merged = [s for s in portals if s["status"]["state"] == "merged"]
    assert (len(active), len(merged)) == (34, 29)
    for source in merged:
        assert source["status"]["until"] == "2025-07-01"
        assert by_id[source["status"]["successor"]]["status"]["state"] == "active"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("--province", "ninh binh", "--tier", "government"),
            {"ninh-binh-gov", "ha-nam-gov", "nam-dinh-gov"},
        ),
        (
            ("--province", "Hà Giang"),
            {"ha-giang-paper", "ha-giang-radio-tv", "ha-giang-gov"},
        ),
        (("--province", "ho chi minh", "--tier", "organization"), set()),  # not Đoàn TNCS Hồ Chí Minh
        (
            ("--province", "Đồng Nai", "--state", "merged"),
            {"bptv", "dong-nai-radio-tv", "binh-phuoc-gov", "tinh-uy-binh-phuoc"},
        ),
    ],
)
def test_list_filters(run_cli: RunCli, args: tuple[str, ...], expected: set[str]) -> None:
    proc = run_cli("sources", "list", "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr
    assert {s["id"] for s in json.loads(proc.stdout)} == expected


def test_list_state_filter_rejects_an_unknown_state(run_cli: RunCli) -> None:
    proc = run_cli("--lang", "en", "sources", "list", "--state", "closed")
    assert proc.returncode == 2
    assert "closed" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("host", "source_id"),
    [
        ("zingnews.vn", "znews"),  # Znews' former name and domain (issue 20 saw `verify`)
        ("thethaovanhoa.vn", "the-thao-van-hoa"),  # a TTXVN paper
        ("vtcnews.vn", "vtc"),  # VTC News' current address
        ("vtc.vn", "vtc"),
        ("tuoitrenews.vn", "tuoi-tre"),
    ],
)
def test_known_errors_of_the_research_note_are_fixed(run_cli: RunCli, host: str, source_id: str) -> None:
    reason = judge(run_cli, [host])[host]
    assert (reason["code"], reason["source_id"]) == ("official_source", source_id)
