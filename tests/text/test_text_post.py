"""The post verdict: rule matches and every link in the text, judged by the URL check."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifyctl.datafiles import RULES, data_path
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg
from verifyctl.text.check import check_text
from verifyctl.text.links import _URL, _matches, _trimmed, find_links
from verifyctl.text.rules import RuleSet, load_rules
from verifyctl.verdict import Reason, Result, Verdict

OFFICIAL = {"nhandan.vn", "vtv.vn", "baodongnai.com.vn"}


def judge(url: str) -> Result:
    """A small stand-in for the URL check: official hosts share, the rest verify."""
    host = url.split("://")[-1].split("/")[0].removeprefix("www.").lower()
    if host == "bad.vn":
        raise VerifyctlError("malformed URL", url)
    if host in OFFICIAL:
        return Result.of(url, "url", [Reason("official_source", Verdict.SHARE, Msg("chính thống", "official"), {"source_id": host})])
    if host.endswith("-nhandan.vn"):
        return Result.of(url, "url", [Reason("lookalike_domain", Verdict.DONT_SHARE, Msg("giả", "fake"), {"imitates": "nhan-dan"})])
    return Result.of(url, "url", [Reason("unknown_source", Verdict.VERIFY, Msg("lạ", "unknown"), {"host": host})])


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(data_path(RULES))


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Xem tại nhandan.vn/abc.", ["nhandan.vn/abc"]),
        ("link: https://bit.ly/3xYz) và www.vtv.vn, nguồn khác", ["https://bit.ly/3xYz", "www.vtv.vn"]),
        ("(https://vi.wikipedia.org/wiki/A_(b))", ["https://vi.wikipedia.org/wiki/A_(b)"]),
        ("http://báo.vn/x và abc.vn:8080/x?y=1#z", ["http://báo.vn/x", "abc.vn:8080/x?y=1#z"]),
        ("TP.HCM, v.v. gấp.Chia sẻ, 1.000.000đ, file.pdf, email a@gmail.com", []),
    ],
)
def test_links_found_with_spans(text: str, links: list[str]) -> None:
    found = find_links(text)
    assert [link.url for link in found] == links
    assert all(text[link.start : link.end] == link.url for link in found)


PIECES = [*"ab.-/:@ (),htpsw1_?#đ\u00a0\t\n\u2028\x1c", "http://", "www.", ".vn", ".com"]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_links_scanned_word_by_word_as_in_one_pass(text: str) -> None:
    """Only the words with a dot before their end are scanned: the same links as one scan of
    the whole text."""
    whole = [_trimmed(m) for m in _URL.finditer(text)]
    by_word = [_trimmed(m) for m in _matches(text)]
    assert [link for link in by_word if link] == [link for link in whole if link]


@pytest.mark.parametrize(
    ("text", "verdict", "codes"),
    [
        ("Tin của Báo Nhân Dân: https://nhandan.vn/bai-viet", Verdict.SHARE, ["official_source"]),
        ("Xem nhandan.vn/a và vtv.vn/b", Verdict.SHARE, ["official_source", "official_source"]),
        ("Xem nhandan.vn/a và tinhot.xyz/b", Verdict.VERIFY, ["official_source", "unknown_source"]),
        ("Xem tinhot.xyz/b", Verdict.VERIFY, ["unknown_source", "no_source"]),
        ("Hôm nay trời đẹp", Verdict.VERIFY, ["no_source"]),
        ("Đọc tại www.tin-nhandan.vn/x", Verdict.DONT_SHARE, ["lookalike_domain", "no_source"]),
        ("Chuyển khoản gấp, xem nhandan.vn/a", Verdict.DONT_SHARE, ["rule_match", "official_source"]),
        ("Mở http://bad.vn/x ngay", Verdict.VERIFY, ["unreadable_link", "no_source"]),
    ],
)
def test_post_verdict_is_the_worst_of_its_parts(rules: RuleSet, text: str, verdict: Verdict, codes: list[str]) -> None:
    result = check_text(text, rules, judge)
    assert [r.code for r in result.reasons] == codes
    assert result.verdict is verdict
    assert result.kind == "text"


def test_link_reasons_carry_the_link_and_its_span(rules: RuleSet) -> None:
    text = "Nguồn: https://nhandan.vn/x."
    result = check_text(text, rules, judge)
    reason = result.reasons[0]
    assert reason.fields["link"] == "https://nhandan.vn/x"
    start, end = reason.fields["span"]
    assert text[start:end] == "https://nhandan.vn/x"
    assert reason.fields["source_id"] == "nhandan.vn"


def test_every_link_is_judged(rules: RuleSet) -> None:
    seen: list[str] = []
    recording: Callable[[str], Result] = lambda url: (seen.append(url), judge(url))[1]  # noqa: E731
    check_text("a.vn/1 b.com c.net/x?y https://d.org", rules, recording)
    assert seen == ["a.vn/1", "b.com", "c.net/x?y", "https://d.org"]


def test_rule_reason_fields(rules: RuleSet) -> None:
    text = "Ê, cho mình xin mã OTP với. Rồi gửi lại mã OTP nữa."
    reason = check_text(text, rules, judge).reasons[0]
    assert reason.code == "rule_match"
    assert reason.fields["rule"] == "scam-otp-request"
    assert reason.fields["category"] == "scam"
    assert isinstance(reason.fields["advice"], Msg)
    spans = reason.fields["spans"]
    assert len(spans) == 2 and reason.fields["span"] == spans[0]
    assert [text[s:e] for s, e in spans] == ["cho mình xin mã OTP", "gửi lại mã OTP"]


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Chúc mừng bạn đã trúng thưởng, nộp phí vận chuyển để nhận", True),
        ("Bạn đã trúng thưởng. " + "Chúng tôi rất vui. " * 10 + "Vui lòng nộp phí vận chuyển.", False),  # too far apart
        ("mượn tạm 2 triệu", True),
        ("mượn tạm cái xe", False),
    ],
)
def test_combinations_within_words(rules: RuleSet, text: str, fires: bool) -> None:
    assert bool(rules.find(text)) is fires


def test_combination_among_many_hits(rules: RuleSet) -> None:
    text = "mượn tạm " * 2000 + "triệu"
    hits = {hit.rule.id: hit for hit in rules.find(text)}
    start, end = hits["scam-urgent-transfer"].spans[0]
    assert text[start:end].endswith("mượn tạm triệu")
    assert end - start < 60  # the window next to "triệu", not one spanning the post


@pytest.mark.parametrize("broken", ["\udc80", "\ud83d", "\udfff\ud800"])
def test_a_lone_surrogate_is_an_unknown_character_not_a_crash(rules: RuleSet, broken: str) -> None:
    """JSON may escape half an emoji (`\\ud83d`); the text is still checked, and spans still
    point into it. Before, RE2 raised UnicodeEncodeError on such a post."""
    text = f"Số của con bé là 0912345678 {broken} ai quen thì gọi"
    reason = next(r for r in check_text(text, rules, judge).reasons if r.code == "rule_match")
    assert reason.fields["rule"] == "personal-phone-number"
    assert reason.fields["matched"] == "Số của con bé là 0912345678"
