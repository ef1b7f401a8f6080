"""The verdict model, exit codes, language choice and target recognition."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifyctl.engine import detect_kind
from verifyctl.exitcodes import exit_code
from verifyctl.i18n import lang_from_argv, lang_from_env
from verifyctl.verdict import Verdict

S, V, D, E = Verdict.SHARE, Verdict.VERIFY, Verdict.DONT_SHARE, Verdict.ERROR


@pytest.mark.parametrize(
    ("verdicts", "fail_on", "code"),
    [
        ([S, S], V, 0),
        ([S, V], V, 1),
        ([S, V], D, 0),
        ([D], D, 1),
        ([], V, 0),
        ([S, E, D], V, 2),
    ],
)
def test_exit_code(verdicts: list[Verdict], fail_on: Verdict, code: int) -> None:
    assert exit_code(verdicts, fail_on) == code


def test_worst_and_unknown_is_never_share() -> None:
    assert Verdict.worst([S, D, V]) is D
    assert Verdict.worst([]) is V


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "vi"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "vi_VN"}, "vi"),
        ({"VERIFYCTL_LANG": "en", "LANG": "vi_VN"}, "en"),
        ({"LANG": "C"}, "vi"),
        ({"LANG": "C.UTF-8"}, "vi"),
        ({"LANG": "POSIX"}, "vi"),
        ({"LC_ALL": "C.UTF-8", "LANG": "en_GB.UTF-8"}, "en"),  # C says nothing: LANG decides
        ({"LC_ALL": "C.utf8", "LANG": "vi_VN"}, "vi"),
    ],
)
def test_lang_from_env(env: dict[str, str], lang: str) -> None:
    assert lang_from_env(env) == lang


def test_lang_from_argv() -> None:
    assert lang_from_argv(["check", "--lang", "en", "x"]) == "en"
    assert lang_from_argv(["--lang=vi"]) == "vi"
    assert lang_from_argv(["--", "--lang", "en"]) is None


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("https://nhandan.vn/x", "url"),
        ("nhandan.vn/abc", "url"),
        ("  'NHANDAN.VN'  ", "url"),
        ("http://evil.com\\@nhandan.vn/", "url"),
        ("pdq:" + "f" * 64, "image"),
        ("sha256:" + "0" * 64, "image"),
        ("PDQ:" + "F" * 64, "image"),
        ("'pdq:" + "a" * 64 + "'", "image"),
        ("chuyển khoản gấp cho mình nhé", "text"),
        ("Xem tại nhandan.vn nhé", "text"),
        ("3.14", "text"),
        ("v1.2", "text"),
    ],
)
def test_detect_kind(target: str, kind: str) -> None:
    assert detect_kind(target) == kind


def test_detect_kind_image_file(tmp_path: Path) -> None:
    picture = tmp_path / "photo.bin"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    assert detect_kind(str(picture)) == "image"
