"""A small stand-in for the engine, for tests of the batch machinery (readers, order, resume,
outputs): fixed answers that make each part of a post visible in the output."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from verifyctl.i18n import Msg
from verifyctl.verdict import Reason, Result, Verdict

URL_IN_TEXT = re.compile(r"https?://\S+")
FLAGGED = "chia sẻ trước khi bị xóa"
OFFICIAL = {"nhandan.vn": "nhan-dan", "baochinhphu.vn": "bao-chinh-phu"}
LOOKALIKE = {"nhandan-vn.com": "nhan-dan"}
FAKE_IMAGE_SHA256: set[str] = set()


class FakeEngine:
    url_calls = 0

    def __init__(self, sources: str | None = None, rules: str | None = None,
                 hashes: str | None = None, online: bool = False) -> None:
        self.sources = sources

    def check_url(self, raw: str) -> Result:
        FakeEngine.url_calls += 1
        host = (urlsplit(raw).hostname or "").removeprefix("www.")
        if host in OFFICIAL:
            reason = Reason("official_source", Verdict.SHARE, Msg("chính thống", "official"),
                            {"source_id": OFFICIAL[host]})
        elif host in LOOKALIKE:
            reason = Reason("lookalike_domain", Verdict.DONT_SHARE, Msg("giả dạng", "lookalike"),
                            {"imitates": LOOKALIKE[host], "host": host})
        else:
            reason = Reason("unknown_source", Verdict.VERIFY, Msg("không rõ", "unknown"), {"host": host})
        return Result.of(raw, "url", [reason])

    def check_text(self, text: str) -> Result:
        reasons: list[Reason] = []
        at = text.lower().find(FLAGGED)
        if at >= 0:
            reasons.append(Reason("rule_match", Verdict.DONT_SHARE, Msg("khớp quy tắc", "rule matched"),
                                  {"rule": "share-before-deleted", "span": [at, at + len(FLAGGED)]}))
        official = False
        for url in URL_IN_TEXT.findall(text):
            result = self.check_url(url)
            official |= result.verdict is Verdict.SHARE
            reasons.extend(Reason(r.code, r.verdict, r.message, {**r.fields, "link": url, "span": [text.find(url), text.find(url) + len(url)]})
                           for r in result.reasons)
        if not official:
            reasons.append(Reason("no_source", Verdict.VERIFY, Msg("không nguồn", "no source")))
        return Result.of(text, "text", reasons)

    def check_image(self, target: str) -> Result:
        digest = hashlib.sha256(Path(target).read_bytes()).hexdigest()
        if digest in FAKE_IMAGE_SHA256:
            reason = Reason("image_match", Verdict.DONT_SHARE, Msg("ảnh giả", "fake image"),
                            {"entry": "fake-1", "distance": 0})
        else:
            reason = Reason("unknown_source", Verdict.VERIFY, Msg("ảnh lạ", "unknown image"))
        return Result.of(target, "image", [reason])
