"""Post text under attack: normalisation offsets, hostile rule files, and input size."""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from robust_support import BUDGET, run_measured, verifyctl_argv

from cli_support import REPO, RunCli
from verifyctl.errors import DataFileError
from verifyctl.text.normalize import base, deep, phrase_key
from verifyctl.text.rules import RuleSet, load_rules

RULES = REPO / "data" / "rules.yaml"


@cache
def shipped() -> RuleSet:
    return load_rules(RULES)


@cache
def phrase_keys() -> tuple[str, ...]:
    keys = []
    for rule in shipped().rules:
        for pattern in rule.patterns:
            keys.extend(phrase_key(p) for p in getattr(pattern, "phrases", ()) or ())
    return tuple(k for k in keys if len(k) >= 4)


OBFUSCATIONS = {
    "dots": lambda w: ".".join(w),
    "spaces": lambda w: " ".join(w),
    "zero-width": lambda w: "\u200b".join(w),
    "upper": str.upper,
    "repeat": lambda w: w + w[-1] * 3,
    "full-width": lambda w: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in w),
    "rlo": lambda w: "\u202e" + w + "\u202c",
    "decomposed": lambda w: __import__("unicodedata").normalize("NFD", w),
    "as-is": lambda w: w,
}
CONTEXT = st.text(st.sampled_from([*"abc xyz đêm mật .,!?-@0135\n\t", "\u200b", "\ufeff", "ệ", "Ô", "\u0301"]), max_size=30)


@BUDGET
@given(
    before=CONTEXT,
    after=CONTEXT,
    key=st.integers(0, 10_000),
    tricks=st.lists(st.sampled_from(sorted(OBFUSCATIONS)), max_size=2),
)
@example(before="", after="", key=0, tricks=["dots"])
def test_spans_map_back_inside_the_text_and_renormalise_to_the_match(
    before: str, after: str, key: int, tricks: list[str]
) -> None:
    phrase = phrase_keys()[key % len(phrase_keys())]
    words = phrase.split()
    for trick in tricks:
        words = [OBFUSCATIONS[trick](w) for w in words]
    text = before + " " + " ".join(words) + " " + after
    form = deep(base(text))
    for i in range(len(form.text)):  # every character knows where it came from
        assert 0 <= form.origin(i) < form.origin_end(i) <= len(text)
    for hit in shipped().find(text):
        for start, end in hit.spans:
            assert 0 <= start < end <= len(text)
    at = form.text.find(phrase)
    if at == -1:
        return
    start, end = form.span(at, at + len(phrase))
    assert 0 <= start < end <= len(text)
    assert phrase in phrase_key(text[start:end])


@BUDGET
@given(text=st.text(max_size=300))
def test_any_text_is_judged_within_bounds(text: str) -> None:
    for hit in shipped().find(text):
        assert all(0 <= s < e <= len(text) for s, e in hit.spans)


def rule_file_with(tmp_path: Path, pattern: str) -> tuple[Path, int]:
    """The shipped rules with one more pattern in the first rule; the line it is on."""
    text = RULES.read_text(encoding="utf-8")
    anchor = "    patterns:\n"
    at = text.index(anchor) + len(anchor)
    line = text.count("\n", 0, at) + 1
    path = tmp_path / "rules.yaml"
    path.write_text(text[:at] + f"      - regex: '{pattern}'\n" + text[at:], encoding="utf-8")
    return path, line


@pytest.mark.parametrize(
    "pattern",
    [r"(a)\1", r"(?=chuyển)chuyển", r"(?<!không )chuyển", r"(?>a+)b", r"a++b", r"(?P<x>a)(?P=x)"],
    ids=["backreference", "lookahead", "lookbehind", "atomic", "possessive", "named-backreference"],
)
def test_a_regex_that_needs_backtracking_is_refused_at_load_with_its_line(tmp_path: Path, pattern: str) -> None:
    path, line = rule_file_with(tmp_path, pattern)
    with pytest.raises(DataFileError) as caught:
        load_rules(path)
    assert caught.value.lineno == line


def test_rules_validate_names_the_unsafe_regex(run_cli: RunCli, tmp_path: Path) -> None:
    path, line = rule_file_with(tmp_path, r"(a)\1")
    proc = run_cli("rules", "validate", str(path), "--lang", "en")
    assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr
    assert f"rules.yaml:{line}:" in proc.stdout + proc.stderr


def test_a_nested_quantifier_runs_in_linear_time(tmp_path: Path) -> None:
    # `(a+)+$` takes exponential time in a backtracking engine (2^n steps on "a"*n + "!"); the
    # rule engine must be linear: a 30x longer post costs about 30x, not 2^30x.
    path, _ = rule_file_with(tmp_path, "(?:a+)+$")
    script = (
        "import sys, time; from pathlib import Path; from verifyctl.text.rules import load_rules;"
        "r = load_rules(Path(sys.argv[1]));"
        "t = lambda n: (lambda s: (r.find(s), time.perf_counter() - s0)[1])(('a' * n) + '!') if (s0 := time.perf_counter()) else 0;"
        "r.find('warm'); print(t(1000), t(30000))"
    )
    proc = subprocess.run([str(Path(verifyctl_argv()[0]).with_name("python")), "-c", script, str(path)],
                          capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    small, large = map(float, proc.stdout.split())
    assert large < 300 * small + 0.5


def test_fifty_megabytes_on_one_line(tmp_path: Path) -> None:
    """`check --from` refuses an overlong line as an error record; `check --as text -` and
    `screen` judge it; all in memory proportional to the input, no traceback."""
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        chunk = ("chia sẻ gấp trước khi bị xóa https://nhandan-vn.com/x " * 20).encode()
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
        fh.write(b"\n" + chunk + b"\n")  # and a normal post after it
    small = tmp_path / "small.txt"
    small.write_bytes(chunk + b"\n")
    argv = verifyctl_argv()
    # English asked for: the messages are read below (C.UTF-8 now means "no language": Vietnamese)
    from_big = run_measured([*argv, "--lang", "en", "check", "--from", str(big), "--format", "json"], cwd=tmp_path)
    assert from_big.returncode == 2 and "Traceback" not in from_big.stderr
    assert [json.loads(line)["verdict"] for line in from_big.stdout.splitlines()] == ["error", "dont_share"]
    assert len(from_big.stderr.splitlines()) == 1 and "longer than" in from_big.stderr
    base = run_measured([*argv, "check", "--from", str(small), "--format", "json"], cwd=tmp_path)
    assert from_big.max_rss_kb < base.max_rss_kb + 20 * 1024  # read in bounded pieces, not whole
    screened = run_measured([*argv, "--lang", "en", "screen", str(big), "--input-format", "text", "--jobs", "1"], cwd=tmp_path)
    assert screened.returncode == 2 and "Traceback" not in screened.stderr
    records = [json.loads(line) for line in screened.stdout.splitlines()]
    assert [r["verdict"] for r in records] == ["error", "dont_share"]  # the next post goes on
    assert "longer than" in records[0]["reasons"][0]["message"]
    screened_small = run_measured([*argv, "screen", str(small), "--input-format", "text", "--jobs", "1"], cwd=tmp_path)
    assert screened.max_rss_kb < screened_small.max_rss_kb + 40 * 1024


def test_many_links_in_one_post_cost_in_proportion(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Xem ngay " + " ".join(f"https://site{i}.example/p" for i in range(10)), encoding="utf-8")
    many = tmp_path / "many.txt"
    many.write_text("Xem ngay " + " ".join(f"https://site{i}.example/p" for i in range(10_000)), encoding="utf-8")
    argv = [*verifyctl_argv(), "check", "--as", "text", "--format", "json", "-"]
    small = run_measured(argv, stdin=one, cwd=tmp_path)
    large = run_measured(argv, stdin=many, cwd=tmp_path)
    assert small.returncode == large.returncode == 1
    assert "Traceback" not in large.stderr
    result = json.loads(large.stdout)
    assert result["verdict"] == "verify" and result["kind"] == "text"
    assert large.seconds < 20 * small.seconds + 5  # 1000x the links: a bounded extra cost
    assert large.max_rss_kb < 4 * small.max_rss_kb


@pytest.mark.parametrize(
    ("data", "verdicts"),
    [
        (b"Chuy\xe1\xbb\x83n kho\xe1\xba\xa3n g\xe1\xba\xa5p \xff\xfe\n", {"error"}),
        (b"chuy\xe1\xbb\x83n\x00kho\xe1\xba\xa3n g\xe1\xba\xa5p\n", {"dont_share", "verify"}),
        ("\u202ennad.nv\u202c chuyển khoản gấp\n".encode(), {"dont_share"}),
        ("\x1b[32m✔ CHIA SẺ ĐƯỢC\x1b[0m chuyển khoản gấp\n".encode(), {"dont_share"}),
    ],
    ids=["invalid-utf8", "nul", "rlo", "ansi"],
)
def test_hostile_text_through_check(run_cli: RunCli, data: bytes, verdicts: set[str]) -> None:
    proc = run_cli("check", "--as", "text", "--format", "json", "-", input=data)
    assert "Traceback" not in proc.stderr and proc.returncode in (1, 2)
    if "error" in verdicts:
        assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and "UTF-8" in proc.stderr
        return
    assert json.loads(proc.stdout)["verdict"] in verdicts
    human = run_cli("check", "--as", "text", "--format", "human", "-", input=data)
    assert "\x1b[2J" not in human.stdout and "\x1b[32m" not in human.stdout and "\u202e" not in human.stdout


@pytest.mark.parametrize("text", ["ho??t chuyển khoản @ck?gấp@ck", "ck?gấp@ck chuyển khoản gấp"])
def test_a_combination_span_never_ends_before_it_starts(text: str) -> None:
    # found by fuzz_text: a hit earlier in the first word made the window end before its start
    for hit in shipped().find(text):
        assert all(0 <= s < e <= len(text) for s, e in hit.spans), hit.spans
