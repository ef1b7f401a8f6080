"""Load the source list into frozen data, cheaply: this is on the start-up path of `check`.

An installed wheel carries the list compiled to JSON at build time (`compiled.py`), used when
its recorded hash matches the YAML beside it: no YAML import, no parse. Otherwise the YAML is
parsed by `yamlsafe` (libyaml when present) and checked against the schema's shape; a file
without that shape is refused with its first problem as `file:line:col`. The deeper checks (hosts against
the public suffix list, references, dates) belong to `sources validate`, which CI runs.
Figures: benchmarks/bench_sources.py.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from verifyctl.datafiles import data_file, decode_utf8, read_bytes
from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.sources.model import Account, Domain, Impersonator, Source, SourceList, Status

if TYPE_CHECKING:
    from verifyctl.yamlsafe import YMap


def load_sources(path: str | os.PathLike[str]) -> SourceList:
    raw = read_bytes(path)
    from verifyctl.sources.compiled import load_compiled

    compiled = load_compiled(path, raw)
    return compiled if compiled is not None else load_yaml_sources(path, raw)


def load_yaml_sources(path: str | os.PathLike[str], raw: bytes) -> SourceList:
    """The list from its entry file's bytes, with every file it names under `include`."""
    tree = _parse(str(path), raw, included=False)
    parts = [build(tree, str(path))]
    for name, line, col in include_names(tree):
        included = include_path(path, name)
        try:
            part_raw = read_bytes(included)
        except VerifyctlError as exc:
            raise DataFileError(
                Msg(
                    f'không đọc được tệp include "{name}": {exc.message.vi}',
                    f'cannot read the included file "{name}": {exc.message.en}',
                ),
                str(path),
                line,
                col,
            ) from None
        parts.append(build(_parse(included, part_raw, included=True), included, origin=name))
    return merge(parts, str(path))


def _parse(path: str, raw: bytes, *, included: bool) -> YMap:
    from verifyctl import yamlsafe
    from verifyctl.sources.schema import check_shape

    tree = yamlsafe.load_yaml(decode_utf8(raw, path), path)
    for problem in check_shape(tree, included=included):
        raise DataFileError(problem.message, path, problem.line, problem.col)
    return tree  # type: ignore[no-any-return]


def include_names(tree: YMap) -> list[tuple[str, int, int]]:
    """(path as written, line, column) of each file the entry file includes, in order."""
    from verifyctl.yamlsafe import YList

    names = tree.get("include")
    if not isinstance(names, YList):
        return []
    return [(name, *names.at(index)) for index, name in enumerate(names) if isinstance(name, str)]


def include_path(entry: str | os.PathLike[str], name: str) -> str:
    """An included file's path: relative to the folder of the entry file."""
    return os.path.join(os.path.dirname(os.fspath(entry)), name)


def merge(parts: list[SourceList], path: str) -> SourceList:
    return SourceList(
        schema_version=parts[0].schema_version,
        sources=tuple(s for part in parts for s in part.sources),
        impersonators=tuple(i for part in parts for i in part.impersonators),
        path=path,
        not_lookalikes=tuple(n for part in parts for n in part.not_lookalikes),
    )


@lru_cache(maxsize=1)
def shipped_sources() -> SourceList:
    from verifyctl.datafiles import SOURCES

    return load_sources(data_file(SOURCES))


def build(tree: YMap, path: str, origin: str = "") -> SourceList:
    """The model from a tree that passed `check_shape` (`origin`: the include path of a file
    other than the entry file, as written there)."""
    return SourceList(
        schema_version=tree["schema_version"],
        sources=tuple(_source(s, path, origin) for s in tree["sources"]),
        impersonators=tuple(_impersonator(i, path) for i in tree.get("impersonators") or ()),
        path=path,
        not_lookalikes=tuple(_host(n, path) for n in tree.get("not_lookalikes") or ()),
    )


def _host(node: YMap, path: str) -> str:
    from verifyctl.sources import hosts  # only for the YAML: not on a wheel's start-up path

    try:
        return hosts.normalise(node["host"]).removeprefix("www.")
    except hosts.HostError as exc:
        line, col = node.at("host")
        raise DataFileError(f'"{node["host"]}" is not a valid host name ({exc})', path, line, col) from None


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _source(node: YMap, path: str, origin: str) -> Source:
    return Source(
        id=node["id"],
        name=node["name"],
        name_en=node["name_en"],
        tier=node["tier"],
        scope=node["scope"],
        domains=tuple(_domain(d, path) for d in node["domains"]),
        accounts=tuple(_account(a) for a in node.get("accounts") or ()),
        aliases=_texts(node.get("aliases")),
        status=_status(node["status"]),
        evidence=_texts(node["evidence"]),
        confidence=node["confidence"],
        verified_on=node["verified_on"],
        parent=node.get("parent"),
        note=node.get("note", ""),
        line=node.pos[0],
        file=origin,
    )


def _domain(node: YMap, path: str) -> Domain:
    return Domain(
        host=_host(node, path),
        subdomains=node["subdomains"],
        confidence=node.get("confidence", "confirmed"),
        legacy=node.get("legacy", False),
        suffix=node.get("suffix", False),
        line=node.pos[0],
        note=node.get("note", ""),
        evidence=_texts(node.get("evidence")),
    )


def _account(node: YMap) -> Account:
    channel = node.get("channel_id")
    return Account(
        platform=node["platform"],
        handle=node.get("handle"),
        channel_id=None if channel is None else str(channel),
        confidence=node["confidence"],
        evidence=_texts(node["evidence"]),
        line=node.pos[0],
        note=node.get("note", ""),
    )


def _status(node: YMap) -> Status:
    since: dt.date | None = node.get("since")
    until: dt.date | None = node.get("until")
    return Status(
        state=node["state"],
        since=since,
        until=until,
        successor=node.get("successor"),
        note=node.get("note", ""),
        evidence=_texts(node.get("evidence")),
    )


def _impersonator(node: YMap, path: str) -> Impersonator:
    return Impersonator(
        host=_host(node, path),
        imitates=node.get("imitates"),
        why=node["why"],
        evidence=_texts(node["evidence"]),
        line=node.pos[0],
    )
