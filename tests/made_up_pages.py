"""Small made-up pages written to a file and parsed, as the layout tests write each real layout they copy."""

from __future__ import annotations

from pathlib import Path

import corpus


def parse_text(tmp_path: Path, text: str, name: str = "page.txt"):
    """The issue read from `text` saved (UTF-8) as `name` in `tmp_path`."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return corpus.parse_file(path)
