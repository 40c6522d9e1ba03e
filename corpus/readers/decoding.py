"""Bytes → text for gazette files: BOM-marked UTF-8/16/32, plain UTF-8, GB18030, Big5.

A file is decoded whole or not at all: a stray byte that fits no encoding, or a NUL, is an error that
names its line, because guessing would put mojibake into the index without anyone noticing.
"""

from __future__ import annotations

import codecs
import re

from ..errors import GazetteParseError

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf8_is_likely(data: bytes) -> bool:
    """True when the bytes are UTF-8 but for a few stray bytes (so GB18030 would only produce mojibake)."""
    bad, good = _utf8_bad_and_good(data)
    return good >= 4 and bad * 20 <= good


def _utf8_bad_and_good(data: bytes) -> tuple[int, int]:
    """Bytes read as UTF-8: (characters that could not be decoded, characters outside ASCII that could)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", "ignore"))  # counted in C: a file may hold 20 million
    return bad, wide - bad


def _by_bom(data: bytes, source: str) -> str | None:
    """The text of a file that starts with a BOM, by the encoding it names; None without one."""
    for bom, encoding, name in BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError as exc:
                line = body[: exc.start].decode(encoding, errors="replace").count("\n") + 1
                raise GazetteParseError(
                    source, f"带 {name} 字节顺序标记，但第 {line} 行有无法解码的字节", line
                ) from None
    return None


def decode_bytes(data: bytes, source: str, notes: list[str] | None = None) -> str:
    """The text of a gazette file, or GazetteParseError naming the file (and line) that cannot be read.
    A note on how it was read, when it was not as its bytes first suggest (Big5), is added to `notes`."""
    try:
        return _decoded(data, source, notes)
    except GazetteParseError:
        whole = _without_cut_character(data)
        if whole is None:
            raise
    text = _decoded(whole, source, notes)
    if notes is not None:
        notes.append(CUT_CHARACTER_NOTE)
    return text


CUT_CHARACTER_NOTE = "文件在最后一个字符的中间结束（文件不完整，多半是下载或复制时中断了），这半个字符已略去"
_CUT_SHORT = ("unexpected end of data", "incomplete multibyte sequence", "truncated data")


def _without_cut_character(data: bytes) -> bytes | None:
    """The bytes without the piece of a character they end in (a file cut short: one stray byte at its
    very end refused the whole file), when that is all that keeps them from decoding; else None."""
    for bom, encoding, _ in BOMS:
        if data.startswith(bom):
            body, encodings = data[len(bom) :], [encoding]
            break
    else:
        body, encodings = data, ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            body.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.reason in _CUT_SHORT and exc.end == len(body) and exc.start > 0:
                return data[: len(data) - len(body) + exc.start]
        else:
            return None
    return None


def _decoded(data: bytes, source: str, notes: list[str] | None) -> str:
    marked = _by_bom(data, source)
    if marked is not None:
        return _checked(marked, source)
    if not data.strip():
        raise GazetteParseError(source, "空文件：没有任何内容")
    nul = data.find(b"\x00")
    if nul >= 0:
        wide = _wide_without_bom(data)
        if wide is not None:
            text, encoding = wide
            if notes is not None:
                notes.append(f"文本为不带字节顺序标记（BOM）的 {encoding} 编码，已按 {encoding} 读取")
            return _checked(text, source)
        line = _line_of(data, nul)
        raise GazetteParseError(
            source,
            f"第 {line} 行有 NUL 字节：是二进制文件（binary），或不带字节顺序标记的 UTF-16/32，不是公报文本",
            line,
        )
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    mixed = _mixed_reading(data)
    if mixed is not None:
        text, gb_lines = mixed
        if notes is not None:
            shown = "、".join(str(n) for n in gb_lines[:8]) + ("…" if len(gb_lines) > 8 else "")
            notes.append(
                f"文件混用了 UTF-8 和 GB18030 两种编码（多半是几个文件拼在一起）：第 {shown} 行"
                f"（共 {len(gb_lines)} 行）按 GB18030 读取，其余按 UTF-8"
            )
        return _checked(text, source)
    if _utf8_is_likely(data):
        line = _line_of(data, utf8_error.start)
        raise GazetteParseError(
            source, f"UTF-8 文本中有无法解码的字节 0x{data[utf8_error.start]:02X}（第 {line} 行）", line
        )
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        if _looks_binary(data.decode("gb18030", errors="replace")):
            raise GazetteParseError(
                source, "无法按 UTF-8 或 GB18030 解码：是二进制文件或未知编码，不是公报文本"
            ) from None
        raise GazetteParseError(
            source, f"既不是 UTF-8 也不是 GB18030：第 {line} 行有无法解码的字节 0x{data[exc.start]:02X}", line
        ) from None
    big5 = _big5_reading(data, text)
    if big5 is not None:
        if notes is not None:
            notes.append(BIG5_NOTE)
        text = big5
    return _checked(text, source)


def _wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of UTF-32 or UTF-16 text saved without its BOM (Windows' 记事本 "Unicode" is
    UTF-16LE), else None. UTF-32: every unit's top byte is 0. UTF-16: the NULs (the high byte of each
    ASCII character, line ends included) stand at one parity; the text then reads as Chinese text does."""
    units = len(data) // 4
    if len(data) % 4 == 0 and units:
        for encoding, top in (("UTF-32LE", data[3::4]), ("UTF-32BE", data[0::4])):
            if top.count(0) == units:
                text = _wide_text(data, encoding)
                if text is not None:
                    return text, encoding
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if max(even, odd) < max(2, len(data) // 200) or min(even, odd) * 4 > max(even, odd):
        return None
    encoding = "UTF-16LE" if odd > even else "UTF-16BE"
    text = _wide_text(data, encoding)
    return (text, encoding) if text is not None else None


def _wide_text(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding.lower().replace("le", "-le").replace("be", "-be"))
    except UnicodeDecodeError:
        return None
    sample = text[:20000]
    wide = sum(1 for ch in sample if ord(ch) > 0x7F)
    if "\x00" in text or len(_ODD_IN_GB.findall(sample)) * 20 > max(wide, 1):
        return None  # binary that happens to decode: its characters are all over Unicode
    return text


def _mixed_reading(data: bytes) -> tuple[str, list[int]] | None:
    """The text of a file whose lines are UTF-8 and GB18030 by turns (files joined together), and the
    lines read as GB18030; None when it is not such a file. A line is GB18030 only where it is not UTF-8
    text with a stray byte (that stays an error naming its line)."""
    lines = data.split(b"\n")
    if not any(_is_wide_utf8(line) for line in lines):
        return None  # one quick pass: a GB18030 file (the usual case here) has no such line
    out, gb_lines = [], []
    for number, line in enumerate(lines, start=1):
        if line.isascii() or _is_wide_utf8(line):
            out.append(line.decode("utf-8"))
            continue
        bad, good = _utf8_bad_and_good(line)
        if bad and bad <= good:  # UTF-8 with a stray byte (GB18030 Chinese read as UTF-8 is nearly all errors)
            return None
        try:
            out.append(line.decode("gb18030"))
        except UnicodeDecodeError:
            return None
        gb_lines.append(number)
    return ("\n".join(out), gb_lines) if gb_lines else None


def _is_wide_utf8(line: bytes) -> bool:
    """UTF-8 holding characters outside ASCII, of the kinds a Chinese text holds: a short GB18030 line
    may be UTF-8 too (目 录 is C4 BF 20 C2 BC: Ŀ ¼), but of Latin letters and signs."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    wide = len(text) - len(text.encode("ascii", "ignore"))
    return wide >= 2 and len(_ODD_IN_GB.findall(text)) * 10 <= wide


BIG5_NOTE = "文本为 BIG5 编码（繁体中文），已按 BIG5 读取并转为简体"

# What a GB18030 text holds outside Han characters and ASCII: CJK and general punctuation, full-width forms,
# shapes (●□), enclosed and Roman numerals, Mongolian (the League's own script). Big5 bytes read as GB18030
# are about half kana, Cyrillic, box drawing and vertical forms (测试 in Big5 reads 代刚); a real GB text
# has next to none (the bundled issues: 0 of 24,000).
_ODD_IN_GB = re.compile(
    r"[^\x00-\x7f\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\u25a0-\u25ff\u2460-\u24ff"
    r"\u2160-\u217f\u1800-\u18af\u00b7\u00d7]"
)


def _big5_reading(data: bytes, gb_text: str) -> str | None:
    """The text read as Big5 (cp950), when read as GB18030 it is mostly odd characters and as Big5 it is not."""
    wide = sum(1 for ch in gb_text[:20000] if ord(ch) > 0x7F)
    if wide < 20 or len(_ODD_IN_GB.findall(gb_text[:20000])) * 10 < wide:
        return None
    try:
        text = data.decode("cp950")
    except UnicodeDecodeError:
        return None
    wide_big5 = sum(1 for ch in text[:20000] if ord(ch) > 0x7F)
    return text if len(_ODD_IN_GB.findall(text[:20000])) * 100 < wide_big5 else None


def _checked(text: str, source: str) -> str:
    if not text.strip():
        raise GazetteParseError(source, "空文件：没有任何内容")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise GazetteParseError(source, f"第 {line} 行有 NUL 字符：是二进制数据，不是公报文本", line)
    if _looks_binary(text):
        raise GazetteParseError(source, "是二进制文件（含大量控制字符），不是公报文本")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(4, len(sample) // 100)
