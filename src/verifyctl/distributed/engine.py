"""The chunk source for `verifyctl screen --engine dask`: the inputs as partitions, screened on
a Dask cluster, handed back in input order to the same journal, outputs and summary as the
local engine (`verifyctl.screen.run.run`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from verifyctl.distributed import cluster
from verifyctl.distributed.blocks import Block
from verifyctl.distributed.plan import Part, Skip, partitions
from verifyctl.distributed.worker import screen_part
from verifyctl.i18n import Msg
from verifyctl.screen import journal
from verifyctl.screen.inputs import InputFile
from verifyctl.screen.post import Settings, warm_up
from verifyctl.screen.run import RunOptions
from verifyctl.screen.runner import Done, unwrap

PARTITION_SIZE = 5000  # records: a few hundred milliseconds of work, so Dask's per-task cost is small


@dataclass(frozen=True)
class DaskChunks:
    """Screens on the cluster at `scheduler`, else on a local cluster of `--jobs` processes."""

    scheduler: str | None = None
    partition_size: int = PARTITION_SIZE

    def __call__(
        self, files: list[InputFile], settings: Settings, options: RunOptions, done: journal.Done
    ) -> Iterator[Done]:
        warm_up(settings)  # a broken data file stops the run here, before a cluster starts
        parts = partitions(files, options.read, self.partition_size, Skip(done))
        with cluster.open_client(self.scheduler, options.jobs) as client:
            window = cluster.window_size(client)
            for result in cluster.in_order(client, screen_part, parts, (settings, options.read), window, _describe):
                yield unwrap(result)


def dask_chunks(scheduler: str | None, partition_size: int) -> DaskChunks:
    """The chunk source, once Dask is known to be installed (else one line on how to get it)."""
    cluster.require_dask()
    return DaskChunks(scheduler, partition_size)


def _describe(part: Part) -> Msg:
    if isinstance(part, Block):
        return Msg(
            f"phần {part.name} từ bản ghi {part.first_index} ({part.count} bản ghi)",
            f"the part of {part.name} from record {part.first_index} ({part.count} records)",
        )
    where = part[0]["origin"] if part else {}
    name, index = where.get("file", "?"), where.get("index", "?")
    return Msg(
        f"phần {name} từ bản ghi {index} ({len(part)} bản ghi)",
        f"the part of {name} from record {index} ({len(part)} records)",
    )
