"""The pieces a lookalike is measured with: edit distances, keyboard neighbours, and the
words squatters put around a name.

Edit distances are rapidfuzz's (optimal string alignment: insertions, omissions,
replacements and swaps of neighbours, each one edit), imported when the first unknown host
is checked, never at start-up.
"""

from __future__ import annotations

from functools import lru_cache

from verifyctl.url.confusables import VISUAL_PAIRS

# Words squatters put around a press name: the news, place, official and login vocabulary.
AFFIXES = frozenset(
    [
        "news",
        "new",
        "tin",
        "tintuc",
        "tuc",
        "bao",
        "baomoi",
        "moi",
        "online",
        "onl",
        "tv",
        "vn",
        "viet",
        "vietnam",
        "vietnamese",
        "today",
        "now",
        "live",
        "media",
        "official",
        "chinhthuc",
        "dientu",
        "hot",
        "nong",
        "daily",
        "express",
        "info",
        "net",
        "web",
        "site",
        "page",
        "plus",
        "post",
        "times",
        "press",
        "channel",
        "video",
        "radio",
        "world",
        "global",
        "asia",
        "group",
        "fanpage",
        "fb",
        "app",
        "login",
        "dangnhap",
        "xacminh",
        "verify",
        "secure",
        "account",
        "the",
        "my",
        "hcm",
        "hn",
        "sg",
        "mobile",
        "gov",
        "org",
        "com",
        "h",
        "vietnamnet",
        "thoisu",
        "nhanh",
        "moinhat",
        "doisong",
        "tv24",
        "portal",
        "cong",
        "congthongtin",
        "trang",
        "kenh",
        "www",
    ]
)
# Words around the name of a public service, a bank, a wallet, a shop or a carrier: the
# vocabulary of the scam messages that imitate them (log in, claim points, pay a fine, update
# an ID, track a parcel, pay the power bill).
SERVICE_AFFIXES = AFFIXES | frozenset(
    [
        "bank",
        "nganhang",
        "ebank",
        "ibank",
        "ibanking",
        "ebanking",
        "digibank",
        "digital",
        "smart",
        "card",
        "atm",
        "pay",
        "wallet",
        "vi",
        "otp",
        "hotro",
        "cskh",
        "support",
        "help",
        "service",
        "services",
        "dichvu",
        "khachhang",
        "customer",
        "center",
        "centre",
        "tichdiem",
        "diem",
        "doidiem",
        "qua",
        "quatang",
        "uudai",
        "khuyenmai",
        "hoantien",
        "refund",
        "tracuu",
        "thue",
        "nopthue",
        "thanhtoan",
        "payment",
        "capnhat",
        "update",
        "kichhoat",
        "active",
        "xacthuc",
        "auth",
        "id",
        "eid",
        "check",
        "care",
        "vip",
        "club",
        "bonus",
        "gift",
        "reward",
        "rewards",
        "promo",
        "shop",
        "store",
        "mall",
        "delivery",
        "giaohang",
        "ship",
        "tracking",
        "track",
        "dien",
        "tiendien",
        "cuoc",
        "sim",
        "data",
        "chuyenphat",
        "govvn",
        "chinhphu",
        "dichvucong",
        "congdan",
        "thutuc",
        "hanhchinh",
        "hoso",
        "nop",
        "phat",
        "phatnguoi",
        "vipham",
        "banglai",
        "doibanglai",
        "capdoi",
        "dangkiem",
        "cccd",
        "cancuoc",
        "dinhdanh",
        "baohiem",
        "xahoi",
        "yte",
        "visa",
        "immigration",
        "cutru",
        "taikhoan",
        "signin",
        "dangky",
        "register",
        "i",
        "e",
        "m",
        "247",
        "24h",
        "hotline",
        "cs",
        "home",
        "pro",
        "top",
        "plus",
        "corp",
    ]
)
# Around a licensed outlet's name (everyday words: `thanhnien`, `laodong`) only the words a
# copy uses to pass as the outlet's own site, not those real titles add (`thanhnienviet`,
# `laodongthudo`, `vtcnews` are other real outlets).
PRESS_AFFIXES = frozenset(
    ["news", "tin", "tintuc", "bao", "baomoi", "moi", "online", "onl", "vn", "live", "official", "chinhthuc", "dientu", "hot", "nong", "info", "net", "web", "site", "page", "fanpage", "fb", "app", "login", "dangnhap", "xacminh", "verify", "secure", "account", "hcm", "hn", "sg", "mobile", "gov", "org", "com", "www", "nhanh", "moinhat", "kenh", "h"]
)
PLACE_AFFIXES = frozenset(
    ["gov", "vn", "ubnd", "tinh", "tinhuy", "cong", "congthongtin", "portal", "chinhquyen", "org"]
)

_ROWS = ("1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")


def _keyboard() -> dict[str, frozenset[str]]:
    """Keys next to each key on a QWERTY keyboard (the layout Vietnamese Telex typing uses)."""
    near: dict[str, set[str]] = {}
    for r, row in enumerate(_ROWS):
        for c, key in enumerate(row):
            around = near.setdefault(key, set())
            for dr in (-1, 0, 1):
                if 0 <= r + dr < len(_ROWS):
                    other = _ROWS[r + dr]
                    for dc in (-1, 0, 1):
                        if (dr or dc) and 0 <= c + dc < len(other):
                            around.add(other[c + dc])
    return {k: frozenset(v) for k, v in near.items()}


KEYBOARD = _keyboard()


def plausible_typo(typed: str, meant: str) -> bool:
    """A one-edit difference a finger, an eye or a flipped bit makes: an omission, a
    transposition, a doubled or appended letter, a neighbouring key, a vowel for a vowel, a
    letter that looks like the other (u for v, 0 for o), one bit. Short names must fit one of
    these: `qtv` (another real broadcaster) is one edit from `vtv`, but q is nowhere near v."""
    if len(typed) < len(meant):
        return True
    if len(typed) > len(meant):
        i = next((i for i in range(len(meant)) if typed[i] != meant[i]), len(meant))
        extra = typed[i]
        if i == len(meant):
            return True
        neighbours = {meant[i]} | ({meant[i - 1]} if i else set())
        return any(extra == n or extra in KEYBOARD.get(n, ()) for n in neighbours)
    diff = [i for i in range(len(meant)) if typed[i] != meant[i]]
    if len(diff) != 1:
        return True  # a transposition
    a, b = typed[diff[0]], meant[diff[0]]
    return (
        a in KEYBOARD.get(b, ())
        or (a in _VOWELS and b in _VOWELS)
        or frozenset((a, b)) in VISUAL_PAIRS
        or bin(ord(a) ^ ord(b)).count("1") == 1
    )


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} if len(word) > 2 else set()


def one_edit(a: str, b: str) -> bool:
    """Optimal-string-alignment distance exactly one (the caller excludes a == b)."""
    from rapidfuzz.distance import OSA

    return abs(len(a) - len(b)) <= 1 and OSA.distance(a, b, score_cutoff=1) == 1


def distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b))


def only_affixes(text: str, words: frozenset[str]) -> bool:
    """`text` is empty or made only of `words`, digits and hyphens (tin-24h, baomoi, -vn)."""
    return _segments(text.strip("-"), words)


@lru_cache(maxsize=8192)
def _segments(text: str, words: frozenset[str]) -> bool:
    if not text:
        return True
    if text[0] == "-":
        return _segments(text[1:], words)
    if text[0].isdigit():
        end = 1
        while end < len(text) and text[end].isdigit():
            end += 1
        return _segments(text[end:], words)
    return any(
        text.startswith(word) and _segments(text[len(word) :], words)
        for word in words
        if word[0] == text[0]
    )
