"""`check IMAGE`: the verdict for a picture or a hash string, from the hash list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.image.hashlist import BAD_LABELS, HashList
from verifyctl.image.pdq import MATCH_DISTANCE
from verifyctl.verdict import Reason, Result, Verdict

if TYPE_CHECKING:
    from verifyctl.image.decode import Picture

STRONG_DISTANCE = 24  # PDQ bits; 25..31 is a match near the threshold: verify, not a verdict
_HASH_TARGET = re.compile(r"^\s*([a-zA-Z0-9]+)\s*:\s*([0-9a-fA-F]+)\s*$")

LABEL_NAMES = {
    "fake": Msg("ảnh giả", "a fake picture"),
    "edited": Msg("ảnh bị chỉnh sửa", "an edited picture"),
    "out_of_context": Msg("ảnh cũ/bị dùng sai ngữ cảnh", "a picture used out of context"),
    "official": Msg("ảnh gốc chính thức", "an official original"),
}


@dataclass(frozen=True, slots=True)
class Match:
    entry: str
    distance: int
    signal: str  # sha256 | pdq | pdq_center: which stored hash matched


def check_image(target: str, hashes: HashList) -> Result:
    found = _HASH_TARGET.match(target.strip().strip("\"'<>“”‘’"))
    if found and not Path(target).is_file():
        kind, value = found.group(1).lower(), found.group(2).lower()
        return _judge(target, hashes, *_lookup_hash(kind, value, target, hashes), quality=None)
    from verifyctl.image.decode import read_picture

    return judge_picture(target, read_picture(Path(target)), hashes)


def judge_picture(target: str, picture: Picture, hashes: HashList) -> Result:
    """The verdict for a picture already decoded (`serve` decodes uploads in memory)."""
    from verifyctl.image.signals import query_hashes

    query = query_hashes(picture)
    exact = hashes.sha256.get(query.sha256)
    if exact is not None:
        return _judge(target, hashes, [Match(exact, 0, "sha256")], query.pdq, quality=query.quality)
    if not query.candidates:
        return _low_quality(target, query.pdq, query.quality)
    return _judge(target, hashes, find_matches(hashes, query.candidates), query.pdq, quality=query.quality)


def _lookup_hash(kind: str, value: str, target: str, hashes: HashList) -> tuple[list[Match], str | None]:
    if kind not in ("pdq", "sha256"):
        raise VerifyctlError(
            Msg(f"loại mã băm '{kind}' không được hỗ trợ (dùng pdq: hoặc sha256:)",
                f"unsupported hash type '{kind}' (use pdq: or sha256:)"),
            target,
        )
    if len(value) != 64:
        raise VerifyctlError(
            Msg(f"mã {kind} phải có 64 chữ số hex, có {len(value)}", f"a {kind} hash has 64 hex digits, not {len(value)}"),
            target,
        )
    if kind == "sha256":
        entry = hashes.sha256.get(value)
        return ([Match(entry, 0, "sha256")] if entry else []), None
    return find_matches(hashes, (value,)), value


def find_matches(hashes: HashList, candidates: tuple[str, ...] | list[str]) -> list[Match]:
    """Every entry with a PDQ hash within MATCH_DISTANCE of any candidate, closest first."""
    best: dict[str, Match] = {}
    rows = hashes.pdq_rows
    for candidate in candidates:
        for row_no, distance in hashes.index.search(candidate, MATCH_DISTANCE):
            row = rows[row_no]
            if row.entry not in best or distance < best[row.entry].distance:
                best[row.entry] = Match(row.entry, distance, row.signal_type)
    return sorted(best.values(), key=lambda m: (m.distance, m.entry))


def _judge(target: str, hashes: HashList, matches: list[Match], pdq: str | None, *, quality: int | None) -> Result:
    fields: dict[str, object] = {}
    if pdq is not None:
        fields["pdq"] = pdq
    if quality is not None:
        fields["quality"] = quality
    if not matches:
        return Result.of(target, "image", [Reason("image_unknown", Verdict.VERIFY, UNKNOWN)], **fields)
    bad = [m for m in matches if hashes.entries[m.entry].label in BAD_LABELS]
    official = [m for m in matches if hashes.entries[m.entry].label == "official"]
    if bad and official:
        named = [_describe(hashes, m) for m in (bad[0], official[0])]
        reason = Reason(
            "image_ambiguous_match",
            Verdict.VERIFY,
            AMBIGUOUS.format(bad=bad[0].entry, official=official[0].entry),
            {"entries": named},
        )
        return Result.of(target, "image", [reason], **fields)
    best = matches[0]
    entry = hashes.entries[best.entry]
    details = _describe(hashes, best)
    words = {"entry": best.entry, "distance": best.distance, "note": entry.note, "url": entry.source_url}
    if best.distance > STRONG_DISTANCE:
        message = _fill(NEAR, entry.label, words)
        return Result.of(target, "image", [Reason("image_near_match", Verdict.VERIFY, message, details)], **fields)
    is_official = entry.label == "official"
    message = _fill(MATCH_OFFICIAL if is_official else MATCH_BAD, entry.label, words)
    verdict = Verdict.SHARE if is_official else Verdict.DONT_SHARE
    return Result.of(target, "image", [Reason("image_match", verdict, message, details)], **fields)


def _fill(template: Msg, label: str, words: dict[str, object]) -> Msg:
    name = LABEL_NAMES[label]
    return template.format(label=name, **words)


def _low_quality(target: str, pdq: str, quality: int) -> Result:
    reason = Reason("image_low_quality", Verdict.VERIFY, LOW_QUALITY.format(quality=quality), {"quality": quality})
    return Result.of(target, "image", [reason], pdq=pdq, quality=quality)


def _describe(hashes: HashList, match: Match) -> dict[str, object]:
    entry = hashes.entries[match.entry]
    return {
        "entry": entry.id,
        "label": entry.label,
        "note": entry.note,
        "source_url": entry.source_url,
        "distance": match.distance,
        "signal": match.signal,
    }


UNKNOWN = Msg(
    "Ảnh không có trong danh sách ảnh đã biết: điều đó không chứng minh ảnh là thật. Hãy tìm ảnh trên báo chí chính thống.",
    "The picture is not on the known-image list: that proves nothing. Look for it in official press.",
)
LOW_QUALITY = Msg(
    "Ảnh quá mờ, quá nhỏ hoặc quá ít chi tiết để so với các ảnh giả đã biết: hãy tìm bản rõ nét "
    "hơn (ảnh gốc, không phải ảnh chụp lại màn hình) để kiểm tra lại, hoặc tìm nguồn của ảnh trên "
    "báo chí chính thống trước khi chia sẻ.",
    "The picture is too blurred, too small or too plain to compare with known fake pictures: "
    "check a sharper copy (the original, not a screenshot of it) or find where it came from in "
    "the official press before sharing.",
)
AMBIGUOUS = Msg(
    "Ảnh khớp cả ảnh đã bị bác bỏ '{bad}' lẫn ảnh gốc chính thức '{official}': hãy kiểm chứng.",
    "The picture matches both the debunked '{bad}' and the official original '{official}': verify it.",
)
NEAR = Msg(
    "Ảnh gần giống {label} đã biết '{entry}' (khoảng cách {distance}, sát ngưỡng): hãy kiểm chứng.",
    "The picture is close to {label} '{entry}' (distance {distance}, near the threshold): verify it.",
)
MATCH_BAD = Msg(
    "Ảnh trùng {label} đã biết '{entry}' (khoảng cách {distance}): {note} Xem: {url}",
    "The picture matches {label} '{entry}' (distance {distance}): {note} See: {url}",
)
MATCH_OFFICIAL = Msg(
    "Ảnh trùng {label} '{entry}' (khoảng cách {distance}). Nguồn: {url}",
    "The picture matches {label} '{entry}' (distance {distance}). Source: {url}",
)
