"""What produced a report: the inputs, when, which verifyctl, which data files (each named with
its version or, lacking one, the start of its SHA-256), and the outlets' names by id. The HTML
report and the workbook print it at the top, so a report handed on still says where it came
from and a moderator can tell two runs apart."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field

from verifyctl import __version__, datafiles
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Lang, Msg
from verifyctl.screen.post import Settings, screener

LABELS = {
    "sources": Msg("Danh sách nguồn", "Source list"),
    "rules": Msg("Quy tắc", "Rules"),
    "hashes": Msg("Danh sách ảnh", "Image list"),
}


@dataclass(frozen=True)
class RunInfo:
    inputs: tuple[str, ...] = ()
    started: str = ""  # local time, ISO 8601 to the minute
    version: str = __version__
    data: tuple[tuple[str, str], ...] = ()  # (key of LABELS, "file · version")
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # source id -> {lang: name}

    def outlet(self, source_id: str, lang: Lang) -> str:
        """The outlet's name in `lang` (its id when the list does not know it)."""
        return self.names.get(source_id, {}).get(lang) or source_id


def now() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")


def collect(inputs: list[str], settings: Settings, started: str) -> RunInfo:
    engine = screener(settings).engine
    data: list[tuple[str, str]] = []
    for key, given, shipped in (
        ("sources", settings.sources, datafiles.SOURCES),
        ("rules", settings.rules, datafiles.RULES),
        ("hashes", settings.hashes, datafiles.HASHES),
    ):
        try:
            path = given or datafiles.data_file(shipped)
        except VerifyctlError:
            continue
        version = _version(engine, key)
        shown = given or os.path.basename(path)
        files = [path, *(_included(engine, path) if key == "sources" else [])]
        data.append((key, f"{shown} · {version + ' · ' if version else ''}sha256:{_digest(files)}"))
    return RunInfo(tuple(inputs), started, __version__, tuple(data), outlet_names(settings))


def outlet_names(settings: Settings) -> dict[str, dict[str, str]]:
    """Each outlet's name in both languages, by its id (from the run's source list)."""
    sources = getattr(screener(settings).engine, "sources", None)  # a test's stand-in may have none
    return {
        source.id: {"vi": source.name, "en": source.name_en or source.name}
        for source in getattr(sources, "sources", None) or ()
    }


def _version(engine: object, key: str) -> str:
    """The version a data file declares (the rules have one), else ""."""
    if key != "rules":
        return ""
    rules = getattr(engine, "rules", None)
    version = getattr(getattr(rules, "file", None), "version", "")
    return str(version) if version else ""


def _included(engine: object, entry: str) -> list[str]:
    """The files the source list's `include` names: a change in any of them changes its version."""
    from verifyctl.sources.load import include_path

    sources = getattr(getattr(engine, "sources", None), "sources", None) or ()
    return sorted({include_path(entry, s.file) for s in sources if getattr(s, "file", "")})


def _digest(paths: list[str]) -> str:
    """The start of the SHA-256 of the files' bytes, one after the other."""
    sha = hashlib.sha256()
    try:
        for path in paths:
            with open(path, "rb") as fh:
                while block := fh.read(1 << 20):
                    sha.update(block)
    except OSError:
        return "?"
    return sha.hexdigest()[:12]
