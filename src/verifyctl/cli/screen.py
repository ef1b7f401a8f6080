"""`verifyctl screen`: batch screening of exported posts (a thin shell over verifyctl.screen)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from verifyctl import exitcodes
from verifyctl.cli.l10n import command, option
from verifyctl.cli.options import blocklist_option, data_options, online_option
from verifyctl.i18n import Msg, current_lang, number, tr
from verifyctl.screen.detect import FORMATS
from verifyctl.verdict import Verdict

if TYPE_CHECKING:
    from verifyctl.screen.meter import InputMeter
    from verifyctl.screen.run import ChunkSource

INTERRUPTED = Msg(
    "đã dừng sau {n} bản ghi; chạy lại cùng lệnh với --resume để tiếp tục",
    "stopped after {n} records; run the same command with --resume to go on",
)

NEEDS_DASK_ENGINE = Msg(
    "--scheduler và --partition-size chỉ dùng với --engine dask",
    "--scheduler and --partition-size need --engine dask",
)


@command(
    help=(
        "Sàng lọc hàng loạt bài viết xuất từ Facebook, Telegram, X, CSV, JSON Lines hoặc văn bản: "
        "mỗi bài một kết quả, theo đúng thứ tự.\n\nVí dụ:\n\n"
        "    verifyctl screen facebook-export.zip -o ket-qua.html\n\n"
        "    verifyctl screen bai-viet.jsonl -o ket-qua.jsonl --jobs 4 --resume",
        "Screen exported posts in bulk (Facebook, Telegram, X, CSV, JSON Lines or plain text): "
        "one result per post, in input order.\n\nExample:\n\n"
        "    verifyctl screen facebook-export.zip -o report.html\n\n"
        "    verifyctl screen posts.jsonl -o results.jsonl --jobs 4 --resume",
    ),
)
@click.argument("files", nargs=-1, required=True)
@option(
    "--input-format",
    type=click.Choice(list(FORMATS)),
    help=("Ép định dạng đầu vào thay vì tự nhận diện.", "Force the input format instead of detecting it."),
)
@option("-o", "--output", type=click.Path(dir_okay=False), help=(
    "Ghi kết quả vào FILE (.jsonl, .csv, .html hoặc .xlsx cho Excel); mặc định JSON Lines ra stdout.",
    "Write the results to FILE (.jsonl, .csv, .html or .xlsx for Excel); default: JSON Lines on stdout.",
))
@option("--output-format", type=click.Choice(["jsonl", "csv", "html", "xlsx"]), help=(
    "Định dạng của --output (mặc định theo đuôi tệp).",
    "Format of --output (default: from its extension).",
))
@option("--resume", is_flag=True, help=(
    "Tiếp tục một lần chạy bị ngắt: bỏ qua các bản ghi đã có trong --output.",
    "Continue an interrupted run: skip the records --output already holds.",
))
@option("-j", "--jobs", type=click.IntRange(1, 256), default=None, help=(
    "Số tiến trình kiểm tra song song (mặc định: số lõi CPU).",
    "Number of worker processes (default: the number of CPU cores).",
))
@option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help=(
    "Chạy trên máy này, hoặc trên cụm Dask (cần: pip install \"verifyctl[dask]\").",
    "Run on this machine, or on a Dask cluster (needs: pip install \"verifyctl[dask]\").",
))
@option("--scheduler", metavar="ADDRESS", help=(
    "Địa chỉ bộ lập lịch Dask (tcp://host:8786); mặc định: một cụm cục bộ với --jobs tiến trình.",
    "Dask scheduler address (tcp://host:8786); default: a local cluster of --jobs processes.",
))
@option("--partition-size", type=click.IntRange(1), default=None, metavar="N", help=(
    "Số bài mỗi phần gửi tới một worker Dask (mặc định: 5000).",
    "Posts per partition sent to a Dask worker (default: 5000).",
))
@option("--fail-on", type=click.Choice(["verify", "dont_share"]), default=None, help=(
    "Mã thoát 1 khi có bài từ mức này trở lên (mặc định: không).",
    "Exit 1 when any post is at or above this level (default: never).",
))
@option("--text-col", multiple=True, help=("Cột CSV chứa nội dung (lặp lại được).", "CSV column holding the text (repeatable)."))
@option("--url-col", multiple=True, help=("Cột CSV chứa link (lặp lại được).", "CSV column holding a link (repeatable)."))
@option("--id-col", help=("Cột CSV chứa mã bài.", "CSV column holding the post id."))
@option("--text-field", default="text", show_default=True, help=("Trường JSON Lines chứa nội dung.", "JSON Lines field holding the text."))
@option("--url-field", multiple=True, help=(
    "Trường JSON Lines chứa link (lặp lại được; mặc định url và urls).",
    "JSON Lines field holding links (repeatable; default: url and urls).",
))
@option("--id-field", default="id", show_default=True, help=("Trường JSON Lines chứa mã bài.", "JSON Lines field holding the post id."))
@option("--html-limit", type=click.IntRange(1), default=10_000, show_default=True, help=(
    "Số bài tối đa hiện trong báo cáo HTML.",
    "Most posts shown in the HTML report.",
))
@online_option
@data_options
@blocklist_option
def screen(
    files: tuple[str, ...],
    input_format: str | None,
    output: str | None,
    output_format: str | None,
    resume: bool,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    partition_size: int | None,
    fail_on: str | None,
    text_col: tuple[str, ...],
    url_col: tuple[str, ...],
    id_col: str | None,
    text_field: str,
    url_field: tuple[str, ...],
    id_field: str,
    html_limit: int,
    online: bool,
    sources: str | None,
    rules: str | None,
    hashes: str | None,
    blocklists: tuple[str, ...],
) -> int:
    from verifyctl.screen.post import Settings
    from verifyctl.screen.read import ReadOptions
    from verifyctl.screen.readers.csvfile import CsvColumns
    from verifyctl.screen.readers.lines import JsonFields
    from verifyctl.screen.run import RunOptions, output_format_for, run

    chunks = _engine(engine, scheduler, partition_size)
    lang = current_lang()
    settings = Settings(sources, rules, hashes, online=online, lang=lang, blocklists=blocklists)
    options = RunOptions(
        output=output,
        output_format=output_format or output_format_for(output),  # type: ignore[arg-type]
        resume=resume,
        jobs=jobs or os.cpu_count() or 1,
        html_limit=html_limit,
        read=ReadOptions(
            format=input_format,  # type: ignore[arg-type]
            json_fields=JsonFields(id_field, text_field, url_field or ("url", "urls")),
            csv_columns=CsvColumns(text_col, url_col, id_col),
        ),
    )
    from verifyctl.screen.meter import InputMeter
    from verifyctl.screen.runner import IN_FLIGHT_PER_JOB

    written = [0]
    meter = InputMeter(lead=options.jobs * IN_FLIGHT_PER_JOB * options.chunk if engine == "local" else 0)
    with _progress(meter) as advance:

        def progress(n: int) -> None:
            written[0] += n
            advance(n)

        try:
            summary = run(list(files), settings, options, progress, chunks, meter)
        except KeyboardInterrupt:
            if output:
                print(f"\nverifyctl: {tr(INTERRUPTED.format(n=number(written[0], lang)))}", file=sys.stderr)
            raise
    from rich.console import Console

    from verifyctl.screen.about import outlet_names
    from verifyctl.screen.terminal import summary_view

    console = Console(file=sys.stdout if output else sys.stderr, highlight=False)
    names = outlet_names(settings) if summary.imitated else None
    console.print(summary_view(summary, lang, names=names))
    fail = Verdict(fail_on) if fail_on else Verdict.ERROR  # ERROR: no level fails, errors still exit 2
    return exitcodes.exit_code(summary.verdict_list(), fail)


def _engine(engine: str, scheduler: str | None, partition_size: int | None) -> ChunkSource | None:
    if engine != "dask":
        if scheduler or partition_size:
            raise click.UsageError(tr(NEEDS_DASK_ENGINE))
        return None
    from verifyctl.distributed.engine import PARTITION_SIZE, dask_chunks

    return dask_chunks(scheduler, partition_size or PARTITION_SIZE)


@contextmanager
def _progress(meter: InputMeter) -> Iterator[Callable[[int], None]]:
    """A live line on stderr when it is a terminal (nothing otherwise): the count, the speed,
    and when the input's size is known (`meter`) the share done and the time left."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

    lang = current_lang()
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.fields[count]} " + tr(Msg("bản ghi", "records"))),
        BarColumn(bar_width=24),
        TextColumn("{task.fields[percent]}"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[rate]}"),
        console=Console(file=sys.stderr),
        transient=True,
    )
    task = bar.add_task("screen", total=None, count="0", percent="", rate="")
    done = [0]
    began = time.monotonic()

    def advance(n: int) -> None:
        # Started at the first result, after the worker processes are forked: rich's refresh
        # thread must not exist when the parent forks.
        if not bar.live.is_started:
            bar.start()
        done[0] += n
        fraction = meter.fraction(done[0])
        speed = done[0] / max(time.monotonic() - began, 1e-6)
        count, rate = number(done[0], lang), f"{number(round(speed), lang)}/s"
        if fraction is None:
            bar.update(task, count=count, rate=rate)
        else:
            percent = f"{fraction:.0%}"
            bar.update(task, total=1000, completed=round(fraction * 1000), count=count, rate=rate, percent=percent)

    try:
        yield advance
    finally:
        bar.stop()
