"""The source list compiled to JSON at wheel build time, so `check` starts without YAML.

`hatch_build.py` writes `official_sources.compiled.json` beside the YAML inside the wheel. It
records the size and CRC-32 of the YAML it came from and of every file that one includes;
`load_sources` uses it only when they all still match the files on disk, so an edited list is
never shadowed by a stale compilation.
(CRC-32, not a cryptographic hash: this detects edits, and whoever can write one file can
write both; zlib is already loaded at start-up where hashlib's OpenSSL is not.)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zlib
from typing import TYPE_CHECKING, Any

from verifyctl.errors import VerifyctlError
from verifyctl.sources.model import Account, Domain, Impersonator, Source, SourceList, Status

if TYPE_CHECKING:
    from pathlib import Path

FORMAT = 2


def compiled_path(yaml_path: Path) -> Path:
    return type(yaml_path)(compiled_file(yaml_path))


def compiled_file(yaml_path: str | os.PathLike[str]) -> str:
    """Where the compilation of `yaml_path` is: beside it, `.yaml` swapped for `.compiled.json`
    (as text: pathlib is no part of `check`'s start-up)."""
    return os.path.splitext(os.fspath(yaml_path))[0] + ".compiled.json"


def digest(raw: bytes) -> str:
    return f"{len(raw)}:{zlib.crc32(raw):08x}"


def to_json(sources: SourceList, yaml_digest: str, includes: list[tuple[str, str]]) -> str:
    """`includes`: (path as the entry file gives it, digest) of each included file."""
    return json.dumps(
        {
            "format": FORMAT,
            "yaml_digest": yaml_digest,
            "includes": includes,
            "schema_version": sources.schema_version,
            "sources": [_source(s) for s in sources.sources],
            "impersonators": [
                [i.host, i.imitates, i.why, list(i.evidence), i.line] for i in sources.impersonators
            ],
            "not_lookalikes": list(sources.not_lookalikes),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _source(s: Source) -> list[Any]:
    st = s.status
    return [
        s.id, s.name, s.name_en, s.tier, s.scope,
        [[d.host, d.subdomains, d.confidence, d.legacy, d.suffix, d.line, d.note, list(d.evidence)] for d in s.domains],
        [[a.platform, a.handle, a.channel_id, a.confidence, list(a.evidence), a.line, a.note] for a in s.accounts],
        list(s.aliases),
        [st.state, _day(st.since), _day(st.until), st.successor, st.note, list(st.evidence)],
        list(s.evidence), s.confidence, _day(s.verified_on), s.parent, s.note, s.line, s.file,
    ]  # fmt: skip


def load_compiled(yaml_path: str | os.PathLike[str], raw: bytes) -> SourceList | None:
    """The compiled list for this YAML, or None when there is none or it is stale or unreadable."""
    from verifyctl.datafiles import MAX_DATA_BYTES
    from verifyctl.safeio import read_file

    try:
        obj = json.loads(read_file(compiled_file(yaml_path), MAX_DATA_BYTES))
    except (VerifyctlError, ValueError):
        return None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT or obj.get("yaml_digest") != digest(raw):
        return None
    if not all(_unchanged(yaml_path, name, known) for name, known in obj["includes"]):
        return None
    return SourceList(
        schema_version=obj["schema_version"],
        sources=tuple(_from_source(s) for s in obj["sources"]),
        impersonators=tuple(Impersonator(h, im, w, tuple(e), ln) for h, im, w, e, ln in obj["impersonators"]),
        path=str(yaml_path),
        not_lookalikes=tuple(obj["not_lookalikes"]),
    )


def _unchanged(entry: str | os.PathLike[str], name: str, known: str) -> bool:
    from verifyctl.datafiles import MAX_DATA_BYTES
    from verifyctl.safeio import read_file
    from verifyctl.sources.load import include_path

    try:
        return digest(read_file(include_path(entry, name), MAX_DATA_BYTES)) == known
    except VerifyctlError:
        return False


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _from_source(row: list[Any]) -> Source:
    (sid, name, name_en, tier, scope, domains, accounts, aliases, status,
     evidence, confidence, verified_on, parent, note, line, file) = row  # fmt: skip
    state, since, until, successor, status_note, status_evidence = status
    return Source(
        id=sid,
        name=name,
        name_en=name_en,
        tier=tier,
        scope=scope,
        domains=tuple(Domain(h, sub, c, leg, suf, ln, nt, tuple(ev)) for h, sub, c, leg, suf, ln, nt, ev in domains),
        accounts=tuple(Account(p, h, ch, c, tuple(ev), ln, nt) for p, h, ch, c, ev, ln, nt in accounts),
        aliases=tuple(aliases),
        status=Status(state, _date(since), _date(until), successor, status_note, tuple(status_evidence)),
        evidence=tuple(evidence),
        confidence=confidence,
        verified_on=_date(verified_on),
        parent=parent,
        note=note,
        line=line,
        file=file,
    )


def compile_file(yaml_path: Path, out: Path) -> None:
    """Build time: refuse a list that does not load, else write its compilation to `out`."""
    from verifyctl import yamlsafe
    from verifyctl.sources.load import include_names, include_path, load_yaml_sources

    raw = yaml_path.read_bytes()
    sources = load_yaml_sources(yaml_path, raw)
    tree = yamlsafe.load_yaml(raw.decode("utf-8"), str(yaml_path))
    includes = [
        (name, digest(type(yaml_path)(include_path(yaml_path, name)).read_bytes()))
        for name, _, _ in include_names(tree)
    ]
    out.write_text(to_json(sources, digest(raw), includes), encoding="utf-8")
