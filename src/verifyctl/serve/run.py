"""Starting uvicorn: one process with the engine already loaded, or N workers that each load
their own (the configuration goes to them in the environment)."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from verifyctl.serve.config import ENV_VAR, ServeConfig

if TYPE_CHECKING:
    from verifyctl.engine import Engine

APP_FACTORY = "verifyctl.serve.app:app_from_env"


@dataclass(frozen=True)
class Listen:
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    root_path: str = ""
    forwarded_allow_ips: str | None = None  # None: trust X-Forwarded-* from no one


def configure_logging() -> None:
    """Our one line per request, on stderr, beside uvicorn's start and stop lines."""
    log = logging.getLogger("verifyctl.serve")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def serve(config: ServeConfig, listen: Listen, engine: Engine | None = None) -> None:
    """Run until stopped. `engine`: already loaded (one process uses it; workers load their own)."""
    import uvicorn

    from verifyctl.serve.app import create_app

    options = {
        "host": listen.host,
        "port": listen.port,
        "root_path": listen.root_path.rstrip("/"),
        "proxy_headers": listen.forwarded_allow_ips is not None,
        "forwarded_allow_ips": listen.forwarded_allow_ips or "127.0.0.1",
        # uvicorn's access log prints the query string: `/?target=` is what a member submitted.
        "access_log": False,
        "server_header": False,
        "timeout_keep_alive": 5,
        "timeout_graceful_shutdown": 5,
        "limit_concurrency": 1000,  # beyond this many open connections a worker answers 503
        "log_level": "info",
    }
    configure_logging()
    if listen.workers > 1:
        os.environ[ENV_VAR] = config.to_env()
        uvicorn.run(APP_FACTORY, factory=True, workers=listen.workers, **options)  # type: ignore[arg-type]
    else:
        uvicorn.run(create_app(config, engine), **options)  # type: ignore[arg-type]
