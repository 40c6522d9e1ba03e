"""Who issued a document: the 代字 → office map and printed office names, as data users can extend.

The shipped map is corpus/offices.json; an offices.json in a corpus folder (beside manifest.json) is
merged over it, key by key. Format:

    {
      "codes": {                      # 代字 → what the code says about the document
        "鄂府发": {"offices": ["鄂尔多斯市人民政府"], "slug": "efsf"},
        "兴署联发": {"offices": [], "slug": "xslf", "joint": true}   # joint: offices come from the title
      },
      "names": {                      # a name as printed in titles → the canonical office
        "内蒙古兴安盟行政公署": "兴安盟行政公署"
      },
      "publications": {               # a publication → the prefix of its issue ids ("" for none)
        "鄂尔多斯市人民政府公报": {"id_prefix": "eeds"}
      }
    }

"slug" gives readable document ids (efsf-2025-8); codes without one get a hash id (wh-…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import GazetteParseError
from .jsonfile import locate, read_json

OFFICES_NAME = "offices.json"
SHIPPED = Path(__file__).resolve().parent / OFFICES_NAME


@dataclass(frozen=True)
class OfficeRegistry:
    codes: dict[str, tuple[str, ...]]
    slugs: dict[str, str]
    joint: frozenset[str]
    names: tuple[tuple[str, str], ...]  # (printed, canonical), longest printed first
    prefixes: dict[str, str]  # publication → id prefix

    def offices_of_code(self, code: str) -> tuple[str, ...]:
        return self.codes.get(code, ())

    def is_joint(self, code: str) -> bool:
        return code in self.joint or "联发" in code

    def slug_of_code(self, code: str) -> str | None:
        return self.slugs.get(code)

    def id_prefix(self, publication: str) -> str | None:
        """The registered prefix of a publication's issue ids ("" for none), None when unregistered."""
        return self.prefixes.get(publication)


# An office name is printed by gazette parse and search as it is: an ESC in one reached the terminal.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _load(path: Path) -> dict:
    data, raw = read_json(path)
    source = str(path)
    if not isinstance(data, dict):
        raise GazetteParseError(source, "顶层应为 JSON 对象 {…}", 1, 1)
    for section in ("codes", "names", "publications"):
        value = data.get(section, {})
        if not isinstance(value, dict):
            raise GazetteParseError(source, f'"{section}" 应为 JSON 对象', *locate(raw, section))
    for code, info in data.get("codes", {}).items():
        offices = info.get("offices", []) if isinstance(info, dict) else None
        if not isinstance(offices, list) or not all(
            isinstance(o, str) and o and not _CONTROL.search(o) for o in offices
        ):
            raise GazetteParseError(
                source, f'codes."{code}" 应为 {{"offices": ["机关名", …]}}（不含控制字符）', *locate(raw, code)
            )
        slug = info.get("slug")
        if slug is not None and not (isinstance(slug, str) and slug.isascii() and slug.replace("-", "").isalnum()):
            raise GazetteParseError(source, f'codes."{code}".slug 应为字母数字（用于网址）', *locate(raw, code))
    for printed, canonical in data.get("names", {}).items():
        if not isinstance(canonical, str) or not canonical or _CONTROL.search(canonical):
            raise GazetteParseError(
                source, f'names."{printed}" 应为机关名字符串（不含控制字符）', *locate(raw, printed)
            )
    for publication, info in data.get("publications", {}).items():
        prefix = info.get("id_prefix") if isinstance(info, dict) else None
        if not isinstance(prefix, str) or not (prefix == "" or (prefix.isascii() and prefix.isalnum())):
            raise GazetteParseError(
                source, f'publications."{publication}".id_prefix 应为字母数字字符串', *locate(raw, publication)
            )
    return data


def _build(datas: list[dict]) -> OfficeRegistry:
    codes, slugs, joint, names, prefixes = {}, {}, set(), {}, {}
    for data in datas:
        for code, info in data.get("codes", {}).items():
            codes[code] = tuple(info.get("offices", []))
            if info.get("slug"):
                slugs[code] = info["slug"]
            if info.get("joint"):
                joint.add(code)
            else:
                joint.discard(code)
        names.update(data.get("names", {}))
        for publication, info in data.get("publications", {}).items():
            prefixes[publication] = info["id_prefix"]
    ordered = tuple(sorted(names.items(), key=lambda item: -len(item[0])))
    return OfficeRegistry(codes, slugs, frozenset(joint), ordered, prefixes)


_SHIPPED_DATA = _load(SHIPPED)
SHIPPED_REGISTRY = _build([_SHIPPED_DATA])
_CACHE: dict[Path, tuple[tuple[int, int], OfficeRegistry]] = {}


def load_offices(directory: str | Path | None = None) -> OfficeRegistry:
    """The shipped map, with `directory`/offices.json merged over it when there is one."""
    if directory is None:
        return SHIPPED_REGISTRY
    path = Path(directory) / OFFICES_NAME
    try:
        stat = path.stat()
    except OSError:
        return SHIPPED_REGISTRY
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached and cached[0] == key:
        return cached[1]
    registry = _build([_SHIPPED_DATA, _load(path)])
    _CACHE[path] = (key, registry)
    return registry
