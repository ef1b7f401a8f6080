"""What a JSON or CSV parser says, in both languages: Python's decoders and the export walker
speak English only, and "JSON hỏng (Unterminated string starting at, cột 22)" is English inside a
Vietnamese sentence. Unknown wording is kept as it is, in both, rather than lost."""

from __future__ import annotations

import re

from verifyctl.i18n import Msg

_KNOWN: tuple[tuple[str, Msg], ...] = (
    ("Expecting value", Msg("thiếu giá trị", "a value is missing")),
    ("Expecting ',' delimiter", Msg("thiếu dấu phẩy", "a comma is missing")),
    ("Expecting ':' delimiter", Msg("thiếu dấu hai chấm", "a colon is missing")),
    ("Expecting property name", Msg("tên trường phải nằm trong dấu nháy kép", "a field name must be in double quotes")),
    ("Unterminated string", Msg("chuỗi không có dấu nháy đóng", "a string is not closed")),
    ("Invalid control character", Msg("ký tự điều khiển trong chuỗi", "a control character inside a string")),
    ("Invalid \\uXXXX escape", Msg("mã \\u không hợp lệ", "an invalid \\u escape")),
    ("Invalid \\escape", Msg("dấu \\ không hợp lệ", "an invalid backslash escape")),
    ("Extra data", Msg("còn dữ liệu thừa sau giá trị", "more data after the value")),
    ("Illegal trailing comma", Msg("dấu phẩy thừa ở cuối", "a trailing comma")),
    ("nested too deeply", Msg("lồng quá sâu", "nested too deeply")),
    ("the file ends inside a list", Msg("tệp kết thúc giữa một danh sách", "the file ends inside a list")),
    ("the file ends inside an object", Msg("tệp kết thúc giữa một đối tượng", "the file ends inside an object")),
    ("expected a key", Msg("thiếu tên trường", "a field name is missing")),
)
_EXPECTED = re.compile(r"expected ('.'(?: or '.')?)(, the file ends here)?$")


def json_reason(message: str) -> Msg:
    for start, words in _KNOWN:
        if message.startswith(start):
            return words
    expected = _EXPECTED.match(message)
    if expected is not None:
        chars = expected.group(1)
        if expected.group(2):
            return Msg(f"thiếu {chars.replace(' or ', ' hoặc ')}, tệp kết thúc ở đây", f"expected {chars}, the file ends here")
        return Msg(f"thiếu {chars.replace(' or ', ' hoặc ')}", f"expected {chars}")
    return Msg(message, message)


_CSV: tuple[tuple[str, Msg], ...] = (
    ("field larger than field limit", Msg("một ô quá dài", "a cell is too long")),
    ("new-line character seen in unquoted field", Msg("xuống dòng giữa một ô không có dấu nháy", "a line break inside an unquoted cell")),
    ("unexpected end of data", Msg("tệp kết thúc giữa một ô", "the file ends inside a cell")),
    ("line contains NUL", Msg("dòng chứa byte NUL", "a NUL byte in the line")),
    ("',' expected after '\"'", Msg("thiếu dấu phẩy sau dấu nháy đóng", "a comma is missing after a closing quote")),
)


def csv_reason(message: str) -> Msg:
    for start, words in _CSV:
        if message.startswith(start):
            return words
    return Msg(message, message)
