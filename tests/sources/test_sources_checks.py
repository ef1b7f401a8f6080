"""Every validator check, table-driven: a one-line change to a valid list and the line it is
reported on."""

from __future__ import annotations

import pytest
from sources_cases import BASE, TODAY, broken

from verifyctl.sources.checks import CHECKS
from verifyctl.sources.validate import validate_text


def problems(text: str, max_age: int = 365) -> list[tuple[int, str, str]]:
    return [(p.line, p.check, p.level) for p in validate_text(text, "t.yaml", today=TODAY, max_age=max_age)]


def test_base_is_clean() -> None:
    assert problems(BASE) == []


CASES = [
    # (check, old, new, line, level)
    ("syntax", "    name: Báo Beta\n", '    name: "Báo Beta\n', 33, "error"),
    ("syntax", "    tier: press\n", "    tier: press\n    tier: core\n", 36, "error"),
    ("syntax", "schema_version: 1\n", "schema_version: &v 1\nx: *v\n", 2, "error"),
    ("schema", "schema_version: 1", "schema_version: 2", 1, "error"),
    ("schema", "    tier: press", "    tier: tabloid", 35, "error"),
    ("schema", "        subdomains: true\n      - host: alpha-old", "        subdomains: yes please\n      - host: alpha-old", 10, "error"),
    ("schema", "    verified_on: 2026-11-01\n  - id: beta", "    verified_on: 1 Nov 2026\n  - id: beta", 31, "error"),
    ("schema", "    name_en: Beta newspaper\n", "", 32, "error"),
    ("schema", "  - id: beta", "  - id: Beta_2", 32, "error"),
    ("unknown-key", "    scope: provincial", "    scope: provincial\n    kind: press", 37, "error"),
    ("include", "schema_version: 1\n", "schema_version: 1\ninclude: [no-such-part.yaml]\n", 2, "error"),
    ("duplicate-id", "  - id: beta", "  - id: alpha", 32, "error"),
    ("duplicate-host", "      - host: beta.vn", "      - host: Alpha.VN", 39, "error"),
    ("duplicate-host", "      - host: beta.vn", "      - host: www.alpha.vn", 39, "error"),
    ("duplicate-host", "      - host: beta.vn", "      - host: ALPHA.vn.", 39, "error"),
    ("host-url", "      - host: beta.vn", "      - host: https://beta.vn/tin", 39, "error"),
    ("host-url", "      - host: beta.vn", "      - host: beta.vn:8080", 39, "error"),
    ("host-ip", "      - host: beta.vn", "      - host: 203.0.113.9", 39, "error"),
    ("host-invalid", "      - host: beta.vn", "      - host: beta_news.vn", 39, "error"),
    ("host-public-suffix", "      - host: beta.vn", "      - host: com.vn", 39, "error"),
    ("host-public-suffix", "      - host: beta.vn", "      - host: id.vn", 39, "error"),
    ("host-public-suffix", "      - host: beta.vn", "      - host: vn", 39, "error"),
    ("host-public-suffix", "      - host: beta.vn\n", "      - host: beta.vn\n        suffix: true\n", 39, "error"),
    ("host-platform", "      - host: beta.vn", "      - host: facebook.com", 39, "error"),
    ("host-platform", "      - host: beta.vn", "      - host: youtu.be", 39, "error"),
    ("host-not-canonical", "      - host: beta.vn", "      - host: Beta.vn.", 39, "warning"),
    ("listed-and-impersonator", "  - host: alphanews.com", "  - host: beta.vn", 46, "error"),
    ("listed-and-impersonator", "  - host: alpho.vn", "  - host: alphanews.com", 46, "error"),
    ("unknown-reference", "    parent: alpha", "    parent: gamma", 37, "error"),
    ("unknown-reference", "    imitates: alpha", "    imitates: gamma", 47, "error"),
    ("missing-successor", "      successor: beta", "      successor: gamma", 28, "error"),
    ("missing-successor", "      successor: beta\n", "", 25, "error"),
    ("missing-until", "      until: 2025-07-01\n", "", 25, "error"),
    ("missing-until", "      state: merged\n      since: 2019-10-28\n      until: 2025-07-01\n", "      state: retired\n      since: 2019-10-28\n", 25, "error"),
    ("status-dates", "      since: 2019-10-28", "      since: 2025-08-01", 27, "error"),
    ("status-dates", "{state: active, since: 2025-07-01}", "{state: active, until: 2025-07-01}", 41, "error"),
    ("handle-platform", "        handle: baoalpha", "        handle: \"@baoalpha\"", 16, "error"),
    ("handle-platform", "        handle: baoalpha", "        handle: facebook.com/baoalpha", 16, "error"),
    ("handle-platform", '        handle: "@alphatv"', "        handle: alphatv", 20, "error"),
    ("handle-platform", "        channel_id: UCabsTV34JwALXKGMqHpvUiA", "        channel_id: UC123", 21, "error"),
    ("handle-platform", "        handle: baoalpha\n", "", 15, "error"),
    ("duplicate-account", "        evidence: [https://alpha.vn/about]\n", '        evidence: [https://alpha.vn/about]\n      - {platform: youtube, handle: "@AlphaTV", confidence: seen, evidence: [x]}\n', 24, "error"),
    ("missing-evidence", "    evidence: [https://beta.vn/gioi-thieu]", "    evidence: [the editor told us]", 42, "error"),
    ("missing-evidence", "        evidence: [https://alpha.vn/about]", "        evidence: [a screenshot]", 23, "error"),
    ("missing-evidence", "    evidence: [https://beta.vn/gioi-thieu]", "    evidence: [https://beta.vn/gioi-thieu, https:// broken]", 42, "error"),
    ("stale", "    verified_on: 2026-11-01\n  - id: beta", "    verified_on: 2024-01-01\n  - id: beta", 31, "warning"),
    ("stale", "    verified_on: 2026-11-01\n  - id: beta", "    verified_on: 2027-01-01\n  - id: beta", 31, "error"),
]


@pytest.mark.parametrize(("check", "old", "new", "line", "level"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_check_reports_its_line(check: str, old: str, new: str, line: int, level: str) -> None:
    found = problems(broken(old, new))
    assert (line, check, level) in found, found


def test_every_check_has_a_case() -> None:
    assert {case[0] for case in CASES} == {c for c in CHECKS if not c.startswith("online-")}


def test_max_age_is_configurable() -> None:
    text = broken("    verified_on: 2026-11-01\n  - id: beta", "    verified_on: 2025-06-01\n  - id: beta")
    assert (31, "stale", "warning") in problems(text)
    assert problems(text, max_age=600) == []


def test_unicode_and_alabel_hosts_compare_equal() -> None:
    text = broken("      - host: alpha.vn", "      - host: bình.vn")
    text = text.replace("      - host: beta.vn", "      - host: xn--bnh-nma.vn")
    assert (39, "duplicate-host", "error") in problems(text)


def test_impersonator_may_be_an_ip_but_a_source_may_not() -> None:
    assert all(check != "host-ip" for _, check, _ in problems(BASE))


def test_blanking_does_not_invent_missing_keys() -> None:
    """After a syntax error on a required key's line, the key's absence is not reported too."""
    found = problems(broken("    name_en: Beta newspaper", '    name_en: "Beta'))
    assert [check for _, check, _ in found] == ["syntax"]


@pytest.mark.parametrize(
    "text",
    ["", "[]\n", "- 1\n", "schema_version: 1\nsources: 3\n", "sources:\n  - 7\n  - {domains: 3, status: []}\n",
     "schema_version: 1\nsources:\n  - {id: a, domains: [{host: 5}], accounts: [{platform: zalo, handle: []}], status: {state: merged, successor: 9}}\n",
     "\t\x00", "a: [\n"],
)
def test_garbage_gives_problems_not_exceptions(text: str) -> None:
    found = validate_text(text, "g.yaml", today=TODAY)
    assert found and all(p.line >= 1 for p in found)
