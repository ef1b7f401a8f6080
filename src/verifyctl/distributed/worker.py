"""What runs on a Dask worker: a partition in, the local engine's chunk result out.

`screen_chunk` (verifyctl.screen.runner) does the screening, with the data files loaded once
per worker process and kept (`verifyctl.screen.post.screener`); a worker that dies and is
replaced loads them again on its first partition. Everything here is module-level, so the
client sends it by reference: the workers need verifyctl installed, nothing else.
"""

from __future__ import annotations

from verifyctl import __version__
from verifyctl.distributed.blocks import Block
from verifyctl.i18n import Msg
from verifyctl.screen.post import Settings
from verifyctl.screen.read import ReadOptions
from verifyctl.screen.record import Record
from verifyctl.screen.runner import Done, screen_chunk

CANNOT_READ = Msg(
    "{file}: worker Dask không đọc được tệp ({error}); với --scheduler, tệp đầu vào phải có cùng "
    "đường dẫn trên mọi worker",
    "{file}: a Dask worker cannot read it ({error}); with --scheduler the inputs must be at the "
    "same path on every worker",
)


def screen_part(part: Block | list[Record], settings: Settings, read: ReadOptions) -> Done | tuple[str, str]:
    """A partition's output lines and summary; an expected failure as a (vi, en) pair, since
    verifyctl's error types do not survive pickling."""
    if isinstance(part, Block):
        try:
            records = list(part.records(read))
        except OSError as exc:
            msg = CANNOT_READ.format(file=part.path, error=exc.strerror or type(exc).__name__)
            return msg.vi, msg.en
    else:
        records = part
    return screen_chunk(records, settings)


def worker_version() -> str:
    return __version__
