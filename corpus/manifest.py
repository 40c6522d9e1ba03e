"""The bundled corpus's manifest: what is known about each file that its text does not say."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "manifest.json"
DEFAULT_PUBLICATION = "兴安盟行政公署公报"
BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


@dataclass
class ManifestEntry:
    publication: str = DEFAULT_PUBLICATION
    year: int | None = None
    number: int | None = None
    total_number: int | None = None
    period: str | None = None
    sha256: str | None = None


def load_manifest(directory: str | Path) -> dict[str, ManifestEntry]:
    path = Path(directory) / MANIFEST_NAME
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    publication = data.get("publication", DEFAULT_PUBLICATION)
    return {
        name: ManifestEntry(
            publication=info.get("publication", publication),
            year=info.get("year"),
            number=info.get("number"),
            total_number=info.get("total_number"),
            period=info.get("period"),
            sha256=info.get("sha256"),
        )
        for name, info in data.get("files", {}).items()
    }


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
