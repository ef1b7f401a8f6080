"""Which file `validate` checks when given none: a maintainer in a checkout means the
checkout's `data/`, not the copy installed in site-packages.

Order: `VERIFYCTL_DATA_DIR`; then `data/NAME` beside the current directory; then `data/NAME`
at the root of the git checkout the current directory is in; then the installed copy.
"""

from __future__ import annotations

import os
from pathlib import Path

from verifyctl.datafiles import data_path


def default_file(name: str) -> Path:
    if os.environ.get("VERIFYCTL_DATA_DIR"):
        return data_path(name)
    found = checkout_file(name, Path.cwd())
    return found if found is not None else data_path(name)


def checkout_file(name: str, start: Path) -> Path | None:
    here = start / "data" / name
    if here.is_file():
        return _shown(here, start)
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            candidate = folder / "data" / name
            return _shown(candidate, start) if candidate.is_file() else None
    return None


def _shown(path: Path, start: Path) -> Path:
    """Relative to the current directory when it is inside it: the shape lint lines and SARIF
    locations want."""
    try:
        return path.relative_to(start)
    except ValueError:
        return Path(os.path.relpath(path, start))
