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


_BLOCKS = frozenset("p div br tr li h1 h2 h3 h4 table section article ul ol dd dt td".split())


def copied_text(html: str) -> str:
    """A page as a researcher copies it from the browser: its visible text, a line per block element (the
    metadata table's cells on lines of their own, a title set over <br> on several), scripts left out.
    Written here with lxml, independently of the parser's HTML reader."""
    import re

    import lxml.html

    root = lxml.html.fromstring(html)
    for hidden in root.xpath("//script|//style|//noscript"):
        hidden.drop_tree()
    out: list[str] = []

    def walk(element) -> None:
        block = isinstance(element.tag, str) and element.tag in _BLOCKS
        if block:
            out.append("\n")
        out.append(element.text or "")
        for child in element:
            walk(child)
            out.append(child.tail or "")
        if block:
            out.append("\n")

    walk(root)
    text = re.sub(r"[ \t\xa0]+\n", "\n", "".join(out))
    return re.sub(r"\n{3,}", "\n\n", text)
