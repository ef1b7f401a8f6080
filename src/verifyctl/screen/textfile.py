"""One step before reading a file as lines of text: is it text at all? A program, a picture or
a PDF named as input is one error ("not a text file"), not one error record per line of
garbage. Kept apart from the readers, which only ever see files that passed it.

The test is on the first 64 KiB: a NUL byte (never in UTF-8 text; UTF-16 text starts with its
byte-order mark and is left to the readers), a known binary signature, or more than one byte in
ten that is not UTF-8.
"""

from __future__ import annotations

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.screen.inputs import HEAD_BYTES, InputFile

NOT_TEXT = Msg(
    "không phải tệp văn bản (chương trình, ảnh, PDF…?): hãy đưa vào tệp xuất bài viết "
    "(.json, .jsonl, .csv, .txt hoặc .zip)",
    "not a text file (a program, a picture, a PDF…?): give an export of posts "
    "(.json, .jsonl, .csv, .txt or .zip)",
)
_BINARY_MAGIC = (
    b"\x7fELF", b"MZ", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa", b"SQLite format 3", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0",
)  # fmt: skip
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(head: bytes) -> bool:
    if not head or head.startswith(_UTF16_BOMS):
        return False
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    return head.decode("utf-8", "replace").count("\ufffd") * 10 > len(head)


def refuse_binary(src: InputFile) -> None:
    """Raise "not a text file" for `src` if its first bytes are not text."""
    with src.open() as stream:
        head = stream.read(HEAD_BYTES)
    if looks_binary(head):
        raise VerifyctlError(NOT_TEXT, src.name)
