"""`verifyctl serve`'s HTTP API, over HTTP to the real server process: the same objects as
`check --format json`, bad input answered with JSON errors, and nothing kept of what is sent."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serve_support import Server, cli_env, make_png, running

from cli_support import REPO, verifyctl_command

MARKER = "zq7marker"  # in what the tests submit; must never reach the log


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp_path_factory.mktemp("serve"), "--rate-limit", "0", "--log-every", "0.3") as srv:
        yield srv


def check_json(*args: str, cwd: Path | None = None) -> list[dict[str, object]]:
    proc = subprocess.run(
        [*verifyctl_command(), "check", "--format", "json", *args],
        capture_output=True, text=True, env=cli_env(), cwd=cwd, check=False, timeout=120,
    )  # fmt: skip
    assert proc.returncode in (0, 1, 2), proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


TARGETS = [
    ("https://nhandan.vn/chinh-tri/bai-viet-1.html", None),  # official
    ("baobinhphuoc.com.vn/tin-tuc/abc", None),  # merged outlet: successor named
    ("https://nhandar.vn/thoi-su", None),  # lookalike
    ("https://bit.ly/3abcdEf", None),  # short link, offline
    ("http://0x7f.1/admin", None),  # an IP address in another notation
    ("https://www.facebook.com/thongtinchinhphu/posts/1", None),  # official account
    ("Bạn ơi chuyển khoản gấp cho mình 5 triệu, mình đang kẹt quá", None),  # scam script
    (f"Tin nóng {MARKER}: xem tại https://nhandan.vn/x và vtv.vn", None),  # post with links
    ("nhandan.vn", "text"),  # forced kind
    ("pdq:" + "ab" * 32, None),  # a hash string is an image target
]


@pytest.mark.parametrize(("target", "as_kind"), TARGETS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_api_answers_what_check_prints(server: Server, target: str, as_kind: str | None, lang: str) -> None:
    body: dict[str, str] = {"target": target}
    if as_kind:
        body["as"] = as_kind
    with server.client() as http:
        answer = http.post(f"/api/check?lang={lang}", json=body)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    expected = check_json("--lang", lang, *(["--as", as_kind] if as_kind else []), target)
    assert answer.json() == expected[0]


def test_language_follows_accept_language(server: Server) -> None:
    with server.client() as http:
        english = http.post("/api/check", json={"target": "nhandan.vn"}, headers={"Accept-Language": "en-GB,en;q=0.9"})
        default = http.post("/api/check", json={"target": "nhandan.vn"}, headers={"Accept-Language": "fr"})
    assert english.json() == check_json("--lang", "en", "nhandan.vn")[0]
    assert default.json() == check_json("--lang", "vi", "nhandan.vn")[0]


def test_batch_answers_a_list_with_bad_items_in_place(server: Server) -> None:
    targets = ["https://vtv.vn/a", "nhandan-news.com/b", "Chuyển tiền gấp cho em 2 triệu nhé"]
    with server.client() as http:
        answer = http.post("/api/check", json={"targets": [targets[0], 42, targets[1], "", targets[2]]})
    assert answer.status_code == 200
    got = answer.json()
    assert len(got) == 5
    expected = check_json(*targets)
    assert [got[0], got[2], got[4]] == expected
    for bad, shown, where in ((got[1], "42", "targets[1]"), (got[3], "", "targets[3]")):
        assert bad["verdict"] == "error" and bad["target"] == shown
        assert bad["reasons"][0]["code"] == "invalid_input" and where in bad["reasons"][0]["message"]


def test_picture_upload_answers_what_check_prints(server: Server, tmp_path: Path) -> None:
    picture = make_png(tmp_path / "anh-chup.png")
    with server.client() as http:
        answer = http.post("/api/check", files={"picture": ("anh-chup.png", picture.read_bytes(), "image/png")})
    assert answer.status_code == 200
    assert answer.json() == check_json("anh-chup.png", cwd=tmp_path)[0]
    assert answer.json()["kind"] == "image"


def test_a_corrupt_picture_is_an_error_record_as_in_check(server: Server, tmp_path: Path) -> None:
    cut = make_png(tmp_path / "cut.png").read_bytes()[:120]
    (tmp_path / "cut.png").write_bytes(cut)
    with server.client() as http:
        answer = http.post("/api/check", files={"picture": ("cut.png", cut, "image/png")})
    assert answer.status_code == 200
    assert answer.json() == check_json("cut.png", cwd=tmp_path)[0]
    assert answer.json()["verdict"] == "error"


def test_a_path_on_the_server_is_never_read(server: Server) -> None:
    """`check` reads an image file it is given by name; a stranger's text naming a file on
    the server stays text (no hash of it, no hint that it exists)."""
    inside = str(REPO / "tests" / "image" / "data" / "misc-images_small.jpg")
    with server.client() as http:
        answer = http.post("/api/check", json={"target": inside})
        forced = http.post("/api/check", json={"target": inside, "as": "image"})
    assert answer.json()["kind"] == "text"
    assert forced.status_code == 400 and forced.json()["error"]["code"] == "bad_as"


def _error(answer: httpx.Response, status: int, code: str) -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/json"
    error = answer.json()["error"]
    assert error["status"] == status and error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    return str(error["message"])


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (b'{"target": ', {"content-type": "application/json"}, 400, "invalid_json"),
        (b"\xff\xfe{}", {"content-type": "application/json"}, 400, "invalid_json"),
        (b"", {"content-type": "application/json"}, 400, "invalid_json"),
        (b'["https://nhandan.vn"]', {"content-type": "application/json"}, 400, "bad_request"),
        (b'{"url": "https://nhandan.vn"}', {"content-type": "application/json"}, 400, "bad_request"),
        (b'{"target": "   "}', {"content-type": "application/json"}, 400, "no_target"),
        (b'{"target": "x.vn", "as": "video"}', {"content-type": "application/json"}, 400, "bad_as"),
        (b'{"targets": []}', {"content-type": "application/json"}, 400, "bad_request"),
        (b'{"targets": "nhandan.vn"}', {"content-type": "application/json"}, 400, "bad_request"),
        (b"target=nhandan.vn", {"content-type": "text/plain"}, 415, "unsupported_media_type"),
        (b"target=nhandan.vn", {"content-type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"),
        (b'{"target": "nhandan.vn"}', {}, 415, "unsupported_media_type"),
        (b"--x\r\nbroken", {"content-type": "multipart/form-data"}, 400, "bad_form"),
    ],
)
def test_bad_requests_get_json_errors(
    server: Server, content: bytes, headers: dict[str, str], status: int, code: str
) -> None:
    with server.client() as http:
        _error(http.post("/api/check", content=content, headers=headers), status, code)


def test_a_picture_and_a_target_in_one_api_request_are_refused(server: Server, tmp_path: Path) -> None:
    picture = make_png(tmp_path / "a.png").read_bytes()
    with server.client() as http:
        both = http.post("/api/check", data={"target": "nhandan.vn"}, files={"picture": ("a.png", picture, "image/png")})
        text_only = http.post("/api/check", data={"target": "nhandan.vn", "as": "url"}, files={"picture": ("", b"", "")})
    _error(both, 400, "bad_request")
    assert text_only.json() == check_json("--as", "url", "nhandan.vn")[0]


def test_too_many_targets(server: Server) -> None:
    with server.client() as http:
        _error(http.post("/api/check", json={"targets": ["nhandan.vn"] * 101}), 400, "bad_request")


def test_a_huge_body_is_refused_with_413(server: Server) -> None:
    huge = json.dumps({"target": "x" * (2 << 20)}).encode()
    with server.client() as http:
        message = _error(http.post("/api/check", content=huge, headers={"content-type": "application/json"}), 413, "too_large")
    assert "1048576" in message


def test_a_huge_body_without_a_length_is_cut_off_with_413(server: Server) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"target": "'
        for _ in range(40):
            yield b"y" * 65536
        yield b'"}'

    with server.client() as http:
        _error(http.post("/api/check", content=chunks(), headers={"content-type": "application/json"}), 413, "too_large")


def test_a_huge_picture_is_refused_with_413(server: Server) -> None:
    big = b"\x89PNG\r\n\x1a\n" + bytes(11 << 20)
    with server.client() as http:
        _error(http.post("/api/check", files={"picture": ("big.png", big, "image/png")}), 413, "too_large")


@pytest.mark.parametrize(
    ("name", "data"),
    [("notes.txt", "chỉ là chữ, không phải ảnh".encode()), ("fake.jpg", b"<html><script>alert(1)</script>"), ("x.pdf", b"%PDF-1.7\n")],
)
def test_a_non_image_upload_is_refused_with_415(server: Server, name: str, data: bytes) -> None:
    with server.client() as http:
        _error(http.post("/api/check", files={"picture": (name, data, "image/jpeg")}), 415, "not_an_image")


def test_wrong_method_and_unknown_path_are_json_errors(server: Server) -> None:
    with server.client() as http:
        _error(http.get("/api/check"), 405, "method_not_allowed")
        _error(http.get("/no-such-page"), 404, "not_found")


def test_healthz_reports_the_data_versions(server: Server) -> None:
    with server.client() as http:
        answer = http.get("/healthz")
    assert answer.status_code == 200
    health = answer.json()
    assert health["status"] == "ok" and health["online"] is False
    rules_version = next(
        line.split(":", 1)[1].strip().strip('"')
        for line in (REPO / "data" / "rules.yaml").read_text(encoding="utf-8").splitlines()
        if line.startswith("version:")
    )
    assert health["data"]["rules"]["version"] == rules_version
    assert health["data"]["sources"]["schema_version"] == 1 and health["data"]["sources"]["sources"] > 10
    assert len(health["data"]["hashes"]["sha256"]) == 64


def test_security_headers_on_every_answer(server: Server) -> None:
    with server.client() as http:
        answers = [http.get("/"), http.get("/healthz"), http.post("/api/check", content=b"x"), http.get("/nope")]
    for answer in answers:
        csp = answer.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "script-src" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["x-robots-tag"] == "noindex, nofollow"
        assert "server" not in answer.headers


def test_nothing_submitted_is_logged_or_written(server: Server, tmp_path: Path) -> None:
    """After links, posts, a batch, the page and a picture that all carry a marker, the log
    has counts and timings only, and the server left no file anywhere it could write."""
    picture = make_png(tmp_path / f"{MARKER}.png", seed=11, size=(800, 600), block=1)
    assert picture.stat().st_size > 1 << 20
    with server.client() as http:
        assert http.post("/api/check", json={"target": f"https://{MARKER}.vn/a"}).status_code == 200
        assert http.post("/api/check", json={"targets": [f"{MARKER} chuyển khoản gấp"]}).status_code == 200
        assert http.get("/", params={"target": f"{MARKER}.com"}).status_code == 200
        assert http.post("/api/check", content=f'{{"target": "{MARKER}', headers={"content-type": "application/json"}).status_code == 400
        files = {"picture": (picture.name, picture.read_bytes(), "image/png")}
        assert http.post("/", data={"target": f"{MARKER} tin"}, files=files).status_code == 200
        assert http.get(f"/{MARKER}").status_code == 404
    time.sleep(1.0)  # a summary line every 0.3 s
    log = server.log_text()
    assert MARKER not in log
    assert re.search(r"\d+ requests in [\d.]+ s: .*POST /api/check 200 ×\d+", log)
    assert re.search(r"GET \(other\) 404 ×\d+", log) and "POST /api/check 400 ×" in log
    assert re.search(r"; \d+ checks; latency p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms", log)
    assert list(server.cwd.iterdir()) == [] and list(server.tmp.iterdir()) == []


def test_rate_limit_answers_429(tmp_path: Path) -> None:
    with running(tmp_path, "--rate-limit", "3") as srv, srv.client() as http:
        codes = [http.post("/api/check", json={"target": "nhandan.vn"}).status_code for _ in range(3)]
        refused = http.post("/api/check", json={"target": "nhandan.vn"})
        page = http.get("/", params={"target": "nhandan.vn"})
        health = http.get("/healthz")
    assert codes == [200, 200, 200]
    _error(refused, 429, "rate_limited")
    assert int(refused.headers["retry-after"]) >= 1
    assert page.status_code == 429 and 'role="alert"' in page.text and int(page.headers["retry-after"]) >= 1
    assert health.status_code == 200  # the health check is never limited


def test_forwarded_clients_are_limited_apart_only_behind_a_trusted_proxy(tmp_path: Path) -> None:
    def statuses(srv: Server) -> list[int]:
        with srv.client() as http:
            return [
                http.post("/api/check", json={"target": "vtv.vn"}, headers={"X-Forwarded-For": client}).status_code
                for client in ("203.0.113.5", "203.0.113.5", "198.51.100.7")
            ]

    with running(tmp_path / "proxied", "--rate-limit", "1", "--forwarded-allow-ips", "127.0.0.1") as srv:
        assert statuses(srv) == [200, 429, 200]
    with running(tmp_path / "direct", "--rate-limit", "1") as srv:
        assert statuses(srv) == [200, 429, 429]  # X-Forwarded-For from an untrusted peer is ignored


def test_root_path_and_two_workers(tmp_path: Path) -> None:
    """The proxy strips /kiemtra before passing a request on (docs/serve.md); the page's
    own addresses put it back, so the browser's next request goes through the proxy."""
    sources = tmp_path / "nguon.yaml"
    sources.write_bytes((REPO / "data" / "official_sources.yaml").read_bytes())
    if (REPO / "data" / "sources").is_dir():  # the files the list includes, beside it
        shutil.copytree(REPO / "data" / "sources", tmp_path / "sources")
    rules = tmp_path / "quytac.yaml"
    rules.write_bytes((REPO / "data" / "rules.yaml").read_bytes())
    with running(
        tmp_path / "srv", "--workers", "2", "--root-path", "/kiemtra", "--sources", str(sources), "--rules", str(rules)
    ) as srv, srv.client() as http:
        page = http.get("/", params={"target": "vtv.vn"})
        answer = http.post("/api/check", json={"target": "vtv.vn"})
        for _ in range(6):  # each worker got the data options through the environment
            data = http.get("/healthz").json()["data"]
            assert data["sources"]["file"] == "nguon.yaml" and data["rules"]["file"] == "quytac.yaml"
            assert all(name.startswith("sources/") for name in data["sources"]["include"])
    assert page.status_code == 200 and "verdict-share" in page.text
    assert 'action="/kiemtra/"' in page.text and 'href="/kiemtra/?' in page.text
    assert answer.json() == check_json("vtv.vn")[0]


def test_a_blocklist_reaches_every_answer(tmp_path: Path) -> None:
    """check's --blocklist, given to serve, is used and reported as check uses it."""
    blocklist = tmp_path / "chan.txt"
    blocklist.write_text("# our own list\ntin-gia-hom-nay.com\n", encoding="utf-8")
    target = "https://tin-gia-hom-nay.com/bai-1"
    with running(tmp_path / "srv", "--blocklist", str(blocklist)) as srv, srv.client() as http:
        answer = http.post("/api/check", json={"target": target}).json()
        health = http.get("/healthz").json()
    assert answer == check_json("--blocklist", str(blocklist), target)[0]
    assert answer["verdict"] == "dont_share" and answer["reasons"][0]["code"] == "blocklisted"
    assert health["data"]["blocklists"][0]["file"] == "chan.txt"


def test_a_slow_body_times_out_with_408(tmp_path: Path) -> None:
    import socket

    with running(tmp_path, "--request-timeout", "1", "--online") as srv:
        assert srv.client().get("/healthz").json()["online"] is True  # off unless asked for
        host, port = srv.base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(
                b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 100\r\n\r\n{\"target\": "
            )
            answer = b""
            while b"}}" not in answer:  # the status line and the JSON body may come apart
                chunk = sock.recv(65536)
                if not chunk:
                    break
                answer += chunk
    assert answer.startswith(b"HTTP/1.1 408")
    assert b'"code": "timeout"' in answer
