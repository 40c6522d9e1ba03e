r"""jieba's precise mode (HMM on), run by jieba-rs: the words stock jieba gives, about ten times faster.

jieba-rs (PyPI ``rjieba``) is a port of jieba's algorithm: the same prefix DAG, the same route by
word frequency, the same HMM for runs of characters the dictionary does not join. Given the same
dictionary it cuts a block of text as jieba does, except in two places, which :class:`RsCutter`
keeps away from it:

* **What a block is.** jieba cuts text into blocks of ``[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]``; jieba-rs
  also takes the CJK extensions (㐀, 𠀀 …) and compatibility ideographs into a block. A line holding
  a Han character outside U+4E00–U+9FD5, or any character past the BMP, is split into blocks here
  with jieba's own regex, and only the blocks go to jieba-rs.
* **Symbols among letters and digits.** Where the dictionary joins nothing, jieba splits a run of
  ``[a-zA-Z0-9+#&._%-]`` with ``[a-zA-Z0-9]+(?:\.\d+)?%?``: ``v1.2.3`` is ``v1.2``, ``.``, ``3`` and
  ``19-25`` is ``19``, ``-``, ``25``. jieba-rs keeps both whole (its version of that rule differs
  from release to release). So a block holding any of ``+#&._%-`` is cut by stock jieba: at 30×,
  1.3% of the characters.

The dictionary is stock jieba's own (`tokenizer.FREQ`: its dict.txt with the user dictionary), not
the copy built into jieba-rs, and jieba-rs's word-frequency total is made equal to jieba's (jieba
counts a word added twice twice), so every route is scored with the same numbers. Words of
frequency 0, which jieba keeps as prefixes only and never routes through, are left out. Tests compare
the two word for word on every line of the bundled corpus, around every BMP character, and on
generated text.
"""

from __future__ import annotations

import re
from collections import deque
from itertools import repeat

import jieba
import jieba.finalseg
import rjieba

__all__ = ["RsCutter"]

#: A line jieba-rs may read otherwise than jieba: one with a Han character outside U+4E00–U+9FD5
#: (jieba-rs's blocks take them, jieba's do not; every character past the BMP is sent this way), a
#: lone surrogate (which jieba-rs cannot be given at all), or one of the symbols jieba's blocks hold.
_NOT_WHOLE = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\ud800-\udfff\uf900-\ufaff\U00010000-\U0010ffff+#&._%\\-]")
_SYMBOL = re.compile(r"[+#&._%\-]")
# never inside a block (private use), so never looked up: it only carries the frequency total's rest
_TOTAL_FILLER = "\ue000"


class RsCutter:
    """`cut(text)` is ``list(tokenizer.cut(text, cut_all=False, HMM=True))``, word for word.

    Made from a tokenizer (:meth:`from_tokenizer`), or from its words of frequency > 0, their
    frequencies and its total as :mod:`analyzers.dictcache` keeps them, with a tokenizer for the
    blocks stock jieba cuts (a prefix-file tokenizer will do: it reads only the buckets it needs)."""

    def __init__(self, words: list[str], freqs: list[int], total: int, tokenizer: jieba.Tokenizer):
        if jieba.finalseg.Force_Split_Words:  # added with frequency 0: jieba's HMM splits them again
            raise ValueError("jieba-rs 不能复现强制拆分的词")
        rs = rjieba.Jieba.empty()
        add = rs.add_word
        deque(map(add, words, freqs, repeat(None)), maxlen=0)  # 350,000 words: a quarter faster than a loop
        added = sum(freqs)
        if total > added:
            add(_TOTAL_FILLER, total - added, None)
        elif total < added:  # jieba only ever adds to its total
            raise ValueError("jieba 的词频总数小于各词词频之和")
        self.tokenizer = tokenizer
        self._rs_cut = rs.cut
        self._jieba_block = tokenizer._Tokenizer__cut_DAG  # jieba.Tokenizer.cut runs it on each block

    @classmethod
    def from_tokenizer(cls, tokenizer: jieba.Tokenizer) -> RsCutter:
        tokenizer.check_initialized()
        words = [w for w, f in tokenizer.FREQ.items() if f > 0]
        return cls(words, [tokenizer.FREQ[w] for w in words], tokenizer.total, tokenizer)

    def cut(self, text: str) -> list[str]:
        if _NOT_WHOLE.search(text) is None:
            return self._rs_cut(text, True)
        return self._cut_blocks(text)

    def _cut_blocks(self, text: str) -> list[str]:
        # jieba.Tokenizer.cut's own loop (precise mode, HMM on), a block at a time
        out: list[str] = []
        for block in jieba.re_han_default.split(text):
            if not block:
                continue
            if jieba.re_han_default.match(block):
                if _SYMBOL.search(block) is None:
                    out.extend(self._rs_cut(block, True))
                else:
                    out.extend(self._jieba_block(block))
            else:
                for part in jieba.re_skip_default.split(block):
                    if jieba.re_skip_default.match(part):
                        out.append(part)
                    else:
                        out.extend(part)
        return out
