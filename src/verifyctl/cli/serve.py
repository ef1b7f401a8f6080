"""`verifyctl serve`: the checks as a web page and an HTTP API (the `serve` extra)."""

from __future__ import annotations

import importlib.util
import socket
from typing import Any

import click

from verifyctl import exitcodes
from verifyctl.cli.l10n import command, option
from verifyctl.cli.options import blocklist_option, data_options, online_option
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Msg

EXTRA = ("uvicorn", "starlette", "python_multipart")
NEEDS_EXTRA = Msg(
    "serve cần gói bổ sung: pip install 'verifyctl[serve]'",
    "serve needs the optional extra: pip install 'verifyctl[serve]'",
)


@command(
    help=(
        "Chạy trang web và API kiểm tra (cần gói bổ sung verifyctl[serve]). Dữ liệu được nạp "
        "một lần cho mỗi tiến trình; nội dung gửi lên không được ghi vào log hay đĩa.\n\n"
        "Ví dụ:\n\n    verifyctl serve --host 0.0.0.0 --port 8080 --workers 2",
        "Serve the checks as a web page and an HTTP API (needs the verifyctl[serve] extra). "
        "Data load once per worker; what is submitted is never written to logs or disk.\n\n"
        "Example:\n\n    verifyctl serve --host 0.0.0.0 --port 8080 --workers 2",
    ),
)
@option("--host", default="127.0.0.1", show_default=True, help=("Địa chỉ lắng nghe.", "Address to listen on."))
@option(
    "--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help=("Cổng lắng nghe.", "Port to listen on.")
)
@option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help=("Số tiến trình xử lý (mỗi nhân CPU một tiến trình).", "Worker processes (one per CPU core)."),
)
@option(
    "--root-path",
    default="",
    help=(
        "Tiền tố đường dẫn khi chạy sau reverse proxy (vd. /kiemtra).",
        "Path prefix when served behind a reverse proxy (e.g. /check).",
    ),
)
@option(
    "--forwarded-allow-ips",
    default=None,
    help=(
        "Các IP của proxy được tin X-Forwarded-For/Proto (phân cách bằng dấu phẩy; * là tất cả).",
        "Proxy IPs whose X-Forwarded-For/Proto are trusted (comma-separated; * for any).",
    ),
)
@option(
    "--rate-limit",
    type=click.IntRange(0),
    default=600,
    show_default=True,
    help=(
        "Số lần kiểm tra mỗi phút cho mỗi địa chỉ, trong mỗi tiến trình (0: không giới hạn).",
        "Checks per minute per client address, in each worker (0: no limit).",
    ),
)
@option(
    "--request-timeout",
    type=click.FloatRange(0.1, 600),
    default=15.0,
    show_default=True,
    help=(
        "Số giây tối đa để nhận nội dung một yêu cầu, và để kiểm tra nó.",
        "Seconds allowed to receive a request's body, and again to check it.",
    ),
)
@option(
    "--log-every",
    type=click.FloatRange(0),
    default=60.0,
    show_default=True,
    help=(
        "Mỗi ngần ấy giây ghi một dòng tóm tắt: số yêu cầu, số lần kiểm tra, độ trễ (0: không ghi).",
        "Log a summary line this often, in seconds: requests, checks, latency (0: no log).",
    ),
)
@online_option
@data_options
@blocklist_option
def serve(
    host: str,
    port: int,
    workers: int,
    root_path: str,
    forwarded_allow_ips: str | None,
    rate_limit: int,
    request_timeout: float,
    log_every: float,
    online: bool,
    **data: Any,
) -> int:
    missing = [name for name in EXTRA if importlib.util.find_spec(name) is None]
    if missing:
        raise VerifyctlError(NEEDS_EXTRA)
    from verifyctl.serve.config import Limits, ServeConfig, build_engine
    from verifyctl.serve.run import Listen
    from verifyctl.serve.run import serve as run

    if root_path and not root_path.startswith("/"):
        raise click.BadParameter("must start with /", param_hint="--root-path")
    limits = Limits(rate_per_minute=rate_limit, body_seconds=request_timeout, check_seconds=request_timeout)
    config = ServeConfig(dict(data), online, limits, log_every)
    engine = build_engine(config)  # a bad data file stops here, with its one line
    _check_port(host, port)
    run(config, Listen(host, port, workers, root_path, forwarded_allow_ips), engine)
    return exitcodes.OK


def _check_port(host: str, port: int) -> None:
    """One line now rather than uvicorn's log lines later when the address cannot be had."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise VerifyctlError(Msg(f"không phân giải được: {exc.strerror}", f"cannot resolve: {exc.strerror}"), host) from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise VerifyctlError(
                Msg(f"không lắng nghe được: {exc.strerror}", f"cannot listen: {exc.strerror}"), f"{host}:{port}"
            ) from None
