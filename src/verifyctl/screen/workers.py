"""Worker processes for `screen --jobs N`, each with a pipe of its own each way.

Why not `concurrent.futures.ProcessPoolExecutor`: all its workers write to one shared result
pipe, so a worker killed while writing a result leaves half a message that the executor's
reader thread then waits on for ever (the other workers keep the pipe open); and nothing makes
its workers exit when the parent is killed, so they live on, holding its stderr open.

Here a worker's result pipe has one writer, the worker itself: if it dies mid-message the
parent reads end-of-file, not a wait, and its process sentinel is watched as well. A worker
leaves as soon as its parent does: its task pipe has one writer, the parent (each worker
closes the pipe ends it inherited from the others), so the parent's death is end-of-file
there; on Linux the kernel also sends it SIGKILL (`PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.screen.post import Settings

STOP_WAIT = 5.0  # seconds a worker gets to leave on its own at the end before it is killed

WORKER_DIED = Msg(
    "một tiến trình kiểm tra đã dừng đột ngột (hết bộ nhớ?); chạy lại với --resume",
    "a worker process died (out of memory?); run again with --resume",
)


class _Worker:
    """One worker process and the parent's ends of its two pipes."""

    def __init__(self, ctx: BaseContext, settings: Settings, job: Any, others: list[Connection]) -> None:
        task_out, task_in = ctx.Pipe(duplex=False)  # (reading end, writing end)
        result_out, result_in = ctx.Pipe(duplex=False)
        # Under fork the worker inherits every descriptor the parent holds: it closes the
        # parent's ends (its own and the other workers'), so that only the parent can write
        # its tasks and only it can write its results. Under spawn nothing is inherited.
        inherited = [task_in, result_out, *others] if ctx.get_start_method() == "fork" else []
        self.process = ctx.Process(  # type: ignore[attr-defined]
            target=_serve, args=(task_out, result_in, settings, job, inherited, os.getpid()), daemon=True
        )
        self.process.start()
        task_out.close()
        result_in.close()
        self.tasks: Connection = task_in
        self.results: Connection = result_out
        self.held: deque[int] = deque()  # chunk numbers sent and not yet answered, in order

    def send(self, number: int, chunk: object) -> None:
        try:
            self.tasks.send(chunk)
        except OSError:  # EPIPE: the worker is gone
            raise VerifyctlError(WORKER_DIED) from None
        self.held.append(number)

    def receive(self) -> object:
        try:
            result = self.results.recv()
        except (EOFError, OSError):  # dead before or in the middle of its answer
            raise VerifyctlError(WORKER_DIED) from None
        return result

    def close(self) -> None:
        for conn in (self.tasks, self.results):
            conn.close()


def run_workers(chunks: Iterable[object], settings: Settings, jobs: int, job: Any, in_flight: int) -> Iterator[object]:
    """`job(chunk, settings)` for every chunk, in worker processes, answers in input order.
    At most `in_flight` chunks are out at once, so memory stays flat however long the input."""
    methods = multiprocessing.get_all_start_methods()
    # fork shares the data files the parent already loaded; elsewhere each worker loads them.
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    workers: list[_Worker] = []
    finished = False
    try:
        for _ in range(jobs):
            parent_ends = [c for w in workers for c in (w.tasks, w.results)]
            workers.append(_Worker(ctx, settings, job, parent_ends))
        answers: dict[int, object] = {}
        sent = head = 0
        source = iter(chunks)
        more = True
        while True:
            while more and sent - head < in_flight:
                chunk = next(source, None)
                if chunk is None:
                    more = False
                    break
                min(workers, key=lambda w: len(w.held)).send(sent, chunk)
                sent += 1
            if head == sent:
                break
            while head not in answers:
                _collect(workers, answers)
            yield answers.pop(head)
            head += 1
        finished = True
    finally:
        _stop(workers, finished)


def _collect(workers: list[_Worker], answers: dict[int, object]) -> None:
    """Waits for at least one answer (or a death) and takes every answer that is ready."""
    busy = [w for w in workers if w.held]
    ready = wait([w.results for w in busy] + [w.process.sentinel for w in busy])
    for w in busy:
        if w.results in ready or w.results.poll():
            answers[w.held.popleft()] = w.receive()
        elif w.process.sentinel in ready:
            raise VerifyctlError(WORKER_DIED)


def _stop(workers: list[_Worker], finished: bool) -> None:
    """At the end each worker is told to leave; after an error or Ctrl-C, what they are
    working on is not wanted any more (nothing of it has been written): they are ended."""
    for w in workers:
        if finished:
            with suppress(OSError):
                w.tasks.send(None)
        else:
            w.process.terminate()
    for w in workers:
        w.process.join(STOP_WAIT if finished else None)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()
        w.close()


def _serve(tasks: Connection, results: Connection, settings: Settings, job: Any, inherited: list[Connection], parent: int) -> None:
    """A worker's life: chunks in, answers out, until told to stop or the parent is gone."""
    for conn in inherited:
        conn.close()
    _die_with_parent(parent)
    # Ctrl-C is the parent's to handle: it stops the run and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from verifyctl.screen.post import warm_up

    warm_up(settings)
    inbox: queue.SimpleQueue[object] = queue.SimpleQueue()
    # Tasks are taken off the pipe as they come, by a thread, so the parent never waits on a
    # send while this worker waits on sending its answer.
    threading.Thread(target=_receive, args=(tasks, inbox), daemon=True).start()
    while (chunk := inbox.get()) is not None:
        try:
            answer = job(chunk, settings)
        except Exception as exc:  # a bug: the parent raises it again and exits 3
            answer = _Crash(f"{type(exc).__name__}: {exc}")
        try:
            results.send(answer)
        except OSError:  # the parent is gone: no traceback on the stderr it leaves behind
            os._exit(0)


def _receive(tasks: Connection, inbox: queue.SimpleQueue[object]) -> None:
    while True:
        try:
            chunk = tasks.recv()
        except (EOFError, OSError):
            os._exit(0)  # the parent is gone without a word: nobody wants the answers
        inbox.put(chunk)
        if chunk is None:
            return


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # the task pipe's end-of-file still ends this worker
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(0)


class _Crash(Exception):
    """An unexpected error inside a worker, carried back to the parent."""


def raise_crash(answer: object) -> object:
    if isinstance(answer, _Crash):
        raise RuntimeError(f"in a worker: {answer}")
    return answer
