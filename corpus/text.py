"""Small text helpers the whole corpus package shares: white space and widths.

One of each, so that "the same text" means the same thing everywhere: `squash` for comparing text the
print broke or spaced differently, `fold` when width matters neither, `to_halfwidth_digits` for the
full-width digits PDFs and web pages use. Standard library only, and nothing of ours: every corpus
module (and the indexer) may import it.
"""

from __future__ import annotations

import unicodedata

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def squash(text: str) -> str:
    """Text without any white space (what str.isspace() calls white space, as the regex \\s does)."""
    return "".join(text.split())


def fold(text: str) -> str:
    """squash() and full/half width folded (NFKC): （试行） and (试行) compare equal."""
    return squash(unicodedata.normalize("NFKC", text))


def to_halfwidth_digits(text: str) -> str:
    """Full-width digits (０-９) → ASCII; other characters unchanged, length kept."""
    return text.translate(FULLWIDTH_DIGITS)
