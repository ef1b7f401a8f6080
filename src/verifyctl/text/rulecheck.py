"""`rules validate` on the lint model: the rule file's checks, and one file's report."""

from __future__ import annotations

from pathlib import Path

from verifyctl.datafiles import read_text
from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.lint.model import Catalog, CheckInfo, Finding, Report

_CHECKS = (
    ("syntax", Msg("Lỗi cú pháp YAML/JSON hoặc khóa trùng lặp.", "A YAML or JSON syntax error, or a duplicate key."),
     Msg("Sửa cú pháp trước: các kiểm tra khác chỉ chạy trên tệp đọc được.", "Fix the syntax first: the other checks run only on a file that parses.")),
    ("schema", Msg("Thiếu khóa bắt buộc, sai kiểu hoặc giá trị không hợp lệ.", "A missing required key, a wrong type or an invalid value."),
     Msg("Xem lược đồ tệp quy tắc trong tài liệu (trang Lược đồ).", "See the rule file's schema in the documentation (the Schemas page).")),
    ("unknown-key", Msg("Khóa không có trong lược đồ (thường là gõ sai).", "A key the schema does not know (usually a typo)."),
     Msg("Sửa tên khóa, hoặc xóa nó.", "Correct the key's name, or remove it.")),
    ("rule-id", Msg("id không phải các từ chữ thường nối bằng gạch ngang.", "An id that is not lower-case words joined by hyphens."),
     Msg("Đặt id như scam-otp-request: ổn định, vì kết quả JSON nhắc tới nó.", "Name it like scam-otp-request: ids are stable, JSON results name them.")),
    ("duplicate-id", Msg("Hai quy tắc cùng một id.", "Two rules with the same id."),
     Msg("Mỗi id chỉ một quy tắc: đổi id của quy tắc mới.", "One rule per id: give the newer rule another id.")),
    ("retired-id", Msg("id đã ngừng dùng (trong `retired`) được dùng lại.", "A retired id (listed in `retired`) used again."),
     Msg("Không bao giờ dùng lại id: chọn id mới.", "Ids are never reused: pick a new one.")),
    ("unknown-category", Msg("`category` không khai báo trong `categories`.", "A `category` not declared under `categories`."),
     Msg("Khai báo nhóm ở `categories`, hoặc dùng nhóm có sẵn.", "Declare the category under `categories`, or use an existing one.")),
    ("unknown-teencode", Msg("Từ viết tắt không khai báo trong `teencode` cấp cao nhất.", "An abbreviation not declared in the top-level `teencode`."),
     Msg("Thêm nó vào `teencode` cấp cao nhất.", "Add it to the top-level `teencode`.")),
    ("missing-tests", Msg("Quy tắc thiếu ví dụ match/no_match.", "A rule without enough match/no_match examples."),
     Msg("Mỗi quy tắc cần ít nhất 3 ví dụ phải khớp và 3 ví dụ không được khớp.", "Each rule needs at least 3 examples that must match and 3 that must not.")),
    ("unsafe-regex", Msg("Biểu thức chính quy RE2 từ chối (tham chiếu ngược, lookaround…).", "A regex RE2 refuses (backreferences, lookaround, …)."),
     Msg("Chỉ dùng mẫu chạy thời gian tuyến tính; thường một cụm từ `all` làm được việc.", "Use only linear-time patterns; an `all` of phrases often does the job.")),
    ("short-phrase", Msg("Cụm từ quá ngắn, hoặc bỏ dấu mà ít hơn 3 từ.", "A phrase too short, or folded (no diacritics) with fewer than 3 words."),
     Msg("Cụm từ ngắn khớp nhầm quá nhiều: thêm từ.", "Short phrases match far too much: add words.")),
    ("duplicate-phrase", Msg("Cùng một cụm từ (sau chuẩn hóa) ở hai quy tắc.", "The same phrase (once normalised) in two rules."),
     Msg("Giữ cụm từ ở một quy tắc.", "Keep the phrase in one rule.")),
)
CATALOG = Catalog("rules", tuple(CheckInfo(cid, "error", short, short + Msg(" ", " ") + fix) for cid, short, fix in _CHECKS))


def rules_report(path: Path) -> Report:
    from verifyctl.text.rules import lint_rules

    try:
        read_text(path)
    except VerifyctlError as exc:
        return Report(str(path), unreadable=exc.as_msg())
    try:
        parsed, problems = lint_rules(path)
    except DataFileError as exc:
        # One syntax finding and nothing after it: what follows a syntax error is guesswork.
        finding = Finding(exc.lineno or 1, exc.col or 1, "error", _syntax(exc.message), "syntax")
        return Report(str(path), (finding,))
    findings = tuple(Finding(p.line, p.col, "error", p.message, p.check) for p in problems)
    return Report(str(path), findings, note=Msg(f"{len(parsed.rules)} quy tắc", f"{len(parsed.rules)} rules"))


def _syntax(message: Msg) -> Msg:
    prefix = "YAML syntax error: "
    if message.en.startswith(prefix) and message.vi == message.en:
        return Msg("lỗi cú pháp YAML: " + message.en.removeprefix(prefix), message.en)
    return message
