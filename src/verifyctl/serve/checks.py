"""Running `check`'s engine for a request: what kind each target is, and where it runs.

A link, offline, is judged in microseconds, so it runs on the event loop: a hop to a thread
would cost more than the check. A long post, a picture, a batch or anything `--online` runs in
a worker thread under the request's time limit, so one slow request never stalls the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import anyio
import anyio.to_thread

from verifyctl.engine import Engine, Kind, detect_kind, error_result
from verifyctl.errors import DataFileError, VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.serve.config import Limits
from verifyctl.serve.forms import Upload
from verifyctl.serve.limits import HttpError
from verifyctl.verdict import Result

T = TypeVar("T")

INLINE_CHARS = 4096  # below this much text in all, a request's checks run on the event loop
THREADS = 2  # check threads per worker: more would only queue for the interpreter lock

NO_TARGET = Msg("Chưa có gì để kiểm tra: hãy nhập một đường link hoặc nội dung.", "Nothing to check: give a link or a post's text.")
AS_IMAGE = Msg(
    "\"as\": \"image\" chỉ dùng cho mã băm (pdq:… hoặc sha256:…); hãy tải ảnh lên bằng multipart.",
    "\"as\": \"image\" is only for a hash (pdq:… or sha256:…); upload a picture as multipart.",
)
TIMED_OUT = Msg(
    "Kiểm tra mất quá nhiều thời gian và đã dừng: hãy thử lại với nội dung ngắn hơn.",
    "The check took too long and was stopped: try again with less content.",
)


class Checker:
    def __init__(self, engine: Engine, limits: Limits) -> None:
        self.engine = engine
        self.limits = limits
        self._threads: anyio.CapacityLimiter | None = None  # made inside the event loop

    def kind_of(self, target: str, as_kind: Kind | None) -> Kind:
        """The kind `check` would see, without ever reading a file on the server: a path
        that names a picture there is text to a stranger."""
        if not target.strip():
            raise HttpError(400, "no_target", NO_TARGET)
        if as_kind is None:
            return detect_kind(target, files=False)
        if as_kind == "image" and detect_kind(target, files=False) != "image":
            raise HttpError(400, "bad_as", AS_IMAGE)
        return as_kind

    async def targets(self, items: Sequence[tuple[str, Kind]]) -> list[Result]:
        check = self.engine.check

        def run() -> list[Result]:
            return [check(target, kind) for target, kind in items]

        size = sum(len(target) for target, _ in items)
        if not self.engine.online and size <= INLINE_CHARS:
            return run()
        return await self._in_thread(run)

    async def picture(self, upload: Upload) -> Result:
        return await self._in_thread(lambda: self._picture(upload))

    def _picture(self, upload: Upload) -> Result:
        from verifyctl.image.check import judge_picture
        from verifyctl.image.decode import decode_picture

        try:
            picture = decode_picture(upload.data, upload.filename)
            return judge_picture(upload.filename, picture, self.engine.hashes)
        except DataFileError:
            raise
        except VerifyctlError as exc:
            return error_result(upload.filename, "image", exc)

    async def _in_thread(self, work: Callable[[], T]) -> T:
        if self._threads is None:
            self._threads = anyio.CapacityLimiter(THREADS)
        try:
            with anyio.fail_after(self.limits.check_seconds):
                # Abandoned on time-out: the thread finishes its check and its answer is
                # dropped, while the client hears at once that it took too long.
                return await anyio.to_thread.run_sync(work, abandon_on_cancel=True, limiter=self._threads)
        except TimeoutError:
            raise HttpError(503, "timeout", TIMED_OUT, retry_after=5) from None
