"""Text normalization shared by index time and query time.

Two normalizations exist:

* :func:`normalize` -- the *match* normalization used by the n-gram fields and
  by any substring scan: NFKC (full width -> half width), casefold, traditional
  characters folded to simplified (:mod:`analyzers.variants`), and every
  white space, control character (except ``"\\x00"``) and invisible format
  character (Unicode category Cf: soft hyphen, zero-width space, BOM, ...)
  removed.  PDF line breaks inside a word therefore cannot stop a match:
  ``"兴安盟 12345 政务"`` -> ``"兴安盟12345政务"``.
* :func:`rank_normalize` -- the *ranking* normalization fed to jieba: NFKC,
  casefold and traditional → simplified, format characters removed, other control characters turned into
  a space, white space kept (it is a word boundary for jieba).

``"\\x00"`` (:data:`SEP`) survives both: it separates the parts of a field
value (title / body) and the analyzers never let a token span it.

The ``*_with_spans`` / ``*_with_offsets`` variants return, for every output
character, where in the source text it came from.  NFKC may change lengths
(``"㎡"`` -> ``"m2"``, ``"ｶﾞ"`` -> ``"ガ"``) so the mapping is computed per
source character (per cluster of a base character and the characters that
compose with it) and the result is always exactly the same string as the
plain function returns.
"""

from __future__ import annotations

import re
import unicodedata

from .variants import to_simplified

__all__ = [
    "SEP",
    "normalize",
    "normalize_with_offsets",
    "normalize_with_spans",
    "rank_normalize",
    "rank_normalize_with_spans",
]

#: Field-part separator.  Kept by the normalizations, never inside a token.
SEP = "\x00"

# Unicode general category Cf (format characters), Unicode 14.0.  Hard-coded
# rather than computed from ``unicodedata`` so that the normalization does not
# depend on the Python build (changing it requires bumping ANALYZER_VERSION).
_CF = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Control characters (category Cc) except SEP.
_CC = "\x01-\x1f\x7f-\x9f"

# Match normalization: white space (``\s`` == str.isspace for str patterns),
# controls except NUL, format characters -> removed.
_MATCH_DROP = re.compile(f"[\\s{_CC}{_CF}]+")
# Rank normalization: format characters removed; controls that are not white
# space become a space (a word boundary); white space is left alone.
_RANK_DROP = re.compile(f"[{_CF}]+")
_RANK_CTRL = re.compile("[\x01-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")

_nfkc = unicodedata.normalize
_is_nfkc = unicodedata.is_normalized

# Full-width ASCII forms and the ideographic space: by far the most common
# non-NFKC characters in Chinese text.  Substituting them by their NFKC form
# first (cheap: few matches) usually leaves an NFKC-normalized string, which
# ``is_normalized`` confirms quickly, avoiding a full (slow) NFKC pass.  This
# is exactly NFKC: each substitute is the character's full compatibility
# decomposition, so the decomposed forms -- and the recomposition -- agree.
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
_FULLWIDTH_MAP = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH_MAP["\u3000"] = " "
_fw_get = _FULLWIDTH_MAP.__getitem__


def _fw_sub(m: re.Match) -> str:
    return _fw_get(m.group())


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on Chinese text."""
    if _is_nfkc("NFKC", text):
        return text
    text = _FULLWIDTH.sub(_fw_sub, text)
    if _is_nfkc("NFKC", text):
        return text
    return _nfkc("NFKC", text)


def _printable(s: str) -> bool:
    """No control / format / white space character other than SEP in *s*."""
    if s.isprintable():
        return True
    return SEP in s and all(p.isprintable() for p in s.split(SEP))


def _post_match(s: str) -> str:
    s = "".join(s.split())  # str.split() splits on exactly str.isspace()
    if _printable(s):
        return s
    return _MATCH_DROP.sub("", s)


def _post_rank(s: str) -> str:
    if _printable("".join(s.split())):
        return s
    if _RANK_DROP.search(s):
        s = _RANK_DROP.sub("", s)
    if _RANK_CTRL.search(s):
        s = _RANK_CTRL.sub(" ", s)
    return s


def _fold(text: str) -> str:
    """NFKC, casefold, traditional → simplified: what both normalizations share."""
    return to_simplified(nfkc(text).casefold())


def normalize(text: str) -> str:
    """The match normalization (see module doc)."""
    return _post_match(_fold(text))


def rank_normalize(text: str) -> str:
    """The ranking normalization: NFKC + casefold + simplified, white space kept."""
    return _post_rank(_fold(text))


# --------------------------------------------------------------------------
# Offset mapping


def _is_continuation(ch: str) -> bool:
    """True if *ch* may compose with (or reorder into) the preceding
    character under NFKC, i.e. a cluster boundary before it is not safe."""
    d = _nfkc("NFKD", ch)
    if not d:
        return False
    c0 = d[0]
    if unicodedata.combining(c0):
        return True
    o = ord(c0)
    # Hangul conjoining vowels / trailing consonants compose with a
    # preceding leading consonant or LV syllable.
    return 0x1160 <= o <= 0x11FF or 0xD7B0 <= o <= 0xD7FF


class _Mapper:
    """Per-character normalization with a cache (one per normalization)."""

    __slots__ = ("post", "cache", "cont")

    def __init__(self, post):
        self.post = post
        self.cache: dict[str, str] = {}
        self.cont: set[str] = set()

    def _learn(self, chars) -> None:
        cache = self.cache
        post = self.post
        for ch in chars:
            if ch not in cache:
                # ``cont`` first: a reader seeing ``ch`` cached sees it there.
                if _is_continuation(ch):
                    self.cont.add(ch)
                cache[ch] = post(to_simplified(_nfkc("NFKC", ch).casefold()))

    def _piece(self, s: str) -> str:
        return self.post(to_simplified(_nfkc("NFKC", s).casefold()))

    def spans(self, text: str, expected: str):
        """Return (normalized, starts, ends); ``normalized == expected``."""
        distinct = set(text)
        if not distinct.issubset(self.cache.keys()):
            self._learn(distinct)
        cache = self.cache
        if self.cont.isdisjoint(distinct):
            # Fast path: every source character is its own cluster.
            pieces = [cache[ch] for ch in text]
            out = "".join(pieces)
            if out == expected:
                if len(out) == len(text) and all(len(cache[ch]) == 1 for ch in distinct):
                    # 1:1 (the usual case for CJK text without white space)
                    starts = list(range(len(text)))
                else:
                    starts = [i for i, p in enumerate(pieces) for _ in p]
                ends = [i + 1 for i in starts]
                return out, starts, ends
        # General path: clusters = a base character + its continuations.
        bounds = [0]
        cont = self.cont
        for i in range(1, len(text)):
            if text[i] not in cont:
                bounds.append(i)
        bounds.append(len(text))
        clusters = list(zip(bounds, bounds[1:]))
        result = self._emit(text, clusters)
        if result[0] != expected:
            # Compositions between two base characters (e.g. some Indic
            # two-part vowels): merge neighbouring clusters whenever
            # normalizing them separately differs from normalizing them
            # together.
            result = self._emit(text, self._merge(text, clusters))
        if result[0] != expected:  # pragma: no cover - defensive
            raise AssertionError(f"normalization offset mapping failed for {text!r}")
        return result

    def _merge(self, text, clusters):
        merged = []
        gs = ge = None
        for cs, ce in clusters:
            if gs is None:
                gs, ge = cs, ce
                continue
            a = _nfkc("NFKC", text[gs:ge])
            b = _nfkc("NFKC", text[cs:ce])
            if _nfkc("NFKC", text[gs:ce]) == a + b:
                merged.append((gs, ge))
                gs, ge = cs, ce
            else:
                ge = ce
        if gs is not None:
            merged.append((gs, ge))
        return merged

    def _emit(self, text, clusters):
        out = []
        starts = []
        ends = []
        cache = self.cache
        for cs, ce in clusters:
            if ce - cs == 1:
                p = cache[text[cs]]
            else:
                p = self._piece(text[cs:ce])
            if p:
                out.append(p)
                n = len(p)
                starts.extend([cs] * n)
                ends.extend([ce] * n)
        return "".join(out), starts, ends


_MATCH_MAPPER = _Mapper(_post_match)
_RANK_MAPPER = _Mapper(_post_rank)


def normalize_with_spans(text: str) -> tuple[str, list[int], list[int]]:
    """``(normalize(text), starts, ends)``: output character ``j`` came from
    ``text[starts[j]:ends[j]]`` (usually one character; a whole cluster when
    several source characters composed into one, e.g. ``"ｶﾞ"`` -> ``"ガ"``).

    A match ``norm[a:b]`` maps back to ``text[starts[a]:ends[b - 1]]``.
    """
    return _MATCH_MAPPER.spans(text, normalize(text))


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """``(normalize(text), offsets)`` where ``offsets[j]`` is the index in
    *text* of the source character output character ``j`` came from."""
    out, starts, _ends = normalize_with_spans(text)
    return out, starts


def rank_normalize_with_spans(text: str) -> tuple[str, list[int], list[int]]:
    """Like :func:`normalize_with_spans` for :func:`rank_normalize`."""
    return _RANK_MAPPER.spans(text, rank_normalize(text))
