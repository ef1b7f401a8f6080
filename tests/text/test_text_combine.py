"""Signals that combine (issue 15): a rule with `with_link` (an account alarm, a deadline, a
prize) is `verify` alone and `dont_share` once the post also links somewhere that is not an
official source, in the text or attached to the post; diacritic folding and look-alike
spellings in the normal forms."""

from __future__ import annotations

import pytest
from test_text_post import judge

from verifyctl.datafiles import RULES, data_path
from verifyctl.screen.post import CachingEngine, Screener
from verifyctl.text.check import check_text
from verifyctl.text.normalize import base, deep, fold, fold_lower, typed_alike
from verifyctl.text.rules import RuleSet, load_rules
from verifyctl.verdict import Reason, Verdict

ALARM = "Tài khoản của quý khách đã bị tạm khóa do giao dịch bất thường, vui lòng đăng nhập để xác minh"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(data_path(RULES))


def _alarm(reasons: tuple[Reason, ...]) -> dict[str, object]:
    found = [r for r in reasons if r.code == "rule_match" and r.fields["rule"] == "scam-account-alarm"]
    assert len(found) == 1
    return {"verdict": found[0].verdict, **found[0].fields}


@pytest.mark.parametrize(
    ("tail", "verdict", "link"),
    [
        ("", Verdict.VERIFY, None),
        (" tại vcb-xacthuc.top", Verdict.DONT_SHARE, "vcb-xacthuc.top"),
        (" tại https://nhandan.vn/x", Verdict.VERIFY, None),  # an official link raises nothing
        (" tại nhandan.vn/x hoặc vcb-xacthuc.top/login", Verdict.DONT_SHARE, "vcb-xacthuc.top/login"),
    ],
)
def test_an_alarm_with_a_link_that_is_not_official(rules: RuleSet, tail: str, verdict: Verdict, link: str | None) -> None:
    result = check_text(ALARM + tail, rules, judge)
    alarm = _alarm(result.reasons)
    assert alarm["verdict"] is verdict
    assert alarm["with_link"] == "dont_share"
    assert alarm.get("combined_link") == link
    assert result.verdict is verdict


def test_a_rule_without_with_link_keeps_its_verdict(rules: RuleSet) -> None:
    result = check_text("Số của con bé là 0912345678, ai quen thì gọi, xem tinnong24h.xyz/abc", rules, judge)
    reason = next(r for r in result.reasons if r.code == "rule_match")
    assert reason.verdict is Verdict.VERIFY and "with_link" not in reason.fields


def test_an_attached_link_combines_with_the_text() -> None:
    screener = Screener(CachingEngine(), "en")
    alone = screener.judge(ALARM, [], [])
    assert alone.verdict is Verdict.VERIFY
    attached = screener.judge(ALARM, ["https://vcb-xacthuc.top/login"], [])
    assert attached.verdict is Verdict.DONT_SHARE
    reason = next(r for r in attached.reasons if r.code == "rule_match")
    assert reason.fields["combined_link"] == "https://vcb-xacthuc.top/login"
    official = screener.judge(ALARM, ["https://nhandan.vn/x"], [])
    assert official.verdict is Verdict.VERIFY


@pytest.mark.parametrize(
    ("typed", "phrase", "alike"),
    [
        ("chuyen khoan", "chuyển khoản", True),
        ("chuyen khoản", "chuyển khoản", True),  # partly accented
        ("chuyên khoan", "chuyển khoản", True),  # the tone left out, the hat kept
        ("mặt", "mật", False),  # another word
        ("mat", "mật", True),
        ("dươc", "được", True),
        ("chuyen", "chuyển khoản", False),
    ],
)
def test_typed_alike(typed: str, phrase: str, alike: bool) -> None:
    assert typed_alike(typed, phrase) is alike


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Chi cän 20 phut möi ngäy", "chi can 20 phut moi ngay"),
        ("d!eu k!en KH0NG", "dieu kien khong"),
        ("gấp! Gấp!", "gấp! gấp!"),  # a ! after a word ends a sentence
        ("ÄÖÜ", "aou"),
    ],
)
def test_lookalike_vowels_and_leetspeak(text: str, normal: str) -> None:
    assert deep(base(text)).text == normal


@pytest.mark.parametrize("text", ["chuyển khoản gấp 😀 “ok”", "đường link tại ĐÂY", "ascii only", "ß ǅ \ufffd ₫"])
def test_fold_lower_is_fold_one_for_one(text: str) -> None:
    form = deep(base(text)).text
    folded = fold_lower(form)
    assert len(folded) == len(form)
    for a, b in zip(folded, fold(form), strict=True):
        assert a == b or a == "\x1a"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Chuc mung ban da trung thuong 1 xe SH, vui long nop phi van chuyen", "scam-fake-prize"),
        ("Bạn ơi chuyen khoản gấp cho mình 5 triệu", "scam-urgent-transfer"),
        ("Ban oi chuyen giup minh 3 trieu vao tk nay, mai minh tra lien", "scam-borrow-for-account"),
    ],
)
def test_unaccented_and_partly_accented_posts_match(rules: RuleSet, text: str, rule: str) -> None:
    assert rule in {hit.rule.id for hit in rules.find(text)}


@pytest.mark.parametrize("text", ["MAT hết rồi", "Mất hết rồi", "hen gap lai cuoi tuan", "nghe noi mai mua to"])
def test_short_phrases_are_not_folded_alone(rules: RuleSet, text: str) -> None:
    assert rules.find(text) == []
