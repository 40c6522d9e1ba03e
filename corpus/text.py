"""Small text helpers the whole corpus package shares: white space, widths, numerals.

One of each, so that "the same text" means the same thing everywhere: `squash` for comparing text the
print broke or spaced differently, `fold` when width matters neither, `to_halfwidth_digits` for the
full-width digits PDFs and web pages use, `han_to_int` for every number written in Chinese numerals
(dates, clause numbers, periods of validity). Standard library only, and nothing of ours: every
corpus module (and the indexer) may import it.
"""

from __future__ import annotations

import re
import unicodedata

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT = re.compile("[０-９]")

# 〇 (U+3007) and its look-alike ○ (U+25CB) are both printed for zero; 两 is 2 (两年, 两个月).
HAN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
HAN_NUMERALS = "".join(HAN_DIGITS) + "十百"  # every character han_to_int reads


def squash(text: str) -> str:
    """Text without any white space (what str.isspace() calls white space, as the regex \\s does)."""
    return "".join(text.split())


# The full-width forms and the ideographic space are the only characters outside NFKC in nearly every
# line of the corpus: replaced first by their NFKC forms (the regex finds them in one C pass), the line
# is then usually NFKC already, which is_normalized confirms without NFKC decomposing and recomposing
# all of it (parsing spends a sixth less time). analyzers.normalize.nfkc does the same for the index;
# the two packages import nothing of each other, so each has its copy.
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_NARROW = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}


def _narrow(m: re.Match) -> str:
    return _NARROW[m.group()]


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on Chinese text."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _WIDE.sub(_narrow, text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """squash() and full/half width folded (NFKC): （试行） and (试行) compare equal."""
    return squash(nfkc(text))


def to_halfwidth_digits(text: str) -> str:
    """Full-width digits (０-９) → ASCII; other characters unchanged, length kept."""
    # translate() looks each character up in a dict; most text holds no full-width digit, which
    # this regex (one pass in C) finds out ~10× faster
    return text.translate(FULLWIDTH_DIGITS) if _FULLWIDTH_DIGIT.search(text) else text


def han_to_int(text: str) -> int:
    """A number as the gazette writes it → int. Raises ValueError for anything else.

    - Arabic digits, half or full width: 12, １２;
    - a Chinese numeral with 十 / 百: 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105, 一百一十 → 110;
    - digit by digit, as years are written: 二〇二三 → 2023, 二○○七 → 2007, 五 → 5, 两 → 2.

    Malformed numerals (十十, 一二十, 百百) are errors, not guesses.
    """
    if text.isdecimal():
        return int(text)
    if not text:
        raise ValueError("empty numeral")
    if "十" not in text and "百" not in text:
        return int("".join(str(_digit(ch)) for ch in text))
    total = 0
    rest = text
    if "百" in rest:
        hundreds, _, rest = rest.partition("百")
        total += (_digit(hundreds) if hundreds else 1) * 100
        if rest[:1] in ("零", "〇", "○") and len(rest) == 2:
            rest = rest[1:]  # 一百零五: the units after a zero
    if "十" in rest:
        tens, _, rest = rest.partition("十")
        total += (_digit(tens) if tens else 1) * 10
    if rest:
        total += _digit(rest)
    return total


def _digit(text: str) -> int:
    """One Chinese digit."""
    if len(text) != 1 or text not in HAN_DIGITS:
        raise ValueError(f"not a Chinese digit: {text!r}")
    return HAN_DIGITS[text]
