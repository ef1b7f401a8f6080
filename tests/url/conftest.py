"""Fixtures for the URL tests: a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from url_testserver import LocalServer, serve


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    with serve() as server:
        yield server
