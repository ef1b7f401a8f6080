"""The formats others share hash lists in.

- ThreatExchange `local_file` lines: `<signal_type> <signal_str>` per line (`pdq <64 hex>`),
  `#` comments and blank lines ignored. Only PDQ is a ThreatExchange signal type here.
- A CSV whose header names at least `signal_type,signal_str` (the shape ThreatExchange and
  Hasher-Matcher-Actioner dumps use); `quality` (or `pdq_quality`), `entry`, `label`, `note`,
  `source_url`, `first_seen` and `added_on` are taken when present, other columns ignored.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from verifyctl.errors import DataFileError
from verifyctl.i18n import Msg
from verifyctl.image.hashlist import PDQ_TYPES, HashList

_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
IMPORTABLE = ("pdq", "sha256")


@dataclass(frozen=True, slots=True)
class Imported:
    signal_type: str
    signal_str: str
    quality: int | None
    line: int
    fields: dict[str, str]  # entry, label, note, source_url, first_seen, added_on when given


def read_te_lines(text: str, where: str) -> list[Imported]:
    out: list[Imported] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 1)
        if len(parts) != 2:
            raise DataFileError(
                Msg("cần '<signal_type> <signal_str>', ví dụ 'pdq <64 hex>'", "expected '<signal_type> <signal_str>', e.g. 'pdq <64 hex>'"),
                where,
                lineno,
            )
        out.append(_signal(parts[0].lower(), parts[1].strip(), None, lineno, {}, where))
    return out


def read_csv(text: str, where: str) -> list[Imported]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in reader.fieldnames or []]
    except csv.Error as exc:
        raise DataFileError(Msg(f"CSV không hợp lệ: {exc}", f"invalid CSV: {exc}"), where, 1) from None
    if "signal_type" not in header or "signal_str" not in header:
        raise DataFileError(
            Msg("dòng tiêu đề CSV phải có signal_type và signal_str", "the CSV header must name signal_type and signal_str"),
            where,
            1,
        )
    reader.fieldnames = header
    out: list[Imported] = []
    try:
        for record in reader:
            lineno = reader.line_num
            if None in record:
                raise DataFileError(Msg("thừa cột so với tiêu đề", "more columns than the header"), where, lineno)
            values = {k: (v or "").strip() for k, v in record.items()}
            if not any(values.values()):
                continue
            raw_quality = values.get("quality") or values.get("pdq_quality") or ""
            quality = None
            if raw_quality:
                if not raw_quality.isdigit() or int(raw_quality) > 100:
                    raise DataFileError(Msg("quality phải là số 0–100", "quality must be 0-100"), where, lineno)
                quality = int(raw_quality)
            extra = {k: values[k] for k in ("entry", "label", "note", "source_url", "first_seen", "added_on") if values.get(k)}
            out.append(_signal(values["signal_type"].lower(), values["signal_str"], quality, lineno, extra, where))
    except csv.Error as exc:
        raise DataFileError(Msg(f"CSV không hợp lệ: {exc}", f"invalid CSV: {exc}"), where, reader.line_num) from None
    return out


def _signal(kind: str, value: str, quality: int | None, line: int, extra: dict[str, str], where: str) -> Imported:
    if kind not in IMPORTABLE:
        raise DataFileError(
            Msg(f"loại tín hiệu '{kind}' không nhập được (chỉ pdq, sha256)", f"signal type '{kind}' cannot be imported (only pdq, sha256)"),
            where,
            line,
        )
    if not _HEX64.match(value):
        raise DataFileError(Msg(f"mã {kind} phải có 64 chữ số hex", f"a {kind} hash has 64 hex digits"), where, line)
    return Imported(kind, value.lower(), quality, line, extra)


def te_lines(hashes: HashList) -> str:
    """Every PDQ hash of the list (whole and centre) as `pdq <hex>` lines."""
    return "".join(f"pdq {row.signal_str}\n" for row in hashes.rows if row.signal_type in PDQ_TYPES)
