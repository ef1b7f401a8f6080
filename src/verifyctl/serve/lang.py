"""The language of an answer: `?lang=`, else the browser's Accept-Language, else Vietnamese."""

from __future__ import annotations

from verifyctl.i18n import LANGS, Lang


def negotiate(asked: str | None, accept_language: str | None) -> tuple[Lang, bool]:
    """The language, and whether it was asked for explicitly with `?lang=`."""
    if asked in LANGS:
        return asked, True
    best: Lang = "vi"
    best_q = 0.0
    for item in (accept_language or "")[:512].split(","):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().split("-", 1)[0].lower()
        if primary not in LANGS:
            continue
        q = _quality(params)
        if q > best_q:
            best, best_q = primary, q
    return best, False


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0
