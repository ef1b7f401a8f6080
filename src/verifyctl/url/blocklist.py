"""Blocklists an organisation already uses (`--blocklist FILE`, repeatable).

Three line shapes, mixed freely in one file:

- a hosts file line, `0.0.0.0 host [host…]` (or 127.0.0.1, ::, ::1): those exact hosts, as a
  hosts file blocks them;
- an AdGuard / uBlock Origin network rule, `||host^` (options after `$` allowed): the host
  and everything under it; `@@||host^` is an exception and unblocks it;
- a plain host, `host` or `*.host`: the host and everything under it (domain feeds list
  registrable domains).

Blank lines and comments (`#`, `!`, `[Adblock Plus …]` headers) are skipped, as are the
loopback names every hosts file starts with. Any other line is an error naming `file:line`:
a blocklist read only in part would let the rest through unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from verifyctl import datafiles
from verifyctl.errors import DataFileError
from verifyctl.frozen import Frozen, set_field
from verifyctl.i18n import Msg

_SINK = frozenset(["0.0.0.0", "127.0.0.1", "::", "::1", "0:0:0:0:0:0:0:0", "0:0:0:0:0:0:0:1"])
_LOCAL = frozenset(
    [
        "localhost",
        "localhost.localdomain",
        "local",
        "broadcasthost",
        "ip6-localhost",
        "ip6-loopback",
        "ip6-localnet",
        "ip6-mcastprefix",
        "ip6-allnodes",
        "ip6-allrouters",
        "ip6-allhosts",
        "0.0.0.0",
    ]
)
_HOST = re.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$"
)
# A filter list's first line, `[Adblock Plus 2.0]`; any other line in brackets is not a
# blocklist's (a JSON file given by mistake must not load as an empty list).
_HEADER = re.compile(r"^\[(?:adblock|ublock|adguard)[^\[\]]{0,60}\]$", re.IGNORECASE)
_ADBLOCK = re.compile(r"^(@@)?\|\|([^\^/$|*]+)\^(?:\$.*|\|)?$")
BAD_LINE = Msg(
    "dòng không phải tên máy chủ, dòng hosts (0.0.0.0 host) hay luật ||host^: {line!r}",
    "not a host, a hosts-file line (0.0.0.0 host) or a ||host^ rule: {line!r}",
)
BAD_HOST = Msg("tên máy chủ không hợp lệ: {host!r}", "not a valid host name: {host!r}")


class Hit(Frozen):
    __match_args__ = ("list", "line")
    __slots__ = __match_args__
    list: str  # the file as given on the command line
    line: int

    def __init__(self, list: str, line: int) -> None:
        set_field(self, "list", list)
        set_field(self, "line", line)


class Blocklists:
    """Every `--blocklist` file, as two host tables: exact hosts, and hosts with everything
    under them. The first file that lists a host names it."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.exact: dict[str, Hit] = {}
        self.below: dict[str, Hit] = {}
        self.allowed: set[str] = set()
        for path in paths:
            self._read(path)

    def find(self, host: str) -> Hit | None:
        host = host.rstrip(".")
        hit = self.exact.get(host)
        name = host
        while hit is None and name:
            if name in self.allowed:
                return None
            hit = self.below.get(name)
            name = name.partition(".")[2]
        return hit

    def _read(self, path: str) -> None:
        text = datafiles.read_text(path)
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split(" #", 1)[0].split("\t#", 1)[0].strip()
            if not line or line[0] in "#!" or _HEADER.match(line):
                continue
            hit = Hit(path, number)
            rule = _ADBLOCK.match(line)
            if rule is not None:
                host = _host(rule.group(2), path, number)
                if rule.group(1):
                    self.allowed.add(host)
                else:
                    self.below.setdefault(host, hit)
                continue
            fields = line.split()
            if fields[0] in _SINK:
                if len(fields) < 2:
                    raise DataFileError(BAD_LINE.format(line=line[:80]), path, number)
                for name in fields[1:]:
                    host = _host(name, path, number)
                    if host not in _LOCAL:
                        self.exact.setdefault(host, hit)
                continue
            if len(fields) != 1:
                raise DataFileError(BAD_LINE.format(line=line[:80]), path, number)
            name = fields[0][2:] if fields[0].startswith("*.") else fields[0]
            self.below.setdefault(_host(name, path, number), hit)


def _host(name: str, path: str, number: int) -> str:
    host = name.lower().rstrip(".")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise DataFileError(BAD_HOST.format(host=name[:80]), path, number) from None
    if not _HOST.match(host):
        raise DataFileError(BAD_HOST.format(host=name[:80]), path, number)
    return host
