"""Reading a form body in memory.

Starlette's own form parser spools an upload over 1 MiB to a temporary file; what a member
submits must never touch the disk, so the body (already capped) is split here with
python-multipart's streaming parser, every part kept in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from python_multipart.multipart import MultipartParser, parse_options_header

from verifyctl.i18n import Msg
from verifyctl.serve.limits import HttpError

MAX_PARTS = 8  # the page's form has three fields; anything much larger is not our form
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")

BAD_FORM = Msg("Biểu mẫu gửi lên không đọc được: {why}.", "The submitted form could not be read: {why}.")
NOT_IMAGE = Msg(
    "Tệp gửi lên không phải ảnh JPEG, PNG, WebP, GIF, BMP hay TIFF.",
    "The uploaded file is not a JPEG, PNG, WebP, GIF, BMP or TIFF image.",
)


@dataclass
class Upload:
    filename: str
    data: bytes


@dataclass
class Form:
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, Upload] = field(default_factory=dict)


def media_type(content_type: str | None) -> tuple[str, dict[bytes, bytes]]:
    kind, params = parse_options_header(content_type or "")
    return kind.decode("latin-1").lower(), params


def parse_form(content_type: str | None, body: bytes) -> Form:
    kind, params = media_type(content_type)
    if kind == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_PARTS)
        except (UnicodeDecodeError, ValueError) as exc:
            raise HttpError(400, "bad_form", BAD_FORM.format(why=type(exc).__name__)) from None
        return Form(dict(pairs))
    if kind == "multipart/form-data":
        boundary = params.get(b"boundary")
        if not boundary:
            raise HttpError(400, "bad_form", BAD_FORM.format(why="no boundary"))
        return _multipart(boundary, body)
    raise HttpError(
        415,
        "unsupported_media_type",
        Msg(
            "Loại nội dung không được hỗ trợ: hãy gửi biểu mẫu (multipart/form-data).",
            "Unsupported content type: send a form (multipart/form-data).",
        ),
    )


def _multipart(boundary: bytes, body: bytes) -> Form:
    form = Form()
    parts: list[tuple[dict[bytes, bytes], bytearray]] = []
    header: list[bytes] = [b"", b""]

    def begin() -> None:
        if len(parts) >= MAX_PARTS:
            raise HttpError(400, "bad_form", BAD_FORM.format(why="too many parts"))
        parts.append(({}, bytearray()))

    def data(buf: bytes, start: int, end: int) -> None:
        parts[-1][1].extend(buf[start:end])

    def field_name(buf: bytes, start: int, end: int) -> None:
        header[0] += buf[start:end]

    def field_value(buf: bytes, start: int, end: int) -> None:
        header[1] += buf[start:end]

    def header_end() -> None:
        parts[-1][0][header[0].lower()] = header[1]
        header[0] = header[1] = b""

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": begin,
            "on_part_data": data,
            "on_header_field": field_name,
            "on_header_value": field_value,
            "on_header_end": header_end,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except HttpError:
        raise
    except Exception as exc:  # python-multipart signals a malformed body with several types
        raise HttpError(400, "bad_form", BAD_FORM.format(why=type(exc).__name__)) from None
    for headers, content in parts:
        _, disposition = parse_options_header(headers.get(b"content-disposition", b""))
        name = disposition.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in disposition:
            filename = disposition[b"filename"].decode("utf-8", "replace")
            form.files[name] = Upload(_basename(filename), bytes(content))
        else:
            try:
                form.fields[name] = content.decode("utf-8")
            except UnicodeDecodeError:
                raise HttpError(400, "bad_form", BAD_FORM.format(why=f"field {name!r} is not UTF-8")) from None
    return form


def _basename(filename: str) -> str:
    """The name alone, as `check` would show a file given in the current directory."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "upload"


def is_image(data: bytes) -> bool:
    """Whether the bytes start like a picture format the decoder reads (WebP: RIFF....WEBP)."""
    return data.startswith(IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def picture_of(form: Form) -> Upload | None:
    """The uploaded picture, if one was chosen (a browser sends an empty part when none was);
    415 if what was uploaded does not even start like a picture."""
    for upload in form.files.values():
        if not upload.data:
            continue
        if not is_image(upload.data):
            raise HttpError(415, "not_an_image", NOT_IMAGE)
        return upload
    return None
