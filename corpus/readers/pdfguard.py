"""Bounds on what a PDF can make pdfminer do, so that a small hostile file fails fast with a clear error.

pdfminer follows a PDF's structure where it leads: an indirect object that names another one is
followed until it is not a reference (a 700-byte file whose MediaBox is 6 0 R → 7 0 R → 6 0 R looped
for ever), a chain of 50,000 of them overflowed the stack, and form XObjects that each draw the next
one twice were drawn 2^30 times (memory grew ~19 MB/s). So, while a gazette PDF is read:

* an indirect object is resolved through at most MAX_REFERENCE_HOPS references, a cycle at once;
* form XObjects nest at most MAX_FORM_DEPTH deep and are drawn at most MAX_FORM_DRAWS times a page;
* a page's content (its streams and every form it draws) is at most MAX_PAGE_TOKENS operators and
  operands, the whole file's MAX_DOCUMENT_TOKENS: a bound on the work it can cost, whatever its
  structure;
* a page's content is at most MAX_PAGE_STREAMS streams (one /Contents array naming an empty stream a
  million times cost a minute with no operator to count);
* a PDF has at most MAX_PAGES pages, counted from the pages themselves (not a /Count it declares);
* a page draws at most MAX_PAGE_GLYPHS characters (a 20 MB string shown once made 20 million of them), and
  the pages read are at most MAX_DOCUMENT_GLYPHS together: the reader stops before the next page, with a
  note (5,000 pages of 2,400 characters took ~10 minutes, stopped only by the parse timeout);
* a stream decodes to at most MAX_STREAM_BYTES (a 200 KB Flate bomb inflated to 200 MB of content), and a
  damaged Flate stream is read back in linear time (pdfminer's fallback joined it byte by byte);
* an inline image's data (BI … ID data EI) is gathered in linear time: pdfminer joined it to an immutable
  bytes object piece by piece, each byte after an E on its own (1 MB of E took 127 s, 256 KB 4.5 s);
* one token (a string, a name) is at most MAX_TOKEN_BYTES (pdfminer grows a token 4 KB at a time, copying
  it each time: a 20 MB string cost its length squared);
* a font's character map holds at most MAX_MAP_ENTRIES codes (one bfrange line can name 2^32 of them),
  all of a file's maps together MAX_DOCUMENT_MAP_ENTRIES (a thousand fonts can share one full map).

The largest real page at hand (a typeset page of a bundled issue) has ~7,100 tokens and no forms; the
bounds are generous next to that. They are installed into pdfminer's classes once (`install`), and
count only inside `page_budget()` (outside it, pdfminer is left as it was, except the reference hops).
A bound that is hit raises PdfLimitError, which the reader turns into `file: PDF …`.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

MAX_REFERENCE_HOPS = 32
MAX_FORM_DEPTH = 12
MAX_FORM_DRAWS = 5_000
MAX_PAGE_TOKENS = 300_000  # pdfminer reads ~90,000 a second: ~3 s
MAX_DOCUMENT_TOKENS = 10_000_000  # every page together (a 31-page bundled issue has ~130,000)
MAX_PAGES = 5_000
MAX_PAGE_STREAMS = 10_000  # a real page's /Contents: one stream, or a few dozen
MAX_PAGE_GLYPHS = 50_000  # an A4 page set solid in 5 pt type holds ~17,000; a typeset gazette page ~2,500
# ~600 typeset pages, read in ~1–2.5 minutes (10,000–20,000 characters a second): a year's issues, well
# inside the parse timeout; a real issue of 31 pages has ~80,000
MAX_DOCUMENT_GLYPHS = 1_500_000
MAX_STREAM_BYTES = 64 << 20  # a page's content is a few hundred KB; a whole embedded CJK font ~20 MB
MAX_TOKEN_BYTES = 4 << 20
MAX_MAP_ENTRIES = 200_000  # two-byte codes: 65,536
# every map of a file together: fonts sharing one full map each read it again (0.15 s a font; a real
# issue's subset fonts map a few thousand codes each)
MAX_DOCUMENT_MAP_ENTRIES = 2_000_000


class PdfLimitError(Exception):
    """A PDF's structure goes past a bound (the message says which, in Chinese)."""


class _Budget:
    active = False
    tokens = 0
    draws = 0
    depth = 0
    glyphs = 0
    document_tokens = 0  # of the pages counted before this one
    document_glyphs = 0  # likewise
    map_entries = 0  # character-map entries read from the file so far


_budget = _Budget()
_installed = False


def new_document() -> None:
    """Start counting a new file's work (its pages' tokens add up to MAX_DOCUMENT_TOKENS)."""
    _budget.document_tokens = 0
    _budget.document_glyphs = 0
    _budget.map_entries = 0


def glyphs_read() -> int:
    """The characters the pages read so far drew (see MAX_DOCUMENT_GLYPHS)."""
    return _budget.document_glyphs


@contextmanager
def page_budget() -> Iterator[None]:
    """Count one page's work against the bounds while pdfminer lays it out."""
    _budget.active, _budget.tokens, _budget.draws, _budget.depth, _budget.glyphs = True, 0, 0, 0, 0
    try:
        yield
    finally:
        _budget.active = False
        _budget.document_tokens += _budget.tokens
        _budget.document_glyphs += _budget.glyphs


def install() -> None:
    """Wrap pdfminer's object lookup, content parser and XObject drawing with the bounds (once)."""
    global _installed
    if _installed:
        return
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter
    from pdfminer.pdftypes import PDFObjRef

    getobj = PDFDocument.getobj

    def bounded_getobj(self, objid):
        resolving = self.__dict__.setdefault("_gazette_resolving", set())
        if objid in resolving:  # needed to read itself: an object stream said to hold itself
            raise PdfLimitError(f"PDF 的对象 {objid} 要先读它自己才能读出（对象流或引用成环），无法读取")
        resolving.add(objid)
        try:
            obj = getobj(self, objid)
        finally:
            resolving.discard(objid)
        seen = {objid}
        while isinstance(obj, PDFObjRef):  # an object that is only a reference: follow it here, bounded
            if obj.objid in seen:
                raise PdfLimitError(f"PDF 的对象引用成环（对象 {objid} 经引用又回到自身），无法读取")
            if len(seen) > MAX_REFERENCE_HOPS:
                raise PdfLimitError(f"PDF 的间接引用链过长（对象 {objid} 超过 {MAX_REFERENCE_HOPS} 层），无法读取")
            seen.add(obj.objid)
            obj = getobj(self, obj.objid)
        return obj

    nextobject = PDFContentParser.nextobject

    def counted_nextobject(self):
        if _budget.active:
            _budget.tokens += 1
            if _budget.tokens > MAX_PAGE_TOKENS:
                raise PdfLimitError(f"PDF 页面的绘制指令超过 {MAX_PAGE_TOKENS:,} 个，无法读取")
            if _budget.tokens + _budget.document_tokens > MAX_DOCUMENT_TOKENS:
                raise PdfLimitError(f"PDF 全部页面的绘制指令超过 {MAX_DOCUMENT_TOKENS:,} 个，无法读取")
        return nextobject(self)

    do_Do = PDFPageInterpreter.do_Do

    def bounded_do_Do(self, xobjid_arg):
        if not _budget.active:
            return do_Do(self, xobjid_arg)
        _budget.draws += 1
        if _budget.draws > MAX_FORM_DRAWS:
            raise PdfLimitError(f"PDF 页面绘制 XObject 超过 {MAX_FORM_DRAWS:,} 次，无法读取")
        if _budget.depth >= MAX_FORM_DEPTH:
            raise PdfLimitError(f"PDF 的 XObject 嵌套超过 {MAX_FORM_DEPTH} 层，无法读取")
        _budget.depth += 1
        try:
            return do_Do(self, xobjid_arg)
        finally:
            _budget.depth -= 1

    PDFDocument.getobj = bounded_getobj  # type: ignore[method-assign]
    PDFContentParser.nextobject = counted_nextobject  # type: ignore[method-assign]
    PDFPageInterpreter.do_Do = bounded_do_Do  # type: ignore[method-assign]
    _install_data_bounds()
    _installed = True


def _install_data_bounds() -> None:
    """Glyphs a page, bytes a stream and a token, codes a character map (see the module docstring)."""
    from pdfminer import pdftypes
    from pdfminer.cmapdb import FileCMap, FileUnicodeMap
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.psparser import PSBaseParser

    render_char = PDFLayoutAnalyzer.render_char

    def counted_render_char(self, *args, **kwargs):
        if _budget.active:
            _budget.glyphs += 1
            if _budget.glyphs > MAX_PAGE_GLYPHS:
                raise PdfLimitError(f"PDF 页面的字符超过 {MAX_PAGE_GLYPHS:,} 个，无法读取")
        return render_char(self, *args, **kwargs)

    PDFLayoutAnalyzer.render_char = counted_render_char  # type: ignore[method-assign]

    from pdfminer.pdfinterp import PDFContentParser

    PDFContentParser.get_inline_data = _inline_data  # type: ignore[method-assign]

    parser_init = PDFContentParser.__init__

    def bounded_parser_init(self, streams):
        if _budget.active and len(streams) > MAX_PAGE_STREAMS:
            raise PdfLimitError(f"PDF 页面的内容流超过 {MAX_PAGE_STREAMS:,} 个（共 {len(streams):,} 个），无法读取")
        parser_init(self, streams)

    PDFContentParser.__init__ = bounded_parser_init  # type: ignore[method-assign]

    for state in ("_parse_string", "_parse_hexstring", "_parse_literal", "_parse_keyword", "_parse_number"):
        setattr(PSBaseParser, state, _bounded_token(getattr(PSBaseParser, state)))

    for cls, method in ((FileUnicodeMap, "add_cid2unichr"), (FileCMap, "add_code2cid")):
        setattr(cls, method, _bounded_map(getattr(cls, method)))

    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]  # only pdftypes' own name: zlib is left as it is
    pdftypes.decompress_corrupted = _decompress_corrupted

    decode = pdftypes.PDFStream.decode

    def bounded_decode(self):  # the other filters (LZW, run length …) expand a bounded amount: checked after
        decode(self)
        if self.data is not None and len(self.data) > MAX_STREAM_BYTES:
            self.data = b""
            raise PdfLimitError(_too_large())
        return None

    pdftypes.PDFStream.decode = bounded_decode  # type: ignore[method-assign]

    from pdfminer.pdfdocument import PDFXRefStream

    get_objids = PDFXRefStream.get_objids

    def held_objids(self):
        """The objects a cross-reference stream holds, at most as many as its data has entries: pdfminer
        takes the count from /Index and reads an entry past the data as an object in use, so 20 bytes
        declaring 2^31 objects of a 10^9-byte width were walked one by one (a file whose page tree is
        missing is searched object by object for its pages)."""
        held = len(self.data or b"") // max(1, self.entlen or 1)
        for count, objid in enumerate(get_objids(self)):
            if count >= held:
                return
            yield objid

    PDFXRefStream.get_objids = held_objids  # type: ignore[method-assign]


_INLINE_ENDS: dict[bytes, re.Pattern[bytes]] = {}


def _inline_data(self, pos: int, target: bytes = b"EI") -> tuple[int, bytes]:
    """pdfminer's PDFContentParser.get_inline_data in linear time: the data from `pos` up to `target`
    followed by a white-space byte (both left out, and a line end before them), the parser after them.
    A `target` split between two buffers is found through the bytes carried over from the first."""
    end = _INLINE_ENDS.setdefault(target, re.compile(re.escape(target) + rb"\s"))
    self.seek(pos)
    data = bytearray()
    carried = b""
    while True:
        self.fillbuf()
        chunk = self.buf[self.charpos :]
        found = end.search(carried + chunk)
        if found is not None:
            used = found.end() - len(carried)
            data += chunk[:used]
            self.charpos += used
            break
        data += chunk
        self.charpos = len(self.buf)
        carried = (carried + chunk)[-len(target) :]
        if len(data) > MAX_STREAM_BYTES:
            raise PdfLimitError(_too_large())
    body = bytes(data[: -(len(target) + 1)])
    return pos, re.sub(rb"(\x0d\x0a|[\x0d\x0a])$", b"", body)


def _too_large() -> str:
    return f"PDF 的数据流解压后超过 {MAX_STREAM_BYTES >> 20} MB（可能是解压炸弹），无法读取"


def _bounded_token(parse):
    def bounded(self, s: bytes, i: int) -> int:
        if len(self._curtoken) > MAX_TOKEN_BYTES:
            raise PdfLimitError(f"PDF 中有超过 {MAX_TOKEN_BYTES >> 20} MB 的单个字符串或名称，无法读取")
        return parse(self, s, i)

    return bounded


def _bounded_map(add):
    def bounded(self, *args) -> None:
        entries = self.__dict__.get("_gazette_entries", 0) + 1
        if entries > MAX_MAP_ENTRIES:
            raise PdfLimitError(f"PDF 字体的字符映射表超过 {MAX_MAP_ENTRIES:,} 项，无法读取")
        self.__dict__["_gazette_entries"] = entries
        _budget.map_entries += 1
        if _budget.map_entries > MAX_DOCUMENT_MAP_ENTRIES:
            raise PdfLimitError(f"PDF 全部字体的字符映射表合计超过 {MAX_DOCUMENT_MAP_ENTRIES:,} 项，无法读取")
        add(self, *args)

    return bounded


class _BoundedZlib:
    """What pdfminer.pdftypes uses of zlib, inflating at most MAX_STREAM_BYTES."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, MAX_STREAM_BYTES + 1)
        if len(out) > MAX_STREAM_BYTES:
            raise PdfLimitError(_too_large())
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")
        return out


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's reading of a Flate stream whose end is damaged (a wrong checksum): what inflates before
    the damage, an error when the damage is not in the last 3 bytes — in linear time (pdfminer's own
    joined its output byte by byte), at most MAX_STREAM_BYTES."""
    inflater, out, size, at, step = zlib.decompressobj(), [], 0, 0, 1 << 16
    while at < len(data):
        kept = inflater.copy()
        try:
            piece = inflater.decompress(data[at : at + step])
        except zlib.error:
            if step > 1:  # the damage is in this chunk: read it again byte by byte, up to the damage
                inflater, step = kept, 1
                continue
            if at < len(data) - 3:
                raise
            break
        size += len(piece)
        if size > MAX_STREAM_BYTES:
            raise PdfLimitError(_too_large()) from None
        out.append(piece)
        at += step
    return b"".join(out)


def count_pages(document) -> int:
    """The pages of a pdfminer document, walked from its page tree (at most MAX_PAGES + 1 of them)."""
    from pdfminer.pdfpage import PDFPage

    count = 0
    for _ in PDFPage.create_pages(document):
        count += 1
        if count > MAX_PAGES:
            break
    return count
