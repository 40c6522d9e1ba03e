"""Reading a PDF whose cross-reference table is wrong or lost, as viewers read it: from its objects.

pdfminer trusts a cross-reference table that parses: a file whose offsets are all a few bytes off (an
editor that rewrote the file and not its table, a transfer that changed line ends) read as a PDF with no
text at all (`PDF 里没有任何文字`), and a file cut short before its trailer as `No /Root object! - Is this
really a PDF?`. So, while a gazette PDF is opened:

* a table whose entries do not point at the objects they name (`7 0 obj` at the offset given for 7) is
  refused, and pdfminer's own fallback reads the objects where they stand;
* the fallback keeps the objects before the end of a file cut short inside one, and when no trailer
  names the catalog (the end of the file is lost) takes the object whose /Type is /Catalog;
* a table's /Prev that leads back to a table already read (a loop) ends the chain instead of recursing.
"""

from __future__ import annotations

import re

SAMPLE = 64  # entries checked a table (evenly spread): a wrong table is wrong nearly everywhere
_OBJ_AT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from pdfminer.pdfdocument import PDFDocument, PDFNoValidXRef, PDFXRef, PDFXRefFallback
    from pdfminer.psparser import PSEOF

    load_table = PDFXRef.load

    def checked_load(self, parser) -> None:
        load_table(self, parser)
        if type(self) is PDFXRef and not _points_at_its_objects(self, parser):
            raise PDFNoValidXRef("cross-reference table points beside its objects")

    read_xref_from = PDFDocument.read_xref_from

    def read_once(self, parser, start, xrefs) -> None:
        read = self.__dict__.setdefault("_gazette_xref_starts", set())
        if start in read:
            return  # a /Prev back to a table already read
        read.add(start)
        read_xref_from(self, parser, start, xrefs)

    load_fallback = PDFXRefFallback.load

    def fallback_with_root(self, parser) -> None:
        try:
            load_fallback(self, parser)
        except PSEOF:  # the file ends inside an object (cut short): the objects before it are kept
            pass
        if "Root" not in self.trailer:
            root = _catalog_among(self, parser)
            if root is not None:
                self.trailer["Root"] = root

    PDFXRef.load = checked_load  # type: ignore[method-assign]
    PDFDocument.read_xref_from = read_once  # type: ignore[method-assign]
    PDFXRefFallback.load = fallback_with_root  # type: ignore[method-assign]
    _installed = True


def _points_at_its_objects(xref, parser) -> bool:
    """Whether a sample of the table's entries find `objid gen obj` at their offsets."""
    entries = [(objid, pos) for objid, (stream, pos, _) in xref.offsets.items() if stream is None]
    if not entries:
        return True
    step = max(1, len(entries) // SAMPLE)
    fp = parser.fp
    for objid, pos in entries[::step]:
        fp.seek(pos)
        found = _OBJ_AT.match(fp.read(40))
        if found is None or int(found.group(1)) != objid:
            return False
    return True


def _catalog_among(xref, parser):
    """A reference to the object whose /Type is /Catalog, among those the fallback found."""
    from pdfminer.pdftypes import PDFObjRef
    from pdfminer.psparser import LIT, PSException

    catalog = LIT("Catalog")
    for objid, (stream, pos, _) in xref.offsets.items():
        if stream is not None:
            continue
        try:
            parser.seek(pos)
            parser.nexttoken(), parser.nexttoken(), parser.nexttoken()  # objid gen obj
            (_, obj) = parser.nextobject()
        except (PSException, ValueError, TypeError, KeyError):
            continue
        if isinstance(obj, dict) and obj.get("Type") is catalog:
            return PDFObjRef(parser.doc, objid)
    return None
