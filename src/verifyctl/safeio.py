"""Reading files and streams that may be hostile: the one place that decides what may be opened
and how much may be read.

- `open_regular` opens a regular file only. A device (`/dev/zero` never ends), a FIFO (waits
  for a writer for ever), a socket or a symlink to any of them is refused with one line. The
  file is opened non-blocking first, so even a FIFO swapped in after a check cannot hang the
  open, and its kind is read from the open descriptor, not from the name.
- `read_capped` reads at most a limit, in pieces: nothing reserves the limit up front (a
  `read(2 GiB)` fails under `ulimit -v` even for a 40-byte file), and a gzip bomb stops at the
  limit instead of at the end of memory.
- `Guarded` wraps a decompressing stream (gzip, a zip member) so that every way its data can be
  damaged (a bad CRC, corrupt deflate data, a truncated member) surfaces as `ReadFailed`, an
  `OSError` that the readers already turn into error records.
"""

from __future__ import annotations

import io
import os
import stat
from typing import IO

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg

PIECE = 1 << 20
GUARDED_PIECE = 1 << 16

NO_SUCH_FILE = Msg("không có tệp này", "no such file")
IS_A_FOLDER = Msg("là một thư mục, không phải tệp", "is a directory")
NOT_REGULAR = Msg(
    "không phải tệp thường (thiết bị, FIFO hay socket): không đọc",
    "not a regular file (a device, FIFO or socket): not read",
)


class ReadFailed(OSError):
    """A stream's data is damaged: the reader stops here, and says so in an error record."""


def too_large(limit: int) -> Msg:
    return Msg(f"tệp quá lớn (hơn {limit} byte)", f"file too large (over {limit} bytes)")


def open_regular(path: str | os.PathLike[str]) -> IO[bytes]:
    """`path` opened for reading, if it is (or links to) a regular file; else VerifyctlError."""
    where = os.fsdecode(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise VerifyctlError(NO_SUCH_FILE, where) from None
    except IsADirectoryError:
        raise VerifyctlError(IS_A_FOLDER, where) from None
    except (OSError, ValueError) as exc:
        raise VerifyctlError(_cannot_read(exc), where) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise VerifyctlError(IS_A_FOLDER, where)
        if not stat.S_ISREG(mode):
            raise VerifyctlError(NOT_REGULAR, where)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(stream: IO[bytes], limit: int, where: str) -> bytes:
    """All of `stream`, read in pieces; VerifyctlError once it holds more than `limit` bytes."""
    out = io.BytesIO()
    total = 0
    while piece := stream.read(min(PIECE, limit + 1 - total)):
        total += len(piece)
        if total > limit:
            raise VerifyctlError(too_large(limit), where)
        out.write(piece)
    return out.getvalue()


def read_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """A regular file's bytes, at most `limit` of them; one line saying why not otherwise."""
    where = os.fsdecode(path)
    with open_regular(path) as fh:
        try:
            return read_capped(fh, limit, where)
        except OSError as exc:
            raise VerifyctlError(_cannot_read(exc), where) from None


def _cannot_read(exc: Exception) -> Msg:
    why = getattr(exc, "strerror", None) or str(exc)
    return Msg(f"không đọc được: {why}", f"cannot read: {why}")


class Guarded(io.RawIOBase):
    """A decompressing stream whose failures all come out as `ReadFailed`."""

    def __init__(self, inner: IO[bytes], name: str) -> None:
        super().__init__()
        self._inner = inner
        self._name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            # Small pieces: data before the damage is handed on before the damage is hit.
            data = self._inner.read(min(len(buffer), GUARDED_PIECE))
        except MemoryError:
            raise
        except Exception as exc:  # zlib.error, BadZipFile (CRC), EOFError, LZMAError, OSError…
            raise ReadFailed(f"{type(exc).__name__}: {exc}") from None
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()


def guarded(inner: IO[bytes], name: str) -> io.BufferedReader:
    """`inner` as a buffered stream (with `peek` and `read1`) that fails only with ReadFailed."""
    return io.BufferedReader(Guarded(inner, name), GUARDED_PIECE)
