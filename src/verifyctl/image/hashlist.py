"""The hash list (`data/image_hashes.csv`): known pictures, one CSV row per hash.

Columns (README "Checking a picture: the hash list"): signal_type, signal_str, quality,
entry, label, note, source_url, first_seen, added_on. Rows sharing `entry` are the hashes of
one known picture and must agree on its label, note, link and date first seen.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from verifyctl.datafiles import read_text
from verifyctl.errors import DataFileError
from verifyctl.i18n import Msg
from verifyctl.image.index import PdqIndex
from verifyctl.image.pdq import MIN_QUALITY

COLUMNS = ("signal_type", "signal_str", "quality", "entry", "label", "note", "source_url", "first_seen", "added_on")
SIGNAL_TYPES = ("sha256", "pdq", "pdq_center")
PDQ_TYPES = ("pdq", "pdq_center")
LABELS = ("fake", "edited", "out_of_context", "official")
BAD_LABELS = ("fake", "edited", "out_of_context")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ENTRY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
MAX_FIELD = 2000

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    level: Level
    message: Msg
    check: str  # the id in `hashcheck.CATALOG`


@dataclass(frozen=True, slots=True)
class Entry:
    """One known picture."""

    id: str
    label: str
    note: str
    source_url: str
    first_seen: dt.date | None
    added_on: dt.date
    line: int


@dataclass(frozen=True, slots=True)
class Row:
    signal_type: str
    signal_str: str
    quality: int | None
    entry: str
    line: int


@dataclass(frozen=True)
class HashList:
    path: str
    entries: Mapping[str, Entry]
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...] = field(default=())

    @cached_property
    def sha256(self) -> dict[str, str]:
        return {r.signal_str: r.entry for r in self.rows if r.signal_type == "sha256"}

    @cached_property
    def pdq_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.signal_type in PDQ_TYPES)

    @cached_property
    def index(self) -> PdqIndex:
        return PdqIndex([r.signal_str for r in self.pdq_rows])


def load_hashlist(path: Path) -> HashList:
    """The list, or a DataFileError naming the first bad line (`hashes validate` lists all)."""
    hashes = parse_hashlist(read_text(path), str(path))
    for problem in hashes.problems:
        if problem.level == "error":
            raise DataFileError(problem.message, str(path), problem.line)
    return hashes


def parse_hashlist(text: str, path: str) -> HashList:
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    rows: list[Row] = []
    seen: dict[tuple[str, str], int] = {}
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return HashList(path, {}, (), (Problem(1, "error", _csv_error(exc), "csv-syntax"),))
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        msg = Msg(
            f"dòng tiêu đề phải là: {','.join(COLUMNS)}",
            f"the header line must be: {','.join(COLUMNS)}",
        )
        return HashList(path, {}, (), (Problem(1, "error", msg, "header"),))
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(line, "error", _csv_error(exc), "csv-syntax"))  # where the bad record began
            break
        line = reader.line_num
        if not record or all(not f.strip() for f in record):
            continue
        row, entry, row_problems = _parse_row(record, line)
        problems.extend(row_problems)
        if row is None or entry is None:
            continue
        key = (row.signal_type, row.signal_str)
        if key in seen:
            problems.append(
                Problem(
                    line,
                    "error",
                    Msg(
                        f"mã băm {row.signal_type} trùng với dòng {seen[key]}",
                        f"duplicate {row.signal_type} hash (first on line {seen[key]})",
                    ),
                    "duplicate-hash",
                )
            )
            continue
        seen[key] = line
        known = entries.get(entry.id)
        if known is None:
            entries[entry.id] = entry
        elif (known.label, known.note, known.source_url, known.first_seen) != (
            entry.label, entry.note, entry.source_url, entry.first_seen
        ):
            problems.append(
                Problem(
                    line,
                    "error",
                    Msg(
                        f"mục '{entry.id}' có label/note/source_url/first_seen khác dòng {known.line}",
                        f"entry '{entry.id}' differs in label/note/source_url/first_seen from line {known.line}",
                    ),
                    "entry-mismatch",
                )
            )
            continue
        rows.append(row)
    return HashList(path, entries, tuple(rows), tuple(problems))


def _csv_error(exc: csv.Error) -> Msg:
    return Msg(f"CSV không hợp lệ: {exc}", f"invalid CSV: {exc}")


def _parse_row(record: list[str], line: int) -> tuple[Row | None, Entry | None, list[Problem]]:
    """The row, or None with every problem it has (not only the first): one pass shows all."""
    problems: list[Problem] = []

    def err(check: str, vi: str, en: str) -> None:
        problems.append(Problem(line, "error", Msg(vi, en), check))

    def warn(check: str, vi: str, en: str) -> None:
        problems.append(Problem(line, "warning", Msg(vi, en), check))

    if len(record) != len(COLUMNS):
        err("columns", f"cần {len(COLUMNS)} cột, có {len(record)}", f"expected {len(COLUMNS)} columns, found {len(record)}")
        return None, None, problems
    fields = dict(zip(COLUMNS, (f.strip() for f in record), strict=True))
    for name, value in fields.items():
        if len(value) > MAX_FIELD:
            err("field-too-long", f"cột {name} dài quá {MAX_FIELD} ký tự", f"column {name} longer than {MAX_FIELD} characters")
    if problems:
        return None, None, problems
    kind, value = fields["signal_type"], fields["signal_str"].lower()
    if kind not in SIGNAL_TYPES:
        err(
            "signal-type",
            f"signal_type '{kind}' không hợp lệ (cần một trong: {', '.join(SIGNAL_TYPES)})",
            f"unknown signal_type '{kind}' (expected one of: {', '.join(SIGNAL_TYPES)})",
        )
    hex_ok = bool(_HEX64.match(value))
    if not hex_ok:
        err("hash-format", f"signal_str của {kind} phải là 64 chữ số hex", f"{kind} signal_str must be 64 hex digits")
    quality = _quality(kind, fields["quality"], err, warn)
    if kind in PDQ_TYPES and hex_ok and int(value, 16).bit_count() != 128:
        # a reference PDQ hash splits at the median: 128 bits set, unless ties (flat pictures)
        warn("pdq-bits", "mã PDQ không có đúng 128 bit 1", "PDQ hash does not have exactly 128 bits set")
    if not _ENTRY.match(fields["entry"]):
        err(
            "entry-id",
            "entry phải là mã ngắn: chữ thường, số, '.', '_' hoặc '-'",
            "entry must be a short id: lower-case letters, digits, '.', '_' or '-'",
        )
    if fields["label"] not in LABELS:
        err(
            "label",
            f"label '{fields['label']}' không hợp lệ (cần một trong: {', '.join(LABELS)})",
            f"unknown label '{fields['label']}' (expected one of: {', '.join(LABELS)})",
        )
    if not fields["note"]:
        err("note", "thiếu note (ghi chú tiếng Việt)", "missing note (a Vietnamese note)")
    if not _URL.match(fields["source_url"]):
        err("source-url", "source_url phải là link http(s)://", "source_url must be an http(s):// link")
    dates: dict[str, dt.date | None] = {"first_seen": None, "added_on": None}
    for name in ("first_seen", "added_on"):
        raw = fields[name]
        if not raw and name == "first_seen":
            continue
        try:
            dates[name] = dt.date.fromisoformat(raw)
        except ValueError:
            err("date", f"{name} phải là ngày YYYY-MM-DD", f"{name} must be a date YYYY-MM-DD")
    added = dates["added_on"]
    if any(p.level == "error" for p in problems) or added is None:
        return None, None, problems
    entry = Entry(fields["entry"], fields["label"], fields["note"], fields["source_url"], dates["first_seen"], added, line)
    return Row(kind, value, quality, fields["entry"], line), entry, problems


def _quality(kind: str, raw: str, err: Callable[[str, str, str], None], warn: Callable[[str, str, str], None]) -> int | None:
    if kind not in PDQ_TYPES:
        if raw and kind in SIGNAL_TYPES:
            err("quality", "sha256 không có quality (để trống)", "sha256 rows take no quality (leave it empty)")
        return None
    if not raw:
        warn(
            "quality-unknown",
            "không rõ quality (mã nhập từ nơi khác): chạy `verifyctl hash` trên ảnh gốc nếu có",
            "quality unknown (an imported hash): run `verifyctl hash` on the original if you have it",
        )
        return None
    if not raw.isdigit() or int(raw) > 100:
        err("quality", "quality phải là số nguyên 0–100", "quality must be an integer 0-100")
        return None
    quality = int(raw)
    if quality < MIN_QUALITY:
        warn(
            "low-quality",
            f"mã băm chất lượng thấp ({quality} < {MIN_QUALITY}): khớp không đáng tin",
            f"low-quality hash ({quality} < {MIN_QUALITY}): matches are unreliable",
        )
    return quality


def format_rows(rows: Iterable[tuple[str, str, int | None]], entry: Entry) -> str:
    """CSV lines (no header) for one entry's hashes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for kind, value, quality in rows:
        writer.writerow(
            [
                kind,
                value,
                "" if quality is None else quality,
                entry.id,
                entry.label,
                entry.note,
                entry.source_url,
                entry.first_seen.isoformat() if entry.first_seen else "",
                entry.added_on.isoformat(),
            ]
        )
    return out.getvalue()


def header_line() -> str:
    return ",".join(COLUMNS) + "\n"
