"""The verdict model: frozen results that every check returns and every renderer reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from verifyctl.frozen import Frozen, field_setters
from verifyctl.i18n import Lang, Msg


class Verdict(StrEnum):
    SHARE = "share"
    VERIFY = "verify"
    DONT_SHARE = "dont_share"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def worst(cls, verdicts: Iterable[Verdict], default: Verdict | None = None) -> Verdict:
        """The most severe verdict; `default` (else VERIFY: unknown is never share) if none.
        Found by membership, worst first: `max` with a key function cost 1 µs for two, and a
        batch asks a few times a post."""
        found = set(verdicts)
        for verdict in _WORST_FIRST:
            if verdict in found:
                return verdict
        return default if default is not None else cls.VERIFY


_RANK = {Verdict.SHARE: 0, Verdict.VERIFY: 1, Verdict.DONT_SHARE: 2, Verdict.ERROR: 3}
_WORST_FIRST = sorted(_RANK, key=_RANK.__getitem__, reverse=True)
# A member's `.value` goes through the enum descriptor; a batch of millions reads it often.
_VALUE = {v: v.value for v in Verdict}

VERDICT_LABELS: Mapping[Verdict, Msg] = {
    Verdict.SHARE: Msg("Có thể chia sẻ", "Share"),
    Verdict.VERIFY: Msg("Kiểm chứng trước khi chia sẻ", "Verify first"),
    Verdict.DONT_SHARE: Msg("Không chia sẻ", "Don't share"),
    Verdict.ERROR: Msg("Lỗi", "Error"),
}


class Reason(Frozen):
    """Why a verdict was given. `fields` carries the per-code extras of the JSON contract."""

    __match_args__ = ("code", "verdict", "message", "fields")
    __slots__ = __match_args__
    code: str
    verdict: Verdict
    message: Msg
    fields: Mapping[str, Any]

    def __init__(
        self, code: str, verdict: Verdict, message: Msg, fields: Mapping[str, Any] | None = None
    ) -> None:
        _SET_CODE(self, code)
        _SET_VERDICT(self, verdict)
        _SET_MESSAGE(self, message)
        _SET_FIELDS(self, {} if fields is None else fields)

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        vi = lang == "vi"  # (Msg.get, inlined: a batch turns millions of reasons into dicts)
        message = self.message
        out: dict[str, Any] = {
            "code": self.code,
            "verdict": _VALUE[self.verdict],
            "message": message.vi if vi else message.en,
        }
        for key, value in self.fields.items():
            if isinstance(value, Msg):
                value = value.vi if vi else value.en
            out[key] = value
        return out


class Result(Frozen):
    """One judged target: its kind, verdict (the worst of its reasons) and reasons."""

    __match_args__ = ("target", "kind", "verdict", "reasons", "fields")
    __slots__ = __match_args__
    target: str
    kind: str
    verdict: Verdict
    reasons: tuple[Reason, ...]
    fields: Mapping[str, Any]

    def __init__(
        self,
        target: str,
        kind: str,
        verdict: Verdict,
        reasons: tuple[Reason, ...],
        fields: Mapping[str, Any] | None = None,
    ) -> None:
        _SET_TARGET(self, target)
        _SET_KIND(self, kind)
        _SET_RESULT_VERDICT(self, verdict)
        _SET_REASONS(self, reasons)
        _SET_RESULT_FIELDS(self, {} if fields is None else fields)

    @classmethod
    def of(cls, target: str, kind: str, reasons: Iterable[Reason], **fields: Any) -> Result:
        reasons = tuple(reasons)
        if len(reasons) == 1:  # the common case in a batch of millions
            return cls(target, kind, reasons[0].verdict, reasons, fields)
        return cls(target, kind, Verdict.worst({r.verdict for r in reasons}), reasons, fields)

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        out: dict[str, Any] = {
            "target": self.target,
            "kind": self.kind,
            "verdict": _VALUE[self.verdict],
            "reasons": [r.to_dict(lang) for r in self.reasons],
        }
        for key, value in self.fields.items():
            out[key] = value.get(lang) if isinstance(value, Msg) else value
        return out


_SET_CODE, _SET_VERDICT, _SET_MESSAGE, _SET_FIELDS = field_setters(Reason)
_SET_TARGET, _SET_KIND, _SET_RESULT_VERDICT, _SET_REASONS, _SET_RESULT_FIELDS = field_setters(Result)
