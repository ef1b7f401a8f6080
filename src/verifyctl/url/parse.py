"""Read a pasted link the way a browser would open it.

The host that decides the verdict is the one a WHATWG parser (ada, the parser Node.js uses)
reports: for `http://evil.com\\@nhandan.vn/` that is evil.com, whatever Python's own parsers
say. Before parsing, what people paste is cleaned up: surrounding spaces, quotes and brackets,
full-width characters in the scheme and host, a missing scheme (`nhandan.vn/abc`), trailing
sentence punctuation. Upper case, percent-encoded hosts, Unicode and punycode, IPv4 in
decimal/hex/octal/short forms and IPv6 are then the parser's job, exactly as in a browser.
"""

from __future__ import annotations

import re
from typing import Literal

from verifyctl.errors import VerifyctlError
from verifyctl.frozen import Frozen, set_field
from verifyctl.i18n import Msg

HostType = Literal["name", "ipv4", "ipv6"]

_EDGE = " \t\r\n\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000\"'`<>()[]{}“”‘’«»「」『』"
_TRAILING = ".,;:!。，；！"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_WEB = frozenset({"http", "https"})
_NOT_WEB = frozenset(
    {
        "javascript", "data", "file", "ftp", "ftps", "mailto", "tel", "sms", "blob", "about",
        "chrome", "intent", "ws", "wss", "vbscript", "view-source", "content", "market", "sftp",
        "ssh", "telnet", "gopher", "ldap", "smb", "irc", "magnet", "geo",
    }
)  # fmt: skip
# Only for pastes with full-width characters: left to `re`'s cache, not compiled at start-up.
_AUTHORITY_END = r"[/\\?#]"
# Full-width ASCII (U+FF01–FF5E) to ASCII, ideographic space and full stop too.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x3002: 0x2E}
_HAS_FULL_WIDTH = "[\uff01-\uff5e\u3000\u3002]"
# The common case, read without the WHATWG parser because the parser would change nothing:
# a lower-case http(s) URL whose host is plain ASCII labels ending in a letters-only label
# (so not an IPv4 address, not punycode), no port, no user info, and a path, query and
# fragment of characters that are never re-encoded (no %, no quote, no dot segment).
# A test checks that this agrees with ada on every input it accepts.
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_SIMPLE = re.compile(
    rf"(https?)://((?:{_LABEL}\.)+[a-z]{{2,63}})"
    r"(/[A-Za-z0-9\-._~!$&()*+,;=:@/]*)?(\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?(#[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?",
    re.ASCII,
)

NOT_WEB = Msg(
    "không phải đường link web (giao thức {scheme}:); chỉ kiểm tra được link http và https",
    "not a web link (scheme {scheme}:); only http and https links can be checked",
)
INVALID = Msg("không phải đường link hợp lệ: {url}", "not a valid link: {url}")
NOT_DNS = Msg(
    "tên miền không thể có trong DNS (dài quá 253 ký tự, hoặc có nhãn rỗng hay dài quá 63 ký tự): {url}",
    "the host cannot exist in DNS (longer than 253 characters, or a label empty or longer than 63): {url}",
)
NO_HOST = Msg("đường link không có tên miền: {url}", "the link has no host: {url}")


class ParsedUrl(Frozen):
    __match_args__ = ("href", "scheme", "host", "host_type", "path", "query")
    __slots__ = __match_args__
    href: str  # the WHATWG serialization: what the browser's address bar holds
    scheme: str  # "http" or "https"
    host: str  # A-label (punycode) host, lower case, no trailing dot; IPv6 without brackets
    host_type: HostType
    path: str
    query: str  # without the "?"

    def __init__(
        self, href: str, scheme: str, host: str, host_type: HostType, path: str, query: str
    ) -> None:
        set_field(self, "href", href)
        set_field(self, "scheme", scheme)
        set_field(self, "host", host)
        set_field(self, "host_type", host_type)
        set_field(self, "path", path)
        set_field(self, "query", query)

    @property
    def unicode_host(self) -> str:
        if "xn--" not in self.host:
            return self.host
        from ada_url import idna_to_unicode

        return str(idna_to_unicode(self.host))


def clean_paste(raw: str) -> str:
    """The link inside what was pasted, with an explicit scheme (http:// if none)."""
    text = raw.strip(_EDGE)
    while text and text[-1] in _TRAILING:
        text = text[:-1].rstrip(_EDGE)
    if not text.isascii() and re.search(_HAS_FULL_WIDTH, text):
        text = _fold_full_width_prefix(text)
    match = _SCHEME.match(text)
    if match:
        scheme = match.group(1).lower()
        if scheme in _WEB:
            return text
        rest = text[match.end() :]
        if scheme in _NOT_WEB or rest.startswith(("//", "\\\\")):
            raise VerifyctlError(NOT_WEB.format(scheme=scheme[:20]))
    if text.startswith(("//", "\\\\")):
        return "http:" + text
    return "http://" + text


def parse(raw: str) -> ParsedUrl:
    """`raw` as a browser would open it; VerifyctlError if a browser could not open it."""
    text = clean_paste(raw)
    simple = _simple(text)
    if simple is not None:
        scheme, host, path, query, fragment = simple.groups()
        return ParsedUrl(
            href=f"{scheme}://{host}{path or '/'}{query or ''}{fragment or ''}",
            scheme=scheme,
            host=host,
            host_type="name",
            path=path or "/",
            query=query[1:] if query else "",
        )
    return parse_whatwg(text, raw)


def _simple(text: str) -> re.Match[str] | None:
    """`text` (cleaned) read by `_SIMPLE`, if the WHATWG parser would change nothing in it."""
    simple = _SIMPLE.fullmatch(text)
    if simple is None or "xn--" in simple.group(2) or "/." in text or not dns_name(simple.group(2)):
        return None
    return simple


def dns_name(host: str) -> bool:
    """Whether `host` (a name, not an address) fits DNS: at most 253 characters, each label 1 to
    63. A browser cannot open anything else, a resolver refuses it, and the cap keeps every
    lookup of a hostile host short."""
    return len(host) <= 253 and all(0 < len(label) <= 63 for label in host.split("."))


def plain_host(raw: str) -> str | None:
    """The host `parse(raw)` reports, if `raw` is a plain link that needs no cleaning (nothing
    around it, no sentence punctuation after it) and takes the common path above; else None.
    A batch of millions of links asks this before it asks `parse`."""
    if not raw or raw[-1] in _EDGE or raw[-1] in _TRAILING:
        return None
    simple = _simple(raw)
    return None if simple is None else simple.group(2)


def parse_whatwg(text: str, raw: str | None = None) -> ParsedUrl:
    """`text` (already cleaned, with a scheme) through ada, the WHATWG parser."""
    raw = text if raw is None else raw
    from ada_url import URL

    try:
        url = URL(text)
    except ValueError:
        raise VerifyctlError(INVALID.format(url=_short(raw))) from None
    host = str(url.hostname)
    host_type: HostType = "name"
    kind = int(url.host_type)
    if kind == 1:
        host_type = "ipv4"
    elif kind == 2:
        host_type = "ipv6"
        host = host.strip("[]")
    else:
        host = host.rstrip(".")
    if not host:
        raise VerifyctlError(NO_HOST.format(url=_short(raw)))
    if host_type == "name" and not dns_name(host):
        raise VerifyctlError(NOT_DNS.format(url=_short(raw)))
    search = str(url.search)
    return ParsedUrl(
        href=str(url.href),
        scheme=str(url.protocol).rstrip(":"),
        host=host,
        host_type=host_type,
        path=str(url.pathname),
        query=search[1:] if search else "",
    )


def _fold_full_width_prefix(text: str) -> str:
    """Full-width characters folded in the scheme and host only: the path stays as pasted."""
    folded = text.translate(_FULL_WIDTH)
    start = folded.find("://")
    start = start + 3 if start != -1 else 0
    end = re.compile(_AUTHORITY_END).search(folded, start)
    cut = end.start() if end else len(folded)
    return folded[:cut] + text[cut:]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "…"
