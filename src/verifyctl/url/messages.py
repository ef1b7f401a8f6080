"""Every message the link check gives, in Vietnamese and English."""

from __future__ import annotations

from verifyctl.i18n import Msg

TIERS = {
    "core": Msg("báo chí chủ lực được Chỉ thị 17-CT/TU nêu tên", "core outlet named by Directive 17-CT/TU"),
    "press": Msg("cơ quan báo chí được cấp phép", "licensed press"),
    "government": Msg("cơ quan nhà nước", "government body"),
    "organization": Msg("tổ chức chính trị - xã hội", "socio-political organisation"),
    "service": Msg("dịch vụ: ngân hàng, ví điện tử, thương mại điện tử, viễn thông, bưu chính, điện lực", "service: bank, e-wallet, shop, telecom, post or power company"),
}

OFFICIAL_SOURCE = Msg(
    "{host} là tên miền của {name} ({tier}).",
    "{host} is a domain of {name} ({tier}).",
)
OFFICIAL_SERVICE = Msg(
    "{host} là trang thật của {name} ({tier}). Đường link không giả mạo, nhưng đây không phải "
    "nguồn tin báo chí: trang chỉ nói thay cho chính {name}. Đừng nhập mật khẩu hay mã OTP qua "
    "link nhận được trong tin nhắn; hãy tự gõ địa chỉ.",
    "{host} is the real site of {name} ({tier}). The link is genuine, but it is not a news "
    "source: the site speaks only for {name}. Never type a password or an OTP through a link "
    "you were sent; type the address yourself.",
)
BLOCKLIST_HIT = Msg(
    "{host} có trong danh sách chặn {list} (dòng {line}): không mở, không chia sẻ.",
    "{host} is on the blocklist {list} (line {line}): don't open or share it.",
)
LEGACY = Msg(" Đây là địa chỉ cũ của cơ quan này.", " It is an older address of this outlet.")
FORMER_MERGED = Msg(
    "{host} là tên miền của {name}, đơn vị đã sáp nhập vào {successor} từ ngày {until}. "
    "Bài đăng trước ngày đó là tin chính thống, nhưng hiện không còn xác nhận được ai quản lý "
    "tên miền này: hãy tìm tin trên trang của {successor}{successor_host}.",
    "{host} is a domain of {name}, which merged into {successor} on {until}. Articles "
    "published before that date were official, but who runs this domain now cannot be "
    "confirmed: find the story on {successor}{successor_host}.",
)
FORMER_RETIRED = Msg(
    "{host} là tên miền của {name}, đơn vị đã ngừng hoạt động từ ngày {until}{successor_clause}. "
    "Hãy tìm tin trên trang của cơ quan đang hoạt động.",
    "{host} is a domain of {name}, which closed on {until}{successor_clause}. "
    "Find the story on an outlet that is still active.",
)
SUCCESSOR_CLAUSE = Msg(" (chức năng chuyển cho {successor})", " (its work passed to {successor})")
OFFICIAL_ACCOUNT = Msg(
    "Tài khoản {platform} {account} của {name}.",
    "The {platform} account {account} of {name}.",
)
SEEN_ACCOUNT = Msg(
    "Tài khoản {platform} {account} được ghi là của {name} nhưng chưa được xác nhận chính thức: "
    "hãy đối chiếu với trang web của cơ quan này.",
    "The {platform} account {account} is listed as {name}'s but is not confirmed: check it "
    "against the outlet's own website.",
)
UNKNOWN_ACCOUNT = Msg(
    "Tài khoản {platform} {account} không có trong danh sách tài khoản chính thức. Tên trang hay "
    "dấu tích xanh không chứng minh được điều gì: hãy tìm tin trên báo chí chính thống.",
    "The {platform} account {account} is not on the list of official accounts. A page's name "
    "or tick proves nothing: find the story in the official press.",
)
NO_ACCOUNT = Msg(
    "Đường link {platform} này không cho biết tài khoản nào đăng: hãy mở xem ai đăng, rồi tìm "
    "tin trên báo chí chính thống.",
    "This {platform} link does not say which account posted it: see who posted it, then find "
    "the story in the official press.",
)
LOOKALIKE_ACCOUNT = Msg(
    "Tài khoản {platform} {account} giả dạng tài khoản chính thức {official} của {name}: "
    "không chia sẻ.",
    "The {platform} account {account} imitates {official}, the official account of "
    "{name}: don't share.",
)
LOOKALIKE_DOMAIN = Msg(
    "{host} giả dạng tên miền {official} của {name} ({kind}): không phải trang chính thống, "
    "không chia sẻ.",
    "{host} imitates {official}, the domain of {name} ({kind}): not an official site, "
    "don't share.",
)
LOOKALIKE_KINDS = {
    "embedded": Msg("chứa tên miền chính thống bên trong", "the official domain embedded in it"),
    "homoglyph": Msg("chữ trông giống nhau, dấu hoặc ký tự lạ", "look-alike letters or accents"),
    "tld_swap": Msg("đổi đuôi tên miền", "a different ending"),
    "hyphenation": Msg("thêm dấu gạch ngang", "hyphens added"),
    "combosquat": Msg("ghép thêm từ vào tên", "words added to the name"),
    "typosquat": Msg("sai lệch một ký tự", "one character off"),
}
BLOCKLISTED = Msg(
    "{host} là trang mạo danh hoặc sao chép đã biết{imitates}: không chia sẻ.",
    "{host} is a known impersonator or copy site{imitates}: don't share.",
)
IMITATES = Msg(" (giả dạng {name})", " (imitating {name})")
SHORTENED = Msg(
    "{host} là dịch vụ rút gọn link: không biết link dẫn tới đâu. Hãy mở rộng trước "
    "(verifyctl check --online) rồi kiểm tra lại.",
    "{host} is a link shortener: where it leads is hidden. Expand it first "
    "(verifyctl check --online) and check again.",
)
EXPAND_FAILED = Msg(
    "{host} là dịch vụ rút gọn link và không mở rộng được: {error}. Chưa biết link dẫn tới đâu, "
    "hãy kiểm chứng trước khi chia sẻ.",
    "{host} is a link shortener and it could not be expanded: {error}. Where it leads is "
    "still hidden, verify before sharing.",
)
# A network failure in plain words, with what to do; the technical text stays in the JSON
# field `expand_error` for whoever needs it.
NET_NO_NAME = Msg(
    "không có mạng, hoặc không tìm thấy trang này (kiểm tra kết nối Internet rồi thử lại)",
    "no network, or the site could not be found (check the Internet connection and try again)",
)
NET_TIMEOUT = Msg(
    "trang không trả lời kịp (mạng chậm hoặc trang đang lỗi; thử lại sau)",
    "the site did not answer in time (a slow network or a failing site; try again later)",
)
NET_REFUSED = Msg(
    "trang từ chối kết nối (trang có thể đã bị gỡ; thử lại sau)",
    "the site refused the connection (it may have been taken down; try again later)",
)
NET_TLS = Msg(
    "chứng chỉ bảo mật của trang không hợp lệ (đừng nhập thông tin gì vào trang này)",
    "the site's security certificate is not valid (do not enter anything on that site)",
)
NET_STATUS = Msg(
    "trang trả lời lỗi {status} (link có thể đã hỏng hoặc bị gỡ)",
    "the site answered with error {status} (the link may be broken or taken down)",
)
NET_OTHER = Msg(
    "không kết nối được tới trang (kiểm tra kết nối Internet rồi thử lại)",
    "the site could not be reached (check the Internet connection and try again)",
)
TOO_MANY_REDIRECTS = Msg("quá {hops} lần chuyển hướng", "more than {hops} redirects")
IP_ADDRESS = Msg(
    "Link trỏ thẳng tới địa chỉ IP {host}, không phải tên miền: không cơ quan báo chí nào đăng tin "
    "như vậy. Hãy tìm tin trên báo chí chính thống.",
    "The link points at the IP address {host}, not a domain name: no outlet publishes this "
    "way. Find the story in the official press.",
)
BLOCKED_ADDRESS = Msg(
    "Link rút gọn dẫn tới {host} ({address}: {policy}), một địa chỉ không được phép truy cập "
    "(mạng nội bộ, máy cục bộ hoặc dịch vụ máy chủ): không mở, không chia sẻ.",
    "The short link leads to {host} ({address}: {policy}), an address that must not be "
    "reached (a private network, this machine or a server's metadata service): don't open "
    "or share it.",
)
UNKNOWN_SOURCE = Msg(
    "{host} không có trong danh sách nguồn chính thống. Hãy tìm tin này trên báo chí chính thống "
    "(Nhân Dân, TTXVN, Quân đội nhân dân, VTV, VOV, Báo điện tử Đảng Cộng sản Việt Nam…) trước "
    "khi chia sẻ.",
    "{host} is not on the list of official sources. Find the story on an official outlet "
    "(Nhân Dân, VNA, People's Army, VTV, VOV, the Communist Party of Vietnam Online "
    "Newspaper…) before sharing it.",
)
