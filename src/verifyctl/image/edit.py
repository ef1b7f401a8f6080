"""Adding to a hash list: new entries are validated against the list before a line is written."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from verifyctl.datafiles import read_text
from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.image.hashlist import Entry, HashList, format_rows, header_line, parse_hashlist

SignalRow = tuple[str, str, int | None]  # signal_type, signal_str, quality


def slug(text: str) -> str:
    """An entry id from a file name: lower case, runs of other characters as '-'."""
    out = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._")
    return out[:60] or "image"


def open_list(path: Path) -> HashList:
    """The list at `path` (an empty one if the file does not exist yet); refuses a list that
    already has errors, so an append never hides them."""
    if not path.exists() or path.stat().st_size == 0:
        return parse_hashlist(header_line(), str(path))
    hashes = parse_hashlist(read_text(path), str(path))
    for problem in hashes.problems:
        if problem.level == "error":
            raise DataFileError(problem.message, str(path), problem.line)
    return hashes


def append(path: Path, batches: Sequence[tuple[Entry, Sequence[SignalRow]]]) -> int:
    """Append entries (each with its hashes) once the list with them still parses cleanly.
    Returns the number of rows written; creates the list (with its header) if needed."""
    hashes = open_list(path)
    for entry, _ in batches:
        if entry.id in hashes.entries:
            raise VerifyctlError(
                Msg(f"đã có mục '{entry.id}' trong danh sách (dùng --entry tên khác)",
                    f"entry '{entry.id}' is already on the list (choose another --entry)"),
                str(path),
            )
    new_text = "".join(format_rows(rows, entry) for entry, rows in batches)
    existing = read_text(path) if path.exists() else ""
    separator = "\n" if existing and not existing.endswith("\n") else ""
    combined = (existing or header_line()) + separator + new_text
    first_new = (existing or header_line()).count("\n") + (1 if separator else 0) + 1
    for problem in parse_hashlist(combined, str(path)).problems:
        if problem.level == "error" and problem.line >= first_new:
            raise VerifyctlError(problem.message, str(path))
    try:
        if existing:
            with path.open("a", encoding="utf-8", newline="") as out:
                out.write(separator + new_text)
        else:
            path.write_text(header_line() + new_text, encoding="utf-8", newline="")
    except OSError as exc:
        raise VerifyctlError(
            Msg(f"không ghi được: {exc.strerror}", f"cannot write: {exc.strerror}"), str(path)
        ) from None
    return new_text.count("\n")
