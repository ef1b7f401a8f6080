"""One entry point for every check: loads the data files once, recognises what a target is
and sends it to the right check. The CLI, `screen` and distributed workers all use this."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from verifyctl import datafiles
from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.verdict import Reason, Result, Verdict

if TYPE_CHECKING:
    from verifyctl.image.hashlist import HashList
    from verifyctl.sources.model import SourceList
    from verifyctl.text.rules import RuleSet
    from verifyctl.url.judge import UrlJudge

Kind = Literal["url", "text", "image"]
KINDS: tuple[Kind, ...] = ("url", "text", "image")

_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*://|[hH][tT][tT][pP][sS]?:)")
_SPACE = re.compile(r"\s")
# The patterns below are not needed for a link with a scheme, so they are left to `re`'s own
# cache, compiled on first use rather than at every start of `check`.
_HASH = r"^(pdq|sha256|md5|pdq256|dhash|phash)\s*:\s*[0-9a-fA-F]{16,128}$"
# A bare host ending in a top-level label of two or more letters (or an IDN one), then a
# port, path, query or the end: what people paste without a scheme (nhandan.vn/abc).
# (No IGNORECASE: case-folding these classes makes compiling them cost milliseconds.)
_BARE_HOST = r"^[^\s/?#@\\]+[.。](?:[^\W\d_]{2,63}|[xX][nN]--[a-zA-Z0-9\-]+)[.。]*(?::\d+)?(?:[/?#\\].*)?$"
# A bare dotted IPv4 address with or without a path: 203.205.37.201/tin-tuc.
_BARE_IPV4 = r"^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:[/?#].*)?$"
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"GIF87a", b"GIF89a", b"RIFF", b"BM", b"II*\x00", b"MM\x00*")
_IMAGE_EXT = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic"}
# Schemes of links that are not web pages: one pasted on its own is a link to refuse (an input
# error, README), not a one-word post. A word with a colon in it is not enough: "Lưu ý:" is text.
_OTHER_SCHEMES = r"^(?:javascript|vbscript|data|file|blob|about|mailto|tel|sms|ftp|ftps|ws|wss|intent|chrome|view-source):"


def detect_kind(target: str, files: bool = True) -> Kind:
    """url, image (an existing image file or a hash string) or text (DESIGN.md).
    `files=False` never looks at the file system: `serve` judges what a stranger sends, and a
    path on the server is not theirs to check (nor to learn exists)."""
    stripped = target.strip().strip("\"'<>“”‘’").strip()
    if not stripped or _SPACE.search(stripped):
        return "image" if _is_hash(stripped) or (files and _maybe_image_file(target)) else "text"
    if _SCHEME.match(stripped) and "://" in stripped:
        return "url"  # checked before the file system: a link is never a file name
    if _is_hash(stripped) or (files and (_maybe_image_file(target) or looks_like_picture_path(stripped))):
        return "image"
    if re.match(_OTHER_SCHEMES, stripped.lower()):
        return "url"
    if _SCHEME.match(stripped) or re.match(_BARE_HOST, stripped) or re.match(_BARE_IPV4, stripped):
        return "url"
    return "text"


def _is_hash(text: str) -> bool:
    """`pdq:<hex>`, `SHA256:<HEX>`…: a hash string in any case (lowered here, as the pattern
    is kept case-sensitive for start-up cost)."""
    return len(text) <= 160 and re.match(_HASH, text.lower()) is not None


def looks_like_picture_path(target: str) -> bool:
    """A file name of a picture (anh.jpg, ./Downloads/anh.png): a missing one is "no such
    file", not a link to a site called anh.jpg. No top-level domain is a picture extension; a
    path whose first part is a host (nhandan.vn/anh.jpg) stays a link."""
    if "\n" in target or len(target) > 4096 or "?" in target or "#" in target:
        return False
    dot = target.rfind(".")
    if dot < 0 or target[dot:].lower() not in _IMAGE_EXT:
        return False
    first = re.split(r"[/\\]", target, maxsplit=1)[0]
    return first == target or first in ("", ".", "..", "~") or "." not in first or first.startswith("~")


def _maybe_image_file(target: str) -> bool:
    return "\n" not in target and len(target) < 4096 and _is_image_file(target)


def _is_image_file(target: str) -> bool:
    from pathlib import Path  # not for a link with a scheme: pathlib costs ~2 ms of start-up

    try:
        path = Path(target)
        if not path.is_file():
            return False
        if path.suffix.lower() in _IMAGE_EXT:
            return True
        with path.open("rb") as fh:
            head = fh.read(8)
    except (OSError, ValueError):
        return False
    return head.startswith(_IMAGE_MAGIC)


EMPTY_INPUT = Msg("đầu vào trống: không có gì để kiểm tra", "empty input: nothing to check")
INVALID_INPUT = Msg("Không đọc được đầu vào: {error}", "Could not read the input: {error}")


def error_result(target: str, kind: str, error: VerifyctlError) -> Result:
    """A bad target as a result of its own, so a batch goes on."""
    reason = Reason(
        "invalid_input",
        Verdict.ERROR,
        INVALID_INPUT.format(error=error.as_msg()),
    )
    return Result(target, kind, Verdict.ERROR, (reason,))


class Engine:
    """Checks with the data files loaded once, on first use."""

    def __init__(
        self,
        sources_path: str | None = None,
        rules_path: str | None = None,
        hashes_path: str | None = None,
        online: bool = False,
        allow_loopback: bool = False,  # tests only: lets the guarded fetcher reach 127.0.0.1
        blocklists: tuple[str, ...] = (),  # --blocklist files, read with the source list
    ) -> None:
        self.sources_path = sources_path
        self.rules_path = rules_path
        self.hashes_path = hashes_path
        self.online = online
        self.allow_loopback = allow_loopback
        self.blocklists = blocklists

    @cached_property
    def sources(self) -> SourceList:
        from verifyctl.sources.load import load_sources

        return load_sources(_path(self.sources_path, datafiles.SOURCES))

    @cached_property
    def url_judge(self) -> UrlJudge:
        from verifyctl.url.judge import UrlJudge

        if not self.blocklists:
            return UrlJudge(self.sources)
        from verifyctl.url.blocklist import Blocklists

        return UrlJudge(self.sources, Blocklists(self.blocklists))

    @cached_property
    def rules(self) -> RuleSet:
        from pathlib import Path

        from verifyctl.text.rules import load_rules

        return load_rules(Path(_path(self.rules_path, datafiles.RULES)))

    @cached_property
    def hashes(self) -> HashList:
        from pathlib import Path

        from verifyctl.image.hashlist import load_hashlist

        return load_hashlist(Path(_path(self.hashes_path, datafiles.HASHES)))

    def check(self, target: str, kind: Kind | None = None) -> Result:
        """Judge one target; bad input comes back as an `error` result, never an exception."""
        kind = kind or detect_kind(target)
        if not target.strip():
            return error_result(target, kind, VerifyctlError(EMPTY_INPUT))
        try:
            if kind == "url":
                return self.check_url(target)
            if kind == "image":
                return self.check_image(target)
            return self.check_text(target)
        except DataFileError:
            raise
        except VerifyctlError as exc:
            return error_result(target, kind, exc)

    def check_url(self, raw: str) -> Result:
        from verifyctl.url.check import check_url

        return check_url(raw, self.url_judge, online=self.online, allow_loopback=self.allow_loopback)

    def check_text(self, text: str) -> Result:
        return self._text_check(text, self.rules, self.check_url)

    @cached_property
    def _text_check(self) -> Callable[[str, RuleSet, Callable[[str], Result]], Result]:
        # Imported on first use (a link's check never loads the text rules' code), and kept:
        # an import statement costs 0.6 µs at every call, and `screen` calls this per post.
        from verifyctl.text.check import check_text

        return check_text

    def check_image(self, target: str) -> Result:
        from verifyctl.image.check import check_image

        return check_image(target, self.hashes)


def _path(explicit: str | None, shipped: str) -> str:
    if explicit:
        from pathlib import Path  # written as before in messages: a/./b as a/b

        path = Path(os.path.expanduser(explicit))
        if not path.exists():  # a folder or a device: reading it says which
            raise DataFileError(datafiles.NO_SUCH_FILE, str(path))
        return str(path)
    return datafiles.data_file(shipped)
