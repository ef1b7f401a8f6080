"""`hashes validate` on the lint model: the hash list's checks, and one file's report."""

from __future__ import annotations

from pathlib import Path

from verifyctl.datafiles import read_text
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.lint.model import Catalog, CheckInfo, Finding, Level, Report

_E: Level = "error"
_W: Level = "warning"
_CHECKS: tuple[tuple[str, Level, Msg, Msg], ...] = (
    ("csv-syntax", _E, Msg("CSV không đọc được (dấu ngoặc kép không đóng…).", "CSV that cannot be read (an unclosed quote, …)."),
     Msg("Sửa dòng này: các dòng sau nó chưa được kiểm tra.", "Fix this line: the lines after it were not checked.")),
    ("header", _E, Msg("Dòng tiêu đề không đúng các cột của danh sách.", "A header line other than the list's columns."),
     Msg("Dòng đầu phải là signal_type,signal_str,quality,entry,label,note,source_url,first_seen,added_on.", "The first line must be signal_type,signal_str,quality,entry,label,note,source_url,first_seen,added_on.")),
    ("columns", _E, Msg("Dòng không có đúng 9 cột.", "A row without exactly 9 columns."),
     Msg("Một dấu phẩy trong ghi chú cần cả ô trong ngoặc kép.", "A comma inside a note needs the field in double quotes.")),
    ("field-too-long", _E, Msg("Một ô dài quá 2000 ký tự.", "A field longer than 2,000 characters."),
     Msg("Rút ngắn ô; ghi chú dài để ở bài bác bỏ.", "Shorten it; long notes belong in the debunk.")),
    ("signal-type", _E, Msg("signal_type không phải sha256, pdq hay pdq_center.", "A signal_type other than sha256, pdq or pdq_center."),
     Msg("`verifyctl hash ẢNH` in đúng các dòng.", "`verifyctl hash IMAGE` prints the right rows.")),
    ("hash-format", _E, Msg("signal_str không phải 64 chữ số hex.", "A signal_str that is not 64 hex digits."),
     Msg("Chép lại mã băm từ `verifyctl hash` hoặc từ nguồn nhập.", "Copy the hash again from `verifyctl hash` or from the import.")),
    ("quality", _E, Msg("quality không phải số 0–100, hoặc có ở dòng sha256.", "A quality that is not 0-100, or one on a sha256 row."),
     Msg("Để trống với sha256; số nguyên 0–100 với PDQ.", "Empty for sha256; a whole number 0-100 for PDQ.")),
    ("quality-unknown", _W, Msg("Mã PDQ không rõ quality (nhập từ nơi khác).", "A PDQ hash of unknown quality (imported)."),
     Msg("Chạy `verifyctl hash` trên ảnh gốc nếu có.", "Run `verifyctl hash` on the original if you have it.")),
    ("low-quality", _W, Msg("Mã PDQ chất lượng thấp: khớp không đáng tin.", "A low-quality PDQ hash: its matches are unreliable."),
     Msg("Dùng ảnh rõ hơn, hoặc chỉ dựa vào sha256.", "Use a clearer copy, or rely on the sha256 alone.")),
    ("pdq-bits", _W, Msg("Mã PDQ không có đúng 128 bit 1.", "A PDQ hash without exactly 128 bits set."),
     Msg("Thường là ảnh phẳng, hoặc mã chép sai.", "Usually a flat picture, or a hash copied wrong.")),
    ("entry-id", _E, Msg("entry không phải mã ngắn chữ thường.", "An entry that is not a short lower-case id."),
     Msg("Chữ thường, số, '.', '_' hoặc '-', tối đa 80 ký tự.", "Lower-case letters, digits, '.', '_' or '-', at most 80.")),
    ("label", _E, Msg("label không phải fake, edited, out_of_context hay official.", "A label other than fake, edited, out_of_context or official."),
     Msg("Chọn một trong bốn nhãn.", "Pick one of the four labels.")),
    ("note", _E, Msg("Thiếu ghi chú tiếng Việt.", "A row without its Vietnamese note."),
     Msg("Ghi chú là điều người dùng đọc: ảnh này là gì.", "The note is what a member reads: what this picture is.")),
    ("source-url", _E, Msg("source_url không phải link http(s)://.", "A source_url that is not an http(s):// link."),
     Msg("Link tới bài bác bỏ, hoặc ảnh gốc.", "Link the debunk, or the original.")),
    ("date", _E, Msg("first_seen hoặc added_on không phải ngày YYYY-MM-DD.", "A first_seen or added_on that is not a YYYY-MM-DD date."),
     Msg("added_on là bắt buộc; first_seen có thể để trống.", "added_on is required; first_seen may be empty.")),
    ("duplicate-hash", _E, Msg("Cùng một mã băm ở hai dòng.", "The same hash on two rows."),
     Msg("Giữ một dòng.", "Keep one row.")),
    ("entry-mismatch", _E, Msg("Các dòng của một entry khác nhau về label/note/source_url/first_seen.", "Rows of one entry that differ in label/note/source_url/first_seen."),
     Msg("Các mã băm của một ảnh phải cùng thông tin về ảnh đó.", "The hashes of one picture must agree on what it is.")),
)
CATALOG = Catalog("hashes", tuple(CheckInfo(cid, level, short, short + Msg(" ", " ") + fix) for cid, level, short, fix in _CHECKS))


# The column each check is about, so an annotation points at the field and not the row's start.
_FIELD = {
    "signal-type": "signal_type", "hash-format": "signal_str", "pdq-bits": "signal_str",
    "duplicate-hash": "signal_str", "quality": "quality", "quality-unknown": "quality",
    "low-quality": "quality", "entry-id": "entry", "entry-mismatch": "entry", "label": "label",
    "note": "note", "source-url": "source_url",
}  # fmt: skip


def _column(check: str, message: Msg, lines: list[str], line: int) -> int:
    from verifyctl.image.hashlist import COLUMNS

    if check == "date":
        name = message.en.split(" ", 1)[0]  # "first_seen must be …" / "added_on must be …"
    elif check == "field-too-long":
        name = message.en.split(" ", 2)[1]  # "column note longer than …"
    else:
        name = _FIELD.get(check, "")
    if name not in COLUMNS or not 1 <= line <= len(lines):
        return 1
    starts = field_starts(lines[line - 1])
    index = COLUMNS.index(name)
    return starts[index] if index < len(starts) else 1


def field_starts(line: str) -> list[int]:
    """The 1-based column where each field of a CSV line starts (commas in quotes are text)."""
    starts = [1]
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            starts.append(i + 2)
    return starts


def hashes_report(path: Path) -> Report:
    from verifyctl.image.hashlist import parse_hashlist

    try:
        text = read_text(path)
    except VerifyctlError as exc:
        return Report(str(path), unreadable=exc.as_msg())
    parsed = parse_hashlist(text, str(path))
    lines = text.split("\n")
    findings = sorted(
        (Finding(p.line, _column(p.check, p.message, lines, p.line), p.level, p.message, p.check) for p in parsed.problems),
        key=lambda f: (f.line, f.col),
    )
    note = Msg(f"{len(parsed.entries)} mục, {len(parsed.rows)} mã băm", f"{len(parsed.entries)} entries, {len(parsed.rows)} hashes")
    return Report(str(path), tuple(findings), note=note)
