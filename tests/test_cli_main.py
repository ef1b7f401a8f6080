"""The CLI shell: version, help in both languages, and the one exit-code policy."""

from __future__ import annotations

import click
import pytest

from cli_support import RunCli
from verifyctl import __version__, cli
from verifyctl.errors import VerifyctlError


def test_version(run_cli: RunCli) -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert __version__ in proc.stdout


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--help"], {}, "Kiểm tra đường link"),
        (["--help"], {"LANG": "vi_VN.UTF-8"}, "Kiểm tra đường link"),
        (["--help"], {"LANG": "en_US.UTF-8"}, "Checks a link"),
        (["--lang", "en", "--help"], {}, "Checks a link"),
        (["check", "--help", "--lang", "en"], {}, "Check each TARGET"),
        (["check", "--help"], {}, "Kiểm tra từng TARGET"),
    ],
)
def test_help_follows_language(
    run_cli: RunCli, args: list[str], env: dict[str, str], words: str
) -> None:
    proc = run_cli(*args, env=env)
    assert proc.returncode == 0, proc.stderr
    assert words in proc.stdout


def test_unknown_command_is_usage_error(run_cli: RunCli) -> None:
    proc = run_cli("frobnicate")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_check_without_target_is_usage_error(run_cli: RunCli) -> None:
    proc = run_cli("check")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def _with_command(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    @click.command()
    def boom() -> None:
        raise exc

    monkeypatch.setitem(cli.COMMANDS, "boom", "test_cli_main:_boom")
    monkeypatch.setattr(__import__("test_cli_main"), "_boom", boom, raising=False)


@pytest.mark.parametrize(
    ("exc", "code", "words"),
    [
        (RuntimeError("kaboom"), 3, "please report"),
        (KeyboardInterrupt(), 130, ""),
        (VerifyctlError("bad thing", "file.txt:3"), 2, "file.txt:3: bad thing"),
    ],
)
def test_exit_policy(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    exc: BaseException,
    code: int,
    words: str,
) -> None:
    _with_command(monkeypatch, exc)
    assert cli.main(["--lang", "en", "boom"]) == code
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 1


def test_debug_shows_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_command(monkeypatch, RuntimeError("kaboom"))
    assert cli.main(["--debug", "boom"]) == 3
    assert "Traceback" in capsys.readouterr().err
