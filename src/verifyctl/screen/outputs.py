"""Whole-file outputs (CSV, HTML), rendered from the run's JSON Lines journal once the run is
complete, into a temporary file in the same folder that is then renamed over the target: the
target is never half-written."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg

CSV_COLUMNS = ("id", "verdict", "file", "index", "text", "codes", "rules", "links", "imitates", "reasons")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def journal_records(path: str) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as fh:
        for line in fh:
            yield json.loads(line)


@contextmanager
def atomic_text(path: str, encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[str]]:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".verifyctl-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise VerifyctlError(Msg(f"không ghi được: {exc.strerror}", f"cannot write: {exc.strerror}"), path) from None
    try:
        # mkstemp makes the file private; the report gets the mode any new file would get.
        umask = os.umask(0o022)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def neutralise(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula is shown as text instead."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def post_links(out: dict[str, Any]) -> list[str]:
    """The links a post's reasons are about (in its text or attached), each once, in order."""
    found: dict[str, None] = {}
    for reason in out.get("reasons") or ():
        link = reason.get("link")
        if isinstance(link, str) and link:
            found[link] = None
    return list(found)


def csv_row(out: dict[str, Any]) -> list[str]:
    reasons = out.get("reasons") or []
    where = out.get("origin") or {}
    links = []
    for reason in reasons:
        link = reason.get("link") or reason.get("host")
        if isinstance(link, str) and link not in links:
            links.append(link)
    cells = [
        str(out.get("id", "")),
        str(out.get("verdict", "")),
        str(where.get("file", "")),
        str(where.get("index", "")),
        str(out.get("target", "")),
        " ".join(dict.fromkeys(str(r.get("code", "")) for r in reasons)),
        " ".join(dict.fromkeys(str(r["rule"]) for r in reasons if r.get("rule"))),
        " ".join(links),
        " ".join(dict.fromkeys(str(r["imitates"]) for r in reasons if r.get("imitates"))),
        " | ".join(str(r.get("message", "")) for r in reasons),
    ]
    return [neutralise(cell) for cell in cells]


def write_csv(journal: str, path: str) -> None:
    # utf-8-sig: the BOM makes Excel read the file as UTF-8, so Vietnamese shows correctly.
    with atomic_text(path, encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for out in journal_records(journal):
            writer.writerow(csv_row(out))
