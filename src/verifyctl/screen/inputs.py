"""What the user named on the command line, as a list of input files: a file, a folder (an
unzipped export), a `.zip`, gzip (by content, not name) or `-` for stdin.

Inside a folder or zip only the files that hold posts are taken (the rest of an export is
likes, comments, settings), in a stable order so `--resume` sees the same records again.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from verifyctl.datafiles import NO_SUCH_FILE
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.safeio import guarded, open_regular

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 1 << 16
MAX_MEDIA_BYTES = 64 << 20  # a picture bigger than this inside a zip is not extracted

# Files inside an export that hold posts; everything else in the export is ignored.
_EXPORT_FILES = re.compile(
    r"(^|/)("
    r"(your_posts|profile_posts|your_posts_in_groups)[\w]*\.json"
    r"|your_posts__check_ins__photos_and_videos[\w]*\.json"
    r"|result\.json"
    r"|data/tweets?(-part\d+)?\.js"
    r")(\.gz)?$"
)
_PLAIN_FILES = re.compile(r"\.(jsonl|ndjson|csv|tsv)(\.gz)?$", re.IGNORECASE)


@dataclass(frozen=True)
class InputFile:
    """One file to read. `open` gives a fresh binary stream (already gunzipped);
    `media` turns a path written inside the file into a local picture file, or None."""

    name: str
    open: Callable[[], IO[bytes]]
    media: Callable[[str], str | None]
    path: str | None = None  # the file on disk that is read, if it is one (not a zip member)


def _natural(name: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _maybe_gunzip(stream: IO[bytes], name: str) -> IO[bytes]:
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if head == GZIP_MAGIC:
        return guarded(gzip.GzipFile(fileobj=stream, mode="rb"), name)  # type: ignore[arg-type]
    return stream


def strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


class Inputs:
    """Owns the open zip files and the temporary folders of one run."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._tmp: str | None = None

    def __enter__(self) -> Inputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _tmpdir(self) -> str:
        if self._tmp is None:
            self._tmp = tempfile.mkdtemp(prefix="verifyctl-screen-")
        return self._tmp

    def expand(self, arg: str) -> list[InputFile]:
        if arg == "-":
            return [self._stdin()]
        path = Path(arg)
        if path.is_dir():
            return self._folder(path, arg)
        if not path.exists():
            raise VerifyctlError(NO_SUCH_FILE, arg)
        with open_regular(path) as fh:
            magic = fh.read(4)
        if magic == ZIP_MAGIC:
            return self._zip(path, arg)
        here = path.resolve().parent
        # A file named on its own: its export's top folder is a few levels up at most
        # (your_facebook_activity/posts/your_posts_1.json, data/tweets.js).
        root = here.parents[min(1, len(here.parents) - 1)] if here.parents else here
        return [InputFile(arg, _file_opener(path), _folder_media(root, here), str(path))]

    def _stdin(self) -> InputFile:
        # stdin can be read once only, and detection needs to look ahead: copy it to a
        # temporary file (memory stays flat) and read that.
        copy = Path(self._tmpdir()) / "stdin"
        with copy.open("wb") as fh:
            shutil.copyfileobj(sys.stdin.buffer, fh, 1 << 20)
        cwd = Path.cwd().resolve()
        return InputFile("<stdin>", _file_opener(copy), _folder_media(cwd, cwd))

    def _folder(self, folder: Path, shown: str) -> list[InputFile]:
        root = folder.resolve()
        found: list[tuple[str, Path]] = []
        plain: list[tuple[str, Path]] = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for filename in filenames:
                full = Path(dirpath) / filename
                rel = full.relative_to(root).as_posix()
                if _EXPORT_FILES.search(rel):
                    found.append((rel, full))
                elif _PLAIN_FILES.search(rel):
                    plain.append((rel, full))
        chosen = sorted(found or plain, key=lambda item: _natural(item[0]))
        if not chosen:
            raise VerifyctlError(_NOTHING_FOUND, shown)
        return [
            InputFile(
                str(PurePosixPath(shown) / rel), _file_opener(full), _folder_media(root, full.parent), str(full)
            )
            for rel, full in chosen
        ]

    def _zip(self, path: Path, shown: str) -> list[InputFile]:
        try:
            archive = self._stack.enter_context(zipfile.ZipFile(path))
            names = [info.filename for info in archive.infolist() if not info.is_dir()]
        except (zipfile.BadZipFile, OSError) as exc:
            raise VerifyctlError(Msg(f"tệp zip hỏng ({exc})", f"damaged zip file ({exc})"), shown) from None
        chosen = [n for n in names if _EXPORT_FILES.search(n)] or [
            n for n in names if _PLAIN_FILES.search(n)
        ]
        if not chosen:
            raise VerifyctlError(_NOTHING_FOUND, shown)
        members = set(names)
        return [
            InputFile(
                f"{shown}!{name}",
                _zip_opener(archive, name, f"{shown}!{name}"),
                self._zip_media(archive, members, PurePosixPath(name).parent),
                str(path),
            )
            for name in sorted(chosen, key=_natural)
        ]

    def _zip_media(
        self, archive: zipfile.ZipFile, members: set[str], here: PurePosixPath
    ) -> Callable[[str], str | None]:
        extracted: dict[str, str | None] = {}

        def media(uri: str) -> str | None:
            for base in (PurePosixPath(""), here, *here.parents):
                name = _zip_join(base, uri)
                if name is None or name not in members:
                    continue
                if name not in extracted:
                    extracted[name] = self._extract(archive, name)
                return extracted[name]
            return None

        return media

    def _extract(self, archive: zipfile.ZipFile, name: str) -> str | None:
        info = archive.getinfo(name)
        if info.file_size > MAX_MEDIA_BYTES:
            return None
        # Named by a digest of the member name: nothing in the zip chooses where we write.
        suffix = PurePosixPath(name).suffix[:8]
        target = Path(self._tmpdir()) / (hashlib.sha256(name.encode()).hexdigest()[:32] + suffix)
        try:
            with _zip_member(archive, name, shown=name) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except (VerifyctlError, OSError):
            return None
        return str(target)


_NOTHING_FOUND = Msg(
    "không thấy tệp bài viết nào (Facebook your_posts*.json, Telegram result.json, "
    "X data/tweets.js, .jsonl, .csv)",
    "no post files found (Facebook your_posts*.json, Telegram result.json, X data/tweets.js, "
    ".jsonl, .csv)",
)


def _file_opener(path: Path) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        # open_regular: a FIFO or a link to /dev/zero found in a folder is refused, not read.
        stream = open_regular(path)
        try:
            return _maybe_gunzip(stream, str(path))
        except OSError as exc:
            stream.close()
            raise VerifyctlError(
                Msg(f"không đọc được: {exc.strerror}", f"cannot read: {exc.strerror}"), str(path)
            ) from None

    return opener


def _zip_opener(archive: zipfile.ZipFile, name: str, shown: str) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        return _maybe_gunzip(_zip_member(archive, name, shown), shown)

    return opener


def _zip_member(archive: zipfile.ZipFile, name: str, shown: str) -> io.BufferedReader:
    """A member opened, as a stream whose damage comes out as ReadFailed (a bad CRC, corrupt
    deflate data); a member that cannot be opened at all (encrypted, a compression method
    Python lacks, a bad local header) is one VerifyctlError."""
    try:
        member = archive.open(name)
    except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise VerifyctlError(
            Msg(f"không mở được trong tệp zip ({detail})", f"cannot open inside the zip ({detail})"), shown
        ) from None
    return guarded(member, shown)


def _zip_join(base: PurePosixPath, uri: str) -> str | None:
    parts: list[str] = list(base.parts)
    for part in uri.replace("\\", "/").split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts) or None


def _folder_media(root: Path, here: Path) -> Callable[[str], str | None]:
    """Media paths in exports are relative to the export's top folder (Facebook, X) or to the
    file that names them (Telegram); try both, never leaving the export folder."""

    def media(uri: str) -> str | None:
        if not uri or "\x00" in uri or len(uri) > 4096:
            return None
        bases = [here, *[p for p in here.parents if p == root or root in p.parents]]
        for base in bases:
            candidate = (base / uri).resolve()
            if candidate != root and root not in candidate.parents:
                continue
            if candidate.is_file():
                return str(candidate)
        return None

    return media
