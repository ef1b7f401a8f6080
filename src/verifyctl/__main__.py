from __future__ import annotations

import sys

from verifyctl.cli import main

sys.exit(main())
