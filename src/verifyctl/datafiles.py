"""Where the shipped data files are: `VERIFYCTL_DATA_DIR`, else inside the installed package
(`verifyctl/data`, shipped in the wheel), else (editable install) the checkout's `data/`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.safeio import NO_SUCH_FILE as NO_SUCH_FILE  # where callers have always found it
from verifyctl.safeio import read_file

if TYPE_CHECKING:
    from pathlib import Path

SOURCES = "official_sources.yaml"
RULES = "rules.yaml"
HASHES = "image_hashes.csv"

# The shipped lists are tens of kilobytes; a data file a thousand times bigger is a mistake, and
# everything read into memory whole has a cap (see `safeio`).
MAX_DATA_BYTES = 32 << 20
NOT_SHIPPED = Msg(
    "không tìm thấy tệp dữ liệu đi kèm (đặt VERIFYCTL_DATA_DIR hoặc cài lại gói)",
    "shipped data file not found (set VERIFYCTL_DATA_DIR or reinstall the package)",
)


def data_dir() -> Path:
    from pathlib import Path

    override = os.environ.get("VERIFYCTL_DATA_DIR")
    if override:
        return Path(override)
    # An installed package on disk has its data beside this module; that check costs nothing,
    # while importing importlib.resources costs ~10 ms of every `check`'s start-up.
    beside = Path(__file__).with_name("data")
    if beside.is_dir():
        return beside
    checkout = Path(__file__).resolve().parents[2] / "data"
    if checkout.is_dir():
        return checkout
    return _resource_dir()


def _resource_dir() -> Path:
    """The package's data through importlib.resources (e.g. an install that is not plain files)."""
    from importlib import resources
    from pathlib import Path

    return Path(str(resources.files("verifyctl") / "data"))


def data_path(name: str) -> Path:
    path = data_dir() / name
    if not path.is_file():
        raise DataFileError(NOT_SHIPPED, str(path))
    return path


def data_file(name: str) -> str:
    """`str(data_path(name))`, without importing pathlib (~2 ms) in the common case of an
    installed package with its data beside this module: `check`'s start-up path."""
    if not os.environ.get("VERIFYCTL_DATA_DIR") and os.path.isabs(__file__):
        beside = os.path.join(os.path.dirname(__file__), "data")
        if os.path.isdir(beside):
            path = os.path.join(beside, name)
            if not os.path.isfile(path):
                raise DataFileError(NOT_SHIPPED, path)
            return path
    return str(data_path(name))


def read_text(path: str | os.PathLike[str], limit: int = MAX_DATA_BYTES) -> str:
    """A data or input file as UTF-8, with a one-line error naming the file and the bad byte."""
    return decode_utf8(read_bytes(path, limit), str(path))


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_DATA_BYTES) -> bytes:
    """A data file's bytes (a regular file, at most `limit`), or a DataFileError saying why
    not: a data file that cannot be read stops the run, it is not one bad input among many."""
    try:
        return read_file(path, limit)
    except DataFileError:
        raise
    except VerifyctlError as exc:
        raise DataFileError(exc.message, os.fsdecode(path)) from None


def decode_utf8(raw: bytes, where: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise VerifyctlError(
            Msg(
                f"không phải UTF-8 hợp lệ (byte 0x{raw[exc.start]:02x})",
                f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})",
            ),
            f"{where}:{line}:{col}",
        ) from None
    return text.removeprefix("\ufeff")
