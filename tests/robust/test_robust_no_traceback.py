"""Every subcommand over hostile inputs: exit 2 with one line (or a proper answer), never a
traceback, never the internal-error exit. New commands are covered as they are registered:
the list comes from `verifyctl.cli.COMMANDS` and each group's own subcommands."""

from __future__ import annotations

import importlib
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click
import pytest
from robust_support import message_lines, verifyctl_argv

from verifyctl.cli import COMMANDS

HOSTILE_FILES: dict[str, bytes] = {
    "invalid-utf8.txt": b"nhandan.vn/\xff\xfe\xc3(\n\x80abc\n",
    "nul-bytes.jsonl": b'{"id": "1", "text": "a\x00b"}\n\x00\x00\x00\n',
    "empty.yaml": b"",
    "alias-bomb.yaml": b'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n',
    "deep.json": b"[" * 50_000 + b"]" * 50_000,
    "garbage.csv": bytes(range(256)) * 8,
    "truncated.json": b'{"messages": [{"id": 1, "text": "chuy\xe1\xbb',
    "wrong-types.jsonl": b'{"id": {"x": 1}, "text": 42, "url": ["a", 1, null]}\n[]\n"text"\nnull\n',
    "bidi-ansi.txt": "\u202eevil.com/\u202c \x1b[2J\x1b]0;pwned\x07 nhandan.vn\n".encode(),
    "image-as-yaml.yaml": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64),
    "csv-formula.csv": b'id,text\n1,"=HYPERLINK(""http://evil.com"",""x"")"\n2,+cmd|\'/c calc\'!A1\n',
}
MISSING = "does-not-exist.yaml"
FOLDER = "a-folder.yaml"
# what a data-file option (--sources, --rules, --hashes, --from, --list) is attacked with
DATA_FILE_ATTACKS = {"invalid-utf8.txt", "alias-bomb.yaml", "deep.json", "image-as-yaml.yaml", "bidi-ansi.txt", MISSING, FOLDER}
BENIGN_TARGET = {"check": "https://nhandan.vn/x"}


def leaf_commands() -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, target in sorted(COMMANDS.items()):
        module, attr = target.split(":")
        command = getattr(importlib.import_module(module), attr)
        if isinstance(command, click.Group):
            for sub in sorted(command.commands):
                yield (name, sub), command.commands[sub]
        else:
            yield (name,), command


def invocations(path: tuple[str, ...], command: click.Command) -> Iterator[list[str]]:
    """Hostile files in every argument, then in every file-taking option."""
    required: list[str] = []
    for param in command.params:
        if isinstance(param, click.Option) and param.required:
            value = param.type.choices[0] if isinstance(param.type, click.Choice) else "x"
            required += [param.opts[0], str(value)]
        if param.name == "jobs":  # one worker: the same code paths, without a pool's start-up
            required += [param.opts[0], "1"]
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    file_options = [
        p for p in command.params
        if isinstance(p, click.Option) and not p.is_flag and isinstance(p.type, click.Path | click.File)
        and not p.required and p.name not in ("output",)
    ]  # fmt: skip
    for hostile in [*HOSTILE_FILES, MISSING, FOLDER]:
        if arguments:
            yield [*path, *required, *([hostile] * len(arguments))]
        if hostile not in DATA_FILE_ATTACKS:
            continue
        for option in file_options:
            benign = [BENIGN_TARGET.get(path[0], hostile)] * len(arguments)
            yield [*path, *required, option.opts[0], hostile, *benign]


CASES = [argv for path, command in leaf_commands() for argv in invocations(path, command)]


def test_every_registered_command_is_attacked() -> None:
    attacked = {tuple(a for a in argv[:2] if not a.startswith("-") and a not in HOSTILE_FILES) for argv in CASES}
    for path, _ in leaf_commands():
        assert any(tuple(p[: len(path)]) == path for p in attacked), f"{path} has no hostile run"


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [*verifyctl_argv(), *argv, "--lang", "en"],
        input=HOSTILE_FILES["bidi-ansi.txt"].decode(),
        capture_output=True,
        text=True,
        errors="replace",
        cwd=cwd,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "VERIFYCTL_LANG": "en"},
    )
    return proc


def test_no_traceback_for_any_hostile_input(tmp_path: Path) -> None:
    for name, data in HOSTILE_FILES.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / FOLDER).mkdir()
    with ThreadPoolExecutor(4) as pool:
        procs = list(pool.map(lambda argv: (argv, run(argv, tmp_path)), CASES))
    failures = []
    for argv, proc in procs:
        said = message_lines(proc.stderr)
        problem = None
        if "Traceback" in proc.stderr or "Traceback" in proc.stdout:
            problem = "traceback"
        elif proc.returncode not in (0, 1, 2):
            problem = f"exit {proc.returncode}"
        elif proc.returncode == 2 and not proc.stderr.strip():
            problem = "exit 2 without a message"
        elif any("\x1b" in line or "\u202e" in line for line in said):
            problem = "control characters from the input reached stderr"
        if problem:
            failures.append(f"verifyctl {' '.join(argv)}: {problem}: {proc.stderr.strip()[-300:]!r}")
    assert not failures, "\n".join(failures)
    assert len(procs) >= 150  # the count reported as "hostile inputs tried"


@pytest.mark.parametrize("argv", [["check", "--as", "text", "-"], ["check", "--from", "-"], ["screen", "-"]])
def test_stdin_hostile_input_is_not_a_traceback(tmp_path: Path, argv: list[str]) -> None:
    proc = run(argv, tmp_path)
    assert "Traceback" not in proc.stderr and proc.returncode in (0, 1, 2)
