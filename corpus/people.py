"""How a person's name and post look in a gazette roster ("苏 和 盟委副书记、盟长").

Standard library only, and no other corpus module: both the table-layout reader (tables.py, used
while cleaning lines) and the roster parser (groups.py) need these, and neither may import the other.
"""

from __future__ import annotations

import re

HAN = "\u4e00-\u9fff"
# A name as printed: 2-4 Han characters ("姜天虎", "斯钦都楞"), up to 6 for a Mongolian name written
# in Han characters ("额尔敦巴雅尔"), a two-character name padded to the width of three with a space
# ("苏 和", "刘 敏"), or a transliterated name with "·".
NAME_PATTERN = rf"(?:[{HAN}]{{2,6}}|[{HAN}][ \u3000]+[{HAN}]|[{HAN}]{{1,4}}·[{HAN}]{{1,4}})"
NAME = re.compile(rf"^{NAME_PATTERN}$")
LONG_NAME = 5  # from this length on a "name" could as well be a word: its post must read as one
# The words a post ends with. A roster's right-hand cell ends with one of them far more often than not.
POST_END = re.compile(
    r"(?:长|主任|书记|员|常委|政委|经理|督学|会计师|秘书|主席|负责人|同志|干部|师|总理|助理|总监|教授|院士|参事|大使)$"
)


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
