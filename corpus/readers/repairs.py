"""Repairs of damage a text suffered before it reached us, each said in a note.

- **Founder fonts' punctuation.** PDFs typeset with Founder (方正) fonts map their punctuation glyphs
  to code points that are really GB2312 codes read as Unicode: "召开ꎮ" is 召开。 (U+A3AE is GB2312
  0xA3AE, the full-width full stop), "ꎬ" is ，. A file with several such characters after Han text has
  every code point U+A1A1–U+A9FE decoded as the GB2312 code it is, and the full-width full stop after
  Han text written 。, as printed.
- **Converters' traditional characters.** Mirror sites convert simplified pages to traditional, some
  leaving the pinyin of a character in parentheses after it (國務(wù)院). A page mostly in traditional
  characters is converted back with OpenCC (phrase by phrase), the pinyin dropped.
- **Markup in text.** Text copied out of a web page can keep lines of bare tags (<legend id="h4sia">):
  such lines are emptied in text files (a tag inside a line of text is kept as printed).

- **Markdown.** Pages saved by reader tools and crawlers as Markdown (html2text, markdownify): emphasis
  (`**标　　题：**`), links, images, heading marks, table rules (`---|---`), a row's outer pipes and
  backslash escapes are taken off; the cells stay separated by pipes, as flattened tables are read.

- **Spaces saved as question marks.** A page saved through an encoding without the ideographic space
  prints each one as "?" (??经市政府同意…, …人民政府????????, 第一章?总?则): where several lines show the
  indent or the padding, those question marks are spaces again.

- **Endless blanks.** A run of more than 120 blanks (spaces, tabs, ideographic spaces) is cut to 120: no
  layout needs more, and a pattern meeting a run at each of its places would cost its length squared.

Each repair runs once over each line (linear) and only where its damage is seen.
"""

from __future__ import annotations

import functools
import re

_HAN = "\u4e00-\u9fff"
# U+A1A1–U+A9FE: GB2312's symbol rows (A1–A9) read as Unicode. Yi syllables live there; a gazette's
# Chinese text holds none of them except as this damage.
_GB_AS_UNICODE = re.compile("[\ua1a1-\ua9fe]")
_FOUNDER_SIGNS = re.compile(f"(?<=[{_HAN}])[\ua3ac\ua3ae\ua3bb\ua1a2\ua1a3]")
MIN_FOUNDER_SIGNS = 3
_WIDE_STOP_AFTER_HAN = re.compile(f"(?<=[{_HAN}”’）》])．")

_HAN_RUN = re.compile(f"[{_HAN}]+")
_PINYIN_AFTER_HAN = re.compile(f"(?<=[{_HAN}])\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,6}}\\)")
MIN_TRADITIONAL = 20  # characters OpenCC changes: fewer is a quotation, not a converted page
TRADITIONAL_SHARE = 0.05  # of the Han characters

# Any tag but <p> and <br>, which the extractors' table rows use for a cell's paragraphs (corpus.elements.paragraphs).
_TAG = re.compile(r"</?(?!(?:p|br)\b)[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,300})?/?>")


def _gb_char(match: re.Match) -> str:
    code = ord(match.group())
    try:
        return bytes([code >> 8, code & 0xFF]).decode("gb2312")
    except UnicodeDecodeError:
        return match.group()


def fold_founder_punctuation(lines: list[str]) -> tuple[list[str], str | None]:
    signs = 0
    for line in lines:
        signs += len(_FOUNDER_SIGNS.findall(line))
        if signs >= MIN_FOUNDER_SIGNS:
            break
    if signs < MIN_FOUNDER_SIGNS:
        return lines, None
    fixed = [_WIDE_STOP_AFTER_HAN.sub("。", _GB_AS_UNICODE.sub(_gb_char, line)) for line in lines]
    return fixed, "方正字体的标点被读成了彝文音节（如 ꎮ、ꎬ），已按 GB2312 编码还原为 。，等"


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # loaded only when a text has Han characters to check

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """`text` in simplified characters (OpenCC t2s)."""
    return _t2s().convert(text)


def simplify_traditional(lines: list[str]) -> tuple[list[str], str | None]:
    text = "\n".join(lines)
    # counted, not listed (findall made a 76-byte string of each: 70 bytes a character), by runs (one
    # replacement a character took 1.6 s for 1.6 million)
    han = len(text) - len(_HAN_RUN.sub("", text))
    if han < MIN_TRADITIONAL:
        return lines, None
    converter = _t2s()
    simplified = converter.convert(text)
    if simplified == text:  # nearly every file: compared in C, not character by character in Python
        return lines, None
    changed = sum(1 for a, b in zip(text, simplified) if a != b) if len(simplified) == len(text) else han
    if changed < MIN_TRADITIONAL or changed < TRADITIONAL_SHARE * han:
        return lines, None
    out = [_PINYIN_AFTER_HAN.sub("", converter.convert(line)) for line in lines]
    return out, f"文本为繁体字（{changed} 个繁体字），已转为简体（OpenCC），转换网站加注的拼音已去掉"


def strip_markup(lines: list[str]) -> tuple[list[str], str | None]:
    """Lines that hold nothing but tags emptied (a line left empty stays, so line numbers stay the
    file's). A tag inside a line of text is text as printed (and escaped wherever it is shown); a
    tab-separated table row keeps its cells' markup."""
    out = []
    removed = 0
    for line in lines:
        if "<" in line and "\t" not in line:
            bare, n = _TAG.subn("", line)
            if n and not bare.strip():
                line, removed = "", removed + n
        out.append(line)
    return out, (f"去掉了 {removed} 个只有网页标签的行中的标签" if removed else None)


_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_SIGNS = re.compile(r"\*\*[^*\n]{1,80}\*\*|\]\((?:https?:|/|\.)|^#{1,6} \S|^\s*\|?\s*:?-{3,}:?\s*\|")
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_OUTER_PIPES = re.compile(r"^\s*\|\s*|\s*\|\s*$")
_MD_INLINE_RULE = re.compile(r"\|\s*:?-{3,}:?\s*(?=\|)")
_MD_EMPTY_CELLS = re.compile(r"(?:\|[ \t]*){2,}")
MIN_MARKDOWN_SIGNS = 3


def strip_markdown(lines: list[str]) -> tuple[list[str], str | None]:
    """A page saved as Markdown, as its text: see the module docstring. Only where several lines show it
    (a real 公文 prints no ** and no [..](http…))."""
    if sum(1 for line in lines if _MD_SIGNS.search(line)) < MIN_MARKDOWN_SIGNS:
        return lines, None
    out = []
    for line in lines:
        if _MD_RULE.match(line):
            out.append("")  # the line stays, empty: line numbers stay the file's
            continue
        line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line)).replace("**", "").replace("__", "")
        if "|" in line:  # nested tables flattened onto one row: their rules and empty cells go
            line = _MD_EMPTY_CELLS.sub("| ", _MD_INLINE_RULE.sub("", line))
        line = _MD_OUTER_PIPES.sub("", _MD_ESCAPE.sub(r"\1", _MD_HEADING.sub("", line)))
        out.append(line.rstrip())
    return out, "文本为 Markdown 格式（网页转存工具所存），已去掉其标记"


# A run of blanks longer than this says no more than this (a wide column gap is a few dozen): longer runs are
# cut to it, so that no pattern that meets a run of blanks at many places can cost its length squared.
# Blanks are what the patterns' \s is: form feeds, em spaces and the like too (10,000 form feeds on a
# line cost 7 s in the Markdown sniffer's two \s* in a row).
MAX_BLANK_RUN = 120
_LONG_BLANK_RUN = re.compile(rf"[^\S\n]{{{MAX_BLANK_RUN + 1},}}")


def bound_blank_runs(lines: list[str]) -> tuple[list[str], str | None]:
    cut = 0
    out = []
    for line in lines:
        if len(line) > MAX_BLANK_RUN and _LONG_BLANK_RUN.search(line):
            line, n = _LONG_BLANK_RUN.subn(lambda m: m.group()[:MAX_BLANK_RUN], line)
            cut += n
        out.append(line)
    return out, (f"{cut} 处超过 {MAX_BLANK_RUN} 个的连续空白截为 {MAX_BLANK_RUN} 个" if cut else None)


# Pages saved through an encoding without the ideographic space (U+3000) print each one as "?": the indent
# of a paragraph (??经市政府同意…), the padding after a right-aligned signature and date (…人民政府????????)
# and the gaps a heading is spaced with (第一章?总?则). Only a page showing the indent or the padding on
# several lines is repaired, and then the question marks between two Han characters too: a question mark
# or two in a text is punctuation.
_LOST_INDENT = re.compile(rf"^\?{{2,}}(?=[{_HAN}（(“《\d])")
_LOST_PADDING = re.compile(rf"(?<=[{_HAN}。）)”》\d])\?{{2,}}$")
_LOST_GAP = re.compile(rf"(?<=[{_HAN}])\?(?=[{_HAN}])")
MIN_LOST_SPACES = 2  # lines showing the indent or the padding


def _as_spaces(match: re.Match) -> str:
    return "\u3000" * len(match.group())


def restore_lost_spaces(lines: list[str]) -> tuple[list[str], str | None]:
    if sum(1 for line in lines if "??" in line and (_LOST_INDENT.search(line) or _LOST_PADDING.search(line))) < (
        MIN_LOST_SPACES
    ):
        return lines, None
    out = []
    for line in lines:
        if "?" in line:
            line = _LOST_GAP.sub(_as_spaces, _LOST_PADDING.sub(_as_spaces, _LOST_INDENT.sub(_as_spaces, line)))
        out.append(line)
    return out, "全角空格被存成了问号（??），行首、行尾和汉字之间的问号已还原为空格"


# Control characters (but tab, form feed — a page break — and the line ends), U+FFFE/U+FFFF and lone
# surrogates print nothing a reader needs: kept, an ESC in a title reached the terminal of whoever ran
# `gazette search` or `gazette parse` (\x1b[2J clears it; others retitle the window, move the cursor).
# Also the invisible marks that split a word where nothing shows (a BOM left in the middle by files joined
# together, zero-width spaces: 统\ufeff计 was not found by 统计) and the direction overrides that make a
# title print reversed in a terminal or a page (U+202E); not the joiners Mongolian script and emoji need.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\ufeff\u200b\u2060\u202a-\u202e\u2066-\u2069]"
)


def strip_controls(lines: list[str]) -> tuple[list[str], str | None]:
    removed = 0
    out = []
    for line in lines:
        if _CONTROL.search(line):
            line, n = _CONTROL.subn("", line)
            removed += n
        out.append(line)
    return out, (f"去掉了 {removed} 个控制字符（不可见、不可打印的字符）" if removed else None)


def repair_lines(lines: list[str], *, markup: bool) -> tuple[list[str], list[str]]:
    """The lines repaired, and a note per repair made. `markup`: remove tags and Markdown (text files, not HTML)."""
    notes = []
    repairs = [
        strip_controls,
        restore_lost_spaces,
        bound_blank_runs,
        fold_founder_punctuation,
        simplify_traditional,
    ]  # spaces, then bounded
    repairs += [strip_markup, strip_markdown] if markup else []
    for repair in repairs:
        lines, note = repair(lines)
        if note:
            notes.append(note)
    return lines, notes
