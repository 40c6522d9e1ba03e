"""Where the real published pages are: ../shared/realworld beside the repository (read in place, never
copied into it), or $GAZETTE_REALWORLD. Tests that need them skip with a clear reason without them."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def realworld_dir() -> Path | None:
    candidates = [Path(os.environ["GAZETTE_REALWORLD"])] if os.environ.get("GAZETTE_REALWORLD") else []
    # beside the repository; a git worktree under a folder of its own looks one level further up
    candidates += [REPO.parent / "shared" / "realworld", REPO.parent.parent / "shared" / "realworld"]
    return next((c for c in candidates if c.is_dir()), None)
