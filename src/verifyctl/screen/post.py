"""Judging one post: the pure, module-level functions every runner shares (local worker
processes here, Dask/Spark/Ray workers elsewhere).

`screen_record(record, settings)` takes a record dict (see `record.py`) and returns the
JSON-able output record; `screen_partition(records, settings)` does a batch. The data files are
loaded once per process, on first use, and kept in `_SCREENERS`: nothing is captured in a
closure, so the functions pickle by reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

from verifyctl.engine import Engine
from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Lang, Msg
from verifyctl.screen import tuning
from verifyctl.screen.readers.jsonline import parse_jsonl
from verifyctl.screen.record import Record, default_id
from verifyctl.text.check import WITH_LINK, combine_with_links
from verifyctl.url.check import known_link, link_verdict
from verifyctl.verdict import Reason, Result, Verdict

URL_CACHE_SIZE = 1 << 14  # links in each of the two generations


class PostEngine(Protocol):
    """The three checks a post needs (verifyctl.engine.Engine has them)."""

    def check_url(self, raw: str) -> Result: ...

    def check_text(self, text: str) -> Result: ...

    def check_image(self, target: str) -> Result: ...


class CachingEngine(Engine):
    """The engine with URL verdicts remembered within a run: exports repeat the same links
    thousands of times. `check_text` calls `self.check_url`, so links inside text hit it too.

    Offline, a link's result here carries its verdict and reasons, not its own `url` and
    `canonical` fields (a post's result shows only the reasons): that lets a new link to a site
    already seen be answered by its host's result (`_by_host`), without being parsed."""

    @cached_property
    def _url_cache(self) -> UrlCache:
        if self.online:
            return UrlCache(super().check_url)
        return UrlCache(self._link, self._by_host)

    def check_url(self, raw: str) -> Result:
        return self._url_cache.check(raw)

    def _link(self, raw: str) -> Result:
        return link_verdict(raw, self.url_judge)

    @cached_property
    def _host_results(self) -> dict[int, Result]:
        return {}

    def _by_host(self, raw: str) -> Result | None:
        """`_link(raw)`'s verdict and reasons when `link_verdict` would take its shortcut (a
        plain link to a host judged before), as one result per host."""
        reasons = known_link(raw, self.url_judge)
        if reasons is None:
            return None
        # Keyed by the identity of the host's reasons: the result kept here holds them, so
        # their id cannot be reused by other reasons while the entry exists.
        found = self._host_results.get(id(reasons))
        if found is None:
            if len(self._host_results) >= URL_CACHE_SIZE:
                self._host_results.clear()
            found = self._host_results[id(reasons)] = Result.of(raw, "url", reasons)
        return found


class UrlCache:
    """Verdicts by link, keyed by `url_key`, in two generations of `size`: when the young one
    fills, it becomes the old one and the old one is dropped, and a link found in the old one
    comes back to the young one. Memory stays bounded on a run of millions, and the links that
    keep coming back (a viral link) stay, while the ones seen once (a new article) age out.
    A link `shortcut` answers (a new article on a site already judged) costs no `url_key`."""

    def __init__(
        self,
        check: Callable[[str], Result],
        shortcut: Callable[[str], Result | None] | None = None,
        size: int = URL_CACHE_SIZE,
    ) -> None:
        self._check = check
        self._shortcut = shortcut
        self._size = size
        self._young: dict[str, Result] = {}
        self._old: dict[str, Result] = {}

    def check(self, raw: str) -> Result:
        # Most links are written in their key's form already; `url_key` is idempotent, so a
        # link found under its own spelling is found under its key.
        found = self._young.get(raw)
        if found is not None:
            return found
        found = self._shortcut(raw) if self._shortcut is not None else None
        if found is not None:
            key = raw  # kept under its spelling, so a link that comes back is found first thing
        else:
            key = url_key(raw)
            found = self._young.get(key)
            if found is not None:
                return found
            found = self._old.get(key)
            if found is None:
                found = self._check(raw)
        if len(self._young) >= self._size:
            self._old = self._young
            self._young = {}
        self._young[key] = found
        return found


# scheme://host[:port][/path?query][#fragment] with a plain ASCII host: no userinfo, no
# backslash, no percent-escape, no IDN, nothing a browser could read another way.
_PLAIN_URL = re.compile(r"(?i)(https?://)([a-z0-9.-]+)(:[0-9]{1,5})?([/?][^#\\\s]*)?(#\S*)?")


def url_key(raw: str) -> str:
    """The canonical form a link is cached under, where it can be had cheaply and safely: for
    a plain http(s) URL the scheme and host lower-cased, the fragment dropped, an empty path as
    `/` (what every canonicalization agrees on); any other link is its own key. The full Safe
    Browsing canonicalization costs as much as the check it would save, and read from the raw
    text it would merge `http://evil.com\\@nhandan.vn/` with nhandan.vn."""
    text = raw.strip()
    match = _PLAIN_URL.fullmatch(text)
    if match is None:
        return text
    scheme, host, port, rest, _ = match.groups()
    return f"{scheme.lower()}{host.lower()}{port or ''}{rest or '/'}"


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to build its engine; small, hashable and picklable."""

    sources: str | None = None
    rules: str | None = None
    hashes: str | None = None
    online: bool = False
    lang: Lang = "vi"
    engine: Callable[..., PostEngine] = CachingEngine
    blocklists: tuple[str, ...] = ()


NO_CONTENT = Msg(
    "Bài không có nội dung, link hay ảnh nào kiểm tra được.",
    "The post has no text, link or picture that could be checked.",
)
_NO_CONTENT = Reason("no_source", Verdict.VERIFY, NO_CONTENT)
CHECK_FAILED = Msg(
    "Lỗi nội bộ khi kiểm tra bản ghi này ({exc}); vui lòng báo lỗi.",
    "Internal error while checking this record ({exc}); please report it.",
)


class Screener:
    """One engine and one language; `screen` turns a record into an output record."""

    def __init__(self, engine: PostEngine, lang: Lang) -> None:
        self.engine = engine
        self.lang = lang

    def screen(self, record: Record) -> dict[str, Any]:
        where = record.get("origin") or {}
        try:
            if "jsonl" in record:
                record = parse_jsonl(record)
            if "error" in record:
                error = record["error"]
                return self._error(record, where, "invalid_input", Msg(error["vi"], error["en"]))
            result = self.judge(record.get("text") or "", record.get("urls") or [], record.get("images") or [])
        except DataFileError:
            raise
        except VerifyctlError as exc:
            return self._error(record, where, "invalid_input", Msg(exc.line("vi"), exc.line("en")))
        except Exception as exc:  # one bad record must not sink a run of millions
            return self._error(record, where, "check_failed", CHECK_FAILED.format(exc=type(exc).__name__))
        out = result.to_dict(self.lang)
        out["id"] = record.get("id") or default_id(where)
        out["origin"] = where
        if "date" in record:
            out["date"] = record["date"]
        if "post_url" in record:
            out["post_url"] = record["post_url"]
        return out

    def judge(self, text: str, urls: list[str], images: list[str]) -> Result:
        """The worst of the text rules, every link and every picture, as one `text` result."""
        reasons: list[Reason] = []
        if text.strip():
            result = self._checked(self.engine.check_text, text)
            if not urls and not images and result.reasons and result.target == text and result.kind == "text":
                return result  # most posts: the text's own result is the post's
            reasons.extend(result.reasons)
        attached_official = False
        seen: set[str] = set()
        for url in urls:
            if url in seen or url in text:  # a link in the text was judged with the text
                continue
            seen.add(url)
            for reason in _tagged(self._checked(self.engine.check_url, url).reasons, "link", url):
                attached_official = attached_official or reason.verdict is Verdict.SHARE
                reasons.append(reason)
        for image in images:
            reasons.extend(_tagged(self._checked(self.engine.check_image, image).reasons, "image", image))
        if attached_official:
            # The post does cite an official source or account (a link the text would count as
            # official, `check_text` says the same): in an attachment, not in its text.
            reasons = [r for r in reasons if r.code != "no_source"]
        if urls and any(WITH_LINK in r.fields for r in reasons):
            reasons = combine_with_links(reasons)  # an alarm in the text, its link attached
        if not reasons:
            reasons.append(_NO_CONTENT)
        return Result.of(text, "text", reasons)

    def _checked(self, check: Callable[[str], Result], target: str) -> Result:
        """A part's result; a part that cannot be read (a malformed link, a corrupt picture)
        makes the post `verify`, not `error`: the post itself was read."""
        try:
            result = check(target)
        except DataFileError:
            raise
        except VerifyctlError as exc:
            reason = Reason("invalid_input", Verdict.VERIFY, Msg(exc.line("vi"), exc.line("en")))
            return Result(target, "text", Verdict.VERIFY, (reason,))
        if result.verdict is not Verdict.ERROR:  # the worst of its reasons: none is an error
            return result
        return Result.of(
            result.target,
            result.kind,
            [Reason(r.code, Verdict.VERIFY, r.message, r.fields) if r.verdict is Verdict.ERROR else r for r in result.reasons],
        )

    def _error(self, record: Record, where: dict[str, Any], code: str, message: Msg) -> dict[str, Any]:
        reason = Reason(code, Verdict.ERROR, message)
        out = Result("", "text", Verdict.ERROR, (reason,)).to_dict(self.lang)
        out["id"] = record.get("id") or default_id(where)
        out["origin"] = where
        return out


def _tagged(reasons: Iterable[Reason], key: str, value: str) -> list[Reason]:
    """Reasons of an attachment carry which link or picture they are about."""
    return [r if key in r.fields else Reason(r.code, r.verdict, r.message, {**r.fields, key: value}) for r in reasons]


_SCREENERS: dict[Settings, Screener] = {}


def screener(settings: Settings) -> Screener:
    """This process's screener for `settings`, built (and its data loaded) on first use."""
    found = _SCREENERS.get(settings)
    if found is None:
        # Only when given: stand-in engines (tests) take the four data settings alone.
        extra = {"blocklists": settings.blocklists} if settings.blocklists else {}
        engine = settings.engine(
            settings.sources, settings.rules, settings.hashes, online=settings.online, **extra
        )
        found = _SCREENERS[settings] = Screener(engine, settings.lang)
    return found


def warm_up(settings: Settings) -> None:
    """Load the data files now, so a broken one stops the run before any worker starts."""
    engine = screener(settings).engine
    for name in ("sources", "rules", "hashes", "url_judge"):
        if hasattr(type(engine), name):
            getattr(engine, name)
    tuning.for_batch()


def screen_record(record: Record, settings: Settings) -> dict[str, Any]:
    return screener(settings).screen(record)


def screen_partition(records: Iterable[Record], settings: Settings) -> list[dict[str, Any]]:
    screen = screener(settings).screen
    return [screen(record) for record in records]

