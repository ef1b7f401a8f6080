"""The serve package's parts on their own: language choice, the rate limiter, the check
time-out (a request whose check outlives --request-timeout is answered 503 at once)."""

from __future__ import annotations

import threading

import anyio
import pytest

from verifyctl.engine import Engine
from verifyctl.serve.checks import Checker
from verifyctl.serve.config import Limits, ServeConfig
from verifyctl.serve.lang import negotiate
from verifyctl.serve.limits import HttpError, RateLimiter


@pytest.mark.parametrize(
    ("asked", "accept", "lang"),
    [
        (None, None, "vi"),
        (None, "", "vi"),
        (None, "en", "en"),
        (None, "en-US,en;q=0.9", "en"),
        (None, "vi;q=0.4,en;q=0.6", "en"),
        (None, "en;q=0.3,vi", "vi"),
        (None, "fr,de;q=0.8", "vi"),
        (None, "en;q=abc", "vi"),  # a broken weight counts as 0
        (None, "EN-gb", "en"),
        ("en", "vi", "en"),
        ("vi", "en", "vi"),
        ("de", "en", "en"),  # an unknown ?lang= falls back to the header
    ],
)
def test_negotiate(asked: str | None, accept: str | None, lang: str) -> None:
    assert negotiate(asked, accept) == lang


def test_rate_limiter_spends_and_refuses_with_a_wait() -> None:
    limiter = RateLimiter(per_minute=6)
    for _ in range(6):
        limiter.take("203.0.113.9")
    with pytest.raises(HttpError) as refused:
        limiter.take("203.0.113.9")
    assert refused.value.status == 429 and refused.value.retry_after is not None
    assert 1 <= refused.value.retry_after <= 10  # one token comes back every 10 s
    limiter.take("198.51.100.1", cost=6)  # another client has its own bucket
    RateLimiter(per_minute=0).take("203.0.113.9", cost=10**6)  # 0: no limit


def test_a_check_that_outlives_the_time_limit_is_answered_503() -> None:
    """The answer does not wait for the abandoned thread: it is still running when the 503 comes."""
    checker = Checker(Engine(), Limits(check_seconds=0.2))
    release, finished = threading.Event(), threading.Event()

    def slow() -> None:
        release.wait(60)
        finished.set()

    async def main() -> None:
        with pytest.raises(HttpError) as late:
            await checker._in_thread(slow)
        assert late.value.status == 503 and late.value.code == "timeout"
        assert not finished.is_set()

    try:
        anyio.run(main)
    finally:
        release.set()


def test_config_travels_to_workers_through_the_environment() -> None:
    config = ServeConfig({"sources": "a.yaml", "rules": None, "blocklists": ("x.txt", "y.txt")}, True, Limits(targets=5), 2.5)
    back = ServeConfig.from_env({"VERIFYCTL_SERVE_CONFIG": config.to_env()})
    assert back == config
