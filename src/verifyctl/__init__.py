"""verifyctl: share, verify first, or don't share, and why."""

from __future__ import annotations

__version__ = "0.1.0"
