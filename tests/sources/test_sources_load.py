"""The shipped list loads into the model, holds every outlet the issue names, and a list
that does not fit the schema is refused with its line."""

from __future__ import annotations

import datetime as dt
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from cli_support import REPO, copy_list
from verifyctl.datafiles import SOURCES, data_path
from verifyctl.errors import DataFileError
from verifyctl.sources.load import load_sources, shipped_sources

SHIPPED = REPO / "data" / "official_sources.yaml"

# The outlets issue 2 names, by id and one host each (tier in brackets).
EXPECTED = {
    "nhan-dan": ("nhandan.vn", "core"),
    "ttxvn": ("vietnamplus.vn", "core"),
    "ttxvn-tin-tuc-dan-toc": ("baotintuc.vn", "core"),
    "qdnd": ("qdnd.vn", "core"),
    "vtv": ("vtv.vn", "core"),
    "vov": ("vov.vn", "core"),
    "dcsvn-online": ("dangcongsan.vn", "core"),
    "dcsvn-portal": ("dangcongsan.org.vn", "organization"),
    "chinh-phu": ("chinhphu.vn", "government"),
    "mttq": ("mattran.org.vn", "organization"),
    "bptv": ("baobinhphuoc.com.vn", "core"),
    "dong-nai-media": ("baodongnai.com.vn", "core"),
    "binh-phuoc-gov": ("binhphuoc.gov.vn", "government"),
    "dong-nai-gov": ("dongnai.gov.vn", "government"),
    "gov-vn": ("gov.vn", "government"),
    "vnexpress": ("vnexpress.net", "press"),
    "tuoi-tre": ("tuoitre.vn", "press"),
    "thanh-nien": ("thanhnien.vn", "press"),
    "dan-tri": ("dantri.com.vn", "press"),
    "vietnamnet": ("vietnamnet.vn", "press"),
    "lao-dong": ("laodong.vn", "press"),
    "tien-phong": ("tienphong.vn", "press"),
    "phap-luat-tphcm": ("plo.vn", "press"),
    "nguoi-lao-dong": ("nld.com.vn", "press"),
    "sggp": ("sggp.org.vn", "press"),
    "ha-noi-moi": ("hanoimoi.vn", "press"),
    "cand": ("cand.com.vn", "press"),
    "znews": ("znews.vn", "press"),
    "vtc": ("vtc.vn", "press"),
}


@pytest.fixture(scope="module")
def shipped() -> object:
    return load_sources(SHIPPED)


@pytest.mark.parametrize(("source_id", "host", "tier"), [(k, *v) for k, v in EXPECTED.items()])
def test_named_outlets_are_listed(shipped: object, source_id: str, host: str, tier: str) -> None:
    source = shipped.by_id(source_id)  # type: ignore[attr-defined]
    assert source is not None
    assert source.tier == tier
    assert host in {d.host for d in source.domains}
    assert any(e.startswith(("http://", "https://")) for e in source.evidence)


def test_bptv_merged_into_dong_nai(shipped: object) -> None:
    bptv = shipped.by_id("bptv")  # type: ignore[attr-defined]
    assert bptv.status.state == "merged"
    assert bptv.status.until == dt.date(2025, 7, 1)
    assert bptv.status.successor == "dong-nai-media"
    assert bptv.status.active_on(dt.date(2024, 5, 1))
    assert not bptv.status.active_on(dt.date(2025, 7, 1))
    assert [p.id for p in shipped.predecessors("dong-nai-media")] == ["bptv", "dong-nai-radio-tv"]  # type: ignore[attr-defined]


def test_gov_vn_is_a_suffix_entry(shipped: object) -> None:
    (domain,) = shipped.by_id("gov-vn").domains  # type: ignore[attr-defined]
    assert domain.suffix and domain.subdomains and domain.host == "gov.vn"


def test_only_confirmed_accounts_have_url_evidence(shipped: object) -> None:
    accounts = [a for s in shipped.sources for a in s.accounts]  # type: ignore[attr-defined]
    confirmed = {a.handle for a in accounts if a.confidence == "confirmed"}
    assert confirmed == {"thongtinchinhphu", "groups/chinhsachphapluat"}
    for account in accounts:
        if account.confidence == "confirmed":
            assert any(e.startswith("https://") for e in account.evidence)


def test_impersonators_and_not_lookalikes(shipped: object) -> None:
    hosts = {i.host: i.imitates for i in shipped.impersonators}  # type: ignore[attr-defined]
    assert hosts["vnexpressnews.net"] == "vnexpress"
    assert hosts["tuoi-tre.com"] == "tuoi-tre"
    assert "203.205.37.201" in hosts
    assert "ctv.vn" in shipped.not_lookalikes  # type: ignore[attr-defined]
    assert shipped.by_host("vov2.vn").id == "vov"  # type: ignore[union-attr]  (VOV2 is VOV's own)


def test_hosts_are_a_labels_in_lower_case(shipped: object) -> None:
    for source in shipped.sources:  # type: ignore[attr-defined]
        for domain in source.domains:
            assert domain.host == domain.host.lower().strip(".")
            assert domain.host.isascii()


def test_shipped_data_found_through_the_package() -> None:
    path = data_path(SOURCES)
    assert path.is_file()
    assert shipped_sources().sources
    packaged = resources.files("verifyctl") / "data" / SOURCES
    assert path.resolve() == SHIPPED.resolve() or packaged.is_file()


@pytest.mark.parametrize("written", ["tiềnphong.vn", unicodedata.normalize("NFD", "TIỀNPHONG.vn."), "xn--tinphong-w50d.vn"])
def test_unicode_host_is_stored_as_alabel(tmp_path: Path, written: str) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("host: tienphong.vn", f"host: {written}")
    path = copy_list(tmp_path)
    path.write_text(text, encoding="utf-8")
    hosts = {d.host for d in load_sources(path).by_id("tien-phong").domains}  # type: ignore[union-attr]
    assert hosts == {"xn--tinphong-w50d.vn"}


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("schema_version: 1", "schema_version: 9", ":{}:1"),
        ("    tier: core\n    scope: national\n    domains:\n      - host: nhandan.vn", "    tier: kore\n    scope: national\n    domains:\n      - host: nhandan.vn", ":{}:5"),
        ("      - host: nhandan.vn\n", "      - hots: nhandan.vn\n", ":{}:9"),
        ("schema_version: 1", "schema_version: [1", ":{}:17"),
        ("    verified_on: 2026-11-29\n\n  - id: ttxvn", "    verified_on: 2026-11-29\n    verified_on: 2026-11-29\n\n  - id: ttxvn", ":"),
    ],
)
def test_bad_list_refused_with_line(tmp_path: Path, old: str, new: str, where: str) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = copy_list(tmp_path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_sources(path)
    # The line of the edit, counted in the file as it is (the list's head grows): the key that
    # differs is on the first changed line of `old`.
    changed = next(i for i, (a, b) in enumerate(zip(old.splitlines(), new.splitlines(), strict=False)) if a != b)
    line = text[: text.index(old)].count("\n") + 1 + changed
    assert f"{path}{where.format(line)}" in str(info.value)


def test_invalid_utf8_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"schema_version: 1\nsources: [\xff]\n")
    with pytest.raises(Exception, match=r"bad.yaml:2:\d+: invalid UTF-8"):
        load_sources(path)


def test_compiled_list_round_trips(tmp_path: Path) -> None:
    from verifyctl.sources.compiled import compile_file, compiled_path

    path = copy_list(tmp_path)
    compile_file(path, compiled_path(path))
    compiled = load_sources(path)
    target = compiled_path(path)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('"Báo Nhân Dân"', '"from the JSON"', 1), encoding="utf-8")
    assert load_sources(path).by_id("nhan-dan").name == "from the JSON"  # type: ignore[union-attr]
    target.unlink()
    assert compiled == load_sources(path)


def test_stale_compiled_list_is_ignored(tmp_path: Path) -> None:
    from verifyctl.sources.compiled import compile_file, compiled_path

    path = copy_list(tmp_path)
    compile_file(path, compiled_path(path))
    path.write_text(SHIPPED.read_text(encoding="utf-8").replace("name: Báo Nhân Dân", "name: Báo Nhân Dân (sửa)"), encoding="utf-8")
    assert load_sources(path).by_id("nhan-dan").name == "Báo Nhân Dân (sửa)"  # type: ignore[union-attr]
    compiled_path(path).write_text("{not json", encoding="utf-8")
    assert load_sources(path).by_id("nhan-dan") is not None
