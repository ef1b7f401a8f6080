"""Vietnamese and English messages.

Library code never picks a language: it returns `Msg` pairs and the renderer chooses.
The CLI sets the process language once, from `--lang` or the locale.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Literal

from verifyctl.frozen import Frozen, set_field

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


class Msg(Frozen):
    """One message in both languages."""

    __match_args__ = ("vi", "en")
    __slots__ = __match_args__
    vi: str
    en: str

    def __init__(self, vi: str, en: str) -> None:
        set_field(self, "vi", vi)
        set_field(self, "en", en)

    def get(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en

    def format(self, **kwargs: object) -> Msg:
        """Both templates filled in; a `Msg` value is filled in in each one's own language."""
        vi = {k: v.vi if isinstance(v, Msg) else v for k, v in kwargs.items()}
        en = {k: v.en if isinstance(v, Msg) else v for k, v in kwargs.items()}
        return Msg(self.vi.format(**vi), self.en.format(**en))

    def __add__(self, other: Msg) -> Msg:
        return Msg(self.vi + other.vi, self.en + other.en)


def lang_from_env(env: Mapping[str, str] | None = None) -> Lang:
    """The default language (docs/member.md, "Ngôn ngữ"): the first of VERIFYCTL_LANG, LC_ALL,
    LC_MESSAGES and LANG that is set and says something decides: `vi…` is Vietnamese, any
    other language English. Unset, empty, `C`, `C.UTF-8` and `POSIX` say nothing (they are what
    containers, cron and ssh sessions get by default, not a choice), so Vietnamese."""
    env = os.environ if env is None else env
    for var in ("VERIFYCTL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value.split(".", 1)[0].split("@", 1)[0] in ("", "C", "POSIX"):
            continue
        return "vi" if value.lower().startswith("vi") else "en"
    return "vi"


def lang_from_argv(argv: Sequence[str]) -> Lang | None:
    """The value of `--lang` anywhere on the command line, so help text can follow it."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGS:
            return value
    return None


def number(n: int, lang: Lang) -> str:
    """A count as people write it: 300.000 in Vietnamese, 300,000 in English. Every count a
    person reads (summary, progress, reports) goes through here, so they all agree."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "vi" else text


_current: list[Lang] = ["vi"]


def set_lang(lang: Lang) -> None:
    _current[0] = lang


def current_lang() -> Lang:
    return _current[0]


def tr(msg: Msg) -> str:
    """`msg` in the process language (for the CLI layer only)."""
    return msg.get(current_lang())
