"""The ASGI application: the page, the API and the health check over one loaded engine."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from verifyctl.engine import KINDS, Engine, Kind, error_result
from verifyctl.errors import VerifyctlError
from verifyctl.i18n import Lang, Msg
from verifyctl.render.jsonl import dumps
from verifyctl.serve.checks import NO_TARGET, Checker
from verifyctl.serve.config import ServeConfig, build_engine, data_versions
from verifyctl.serve.forms import Form, media_type, parse_form, picture_of
from verifyctl.serve.guard import Guard, count_checks
from verifyctl.serve.lang import negotiate
from verifyctl.serve.limits import HttpError, RateLimiter, read_body
from verifyctl.serve.page import PageView, render_page
from verifyctl.verdict import Result

FORM_OVERHEAD = 64 << 10  # a multipart body: the picture plus the text box and part headers

BAD_JSON = Msg("JSON không hợp lệ ({where}): {why}.", "Invalid JSON ({where}): {why}.")
BAD_REQUEST = Msg(
    'Yêu cầu cần {{"target": "…", "as": "url|text"}} hoặc {{"targets": ["…", …]}} (tối đa {limit}).',
    'The request needs {{"target": "…", "as": "url|text"}} or {{"targets": ["…", …]}} (at most {limit}).',
)
BOTH = Msg(
    "Gửi ảnh và nội dung trong hai yêu cầu riêng: mỗi yêu cầu nhận một kết quả.",
    "Send the picture and the text in two requests: each request gets one answer.",
)
BAD_AS = Msg('"as" phải là url, text hoặc image.', '"as" must be url, text or image.')
BAD_ITEM = Msg("mục này không phải một chuỗi khác rỗng", "this item is not a non-empty string")
WRONG_TYPE = Msg(
    "Loại nội dung không được hỗ trợ: gửi application/json hoặc multipart/form-data.",
    "Unsupported content type: send application/json or multipart/form-data.",
)
BUSY = Msg("Máy chủ đang bận: hãy thử lại sau ít giây.", "The server is busy: try again in a few seconds.")
NOT_FOUND = Msg("Không có trang này.", "No such page.")
NOT_ALLOWED = Msg("Phương thức không được hỗ trợ ở đây.", "Method not allowed here.")


class Service:
    def __init__(self, engine: Engine, config: ServeConfig) -> None:
        self.engine = engine
        self.limits = config.limits
        self.checker = Checker(engine, config.limits)
        self.limiter = RateLimiter(config.limits.rate_per_minute)
        self.health = json.dumps({"status": "ok", **data_versions(engine)}, ensure_ascii=False)
        self.uploads = 0  # multipart bodies being received (one event loop: no lock needed)

    async def healthz(self, request: Request) -> Response:
        return Response(self.health, media_type="application/json")

    async def api_check(self, request: Request) -> Response:
        lang = request_lang(request)
        try:
            body = await self._api_check(request, lang)
        except HttpError as exc:
            return error_response(exc, lang)
        return Response(body, media_type="application/json")

    async def _api_check(self, request: Request, lang: Lang) -> str:
        client = request.client.host if request.client else "-"
        self.limiter.take(client)
        kind, _ = media_type(request.headers.get("content-type"))
        if kind == "application/json":
            body = await read_body(
                request.receive, request.headers.get("content-length"), self.limits.json_bytes, self.limits.body_seconds
            )
            payload = _json(body)
            if isinstance(payload, dict) and "targets" in payload:
                results = await self._batch(payload, client, request)
                return "[" + ", ".join(dumps(r.to_dict(lang)) for r in results) + "]"
            if not isinstance(payload, dict) or not isinstance(payload.get("target"), str):
                raise HttpError(400, "bad_request", BAD_REQUEST.format(limit=self.limits.targets))
            as_kind = _as_kind(payload.get("as"))
            target = payload["target"]
        elif kind == "multipart/form-data":
            form = await self._form(request)
            picture = picture_of(form)
            if picture is not None and form.fields.get("target", "").strip():
                raise HttpError(400, "bad_request", BOTH)  # one answer per request: never drop one
            if picture is not None:
                count_checks(request.scope, 1)
                return dumps((await self.checker.picture(picture)).to_dict(lang))
            target = form.fields.get("target", "")
            as_kind = _as_kind(form.fields.get("as") or None)
        else:
            raise HttpError(415, "unsupported_media_type", WRONG_TYPE)
        results = await self.checker.targets([(target, self.checker.kind_of(target, as_kind))])
        count_checks(request.scope, 1)
        return dumps(results[0].to_dict(lang))

    async def _batch(self, payload: dict[str, Any], client: str, request: Request) -> list[Result]:
        targets = payload["targets"]
        if not isinstance(targets, list) or not 0 < len(targets) <= self.limits.targets:
            raise HttpError(400, "bad_request", BAD_REQUEST.format(limit=self.limits.targets))
        as_kind = _as_kind(payload.get("as"))
        if len(targets) > 1:
            self.limiter.take(client, len(targets) - 1)
        count_checks(request.scope, len(targets))
        # A bad item gets its own error record, in its place, and the rest are judged.
        slots: list[Result | None] = []
        todo: list[tuple[str, Kind]] = []
        for i, item in enumerate(targets):
            try:
                if not isinstance(item, str) or not item.strip():
                    raise VerifyctlError(BAD_ITEM, f"targets[{i}]")
                todo.append((item, self.checker.kind_of(item, as_kind)))
                slots.append(None)
            except (VerifyctlError, HttpError) as exc:
                err = exc if isinstance(exc, VerifyctlError) else VerifyctlError(exc.message, f"targets[{i}]")
                shown = item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
                slots.append(error_result(shown, "text", err))
        done = iter(await self.checker.targets(todo))
        return [slot if slot is not None else next(done) for slot in slots]

    async def _form(self, request: Request) -> Form:
        if self.uploads >= self.limits.uploads_in_flight:
            raise HttpError(503, "busy", BUSY, retry_after=5)
        self.uploads += 1
        try:
            cap = self.limits.picture_bytes + FORM_OVERHEAD
            body = await read_body(request.receive, request.headers.get("content-length"), cap, self.limits.body_seconds)
        finally:
            self.uploads -= 1
        return parse_form(request.headers.get("content-type"), body)

    async def page(self, request: Request) -> Response:
        view = PageView(request_lang(request), request.scope.get("root_path", "").rstrip("/"), self.engine.sources)
        status, headers = 200, {}
        try:
            await self._page(request, view)
        except HttpError as exc:
            view.error, status = exc.message, exc.status
            if exc.retry_after:
                headers["Retry-After"] = str(exc.retry_after)
        return HTMLResponse(render_page(view), status_code=status, headers=headers)

    async def _page(self, request: Request, view: PageView) -> None:
        if request.method == "POST":
            form = await self._form(request)
            chosen = form.fields.get("lang")
            if chosen in ("vi", "en"):
                view.lang = "en" if chosen == "en" else "vi"
            target = view.value = form.fields.get("target", "")  # kept in the box, even on an error
            picture, as_value = picture_of(form), form.fields.get("as")
        else:
            query = request.query_params.get("target")
            if query is None:
                return
            target, picture, as_value = query, None, request.query_params.get("as")
        view.value = target
        if not target.strip() and picture is None:
            raise HttpError(400, "no_target", NO_TARGET)
        client = request.client.host if request.client else "-"
        self.limiter.take(client, int(bool(target.strip())) + int(picture is not None))
        results: list[Result] = []
        if target.strip():
            as_kind = _as_kind(as_value or None)  # the page has no kind selector: recognised, as check does
            results += await self.checker.targets([(target, self.checker.kind_of(target, as_kind))])
        if picture is not None:
            results.append(await self.checker.picture(picture))
        count_checks(request.scope, len(results))
        view.results = [r.to_dict(view.lang) for r in results]

    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        lang = request_lang(request)
        message = NOT_FOUND if exc.status_code == 404 else NOT_ALLOWED if exc.status_code == 405 else Msg(
            str(exc.detail), str(exc.detail)
        )
        return error_response(HttpError(exc.status_code, _CODES.get(exc.status_code, "error"), message), lang)


_CODES = {404: "not_found", 405: "method_not_allowed"}


def request_lang(request: Request) -> Lang:
    # Most API calls carry no query string: parsing an empty one still costs 20 µs.
    asked = request.query_params.get("lang") if request.scope.get("query_string") else None
    return negotiate(asked, request.headers.get("accept-language"))


def error_response(exc: HttpError, lang: Lang) -> Response:
    body = {"error": {"status": exc.status, "code": exc.code, "message": exc.message.get(lang)}}
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    return Response(dumps(body), status_code=exc.status, media_type="application/json", headers=headers)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise HttpError(400, "invalid_json", BAD_JSON.format(where=f"byte {exc.start}", why="not UTF-8")) from None
    except json.JSONDecodeError as exc:
        where = Msg(f"dòng {exc.lineno}, cột {exc.colno}", f"line {exc.lineno}, column {exc.colno}")
        raise HttpError(400, "invalid_json", BAD_JSON.format(where=where, why=exc.msg)) from None
    except RecursionError:
        raise HttpError(400, "invalid_json", BAD_JSON.format(where="-", why="nested too deeply")) from None


def _as_kind(value: object) -> Kind | None:
    if value is None:
        return None
    for kind in KINDS:
        if value == kind:
            return kind
    raise HttpError(400, "bad_as", BAD_AS)


def create_app(config: ServeConfig, engine: Engine | None = None) -> ASGIApp:
    service = Service(engine or build_engine(config), config)
    app = Starlette(
        routes=[
            Route("/", service.page, methods=["GET", "POST"]),
            Route("/api/check", service.api_check, methods=["POST"]),
            Route("/healthz", service.healthz, methods=["GET"]),
        ],
        exception_handlers={HTTPException: service.http_error},
    )
    return Guard(app, log_every=config.log_every)


def app_from_env() -> ASGIApp:
    """uvicorn's factory in each worker process: the configuration comes in the environment."""
    from verifyctl.serve.run import configure_logging

    config = ServeConfig.from_env()
    configure_logging()
    return create_app(config)
