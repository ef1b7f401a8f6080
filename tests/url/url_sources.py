"""A source list built from the model, for unit tests of the link judge.

The facts are those of ../shared/research/official_sources.research.yaml (the same ids as the
shipped list), so the unit tests do not move when the shipped list gains an outlet; the CLI
tests run against the shipped list itself. One entry is made up for the tests: the Facebook
handle `vov`, to show that `facebook.com/vov` vouches for nothing but itself.
"""

from __future__ import annotations

import datetime as dt

from verifyctl.sources.model import Account, Domain, Impersonator, Source, SourceList, Status, Tier


def _source(
    id: str,
    name: str,
    name_en: str,
    tier: Tier,
    domains: list[Domain],
    accounts: tuple[Account, ...] = (),
    status: Status | None = None,
) -> Source:
    return Source(
        id=id,
        name=name,
        name_en=name_en,
        tier=tier,
        scope="national",
        domains=tuple(domains),
        accounts=accounts,
        status=status or Status(),
    )


def d(host: str, subdomains: bool = True, **kw: object) -> Domain:
    return Domain(host, subdomains, **kw)  # type: ignore[arg-type]


MERGED = dt.date(2025, 7, 1)

SOURCES = SourceList(
    schema_version=1,
    sources=(
        _source(
            "nhan-dan", "Báo Nhân Dân", "Nhan Dan newspaper", "core",
            [d("nhandan.vn"), d("nhandan.com.vn", legacy=True), d("nhandan.org.vn", legacy=True),
             d("daihoidangtoanquoc.vn", False)],
        ),
        _source(
            "ttxvn", "Thông tấn xã Việt Nam", "Vietnam News Agency", "core",
            [d("vnanet.vn"), d("vietnamplus.vn"), d("vietnamnews.vn"), d("bnews.vn", confidence="seen")],
            (Account("youtube", "@vietnamplus"), Account("tiktok", "@vietnamplusnews")),
        ),
        _source(
            "ttxvn-vnews", "Truyền hình Thông tấn", "VNews", "core", [d("vnews.vnanet.vn")],
            status=Status("retired", until=dt.date(2025, 1, 15), successor="vtv"),
        ),
        _source(
            "ttxvn-tin-tuc-dan-toc", "Báo Tin tức và Dân tộc", "Tin tuc va Dan toc", "core",
            [d("baotintuc.vn")],
        ),
        _source(
            "qdnd", "Báo Quân đội nhân dân", "People's Army Newspaper", "core",
            [d("qdnd.vn"), d("quandoinhandan.org.vn", legacy=True)],
        ),
        _source(
            "vtv", "Đài Truyền hình Việt Nam", "Vietnam Television", "core",
            [d("vtv.vn"), d("vtvgo.vn")],
            (
                Account("youtube", "@VTV24", channel_id="UCabsTV34JwALXKGMqHpvUiA", confidence="confirmed"),
                Account("tiktok", "@vtv24news"),
                Account("facebook", "tintucvtv24"),
            ),
        ),
        _source(
            "vov", "Đài Tiếng nói Việt Nam", "Voice of Vietnam", "core",
            [d("vov.vn"), d("vovworld.vn"), d("vovgiaothong.vn")],
            (Account("facebook", "VOV1News", confidence="confirmed"), Account("facebook", "vov", confidence="confirmed")),
        ),
        _source(
            "dcsvn-online", "Báo Điện tử Đảng Cộng sản Việt Nam", "CPV Online Newspaper", "core",
            [d("dangcongsan.vn")],
        ),
        _source(
            "bptv", "Đài Phát thanh - Truyền hình và Báo Bình Phước", "Binh Phuoc Radio-Television and Newspaper", "core",
            [d("baobinhphuoc.com.vn", confidence="seen"), d("bptv.vn", confidence="seen")],
            status=Status("merged", since=dt.date(2019, 10, 28), until=MERGED, successor="dong-nai-media"),
        ),
        _source(
            "dong-nai-media", "Báo và Phát thanh, Truyền hình Đồng Nai", "Dong Nai Newspaper and Radio, Television", "core",
            [d("baodongnai.com.vn"), d("dnrtv.org.vn", legacy=True)],
        ),
        _source(
            "chinh-phu", "Cổng Thông tin điện tử Chính phủ", "Vietnam Government Portal", "government",
            [d("chinhphu.vn"), d("baochinhphu.vn", confidence="seen")],
            (
                Account("facebook", "thongtinchinhphu", confidence="confirmed"),
                Account("facebook", "groups/chinhsachphapluat", confidence="confirmed"),
                Account("zalo", "chinhphu"),
                Account("facebook", channel_id="100064523460412", confidence="confirmed"),
            ),
        ),
        _source("gov-vn", "Tên miền cơ quan nhà nước", "State agencies", "government", [d("gov.vn", suffix=True)]),
        _source(
            "binh-phuoc-gov", "Cổng Thông tin điện tử tỉnh Bình Phước", "Binh Phuoc Provincial Portal", "government",
            [d("binhphuoc.gov.vn")],
            status=Status("merged", until=MERGED, successor="dong-nai-gov"),
        ),
        _source("dong-nai-gov", "Cổng Thông tin điện tử tỉnh Đồng Nai", "Dong Nai Provincial Portal", "government",
                [d("dongnai.gov.vn")]),
        _source("dcsvn-portal", "Cổng Thông tin điện tử Đảng Cộng sản Việt Nam", "CPV Portal", "organization",
                [d("dangcongsan.org.vn")]),
        _source("mttq", "Mặt trận Tổ quốc Việt Nam", "Vietnam Fatherland Front", "organization", [d("mattran.org.vn")]),
        _source("vnexpress", "Báo VnExpress", "VnExpress", "press", [d("vnexpress.net")]),
        _source("tuoi-tre", "Báo Tuổi Trẻ", "Tuoi Tre", "press", [d("tuoitre.vn")]),
        _source("thanh-nien", "Báo Thanh Niên", "Thanh Nien", "press", [d("thanhnien.vn")]),
        _source("lao-dong", "Báo Lao Động", "Lao Dong", "press", [d("laodong.vn")]),
        _source("vtc", "Đài Truyền hình KTS VTC", "VTC", "press", [d("vtc.vn"), d("vtcnews.vn")]),
    ),
    impersonators=(
        Impersonator("nhandanvietnam.com", "nhan-dan", "copies Nhân Dân", ()),
        Impersonator("binhphuoconline.com", None, "re-posts Bình Phước news", ()),
        Impersonator("vnexpressnews.net", "vnexpress", "VAFC-flagged fake", ()),
        Impersonator("203.205.37.201", "bptv", "raw IP serving BPTV content", ()),
    ),
)
