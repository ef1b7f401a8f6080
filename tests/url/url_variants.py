"""Lookalike variants of a domain, made the way squatters make them (after dnstwist's fuzzers):
addition, bit flips, homoglyphs (Cyrillic, Greek, Vietnamese diacritics), hyphenation,
keyboard insertion and replacement, omission, repetition, transposition, vowel swaps,
TLD and second-level swaps, combosquatting and the domain embedded in another."""

from __future__ import annotations

from collections.abc import Iterator

from verifyctl.url.typos import KEYBOARD

HOMOGLYPHS = {
    "a": "аαàáạảãâăấầậ", "b": "ьƅḅ", "c": "сϲç", "d": "ԁđḍ", "e": "еεèéẹẻẽêếệ", "g": "ɡġ",
    "h": "һḥ", "i": "іìíịỉĩı", "j": "ј", "k": "κкḳ", "l": "ӏłḷ", "m": "ṃ", "n": "ηńñṅ",
    "o": "оοòóọỏõôơồộờợ", "p": "рρ", "q": "ԛ", "r": "ṛ", "s": "ѕṣ", "t": "τṭ",
    "u": "υùúụủũưừứự", "v": "νѵ", "w": "ԝ", "x": "х", "y": "уýỳỵỷ", "z": "ẓ",
}  # fmt: skip
ASCII_LOOKS = {"m": ("rn",), "w": ("vv",), "d": ("cl",), "o": ("0",), "l": ("1",)}
VOWELS = "aeiouy"
OTHER_SUFFIXES = (
    "com", "net", "org", "info", "xyz", "top", "site", "online", "com.vn", "net.vn", "org.vn",
    "id.vn", "io.vn", "vn", "biz", "asia", "news", "tv", "cc", "co", "me", "pro", "live", "click",
)  # fmt: skip
WORDS = ("news", "tin", "bao", "online", "24h", "tv", "vn", "vietnam", "today", "moi", "official", "hot", "live")
HOSTING = ("example.xyz", "tin-moi.net", "login-secure.com", "blogspot.com")
CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-"


def variants(domain: str, label: str, suffix: str) -> Iterator[tuple[str, str]]:
    """(kind, host) pairs for one registrable domain `label.suffix`."""
    def same(new: str) -> str:
        return f"{new}.{suffix}"

    n = len(label)
    for c in "abcdefghijklmnopqrstuvwxyz":
        yield "addition", same(label + c)
    for i, ch in enumerate(label):
        for bit in range(8):
            flipped = chr(ord(ch) ^ (1 << bit))
            if flipped in CHARS and flipped != "-":
                yield "bitsquatting", same(label[:i] + flipped + label[i + 1 :])
        for glyph in HOMOGLYPHS.get(ch, ""):
            yield "homoglyph", same(label[:i] + glyph + label[i + 1 :])
        for look in ASCII_LOOKS.get(ch, ()):
            yield "homoglyph", same(label[:i] + look + label[i + 1 :])
        for key in KEYBOARD.get(ch, ()):
            if key.isalnum():
                yield "insertion", same(label[:i] + key + label[i:])
                yield "insertion", same(label[: i + 1] + key + label[i + 1 :])
                yield "replacement", same(label[:i] + key + label[i + 1 :])
        yield "omission", same(label[:i] + label[i + 1 :])
        yield "repetition", same(label[:i] + ch + label[i:])
        if i < n - 1 and label[i] != label[i + 1]:
            yield "transposition", same(label[:i] + label[i + 1] + label[i] + label[i + 2 :])
            yield "hyphenation", same(label[: i + 1] + "-" + label[i + 1 :])
        if ch in VOWELS:
            for v in VOWELS:
                if v != ch:
                    yield "vowel-swap", same(label[:i] + v + label[i + 1 :])
    for other in OTHER_SUFFIXES:
        if other != suffix:
            yield "tld-swap", f"{label}.{other}"
    for word in WORDS:
        for tld in ("com", "net", suffix):
            yield "combosquatting", f"{word}{label}.{tld}"
            yield "combosquatting", f"{label}{word}.{tld}"
            yield "combosquatting", f"{label}-{word}.{tld}"
            yield "combosquatting", f"{word}-{label}.{tld}"
    for hosting in HOSTING:
        yield "embedded", f"{domain}.{hosting}"
        yield "embedded", f"{label}.{hosting}"
    yield "embedded", domain.replace(".", "-") + ".com"
    yield "embedded", domain.replace(".", "") + ".net"
    for i in range(1, n):
        yield "embedded", f"{label[:i]}.{label[i:]}.{suffix}"
