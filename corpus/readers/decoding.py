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
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return good >= 4 and bad * 20 <= good


def decode_bytes(data: bytes, source: str, notes: list[str] | None = None) -> str:
    """The text of a gazette file, or GazetteParseError naming the file (and line) that cannot be read.
    A note on how it was read, when it was not as its bytes first suggest (Big5), is added to `notes`."""
    for bom, encoding, name in BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as exc:
                line = body[: exc.start].decode(encoding, errors="replace").count("\n") + 1
                raise GazetteParseError(
                    source, f"带 {name} 字节顺序标记，但第 {line} 行有无法解码的字节", line
                ) from None
            return _checked(text, source)
    if not data.strip():
        raise GazetteParseError(source, "空文件：没有任何内容")
    nul = data.find(b"\x00")
    if nul >= 0:
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
