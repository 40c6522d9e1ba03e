"""How a person's name and post look in a gazette roster ("苏 和 盟委副书记、盟长").

Standard library only, and no other corpus module: both the table-layout reader (tables.py, used
while cleaning lines) and the roster parser (groups.py) need these, and neither may import the other.
"""

from __future__ import annotations

import re

HAN = "\u4e00-\u9fff"
# A name as printed: 2-4 Han characters ("姜天虎", "斯钦都楞"), up to 6 for a Mongolian name written
# in Han characters ("额尔敦巴雅尔"), a two-character name padded to the width of three with a space
# ("苏 和", "刘 敏"), or a transliterated name with "·" (买买提尼亚孜·库尔班, 阿不都热合曼·买买提·吐尔逊).
NAME_PATTERN = rf"(?:[{HAN}]{{2,6}}|[{HAN}][ \u3000]+[{HAN}]|[{HAN}]{{1,7}}(?:·[{HAN}]{{1,7}}){{1,2}})"
NAME = re.compile(rf"^{NAME_PATTERN}$")
LONG_NAME = 5  # from this length on a "name" could as well be a word: its post must read as one
# The words a post ends with. A roster's right-hand cell ends with one of them far more often than not.
POST_END = re.compile(
    r"(?:长|主任|书记|员|常委|政委|经理|督学|会计师|秘书|主席|负责人|同志|干部|师|总理|助理|总监|教授|院士|参事|大使)$"
)


# A roster that glues each name to its post ("林克庆省委常委、常务副省长", "王 曦副省长"): a two-character name
# padded to the width of three, or three characters, then a post of at most 24 characters.
GLUED = re.compile(rf"^(?P<name>[{HAN}][ \u3000]+[{HAN}]|[{HAN}]{{3}})(?P<post>[{HAN}][{HAN}、（()）]{{1,23}})$")


# Characters of units and posts that a person's name all but never holds: 盟行署分管…副盟长 and 盟发改委、…
# are posts without a person, not 盟行署 and 盟发改.
_UNIT_CHARS = re.compile("[盟省旗县区委局办厅署处室府市部院副]")


def glued_entry(text: str) -> tuple[str, str] | None:
    """(name as printed, post) of a roster line that glues the name to the post, else None."""
    match = GLUED.match(text.strip())
    if match and looks_like_post(match.group("post")) and not _UNIT_CHARS.search(match.group("name")):
        return match.group("name"), match.group("post")
    return None


def is_name(text: str) -> bool:
    return bool(NAME.match(text.strip()))


def name_key(text: str) -> str:
    """The name without the padding spaces: "苏 和" → "苏和"."""
    return re.sub(r"[ \u3000]+", "", text.strip())


def looks_like_post(text: str) -> bool:
    return bool(POST_END.search(text.strip().rstrip("。；;，,")))


def tidy_post(text: str) -> str:
    """A post without the spaces the print's line wraps left inside it ("大兴安 阿尔山旅游" →
    "大兴安阿尔山旅游", "政研室(改革办) 主任" → "政研室(改革办)主任"); only a space between two Latin
    letters or digits stays."""
    text = text.strip()
    return re.sub(r"(?<![A-Za-z0-9])[ \u3000]+|[ \u3000]+(?![A-Za-z0-9])", "", text)
