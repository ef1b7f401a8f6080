"""Issue 15's targets on the development corpus (`tests/text/corpus/`), judged by
`Engine.check_text`, the function `verifyctl check --as text` calls, with the shipped data:
≥ 90% of the scams of every family caught (dont_share or a scam rule) in accented,
unaccented and obfuscated spelling, on the tuning part and on the held-out part; clean text
(the corpus's ordinary messages, the VLSP-2013 sentences as written and without diacritics)
≤ 0.5% with any rule_match and ≤ 0.05% with dont_share from a rule. A few messages go through
the installed command too."""

from __future__ import annotations

import json

import pytest
from corpus_eval import SPELLINGS, SPLITS, Report, evaluate, obfuscated, read, unaccented
from test_text_quality import vlsp_sentences

from cli_support import RunCli
from verifyctl.engine import Engine

FAMILIES = {"account-alarm", "fake-official", "reward-prize", "task-job", "borrowing"}
CLEAN_KINDS = {"advert", "bank-notice", "hearsay-chat", "chat", "warning"}


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    engine = Engine()
    vlsp = {"vlsp-2013": vlsp_sentences()}
    return {split: evaluate(split, engine, vlsp if split == "heldout" else None) for split in SPLITS}


def test_the_corpus_has_every_family_and_kind_in_both_parts() -> None:
    for split in SPLITS:
        stems = set(read(split))
        assert {f"scam-{f}" for f in FAMILIES} <= stems
        assert {f"clean-{k}" for k in CLEAN_KINDS} <= stems
        assert all(len(messages) >= 4 for messages in read(split).values())


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_scams_are_caught(reports: dict[str, Report], split: str, family: str, spelling: str) -> None:
    score = reports[split].recall[(family, spelling)]
    assert score.total >= 5
    assert score.rate >= 0.90, score.misses


@pytest.mark.parametrize("split", SPLITS)
def test_exposed_people_are_caught(reports: dict[str, Report], split: str) -> None:
    for spelling in SPELLINGS:
        score = reports[split].recall[("exposed-person", spelling)]
        assert score.rate >= 0.90, score.misses


@pytest.mark.parametrize("split", SPLITS)
def test_clean_text_is_rarely_flagged(reports: dict[str, Report], split: str) -> None:
    report = reports[split]
    total = sum(s.total for s in report.any_rule.values())
    flagged = [t for s in report.any_rule.values() for t in s.misses]
    blocked = [t for s in report.rule_dont_share.values() for t in s.misses]
    assert len(flagged) <= 0.005 * total, flagged
    assert len(blocked) <= 0.0005 * total, blocked
    if split == "heldout":
        assert report.any_rule[("vlsp-2013", "unaccented")].total == 2120


def test_spellings_are_what_they_say() -> None:
    text = "Chỉ cần 20 phút mỗi ngày, không cần điều kiện"
    assert unaccented(text) == "Chi can 20 phut moi ngay, khong can dieu kien"
    mixed = obfuscated(text)
    assert mixed != text and mixed != unaccented(text)
    assert any(c in mixed for c in "äöüë0!")


@pytest.mark.parametrize(
    ("text", "verdict", "rule"),
    [
        ("Tai khoan cua quy khach da bi khoa. Vui long truy cap mbbank-mokhoa.cc de xac thuc.", "dont_share", "scam-account-alarm"),
        ("Bạn có 1 quyết định xử phạt vi phạm chưa thực hiện, xem chi tiết tại vnpt-dichvucong.click", "dont_share", "impersonation-official-notice"),
        ("Chi cän 2O phut möi ngäy thä tim video, möi nhiem vu nhän 50k", "dont_share", "scam-task-job"),
        ("Ban d!eu k!en nhan tro cap, KH0NG nhan se bi huy, dang nhap tai bhxh-trocap.click", "dont_share", "impersonation-official-notice"),
    ],
)
def test_through_the_installed_command(run_cli: RunCli, text: str, verdict: str, rule: str) -> None:
    proc = run_cli("--lang", "en", "check", "--as", "text", "--format", "json", "-", input=text)
    record = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert record["verdict"] == verdict
    assert rule in {r.get("rule") for r in record["reasons"]}
