"""What `verifyctl serve` was started with, and the engine built from it.

With `--workers N` uvicorn starts each worker in a fresh interpreter, so the configuration
travels to them as JSON in one environment variable and every worker loads the data once.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from verifyctl import __version__
from verifyctl.engine import Engine
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg

if TYPE_CHECKING:
    from verifyctl.sources.model import SourceList

ENV_VAR = "VERIFYCTL_SERVE_CONFIG"


@dataclass(frozen=True)
class Limits:
    """Caps on what one request may cost. The defaults suit a member's phone: a link, a post,
    a photo straight from a camera."""

    json_bytes: int = 1 << 20  # a JSON body, a batch included
    picture_bytes: int = 10 << 20  # one uploaded picture
    targets: int = 100  # targets in one `{"targets": [...]}`
    rate_per_minute: int = 600  # checks per client per minute in each worker; 0: no limit
    body_seconds: float = 15.0  # to receive a body (a slow upload on a phone is slow)
    check_seconds: float = 15.0  # to judge one request's targets
    uploads_in_flight: int = 8  # multipart bodies held in memory at once, per worker


@dataclass(frozen=True)
class ServeConfig:
    data: dict[str, Any] = field(default_factory=dict)  # check's data options, as click gave them
    online: bool = False
    limits: Limits = field(default_factory=Limits)
    log_every: float = 60.0  # seconds between the log's summary lines; 0: no log

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ServeConfig:
        raw = (os.environ if environ is None else environ).get(ENV_VAR)
        if not raw:
            return cls()
        obj = json.loads(raw)
        data = {k: tuple(v) if isinstance(v, list) else v for k, v in obj["data"].items()}
        return cls(data, bool(obj["online"]), Limits(**obj["limits"]), float(obj["log_every"]))


def build_engine(config: ServeConfig) -> Engine:
    """An Engine with every data file loaded now: a bad file stops the start, not a request.

    Each of check's data options (`--sources` …) goes to the Engine parameter of the same
    name, or with `_path` after it, so an option check gains reaches serve unchanged."""
    params = inspect.signature(Engine).parameters
    kwargs: dict[str, Any] = {}
    for name, value in config.data.items():
        target = f"{name}_path" if f"{name}_path" in params else name
        if target not in params:
            raise VerifyctlError(Msg(f"serve chưa hỗ trợ --{name}", f"serve does not support --{name} yet"))
        kwargs[target] = value
    engine = Engine(**kwargs, online=config.online)
    engine.url_judge  # noqa: B018 -- loads the source list and builds its host index
    engine.rules.matcher  # noqa: B018 -- compiles the rules' automaton
    engine.hashes.index  # noqa: B018 -- builds the picture index
    return engine


def data_versions(engine: Engine) -> dict[str, Any]:
    """What `/healthz` reports: which data each worker answers from."""
    rules, sources, hashes = engine.rules, engine.sources, engine.hashes
    return {
        "verifyctl": __version__,
        "online": engine.online,
        "data": {
            "sources": {
                "file": os.path.basename(sources.path),
                "sha256": _digest(sources.path, *_included(sources)),
                "include": sorted({source.file for source in sources.sources if source.file}),
                "schema_version": sources.schema_version,
                "sources": len(sources.sources),
            },
            "rules": {
                "file": os.path.basename(rules.path),
                "sha256": _digest(rules.path),
                "version": rules.file.version,
                "rules": len(rules.rules),
            },
            "hashes": {
                "file": os.path.basename(hashes.path),
                "sha256": _digest(hashes.path),
                "entries": len(hashes.entries),
            },
            "blocklists": [
                {"file": os.path.basename(path), "sha256": _digest(path)}
                for path in getattr(engine, "blocklists", ())  # check's --blocklist files
            ],
        },
    }


def _included(sources: SourceList) -> list[str]:
    from verifyctl.sources.load import include_path

    return sorted({include_path(sources.path, source.file) for source in sources.sources if source.file})


def _digest(*paths: str) -> str | None:
    """SHA-256 of the files' bytes one after another: a list split with `include` changes its
    digest when any of its files changes."""
    digest = hashlib.sha256()
    try:
        for path in paths:
            with open(path, "rb") as fh:
                digest.update(fh.read())
    except OSError:
        return None
    return digest.hexdigest()
