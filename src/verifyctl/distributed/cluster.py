"""The Dask side of the client: connect (or start a local cluster), then run partitions there
and hand their results back in input order.

Dask is an optional extra; this module is imported only when `--engine dask` is asked for, and
`require_dask` turns a missing install into one line saying how to get it.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg

if TYPE_CHECKING:
    from dask.distributed import Client, LocalCluster

P = TypeVar("P")
R = TypeVar("R")

NEED_DASK = Msg(
    '--engine dask cần Dask, chưa được cài; cài bằng: pip install "verifyctl[dask]"',
    '--engine dask needs Dask, which is not installed; install it with: pip install "verifyctl[dask]"',
)
BAD_ADDRESS = Msg(
    "không phải địa chỉ bộ lập lịch Dask ({error}); ví dụ: tcp://10.0.0.5:8786",
    "not a Dask scheduler address ({error}); for example tcp://10.0.0.5:8786",
)
NO_SCHEDULER = Msg(
    "không kết nối được bộ lập lịch Dask ({error})",
    "cannot reach the Dask scheduler ({error})",
)
BAD_WORKERS = Msg(
    "các worker Dask không chạy được verifyctl {version} ({error}); cài cùng phiên bản trên mọi worker",
    "the Dask workers cannot run verifyctl {version} ({error}); install the same version on every worker",
)
KILLED = Msg(
    "{part}: các worker Dask chết mỗi lần xử lý phần này, bộ lập lịch đã bỏ cuộc; dừng lại "
    "(xem nguyên nhân rồi chạy lại với --resume)",
    "{part}: Dask workers died each time they screened it and the scheduler gave up; stopping "
    "(find the cause, then rerun with --resume)",
)


def require_dask() -> None:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise VerifyctlError(NEED_DASK) from None


@contextmanager
def open_client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, else of a new local cluster of `workers`
    single-threaded processes (screening is pure Python: threads would share one GIL)."""
    from dask.distributed import Client

    if scheduler:
        from distributed.comm.addressing import get_address_host_port

        try:
            # Refused before a Client exists: a half-built one hangs the interpreter's exit
            # trying to close itself.
            get_address_host_port(scheduler)
        except ValueError as exc:
            raise VerifyctlError(BAD_ADDRESS.format(error=exc), scheduler) from None
        try:
            client = Client(scheduler, timeout="10s", set_as_default=False)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:
            raise VerifyctlError(NO_SCHEDULER.format(error=exc), scheduler) from None
        with client:
            _check_workers(client)
            yield client
        return
    with local_cluster(workers) as (_, client):
        yield client


@contextmanager
def local_cluster(workers: int) -> Iterator[tuple[LocalCluster, Client]]:
    """A new cluster of `workers` single-threaded processes on this machine, and a client of
    it (the benchmark and the tests use it too, for the scheduler's address)."""
    from dask.distributed import Client, LocalCluster

    # The moderator's terminal gets the summary, not the cluster's log chatter: a worker that
    # is lost and replaced is Dask's business, and the results say nothing was lost.
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # The scheduler serves its health page even without a dashboard: on a free port
            # of this machine only, not the shared default 8787 (and its warning when taken).
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster, set_as_default=False) as client,  # type: ignore[no-untyped-call]
    ):
        yield cluster, client


def _check_workers(client: Client) -> None:
    from verifyctl import __version__
    from verifyctl.distributed.worker import worker_version

    try:
        versions = client.run(worker_version)
    except Exception as exc:  # whatever a worker without verifyctl raises while unpickling
        raise VerifyctlError(BAD_WORKERS.format(version=__version__, error=type(exc).__name__)) from None
    wrong = sorted({v for v in versions.values() if v != __version__})
    if wrong:
        raise VerifyctlError(BAD_WORKERS.format(version=__version__, error=", ".join(wrong)))


def window_size(client: Client) -> int:
    """Partitions in flight: enough to keep every worker thread busy while the client writes,
    few enough that client memory stays flat however long the input is."""
    threads: dict[str, int] = client.nthreads()  # type: ignore[no-untyped-call]
    return max(4, 2 * sum(threads.values()))


def in_order(
    client: Client,
    func: Callable[..., R],
    parts: Iterable[P],
    args: tuple[Any, ...],
    window: int,
    describe: Callable[[P], Msg],
) -> Iterator[R]:
    """`func(part, *args)` for each part, on the cluster; the results in input order.

    A worker that dies takes its running partitions with it and the scheduler runs them again
    on another worker; each result is taken once, here, so no record is written twice.
    """
    from dask.distributed import KilledWorker

    pending: deque[tuple[P, Any]] = deque()

    def take() -> R:
        part, future = pending.popleft()
        try:
            result: R = future.result()
        except KilledWorker:
            raise VerifyctlError(KILLED.format(part=describe(part))) from None
        finally:
            future.release()
        return result

    for part in parts:
        pending.append((part, client.submit(func, part, *args, pure=False)))
        if len(pending) >= window:
            yield take()
    while pending:
        yield take()

