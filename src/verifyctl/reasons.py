"""Every reason code the tool can emit, with its meaning. The README's reason-code table
documents each one, and a test keeps the two in step."""

from __future__ import annotations

from verifyctl.i18n import Msg

REASON_CODES: dict[str, Msg] = {
    "official_source": Msg("Tên miền của một nguồn chính thống.", "The domain of an official source."),
    "official_account": Msg("Tài khoản mạng xã hội chính thức.", "An official social-media account."),
    "official_service": Msg(
        "Trang thật của một dịch vụ (ngân hàng, ví, cửa hàng, nhà mạng…), không phải nguồn tin.",
        "The real site of a service (bank, wallet, shop, carrier…), not a news source.",
    ),
    "lookalike_domain": Msg("Tên miền giả dạng một nguồn chính thống.", "A domain imitating an official source."),
    "blocklisted": Msg("Trang mạo danh hoặc sao chép đã biết.", "A known impersonator or copy site."),
    "unknown_source": Msg("Nguồn không có trong danh sách.", "A source not on the list."),
    "shortened_link": Msg("Link rút gọn: cần mở rộng trước.", "A shortened link: expand it first."),
    "former_source": Msg(
        "Tên miền của một cơ quan đã sáp nhập hoặc ngừng hoạt động.",
        "The domain of an outlet that merged or closed.",
    ),
    "unknown_account": Msg("Tài khoản mạng xã hội không có trong danh sách.", "A social-media account not on the list."),
    "lookalike_account": Msg(
        "Tài khoản mạng xã hội giả dạng tài khoản chính thức.", "A social-media account imitating an official one."
    ),
    "ip_address": Msg("Link trỏ tới địa chỉ IP, không phải tên miền.", "A link to a bare IP address."),
    "blocked_address": Msg(
        "Link dẫn tới địa chỉ bị chặn (mạng nội bộ, máy cục bộ…).",
        "A link leading to a refused address (private network, loopback…).",
    ),
    "invalid_input": Msg("Đầu vào không đọc được.", "Input that could not be read."),
    "rule_match": Msg("Nội dung khớp một quy tắc cảnh báo.", "Text matching a flagged-phrase rule."),
    "unreadable_link": Msg("Đường link trong bài không đọc được.", "A link in a post that could not be read."),
    "no_source": Msg("Bài viết không dẫn nguồn chính thống.", "A post citing no official source."),
    "image_match": Msg("Ảnh khớp một ảnh đã biết.", "A picture matching a known image."),
    "image_near_match": Msg("Ảnh gần giống một ảnh đã biết, sát ngưỡng.", "A picture close to a known image, near the threshold."),
    "image_ambiguous_match": Msg("Ảnh khớp cả ảnh giả lẫn ảnh gốc.", "A picture matching both a fake and its original."),
    "image_unknown": Msg("Ảnh không có trong danh sách.", "A picture not on the known-image list."),
    "image_low_quality": Msg("Ảnh quá ít chi tiết để so khớp.", "A picture with too little detail to match."),
    "check_failed": Msg(
        "Lỗi nội bộ khi kiểm tra một bản ghi (screen): hãy báo lỗi.",
        "An internal error while checking one record (screen): please report it.",
    ),
}
