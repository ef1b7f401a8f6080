"""The canonical form of a URL: Google Safe Browsing's canonicalization.

One URL, one string, whatever way it was written: the form blocklists and hash lists are
keyed on. The algorithm (developers.google.com/safe-browsing, "Canonicalization"): drop tab,
CR and LF; drop the fragment; unescape percent-escapes until none is left; in the host, drop
leading and trailing dots, squeeze repeated dots, lower-case it and write an IP address in
any legacy notation as four decimal numbers; in the path, resolve `.` and `..` and squeeze
repeated slashes; then escape every byte <= 0x20, >= 0x7f, `#` and `%`. The port is dropped
(the published vectors do), the query is kept as it is. It works on bytes: a URL may hold
bytes that are not UTF-8.
"""

from __future__ import annotations

import re

# The full algorithm's patterns are left to `re`'s cache, compiled on first use: most links
# take the `_ALREADY` path, and compiling them all costs about half a millisecond of start-up.
_ESCAPE = rb"%([0-9A-Fa-f]{2})"
_SCHEME = rb"^([A-Za-z][A-Za-z0-9+.\-]*)://"
_SLASHES = rb"/{2,}"
_DOTS = rb"\.{2,}"
_MUST_ESCAPE = rb"[\x00-\x20\x7f-\xff#%]"
# A host that unescaped to "/", "?" or "@" keeps them escaped: written raw they would end the
# host when the canonical form is read again, and the form would not be stable.
_HOST_ESCAPE = rb"[\x00-\x20\x7f-\xff#%/?@]"
# likewise a "?" written raw in the path would start the query when the form is read again
_PATH_ESCAPE = rb"[\x00-\x20\x7f-\xff#%?]"
# A lower-case http(s) URL with a plain host (no port, no trailing dot, not an IP in a
# legacy notation: the last label has a letter) and nothing to escape or drop.
_ALREADY = re.compile(
    r"https?://(?:[a-z0-9-]+\.)*[a-z0-9-]*[a-z][a-z0-9-]*/[\x21-\x22\x24\x26-\x7e]*",
    re.ASCII,
)


def canonicalize(url: str) -> str:
    """The canonical form of `url` (text in, text out; non-ASCII is written as UTF-8 escapes)."""
    if _ALREADY.fullmatch(url) and "//" not in url[8:] and "/." not in url:
        return url  # nothing to unescape, squeeze, resolve or drop: the common case
    return canonicalize_bytes(url.encode("utf-8")).decode("ascii")


def canonicalize_bytes(url: bytes) -> bytes:
    url = url.strip(b" \t\r\n\f\v")
    url = url.replace(b"\t", b"").replace(b"\r", b"").replace(b"\n", b"")
    url = url.split(b"#", 1)[0]
    match = re.match(_SCHEME, url)
    if match:
        scheme, rest = match.group(1).lower(), url[match.end() :]
    else:
        scheme, rest = b"http", url
    cut = min((i for i in (rest.find(b"/"), rest.find(b"?")) if i != -1), default=len(rest))
    authority, tail = rest[:cut], rest[cut:]
    path, sep, query = tail.partition(b"?")
    host = _host(_unescape(authority.rsplit(b"@", 1)[-1]))
    path = _path(_unescape(path))
    out = scheme + b"://" + _escape(host, _HOST_ESCAPE) + _escape(path, _PATH_ESCAPE)
    if sep:
        out += b"?" + _escape(_unescape(query))
    return out


def _unescape(data: bytes) -> bytes:
    while True:
        decoded = re.sub(_ESCAPE, lambda m: bytes([int(m.group(1), 16)]), data)
        if decoded == data:
            return data
        data = decoded


def _escape(data: bytes, must: bytes = _MUST_ESCAPE) -> bytes:
    return re.sub(must, lambda m: b"%%%02X" % m.group()[0], data)


def _host(host: bytes) -> bytes:
    if host.startswith(b"["):
        return _ipv6(host)
    host = host.split(b":", 1)[0]  # outside brackets a colon can only start the port
    host = re.sub(_DOTS, b".", host.strip(b".")).lower()
    ip = legacy_ipv4(host.decode("latin-1"))
    return ip.encode() if ip is not None else host


def _ipv6(host: bytes) -> bytes:
    import ipaddress

    inner = host[1 : host.find(b"]")] if b"]" in host else host[1:]
    if b"%" in inner:  # a zone id (fe80::1%eth0) is no part of a URL host; ipaddress accepts it
        return host.lower()
    try:
        address = ipaddress.IPv6Address(inner.decode("latin-1"))
    except ValueError:
        return host.lower()
    embedded = address.ipv4_mapped
    if embedded is None and address in ipaddress.IPv6Network("64:ff9b::/96"):
        embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if embedded is not None:
        return str(embedded).encode()
    return b"[" + address.compressed.encode() + b"]"


def legacy_ipv4(host: str) -> str | None:
    """`host` as dotted decimal if it is an IPv4 address in any notation inet_aton accepts
    (decimal, octal 0…, hex 0x…, one to four parts), else None."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        value = _number(part)
        if value is None:
            return None
        numbers.append(value)
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    import ipaddress

    value = last
    for i, n in enumerate(head):
        value |= n << (8 * (3 - i))
    return str(ipaddress.IPv4Address(value))


def _number(part: str) -> int | None:
    if not part:
        return None
    lowered = part.lower()
    try:
        if lowered.startswith("0x"):
            return int(lowered[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        return int(part, 10) if part.isascii() and part.isdigit() else None
    except ValueError:
        return None


def _path(path: bytes) -> bytes:
    if not path:
        return b"/"
    trailing = path.endswith(b"/") or path.endswith(b"/.") or path.endswith(b"/..")
    out: list[bytes] = []
    for segment in re.sub(_SLASHES, b"/", path).split(b"/"):
        if segment == b"..":
            if out:
                out.pop()
        elif segment and segment != b".":
            out.append(segment)
    result = b"/" + b"/".join(out)
    if trailing and out:
        result += b"/"
    return result
