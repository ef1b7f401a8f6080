"""The checks `sources validate` runs on a file that has the right shape (see `schema.py`).

Each check is a generator over a `Context` that yields `Problem`s; `CHECKS` registers them by
id, in the order they run. The README's check table documents every id, and a test keeps the
two in step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from verifyctl.i18n import Msg
from verifyctl.sources import hosts
from verifyctl.sources.problems import Problem, error, warning
from verifyctl.yamlsafe import YList, YMap

Pos = tuple[int, int]


Where = tuple[str, int]  # (file, line)


@dataclass
class Shared:
    """What the checks of one file know of the whole list (the entry file and the files it
    includes): ids and hosts of every file, and what earlier files already claimed."""

    ids: set[str] = field(default_factory=set)
    listed: dict[str | None, str] = field(default_factory=dict)  # host → source id
    allowed: set[str | None] = field(default_factory=set)  # not_lookalikes
    seen_ids: dict[str, Where] = field(default_factory=dict)
    seen_hosts: dict[str, tuple[str, Where]] = field(default_factory=dict)
    seen_accounts: dict[tuple[str, str], Where] = field(default_factory=dict)

    @classmethod
    def of(cls, trees: list[YMap]) -> Shared:
        shared = cls()
        for tree in trees:
            ctx = Context(tree, dt.date.min, 0, shared=shared)
            shared.ids |= {s["id"] for s in ctx.sources() if isinstance(s.get("id"), str)}
            shared.listed |= {_norm(d["host"]): _sid(s) for s, d in ctx.domains()}
            shared.allowed |= {_norm(n["host"]) for n in ctx.section("not_lookalikes") if isinstance(n.get("host"), str)}
        return shared


@dataclass(frozen=True)
class Context:
    tree: YMap
    today: dt.date
    max_age: int
    path: str = ""
    shared: Shared = field(default_factory=Shared)

    def section(self, key: str) -> list[YMap]:
        items = self.tree.get(key)
        return [item for item in items if isinstance(item, YMap)] if isinstance(items, YList) else []

    def sources(self) -> list[YMap]:
        return self.section("sources")

    def ids(self) -> set[str]:
        return self.shared.ids

    def domains(self) -> Iterator[tuple[YMap, YMap]]:
        """(source, domain) for every domain entry with a host."""
        for source in self.sources():
            for domain in _maps(source.get("domains")):
                if isinstance(domain.get("host"), str):
                    yield source, domain

    def here(self, line: int) -> Where:
        return (self.path, line)

    def where(self, at: Where) -> tuple[str, str]:
        """`at` in words (vi, en): a line of this file, or a file of the list and its line."""
        path, line = at
        if path == self.path:
            return f"dòng {line}", f"line {line}"
        return f"{path}, dòng {line}", f"{path}, line {line}"


def _maps(value: Any) -> list[YMap]:
    return [item for item in value if isinstance(item, YMap)] if isinstance(value, YList) else []


def _sid(source: YMap) -> str:
    value = source.get("id")
    return value if isinstance(value, str) else "?"


def _norm(host: str) -> str | None:
    try:
        return hosts.normalise(host).removeprefix("www.")
    except hosts.HostError:
        return None


def duplicate_id(ctx: Context) -> Iterator[Problem]:
    seen = ctx.shared.seen_ids
    for source in ctx.sources():
        sid = source.get("id")
        if not isinstance(sid, str):
            continue
        if sid in seen:
            vi, en = ctx.where(seen[sid])
            yield error(
                source.at("id"),
                "duplicate-id",
                f'id "{sid}" đã dùng ở {vi}',
                f'id "{sid}" is already used on {en}',
            )
        else:
            seen[sid] = ctx.here(source.at("id")[0])


_HOST_MESSAGES: dict[hosts.HostProblem, tuple[str, str]] = {
    "url": (
        "là một URL (hoặc có cổng/đường dẫn), không phải tên máy chủ: chỉ ghi tên miền, vd. nhandan.vn",
        "is a URL (or has a port or path), not a host name: write the domain only, e.g. nhandan.vn",
    ),
    "ip": (
        "là địa chỉ IP: một địa chỉ IP không bao giờ là nguồn chính thống",
        "is an IP address: an IP address is never an official source",
    ),
    "invalid": ("không phải tên miền hợp lệ", "is not a valid host name"),
    "public-suffix": (
        "là hậu tố công cộng (ai cũng đăng ký được tên miền dưới nó); dùng suffix: true chỉ khi cố ý",
        "is a public suffix (anyone can register under it); use suffix: true only on purpose",
    ),
    "platform": (
        "là cả một nền tảng mà ai cũng đăng được bài; ghi tài khoản vào accounts",
        "is a whole platform where anyone can publish; list the account under accounts",
    ),
}


def host_names(ctx: Context) -> Iterator[Problem]:
    entries: list[tuple[YMap, bool, bool]] = [(d, d.get("suffix") is True, False) for _, d in ctx.domains()]
    entries += [(i, False, True) for i in ctx.section("impersonators") if isinstance(i.get("host"), str)]
    entries += [(n, False, False) for n in ctx.section("not_lookalikes") if isinstance(n.get("host"), str)]
    for entry, suffix, ip_allowed in entries:
        host: str = entry["host"]
        pos = entry.at("host")
        problem = hosts.classify(host, suffix_allowed=suffix)
        if problem == "ip" and ip_allowed:
            continue
        if problem is not None:
            vi, en = _HOST_MESSAGES[problem]
            yield error(pos, f"host-{problem}", f'"{host}" {vi}', f'"{host}" {en}')
            continue
        if suffix and not hosts.is_public_suffix(hosts.normalise(host)):
            yield error(
                pos,
                "host-public-suffix",
                f'"{host}" có suffix: true nhưng không phải hậu tố công cộng',
                f'"{host}" has suffix: true but is not a public suffix',
            )
        canonical = hosts.normalise(host).removeprefix("www.")
        if host != canonical and host.isascii():
            yield warning(
                pos,
                "host-not-canonical",
                f'hãy ghi "{canonical}" thay cho "{host}" (chữ thường, không có www. hay dấu chấm cuối)',
                f'write "{canonical}" instead of "{host}" (lower case, no www. or trailing dot)',
            )


def duplicate_host(ctx: Context) -> Iterator[Problem]:
    """Hosts are compared after IDNA/UTS #46 normalisation: bình.vn and xn--bnh-nma.vn clash."""
    seen = ctx.shared.seen_hosts
    for source, domain in ctx.domains():
        name = _norm(domain["host"])
        if name is None:
            continue
        if name in seen:
            owner, at = seen[name]
            vi, en = ctx.where(at)
            yield error(
                domain.at("host"),
                "duplicate-host",
                f'tên miền "{name}" đã được nguồn "{owner}" khai ở {vi}',
                f'host "{name}" is already claimed by source "{owner}" on {en}',
            )
        else:
            seen[name] = (_sid(source), ctx.here(domain.at("host")[0]))


def listed_and_impersonator(ctx: Context) -> Iterator[Problem]:
    listed, allowed = ctx.shared.listed, ctx.shared.allowed
    for item in ctx.section("impersonators"):
        host = item.get("host")
        if not isinstance(host, str):
            continue
        name = _norm(host)
        if name in listed:
            yield error(
                item.at("host"),
                "listed-and-impersonator",
                f'"{host}" vừa là tên miền của nguồn "{listed[name]}" vừa là trang mạo danh',
                f'"{host}" is both a domain of source "{listed[name]}" and an impersonator',
            )
        elif name in allowed:
            yield error(
                item.at("host"),
                "listed-and-impersonator",
                f'"{host}" vừa là trang mạo danh vừa nằm trong not_lookalikes',
                f'"{host}" is both an impersonator and in not_lookalikes',
            )


def references(ctx: Context) -> Iterator[Problem]:
    ids = ctx.ids()
    for source in ctx.sources():
        parent = source.get("parent")
        if isinstance(parent, str) and parent not in ids:
            yield _unknown(source.at("parent"), "parent", parent)
    for item in ctx.section("impersonators"):
        imitates = item.get("imitates")
        if isinstance(imitates, str) and imitates not in ids:
            yield _unknown(item.at("imitates"), "imitates", imitates)


def _unknown(pos: Pos, key: str, value: str) -> Problem:
    return error(
        pos, "unknown-reference", f'{key}: không có nguồn nào có id "{value}"', f'{key}: no source has the id "{value}"'
    )


def successors(ctx: Context) -> Iterator[Problem]:
    ids = ctx.ids()
    for source in ctx.sources():
        status = source.get("status")
        if not isinstance(status, YMap):
            continue
        successor = status.get("successor")
        if isinstance(successor, str) and (successor not in ids or successor == source.get("id")):
            yield error(
                status.at("successor"),
                "missing-successor",
                f'successor "{successor}" không phải id của một nguồn khác trong danh sách',
                f'successor "{successor}" is not the id of another source in the list',
            )
        elif status.get("state") == "merged" and successor is None:
            yield error(
                status.at("state"),
                "missing-successor",
                "nguồn đã sáp nhập (merged) phải có successor: id của nguồn nhận sáp nhập",
                "a merged source needs a successor: the id of the source it merged into",
                absence=True,
            )


def status_dates(ctx: Context) -> Iterator[Problem]:
    for source in ctx.sources():
        status = source.get("status")
        if not isinstance(status, YMap):
            continue
        state, since, until = status.get("state"), status.get("since"), status.get("until")
        if state in ("merged", "retired") and until is None:
            yield error(
                status.at("state"),
                "missing-until",
                f"trạng thái {state} cần until: ngày ngừng hoạt động dưới danh tính này",
                f"state {state} needs until: the day it stopped publishing under this identity",
                absence=True,
            )
        if state == "active" and until is not None:
            yield error(
                status.at("until"),
                "status-dates",
                "nguồn đang hoạt động (active) không có until",
                "an active source has no until",
            )
        if isinstance(since, dt.date) and isinstance(until, dt.date) and since >= until:
            yield error(
                status.at("until"),
                "status-dates",
                f"until ({until}) phải sau since ({since})",
                f"until ({until}) must be after since ({since})",
            )


@dataclass(frozen=True)
class HandleRule:
    handle: re.Pattern[str] | None
    handle_doc: str
    channel: re.Pattern[str]
    channel_doc: str


HANDLE_RULES: dict[str, HandleRule] = {
    "facebook": HandleRule(
        re.compile(r"^(?:[A-Za-z0-9.]{5,50}|groups/[A-Za-z0-9._-]{2,100})$"),
        "tên trang (5-50 chữ, số, dấu chấm) hoặc groups/<tên nhóm>, không có @ / page name (5-50 letters, digits, dots) or groups/<name>, no @",
        re.compile(r"^\d{5,20}$"),
        "id số của trang / a numeric page id",
    ),
    "youtube": HandleRule(
        re.compile(r"^@[A-Za-z0-9._-]{3,30}$"),
        "@handle (3-30 ký tự) / @handle (3-30 characters)",
        re.compile(r"^UC[A-Za-z0-9_-]{22}$"),
        "UC + 22 ký tự / UC + 22 characters",
    ),
    "tiktok": HandleRule(
        re.compile(r"^@(?!.*\.$)[A-Za-z0-9._]{2,24}$"),
        "@tên (2-24 chữ, số, _ hoặc .) / @name (2-24 letters, digits, _ or .)",
        re.compile(r"^\d{5,25}$"),
        "id số / a numeric id",
    ),
    "zalo": HandleRule(
        re.compile(r"^[A-Za-z0-9._-]{3,64}$"),
        "tên trong zalo.me/<tên> / the name in zalo.me/<name>",
        re.compile(r"^\d{5,25}$"),
        "id số của Official Account / a numeric Official Account id",
    ),
}


def handles(ctx: Context) -> Iterator[Problem]:
    seen = ctx.shared.seen_accounts
    for source in ctx.sources():
        for account in _maps(source.get("accounts")):
            platform = account.get("platform")
            rule = HANDLE_RULES.get(platform) if isinstance(platform, str) else None
            if rule is None or not isinstance(platform, str):
                continue
            handle, channel = account.get("handle"), account.get("channel_id")
            if handle is None and channel is None:
                yield error(
                    account.pos,
                    "handle-platform",
                    "tài khoản cần handle hoặc channel_id",
                    "an account needs a handle or a channel_id",
                    absence=True,
                )
            if isinstance(handle, str) and rule.handle and not rule.handle.match(handle):
                yield _bad_handle(account.at("handle"), platform, handle, rule.handle_doc)
            if channel is not None and not rule.channel.match(str(channel)):
                yield _bad_handle(account.at("channel_id"), platform, str(channel), rule.channel_doc)
            for value in (handle, channel):
                if value is None:
                    continue
                key = (str(platform), str(value).lower())
                if key in seen:
                    vi, en = ctx.where(seen[key])
                    yield error(
                        account.pos,
                        "duplicate-account",
                        f"tài khoản {platform} {value} đã khai ở {vi}",
                        f"the {platform} account {value} is already listed on {en}",
                    )
                else:
                    seen[key] = ctx.here(account.pos[0])


def _bad_handle(pos: Pos, platform: str, value: str, doc: str) -> Problem:
    vi, _, en = doc.partition(" / ")
    return error(
        pos,
        "handle-platform",
        f'"{value}" không hợp với {platform}: cần {vi}',
        f'"{value}" does not fit {platform}: expected {en}',
    )


def _is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in text)


def evidence(ctx: Context) -> Iterator[Problem]:
    """No entry without evidence: a source needs a URL; a confirmed account needs one too."""
    for source in ctx.sources():
        items = source.get("evidence")
        if isinstance(items, YList) and not any(isinstance(e, str) and _is_url(e) for e in items):
            yield error(
                source.at("evidence"),
                "missing-evidence",
                "evidence của nguồn cần ít nhất một URL http(s)",
                "a source's evidence needs at least one http(s) URL",
                absence=True,
            )
        for account in _maps(source.get("accounts")):
            proof = account.get("evidence")
            if (
                account.get("confidence") == "confirmed"
                and isinstance(proof, YList)
                and not any(isinstance(e, str) and _is_url(e) for e in proof)
            ):
                yield error(
                    account.at("evidence"),
                    "missing-evidence",
                    "tài khoản confirmed cần một URL làm bằng chứng; nếu không có, ghi confidence: seen",
                    "a confirmed account needs a URL as evidence; without one, mark it confidence: seen",
                    absence=True,
                )
    for item in ctx.section("impersonators"):
        proof = item.get("evidence")
        if isinstance(proof, YList) and not proof:
            yield error(
                item.at("evidence"),
                "missing-evidence",
                "trang mạo danh cần bằng chứng",
                "an impersonator needs evidence",
                absence=True,
            )
    yield from _evidence_urls(ctx)


def _evidence_urls(ctx: Context) -> Iterator[Problem]:
    lists: list[Any] = []
    for source in ctx.sources():
        lists.append(source.get("evidence"))
        status = source.get("status")
        if isinstance(status, YMap):
            lists.append(status.get("evidence"))
        lists += [d.get("evidence") for d in _maps(source.get("domains"))]
        lists += [a.get("evidence") for a in _maps(source.get("accounts"))]
    lists += [i.get("evidence") for i in ctx.section("impersonators")]
    for items in lists:
        if not isinstance(items, YList):
            continue
        for index, item in enumerate(items):
            if isinstance(item, str) and item.lower().startswith(("http:", "https:")) and not _is_url(item):
                yield error(
                    items.at(index),
                    "missing-evidence",
                    f'"{item}" không phải URL hợp lệ',
                    f'"{item}" is not a valid URL',
                )


def stale(ctx: Context) -> Iterator[Problem]:
    for source in ctx.sources():
        day = source.get("verified_on")
        if not isinstance(day, dt.date):
            continue
        age = (ctx.today - day).days
        if age > ctx.max_age:
            yield warning(
                source.at("verified_on"),
                "stale",
                f"verified_on {day} đã cũ {age} ngày (giới hạn --max-age {ctx.max_age}): kiểm tra lại bằng chứng",
                f"verified_on {day} is {age} days old (over --max-age {ctx.max_age}): check the evidence again",
            )
        elif age < 0:
            yield error(
                source.at("verified_on"),
                "stale",
                f"verified_on {day} ở tương lai",
                f"verified_on {day} is in the future",
            )


@dataclass(frozen=True)
class Check:
    run: Callable[[Context], Iterator[Problem]] | None
    doc: Msg


CHECKS: dict[str, Check] = {
    "syntax": Check(None, Msg("Lỗi cú pháp YAML hoặc khóa trùng lặp.", "A YAML syntax error or a duplicate key.")),
    "schema": Check(None, Msg("Thiếu khóa bắt buộc, sai kiểu, giá trị không hợp lệ, schema_version không hỗ trợ.", "A missing required key, a wrong type or value, an unsupported schema_version.")),
    "unknown-key": Check(None, Msg("Khóa không có trong schema (thường là gõ sai).", "A key the schema does not know (usually a typo).")),
    "include": Check(None, Msg("Một tệp trong include không đọc được (không có, không phải UTF-8…).", "A file named under include that cannot be read (missing, not UTF-8…).")),
    "duplicate-id": Check(duplicate_id, Msg("Hai nguồn cùng một id.", "Two sources with the same id.")),
    "host-url": Check(host_names, Msg("Một URL, đường dẫn hoặc cổng thay cho tên miền.", "A URL, a path or a port in place of a host.")),
    "host-ip": Check(None, Msg("Một địa chỉ IP thay cho tên miền (cho phép trong impersonators).", "An IP address in place of a host (allowed under impersonators).")),
    "host-invalid": Check(None, Msg("Không phải tên miền hợp lệ (ký tự lạ, nhãn rỗng, IDNA sai).", "Not a valid host name (bad characters, empty label, invalid IDNA).")),
    "host-public-suffix": Check(None, Msg("Một hậu tố công cộng như vn, com.vn, id.vn, binhphuoc.vn (trừ khi suffix: true).", "A bare public suffix such as vn, com.vn, id.vn, binhphuoc.vn (unless suffix: true).")),
    "host-platform": Check(None, Msg("Cả một nền tảng như facebook.com, youtube.com, zalo.me.", "A whole platform such as facebook.com, youtube.com, zalo.me.")),
    "host-not-canonical": Check(None, Msg("(cảnh báo) Tên miền viết hoa, có www. hoặc dấu chấm cuối.", "(warning) A host in upper case, with www. or a trailing dot.")),
    "duplicate-host": Check(duplicate_host, Msg("Cùng một tên miền (sau chuẩn hóa IDNA/UTS #46) được khai hai lần.", "The same host (after IDNA/UTS #46 normalisation) claimed twice.")),
    "listed-and-impersonator": Check(listed_and_impersonator, Msg("Một tên miền vừa là nguồn chính thống vừa là trang mạo danh.", "A host both listed as official and as an impersonator.")),
    "unknown-reference": Check(references, Msg("parent hoặc imitates trỏ tới id không tồn tại.", "A parent or imitates that names no source.")),
    "missing-successor": Check(successors, Msg("successor không tồn tại, hoặc nguồn merged không có successor.", "A successor that does not exist, or a merged source without one.")),
    "missing-until": Check(status_dates, Msg("Trạng thái merged/retired không có until.", "A merged or retired source without until.")),
    "status-dates": Check(None, Msg("until trước since, hoặc nguồn active có until.", "until before since, or an active source with until.")),
    "handle-platform": Check(handles, Msg("Handle hoặc channel_id không hợp với nền tảng.", "A handle or channel_id that does not fit its platform.")),
    "duplicate-account": Check(None, Msg("Cùng một tài khoản được khai hai lần.", "The same account listed twice.")),
    "missing-evidence": Check(evidence, Msg("Nguồn không có URL bằng chứng; tài khoản confirmed không có URL; URL bằng chứng hỏng.", "A source without an evidence URL, a confirmed account without one, a broken evidence URL.")),
    "online-unreachable": Check(None, Msg("(với --online) Tên miền của nguồn đang hoạt động không trả lời qua HTTPS (cảnh báo nếu là tên miền cũ).", "(with --online) An active source's domain does not answer over HTTPS (a warning for a legacy domain).")),
    "online-redirect": Check(None, Msg("(với --online, cảnh báo) Tên miền chuyển hướng sang máy chủ khác: nguồn đã chuyển nhà?", "(with --online, warning) A domain redirects to another host: has the outlet moved?")),
    "stale": Check(stale, Msg("(cảnh báo) verified_on cũ hơn --max-age ngày (mặc định 365); lỗi nếu ở tương lai.", "(warning) verified_on older than --max-age days (default 365); an error if in the future.")),
}


def run_checks(ctx: Context) -> Iterator[Problem]:
    for check in CHECKS.values():
        if check.run is not None:
            yield from check.run(ctx)
