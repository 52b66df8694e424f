"""An XLSX package checked before openpyxl opens it: what each part declares it unpacks to.

openpyxl, even read-only, loads every part but the worksheets whole (the styles as a
tree of objects, the shared strings as a list), so the memory it takes is bounded here,
part by part, by the sizes the zip declares (zipfile stops at a part's declared size and
fails its checksum when the part is longer): a worksheet, which it streams, may be
larger; the shared strings less; any other part small (``bot.importer.limits``). Which
part is which is read the way openpyxl reads it, with its own parsers (the content
types, the relations), from parts already known to be small. And no part may declare a
DTD: entities that expand a billion-fold are refused before any parser meets them.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from xml.parsers import expat

from openpyxl.packaging.manifest import Manifest
from openpyxl.packaging.relationship import get_dependents
from openpyxl.xml.constants import (
    ARC_CONTENT_TYPES,
    ARC_CORE,
    ARC_CUSTOM,
    ARC_STYLE,
    ARC_THEME,
    ARC_WORKBOOK,
    SHARED_STRINGS,
    WORKSHEET_TYPE,
)
from openpyxl.xml.functions import fromstring

from bot.importer.excerpt import excerpt
from bot.importer.limits import (
    MAX_OTHER_PARTS_BYTES,
    MAX_SHARED_STRINGS_BYTES,
    MAX_SHEET_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_ZIP_MEMBERS,
)

MEGABYTE = 1024 * 1024
WORKSHEET_RELATION = "/worksheet"  # how a worksheet relation's type ends, whatever its namespace
CHUNK_BYTES = 64 * 1024
#: Parts openpyxl reads whole by their name, whatever points to them.
READ_BY_NAME = frozenset({ARC_CONTENT_TYPES, ARC_CORE, ARC_CUSTOM, ARC_STYLE, ARC_THEME, ARC_WORKBOOK})


class PackageError(ValueError):
    """The workbook's parts claim more than a table needs; the message is one line."""


def check_package(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook openpyxl would load too much of, before it opens it."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise PackageError(
            f"the workbook has {len(members):,} parts, "
            f"more than the {MAX_ZIP_MEMBERS:,} an import file may have"
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise PackageError(
            f"the workbook unpacks to {unpacked / MEGABYTE:,.0f} MB, more than the "
            f"{MAX_UNPACKED_BYTES // MEGABYTE} MB an import file may unpack to"
        )
    small = {m.filename for m in members if m.file_size <= MAX_OTHER_PARTS_BYTES}
    for member in members:
        refuse_dtd(archive, member.filename)
    worksheets, strings = worksheet_parts(archive, small), shared_strings_part(archive, small)
    for member in members:
        limit, kind = (
            (MAX_SHARED_STRINGS_BYTES, "the shared strings")
            if member.filename == strings
            else (MAX_SHEET_BYTES, "a worksheet")
            if member.filename in worksheets
            else (MAX_OTHER_PARTS_BYTES, "a part other than a worksheet")
        )
        if member.file_size > limit:
            raise PackageError(
                f"{excerpt(member.filename)} ({kind}) unpacks to {member.file_size:,} bytes, "
                f"more than the {size(limit)} it may have"
            )
    others = sum(m.file_size for m in members if m.filename != strings and m.filename not in worksheets)
    if others > MAX_OTHER_PARTS_BYTES:
        raise PackageError(
            f"the workbook's parts other than its worksheets and shared strings unpack to {others:,} bytes, "
            f"more than the {size(MAX_OTHER_PARTS_BYTES)} they may have together"
        )


def size(limit: int) -> str:
    """A limit as the operator reads it: "2 MB", "512 KB"."""
    return f"{limit // MEGABYTE} MB" if limit % MEGABYTE == 0 else f"{limit // 1024} KB"


def shared_strings_part(archive: zipfile.ZipFile, small: set[str]) -> str | None:
    """The part openpyxl reads the shared strings from: the one the content types name."""
    if ARC_CONTENT_TYPES not in small:
        return None  # openpyxl cannot open it; a large one is refused as any other part
    manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
    found = manifest.find(SHARED_STRINGS)
    return str(found.PartName)[1:] if found is not None else None


def worksheet_parts(archive: zipfile.ZipFile, small: set[str]) -> set[str]:
    """Parts openpyxl streams: the targets of worksheet relations that nothing else reads.

    A part some other relation also points to (a chart sheet, a drawing, the workbook
    itself), or that the content types call anything but a worksheet, may be read whole.
    """
    kinds: defaultdict[str, set[str]] = defaultdict(set)
    for name in small:
        if name.endswith(".rels"):
            for relation in get_dependents(archive, name):
                if relation.TargetMode != "External":
                    kinds[str(relation.target)].add(str(relation.Type))
    declared: dict[str, str] = {}
    if ARC_CONTENT_TYPES in small:
        manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
        declared = {str(part.PartName)[1:]: str(part.ContentType) for part in manifest.Override}
    return {
        target
        for target, types in kinds.items()
        if all(kind.endswith(WORKSHEET_RELATION) for kind in types)
        and target not in READ_BY_NAME
        and not target.endswith(".rels")
        and declared.get(target, WORKSHEET_TYPE) == WORKSHEET_TYPE
    }


class _Prolog(Exception):  # noqa: N818 - not an error: the prolog ended without a DTD
    """Stops the scan at the root element."""


def refuse_dtd(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a part that declares a DTD, the only place entities (a billion laughs) come from.

    The part's prolog is read with expat, as openpyxl's parsers read it (in whatever
    encoding it declares), in chunks, up to the root element; a part that is not XML at all
    (an image) is left to whoever reads it.
    """
    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise PackageError(f"{excerpt(name)} declares a DTD, which no workbook needs")

    def root(*_: object) -> None:
        raise _Prolog

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        with archive.open(name) as part:
            while chunk := part.read(CHUNK_BYTES):
                parser.Parse(chunk, False)
    except (_Prolog, expat.ExpatError):
        return
