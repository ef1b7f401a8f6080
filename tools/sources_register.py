#!/usr/bin/env python3
"""The register's source of truth is `tools/sources_register.tsv`; this script writes the YAML.

One row per source (columns below). The YAML files under data/sources/ named in the `file`
column are generated from it, so an update is a reviewed change of one TSV row, not hand
editing of hundreds of entries:

    python tools/sources_register.py build            # TSV -> data/sources/<file>.yaml
    python tools/sources_register.py check            # exit 1 if the YAML differs from the TSV
    python tools/sources_register.py crosscheck research.tsv [--sources FILE]
                                                      # how the installed verifyctl judges each
                                                      # host of a research TSV (domain, status_2025)

`hosts` is a space-separated list: `host` counts with its subdomains, `=host` only itself,
`~host` is a legacy address (subdomains count). `aliases` is separated by `;`, `evidence` by
spaces (URLs); `seen_in` names, separated by `;`, the public code or lists where a `seen`
host was found (plain-text citations after the URLs). The core entries and the hand-written entries stay in data/official_sources.yaml.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TSV = ROOT / "tools" / "sources_register.tsv"
OUT = ROOT / "data" / "sources"
COLUMNS = (
    "id", "file", "tier", "scope", "name", "name_en", "aliases", "hosts", "state", "since",
    "until", "successor", "parent", "confidence", "evidence", "note", "seen_in",
)  # fmt: skip
VERIFIED_ON = "2026-12-06"
HEADER = """\
# GENERATED from tools/sources_register.tsv by tools/sources_register.py: edit the TSV, then run
# `python tools/sources_register.py build` (CI runs `... check`). Loaded through the `include:`
# list of data/official_sources.yaml; schema and tiers: README, "The official-source list".
# confidence: confirmed = a page states the domain; seen = public code, lists or real URLs only.
# verified_on {day}: assembled from the shared research notes (archived pages, public crawler
# code of early 2026); nothing was checked live.
"""
_PLAIN = re.compile(r"^[A-Za-z0-9À-ỹ][^:#\[\]{},&*!|>'\"%@`]*$")


class RegisterError(Exception):
    pass


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise RegisterError(f"{path}:1: the columns must be: {' '.join(COLUMNS)}")
        rows = list(reader)
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not re.fullmatch(r"[a-z0-9-]+", row["id"] or "") or not re.fullmatch(r"[a-z0-9-]+", row["file"] or ""):
            raise RegisterError(f"{path}:{number}: id and file must be lower-case letters, digits and hyphens")
        if row["id"] in seen:
            raise RegisterError(f"{path}:{number}: id {row['id']!r} already on line {seen[row['id']]}")
        seen[row["id"]] = number
        if not any(url.startswith(("http://", "https://")) for url in row["evidence"].split()):
            raise RegisterError(f"{path}:{number}: {row['id']}: evidence needs at least one http(s) URL")
    return rows


def scalar(value: str) -> str:
    """A YAML scalar: plain when that reads back as the same string, else JSON-quoted (valid YAML)."""
    if _PLAIN.match(value) and value.strip() == value and not re.fullmatch(r"[\d.:-]+|true|false|null|yes|no|on|off|~", value, re.I):
        return value
    return json.dumps(value, ensure_ascii=False)


def source_yaml(row: dict[str, str]) -> str:
    out = [f"  - id: {row['id']}", f"    name: {scalar(row['name'])}", f"    name_en: {scalar(row['name_en'])}"]
    aliases = [a.strip() for a in row["aliases"].split(";") if a.strip()]
    if aliases:
        out.append("    aliases: [" + ", ".join(scalar(a) for a in aliases) + "]")
    out += [f"    tier: {row['tier']}", f"    scope: {row['scope']}"]
    if row["parent"]:
        out.append(f"    parent: {row['parent']}")
    hosts = row["hosts"].split()
    out.append("    domains:" if hosts else "    domains: []")
    for host in hosts:
        name = host.lstrip("=~")
        out += [f"      - host: {name}", f"        subdomains: {'false' if host.startswith('=') else 'true'}"]
        if row["confidence"] != "confirmed":
            out.append(f"        confidence: {row['confidence']}")
        if host.startswith("~"):
            out.append("        legacy: true")
    status = [f"state: {row['state']}"] + [f"{key}: {row[key]}" for key in ("since", "until", "successor") if row[key]]
    # A merged or closed entry's note is about its end: it goes with the status history.
    ending = row["state"] != "active" and bool(row["note"])
    if ending:
        status.append(f"note: {json.dumps(row['note'], ensure_ascii=False)}")
    out.append("    status: {" + ", ".join(status) + "}")
    out.append("    evidence:")
    out += [f"      - {url}" for url in row["evidence"].split()]
    out += [f"      - {scalar('seen in ' + place.strip())}" for place in row["seen_in"].split(";") if place.strip()]
    out += [f"    confidence: {row['confidence']}", f"    verified_on: {VERIFIED_ON}"]
    if row["note"] and not ending:
        out.append(f"    note: {scalar(row['note'])}")
    return "\n".join(out) + "\n"


def render(rows: list[dict[str, str]]) -> dict[str, str]:
    files: dict[str, list[str]] = {}
    for row in rows:
        files.setdefault(row["file"], []).append(source_yaml(row))
    return {
        name: HEADER.format(day=VERIFIED_ON) + "\nschema_version: 1\n\nsources:\n\n" + "\n".join(entries)
        for name, entries in files.items()
    }


def build(rows: list[dict[str, str]], write: bool) -> int:
    stale = []
    OUT.mkdir(exist_ok=True)
    for name, text in render(rows).items():
        path = OUT / f"{name}.yaml"
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if write:
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'wrote' if write else 'out of date'}: {path.relative_to(ROOT)}")
    return 0 if write or not stale else 1


# The research TSV's status_2025 column, reduced to what the verdict should be.
def expected(status: str) -> str:
    if status.startswith("active"):
        return "official_source"
    if status.startswith(("merged", "closed")):
        return "former_source"
    return "either"  # a legacy address or an unverified domain: official (legacy) or former, never unknown


def crosscheck(research: Path, sources: str | None) -> int:
    with research.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    rows = [r for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE) if r.get("domain")]
    if not rows or "status_2025" not in rows[0]:
        raise RegisterError(f"{research}: a TSV with the columns domain and status_2025 is needed")
    beside = Path(sys.executable).with_name("verifyctl")  # the one installed with this Python
    command = [str(beside) if beside.exists() else "verifyctl", "check", "--format", "json", "--from", "-"]
    if sources:
        command[2:2] = ["--sources", sources]
    done = subprocess.run(
        command, input="\n".join(f"https://{r['domain']}/" for r in rows), capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 1):
        raise RegisterError(done.stderr.strip() or f"verifyctl exited {done.returncode}")
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    tally: Counter[str] = Counter()
    for row, result in zip(rows, results, strict=True):
        want = expected(row["status_2025"])
        codes = [reason["code"] for reason in result["reasons"]]
        got = codes[0] if codes else "none"
        ok = got == want or (want == "either" and got in ("official_source", "former_source"))
        tally[f"{want}:{'ok' if ok else 'miss'}"] += 1
        if not ok:
            print(f"{row['domain']}\t{row['status_2025']}\twant {want}\tgot {','.join(codes)}")
    for key in sorted(tally):
        print(f"# {key} {tally[key]}", file=sys.stderr)
    return 0 if not any(key.endswith(":miss") for key in tally) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="write data/sources/*.yaml from the TSV")
    sub.add_parser("check", help="exit 1 when the YAML is not what the TSV generates")
    cross = sub.add_parser("crosscheck", help="judge every host of a research TSV with the installed verifyctl")
    cross.add_argument("research", type=Path)
    cross.add_argument("--sources", help="the list to judge with (default: the installed one)")
    args = parser.parse_args(argv)
    try:
        if args.command == "crosscheck":
            return crosscheck(args.research, args.sources)
        return build(read_rows(TSV), write=args.command == "build")
    except (OSError, RegisterError) as exc:
        print(f"sources_register: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
