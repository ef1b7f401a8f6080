"""The one error type for expected failures (bad input, bad data file, bad option): exit 2."""

from __future__ import annotations

from verifyctl.i18n import Lang, Msg


class VerifyctlError(Exception):
    """A failure the user can fix. Renders as one line: `where: what`."""

    def __init__(self, message: Msg | str, where: str | None = None) -> None:
        self.message = message if isinstance(message, Msg) else Msg(message, message)
        self.where = where
        super().__init__(self.line("en"))

    def as_msg(self) -> Msg:
        """The one-line message in both languages, to put inside another message."""
        return Msg(self.line("vi"), self.line("en"))

    def line(self, lang: Lang) -> str:
        from verifyctl.render.human import clean

        # messages quote the input (a file name, a bad field): no escapes or bidi marks from it
        text = " ".join(self.message.get(lang).split())
        return clean(f"{self.where}: {text}" if self.where else text)


class DataFileError(VerifyctlError):
    """A data file (sources, rules, hashes) that cannot be read or does not fit its schema."""

    def __init__(
        self, message: Msg | str, path: str, line: int | None = None, col: int | None = None
    ) -> None:
        self.path = path
        self.lineno = line
        self.col = col
        where = path
        if line is not None:
            where += f":{line}"
            if col is not None:
                where += f":{col}"
        super().__init__(message, where)
