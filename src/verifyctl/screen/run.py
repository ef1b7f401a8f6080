"""One screening run: inputs → ordered records → worker processes → journal → outputs.

The JSON Lines journal is the output itself for `--output x.jsonl` (or stdout); for CSV and
HTML it is `<output>.partial.jsonl` beside the target, rendered into the target at the end and
then removed, so `--resume` works the same for every format.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.screen import about, html, journal, outputs
from verifyctl.screen.inputs import InputFile, Inputs
from verifyctl.screen.meter import InputMeter
from verifyctl.screen.post import Settings
from verifyctl.screen.read import ReadOptions, input_files, read_units
from verifyctl.screen.readers.lines import LineBlock
from verifyctl.screen.record import Record
from verifyctl.screen.runner import CHUNK, Done, chunks, run_chunks
from verifyctl.screen.summary import Summary

OutputFormat = Literal["jsonl", "csv", "html", "xlsx"]
PARTIAL = ".partial.jsonl"
# The extensions `--output` knows, and the format each means.
EXTENSIONS: dict[str, OutputFormat] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".html": "html", ".htm": "html", ".xlsx": "xlsx",
}  # fmt: skip
UNKNOWN_EXTENSION = Msg(
    "không biết ghi tệp có đuôi này; dùng một trong {known} (hoặc chỉ rõ --output-format)",
    "unknown output extension; use one of {known} (or give --output-format)",
)


@dataclass(frozen=True)
class RunOptions:
    output: str | None = None
    output_format: OutputFormat = "jsonl"
    resume: bool = False
    jobs: int = 1
    chunk: int = CHUNK
    html_limit: int = html.DEFAULT_LIMIT
    read: ReadOptions = field(default_factory=ReadOptions)


def output_format_for(path: str | None) -> OutputFormat:
    """The format `--output` asks for by its extension; JSON Lines on stdout. An extension not
    known is refused: writing JSON Lines into `report.xls` would make a file nothing opens."""
    if path is None:
        return "jsonl"
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in EXTENSIONS:
        raise VerifyctlError(UNKNOWN_EXTENSION.format(known=", ".join(EXTENSIONS)), path)
    return EXTENSIONS[suffix]


def journal_path(options: RunOptions) -> str | None:
    if options.output is None:
        return None
    return options.output if options.output_format == "jsonl" else options.output + PARTIAL


def run(
    args: list[str],
    settings: Settings,
    options: RunOptions,
    progress: Callable[[int], None] = lambda n: None,
    chunks: ChunkSource | None = None,
    meter: InputMeter | None = None,
) -> Summary:
    """Screen `args` into `options.output`; `progress(n)` after each `n` results are written,
    and `meter` (if given) follows how far through the input files the reading is."""
    path = journal_path(options)
    if options.output is None and options.output_format != "jsonl":
        raise VerifyctlError(Msg("CSV, HTML và Excel cần --output FILE", "CSV, HTML and Excel need --output FILE"))
    if options.resume:
        _check_resume(path, options)
    started = about.now()
    with Inputs() as inputs:
        files = input_files(inputs, args)
        # Before anything is opened for writing: an output that is also an input would be
        # emptied before it is read.
        _refuse_overwriting_inputs(files, args, [p for p in (options.output, path) if p])
        done = journal.recover(path) if options.resume and path else journal.Done()
        summary = done.summary
        if meter is not None:
            files = meter.watch(files)
        screened = (chunks or local_chunks)(files, settings, options, done)
        sink = journal.Journal(path, append=options.resume)
        try:
            for count, data, part in screened:
                sink.write(data)
                summary.merge(part)
                progress(count)
        finally:
            sink.close()
    if path is not None and options.output is not None and path != options.output:
        if options.output_format == "csv":
            outputs.write_csv(path, options.output)
        else:
            info = about.collect(args, settings, started)
            if options.output_format == "xlsx":
                from verifyctl.screen.xlsx import write_xlsx  # XlsxWriter: only for a workbook

                write_xlsx(path, options.output, summary, settings.lang, info)
            else:
                html.write_html(path, options.output, summary, settings.lang, options.html_limit, info)
        os.unlink(path)
    return summary


def _check_resume(path: str | None, options: RunOptions) -> None:
    if path is None:
        raise VerifyctlError(Msg("--resume cần --output FILE", "--resume needs --output FILE"))
    if path != options.output and not os.path.exists(path) and os.path.exists(path.removesuffix(PARTIAL)):
        raise VerifyctlError(
            Msg("đã xong từ lần chạy trước; không còn gì để tiếp tục", "already complete; nothing to resume"),
            options.output,
        )


def _refuse_overwriting_inputs(files: list[InputFile], args: list[str], written: list[str]) -> None:
    """The output (and, for CSV and HTML, its journal) must not be any file that is read: one
    named on the command line, one found in a folder, or the zip a member comes from."""
    read = {f.path for f in files if f.path} | {arg for arg in args if arg != "-"}
    for target in written:
        if not os.path.exists(target):
            continue
        for name in read:
            try:
                same = os.path.samefile(name, target)
            except OSError:
                continue
            if same:
                raise VerifyctlError(
                    Msg(
                        f"--output (hay tệp tạm của nó) là một tệp đầu vào ({name}); chọn tệp khác",
                        f"--output (or its journal) is one of the inputs ({name}); choose another",
                    ),
                    target,
                )


# Where the records are screened, in input order and after what an earlier run already wrote:
# worker processes on this machine (`local_chunks`), or a cluster (verifyctl.distributed).
ChunkSource = Callable[[list[InputFile], Settings, RunOptions, journal.Done], Iterable[Done]]


def local_chunks(files: list[InputFile], settings: Settings, options: RunOptions, done: journal.Done) -> Iterator[Done]:
    units = _after(read_units(files, options.read, options.chunk), done)
    return run_chunks(chunks(units, options.chunk), settings, options.jobs)


def _after(units: Iterator[Record | LineBlock], done: journal.Done) -> Iterator[Record | LineBlock]:
    """The records an earlier run has not written yet. The last one it did write must be the
    same record of the same input, or the output belongs to something else. Blocks are skipped
    whole by their count; the one the earlier run stopped inside is opened here."""
    left = done.count
    last: Record | None = None
    rest: list[Record] = []  # the records after the last one written, in its block
    while left:
        unit = next(units, None)
        if unit is None:
            raise VerifyctlError(MISMATCH)
        if not isinstance(unit, LineBlock):
            last, left = unit, left - 1
        elif unit.count < left:
            left -= unit.count
        else:
            records = list(unit.records())
            last, rest, left = records[left - 1], records[left:], 0
    if last is not None and last.get("origin") != done.last_origin:
        raise VerifyctlError(MISMATCH)
    yield from rest
    yield from units


MISMATCH = Msg(
    "tệp kết quả không khớp với đầu vào này (đầu vào khác hoặc đã đổi?); không tiếp tục được",
    "the output does not match these inputs (other or changed inputs?); cannot resume",
)
