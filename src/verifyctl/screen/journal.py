"""The JSON Lines output, written so that a killed run leaves only whole lines behind and
`--resume` knows where to go on.

Each chunk of lines goes out in one `os.write` on an `O_APPEND` descriptor (no user-space
buffer: what was written survives the process being killed), and is fsynced every few seconds
and at the end (so a machine crash loses seconds, not the run). A SIGKILL during a write or a
crash can still leave a partial last line; `--resume` cuts the file back to its last newline,
counts the lines (= records done) and checks that the last one is where the input says it
should be.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.screen.summary import Summary

FSYNC_EVERY = 2.0  # seconds


@dataclass
class Done:
    """What an earlier run already wrote."""

    count: int = 0
    last_origin: Any = None
    summary: Summary = field(default_factory=Summary)


def recover(path: str) -> Done:
    """Cut a partial last line, then read back what the output holds."""
    done = Done()
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return done
    except OSError as exc:
        raise VerifyctlError(Msg(f"không mở được: {exc.strerror}", f"cannot open: {exc.strerror}"), path) from None
    try:
        size = os.fstat(fd).st_size
        end = _last_newline_end(fd, size)
        if end != size:
            os.ftruncate(fd, end)
            os.fsync(fd)
    finally:
        os.close(fd)
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            try:
                out = json.loads(line)
                if not isinstance(out, dict) or "verdict" not in out:
                    raise ValueError
            except ValueError:
                raise VerifyctlError(
                    Msg(
                        "không phải bản ghi của verifyctl screen; không tiếp tục được",
                        "not a verifyctl screen record; cannot resume",
                    ),
                    f"{path}:{lineno}",
                ) from None
            done.summary.add(out)
            done.count += 1
            done.last_origin = out.get("origin")
    return done


def _last_newline_end(fd: int, size: int) -> int:
    """Offset just after the file's last newline (0 if it has none)."""
    pos = size
    while pos > 0:
        step = min(1 << 16, pos)
        pos -= step
        block = os.pread(fd, step, pos)
        at = block.rfind(b"\n")
        if at >= 0:
            return pos + at + 1
    return 0


class Journal:
    """Appends whole lines to `path` (or stdout when `path` is None)."""

    def __init__(self, path: str | None, append: bool) -> None:
        self.path = path
        self._last_sync = time.monotonic()
        self._durable = False
        if path is None:
            self.fd = sys.stdout.fileno()
            sys.stdout.flush()
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if append else os.O_TRUNC)
        try:
            self.fd = os.open(path, flags, 0o644)
        except OSError as exc:
            raise VerifyctlError(
                Msg(f"không ghi được: {exc.strerror}", f"cannot write: {exc.strerror}"), path
            ) from None
        # Only a file on a disk can be synced: -o /dev/null or /dev/stdout refuses fsync (EINVAL).
        self._durable = stat.S_ISREG(os.fstat(self.fd).st_mode)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fd, view) :]
        except OSError as exc:
            if self.path is None:
                raise
            raise VerifyctlError(
                Msg(
                    f"không ghi được ({exc.strerror}); chạy lại với --resume khi đã khắc phục",
                    f"cannot write ({exc.strerror}); run again with --resume once fixed",
                ),
                self.path,
            ) from None
        if self._durable and time.monotonic() - self._last_sync > FSYNC_EVERY:
            os.fsync(self.fd)
            self._last_sync = time.monotonic()

    def close(self) -> None:
        if self.path is None:
            return
        try:
            if self._durable:
                os.fsync(self.fd)
        finally:
            os.close(self.fd)
