"""The link judge on a source list built from the model: each reason and its fields."""

from __future__ import annotations

from typing import Any

import pytest
from url_sources import SOURCES

from verifyctl.errors import VerifyctlError
from verifyctl.url.check import check_url
from verifyctl.url.judge import UrlJudge

JUDGE = UrlJudge(SOURCES)


def _judge(raw: str) -> tuple[str, str, dict[str, Any]]:
    result = check_url(raw, JUDGE)
    assert len(result.reasons) == 1
    reason = result.reasons[0]
    assert result.verdict == reason.verdict
    return reason.code, reason.verdict.value, dict(reason.fields)


@pytest.mark.parametrize(
    ("raw", "source_id", "tier"),
    [
        ("https://nhandan.vn/chinh-tri/abc-post1.html", "nhan-dan", "core"),
        ("https://en.nhandan.vn/", "nhan-dan", "core"),
        ("NHANDAN.VN./x", "nhan-dan", "core"),
        ("https://www.daihoidangtoanquoc.vn/", "nhan-dan", "core"),
        ("https://amp.daihoidangtoanquoc.vn/", "nhan-dan", "core"),
        ("nhandan.com.vn", "nhan-dan", "core"),
        ("https://vtv.vn/", "vtv", "core"),
        ("https://vov.vn/", "vov", "core"),
        ("https://m.vovworld.vn/en-US/introvov5.vov", "vov", "core"),
        ("https://vnanet.vn/", "ttxvn", "core"),
        ("https://baodongnai.com.vn/english/", "dong-nai-media", "core"),
        ("https://chinhphu.vn/", "chinh-phu", "government"),
        ("https://moj.gov.vn/", "gov-vn", "government"),
        ("https://dongnai.gov.vn/", "dong-nai-gov", "government"),
        ("https://mattran.org.vn/", "mttq", "organization"),
        ("https://vtc.vn/", "vtc", "press"),
        ("https://vnexpress.net/", "vnexpress", "press"),
    ],
)
def test_official_source(raw: str, source_id: str, tier: str) -> None:
    code, verdict, fields = _judge(raw)
    assert (code, verdict, fields["source_id"], fields["tier"]) == ("official_source", "share", source_id, tier)


def test_subdomains_only_where_allowed() -> None:
    assert _judge("https://x.daihoidangtoanquoc.vn/")[0] != "official_source"
    assert _judge("https://gov.vn/")[0] != "official_source"


@pytest.mark.parametrize(
    ("raw", "source_id", "successor", "until"),
    [
        ("https://baobinhphuoc.com.vn/news/1", "bptv", "dong-nai-media", "2025-07-01"),
        ("https://bptv.vn/", "bptv", "dong-nai-media", "2025-07-01"),
        ("https://binhphuoc.gov.vn/", "binh-phuoc-gov", "dong-nai-gov", "2025-07-01"),
        ("https://vnews.vnanet.vn/", "ttxvn-vnews", "vtv", "2025-01-15"),
    ],
)
def test_former_source(raw: str, source_id: str, successor: str, until: str) -> None:
    code, verdict, fields = _judge(raw)
    assert (code, verdict) == ("former_source", "verify")
    assert (fields["source_id"], fields["successor"], fields["until"]) == (source_id, successor, until)


def test_former_source_names_the_successor_and_date() -> None:
    message = check_url("https://baobinhphuoc.com.vn/", JUDGE).reasons[0].message
    assert "Báo và Phát thanh, Truyền hình Đồng Nai" in message.vi
    assert "1/7/2025" in message.vi and "2025-07-01" in message.en
    assert "baodongnai.com.vn" in message.vi


@pytest.mark.parametrize(
    ("raw", "code", "verdict", "source_id"),
    [
        ("https://www.facebook.com/thongtinchinhphu", "official_account", "share", "chinh-phu"),
        ("https://m.facebook.com/ThongTinChinhPhu/posts/123", "official_account", "share", "chinh-phu"),
        ("https://web.facebook.com/thong.tin.chinh.phu", "official_account", "share", "chinh-phu"),
        ("https://mbasic.facebook.com/thongtinchinhphu?ref=x", "official_account", "share", "chinh-phu"),
        ("https://fb.com/thongtinchinhphu", "official_account", "share", "chinh-phu"),
        ("https://www.facebook.com/groups/chinhsachphapluat/posts/1", "official_account", "share", "chinh-phu"),
        ("https://www.facebook.com/profile.php?id=100064523460412", "official_account", "share", "chinh-phu"),
        ("https://www.facebook.com/pages/Thong-tin-Chinh-phu/100064523460412", "official_account", "share", "chinh-phu"),
        ("https://www.facebook.com/vov", "official_account", "share", "vov"),
        ("https://www.youtube.com/@VTV24", "official_account", "share", "vtv"),
        ("https://youtube.com/@vtv24/videos", "official_account", "share", "vtv"),
        ("https://www.youtube.com/channel/UCabsTV34JwALXKGMqHpvUiA", "official_account", "share", "vtv"),
        ("https://www.youtube.com/c/VTV24", "official_account", "share", "vtv"),
        ("https://www.youtube.com/user/vtv24", "official_account", "share", "vtv"),
        ("https://www.tiktok.com/@vtv24news/video/1", "official_account", "verify", "vtv"),
        ("https://zalo.me/chinhphu", "official_account", "verify", "chinh-phu"),
    ],
)
def test_official_account(raw: str, code: str, verdict: str, source_id: str) -> None:
    got = _judge(raw)
    assert (got[0], got[1], got[2]["source_id"]) == (code, verdict, source_id)


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.facebook.com/vovfake2",
        "https://www.facebook.com/someone.else",
        "https://www.youtube.com/channel/UCabsTV34JwALXKGMqHpvUia",  # ids are case-sensitive
        "https://www.tiktok.com/@randomuser",
        "https://zalo.me/0912345678",
        "https://www.facebook.com/watch/?v=123",
        "https://www.youtube.com/watch?v=abc",
        "https://youtu.be/abc",
        "https://www.facebook.com/share/p/abc/",
        "https://www.facebook.com/vtv24news",  # the TikTok handle, on Facebook: not vouched for
    ],
)
def test_unknown_account(raw: str) -> None:
    assert _judge(raw)[:2] == ("unknown_account", "verify")


@pytest.mark.parametrize(
    ("raw", "imitates"),
    [
        ("https://www.facebook.com/thongtinchinhphu.official", "chinh-phu"),
        ("https://www.facebook.com/thongtinchinhphu1", "chinh-phu"),
        ("https://www.facebook.com/thongtinchinhphuu", "chinh-phu"),
        ("https://www.facebook.com/thongtlnchinhphu", "chinh-phu"),
        ("https://www.facebook.com/thongtinchinhphu-vn", "chinh-phu"),
        ("https://www.facebook.com/vov1newss", "vov"),
        ("https://www.tiktok.com/@vtv24news_", "vtv"),
        ("https://www.youtube.com/@vtv24-news", "vtv"),
        ("https://www.facebook.com/groups/chinhsachphapluat.vn", "chinh-phu"),
    ],
)
def test_lookalike_account(raw: str, imitates: str) -> None:
    code, verdict, fields = _judge(raw)
    assert (code, verdict, fields["imitates"]) == ("lookalike_account", "dont_share", imitates)


def test_exact_handles_never_by_prefix() -> None:
    assert _judge("https://www.facebook.com/vov")[0] == "official_account"
    assert _judge("https://www.facebook.com/vovfake")[0] != "official_account"


@pytest.mark.parametrize(
    ("raw", "imitates", "kind"),
    [
        ("https://nhạndan.vn/", "nhan-dan", "homoglyph"),
        ("https://nhândân.vn/", "nhan-dan", "homoglyph"),
        ("https://xn--nhndan-xc8b.vn/", "nhan-dan", "homoglyph"),
        ("https://nhаndan.vn/", "nhan-dan", "homoglyph"),  # Cyrillic а
        ("https://vτv.vn/", "vtv", "homoglyph"),  # Greek tau
        ("https://nhandarn.vn/", "nhan-dan", "typosquat"),
        ("https://nhandan.com/", "nhan-dan", "tld_swap"),
        ("https://nhandan.id.vn/", "nhan-dan", "tld_swap"),
        ("https://nhandan.net.vn/", "nhan-dan", "tld_swap"),
        ("https://vtv.com.vn/", "vtv", "tld_swap"),
        ("https://dangcongsan.org/", "dcsvn-portal", "tld_swap"),
        ("https://dangcongsan.com/", "dcsvn-online", "tld_swap"),
        ("https://nhan-dan.vn/", "nhan-dan", "hyphenation"),
        ("https://tuoi-tre.com/", "tuoi-tre", "hyphenation"),
        ("https://nhandan-news.com/", "nhan-dan", "combosquat"),
        ("https://tin-nhandan.net/", "nhan-dan", "combosquat"),
        ("https://baonhandan24h.com/", "nhan-dan", "combosquat"),
        ("https://vtv24h.com/", "vtv", "combosquat"),
        ("https://binhphuoc-gov.com/", "binh-phuoc-gov", "combosquat"),
        ("https://nhandan.vn.example.xyz/", "nhan-dan", "embedded"),
        ("https://nhan.dan.vn/", "nhan-dan", "embedded"),
        ("https://nhandan-vn.com/", "nhan-dan", "embedded"),
        ("https://nhandanvn.net/", "nhan-dan", "embedded"),
        ("https://nhandan.blogspot.com/", "nhan-dan", "embedded"),
        ("https://vnexpress.net.tin-moi.xyz/", "vnexpress", "embedded"),
        ("http://nhandan.vn%2eevil.com/", "nhan-dan", "embedded"),
        ("http://nhandan.vn。evil.com/", "nhan-dan", "embedded"),
        ("https://nhadan.vn/", "nhan-dan", "typosquat"),
        ("https://nhandna.vn/", "nhan-dan", "typosquat"),
        ("https://nhanddan.vn/", "nhan-dan", "typosquat"),
        ("https://nhandaan.com/", "nhan-dan", "typosquat"),
        ("https://nhendan.vn/", "nhan-dan", "typosquat"),
        ("https://vtb.vn/", "vtv", "typosquat"),
        ("https://vvtv.vn/", "vtv", "typosquat"),
        ("https://qdn.vn/", "qdnd", "typosquat"),
        ("https://chinhphuu.vn/", "chinh-phu", "typosquat"),
        ("https://baodongnal.com.vn/", "dong-nai-media", "typosquat"),
        ("https://baodongnaj.com.vn/", "dong-nai-media", "typosquat"),
    ],
)
def test_lookalike_domain(raw: str, imitates: str, kind: str) -> None:
    code, verdict, fields = _judge(raw)
    assert (code, verdict, fields["imitates"], fields["kind"]) == ("lookalike_domain", "dont_share", imitates, kind)


@pytest.mark.parametrize(
    "raw",
    [
        "https://qtv.vn/",  # Quảng Ninh's broadcaster: one edit from vtv, but no typist's edit
        "https://htv.com.vn/",
        "https://vtcnews.vn/",
        "https://dongnai.com/",  # a place name, not the portal
        "https://dongnaitourist.com.vn/",
        "https://laodongthudo.vn/",
        "https://x.daihoidangtoanquoc.vn/",
        "https://example.com/",
        "https://evil.com\\@nhandan.vn/",
        "https://evil.xyz/?u=https://nhandan.vn/",
        "https://nhandan.vn#@evil.com",
    ],
)
def test_not_a_lookalike(raw: str) -> None:
    assert _judge(raw)[0] not in ("lookalike_domain",)


@pytest.mark.parametrize(
    ("raw", "imitates"),
    [
        ("https://nhandanvietnam.com/canh-bao", "nhan-dan"),
        ("https://www.nhandanvietnam.com/", "nhan-dan"),
        ("https://vnexpressnews.net/", "vnexpress"),
        ("http://203.205.37.201/tin-tuc/bptv.html", "bptv"),
        ("https://binhphuoconline.com/2019/10/x.html", None),
    ],
)
def test_blocklisted(raw: str, imitates: str | None) -> None:
    code, verdict, fields = _judge(raw)
    assert (code, verdict, fields.get("imitates")) == ("blocklisted", "dont_share", imitates)


@pytest.mark.parametrize(
    "raw", ["https://bit.ly/3abc", "https://tinyurl.com/x", "t.co/abc", "https://fb.watch/abc/", "https://vt.tiktok.com/ZS/"]
)
def test_shortened_link(raw: str) -> None:
    assert _judge(raw)[:2] == ("shortened_link", "verify")


@pytest.mark.parametrize(
    "raw", ["http://2130706433/", "http://0x7f.1/", "http://[::ffff:127.0.0.1]/", "http://8.8.8.8/nhandan.vn", "1.2.3.4/x"]
)
def test_ip_address_is_never_official(raw: str) -> None:
    assert _judge(raw)[:2] == ("ip_address", "verify")


@pytest.mark.parametrize("raw", ["https://example.com/", "https://wikipedia.org/wiki/Vietnam", "https://evil.com\\@nhandan.vn/"])
def test_unknown_source(raw: str) -> None:
    code, verdict, fields = _judge(raw)
    assert (code, verdict) == ("unknown_source", "verify")
    assert fields["host"] != "nhandan.vn"


def test_result_fields() -> None:
    result = check_url("  HTTP://NHANDAN.VN./a/../b#x  ", JUDGE)
    assert result.target == "  HTTP://NHANDAN.VN./a/../b#x  "
    assert result.fields["url"] == "http://nhandan.vn./b#x"
    assert result.fields["canonical"] == "http://nhandan.vn/b"


def test_bad_link_raises_the_one_error_type() -> None:
    with pytest.raises(VerifyctlError):
        check_url("javascript:alert(1)", JUDGE)
