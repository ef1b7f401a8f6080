"""Where the shipped data files are: `VERIFYCTL_DATA_DIR`, else inside the installed package
(`verifyctl/data`, shipped in the wheel), else (editable install) the checkout's `data/`."""

from __future__ import annotations

import os
from pathlib import Path

from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Msg

SOURCES = "official_sources.yaml"
RULES = "rules.yaml"
HASHES = "image_hashes.csv"

NO_SUCH_FILE = Msg("không có tệp này", "no such file")


def data_dir() -> Path:
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

    return Path(str(resources.files("verifyctl") / "data"))


def data_path(name: str) -> Path:
    path = data_dir() / name
    if not path.is_file():
        raise DataFileError(
            Msg(
                "không tìm thấy tệp dữ liệu đi kèm (đặt VERIFYCTL_DATA_DIR hoặc cài lại gói)",
                "shipped data file not found (set VERIFYCTL_DATA_DIR or reinstall the package)",
            ),
            str(path),
        )
    return path


def read_text(path: Path) -> str:
    """A data or input file as UTF-8, with a one-line error naming the file and the bad byte."""
    return decode_utf8(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or one line saying why they cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise VerifyctlError(NO_SUCH_FILE, str(path)) from None
    except IsADirectoryError:
        raise VerifyctlError(Msg("là một thư mục, không phải tệp", "is a directory"), str(path)) from None
    except OSError as exc:
        raise VerifyctlError(Msg(f"không đọc được: {exc.strerror}", f"cannot read: {exc.strerror}"), str(path)) from None


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
