"""The language of an answer: `?lang=`, else the browser's Accept-Language, else Vietnamese."""

from __future__ import annotations

from verifyctl.i18n import LANGS, Lang


def negotiate(asked: str | None, accept_language: str | None) -> Lang:
    """`asked` (from `?lang=`) if it names one, else the preferred of vi and en, else vi."""
    if asked in LANGS:
        return "en" if asked == "en" else "vi"
    best: Lang = "vi"
    best_q = 0.0
    for item in (accept_language or "")[:512].split(","):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().split("-", 1)[0].lower()
        if primary not in LANGS:
            continue
        q = _quality(params)
        if q > best_q:
            best, best_q = ("en" if primary == "en" else "vi"), q
    return best


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0
