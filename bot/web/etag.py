"""One ETag per release set, so a client that already holds the data gets a 304, not a body.

The tag is a digest of what the JSON is made of: every year's release in force (an import,
a correction or a removal changes it), the bodies' names and the lineage (bundled files,
read at start), and the API's format version. Same data, same tag, in any process.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from aiohttp.helpers import ETAG_ANY, ETag

from bot.domain.snapshot import Snapshot

#: Bumped whenever the JSON's shape changes, so a cached body of the old shape is not reused.
FORMAT_VERSION = 1


def snapshot_etag(snapshot: Snapshot) -> str:
    """A strong tag (the quoted hex digest) for everything the API reads from ``snapshot``."""
    releases = sorted(
        (
            info.year,
            info.release_id,
            info.partial,
            info.source.publisher,
            info.source.published,
            info.source.url,
            info.source.kind,
        )
        for info in snapshot.book.years.values()
    )
    bodies = [
        (body.slug, body.kind, body.names, body.short_names, body.abbreviations)
        for body in snapshot.bodies.values()
    ]
    lineage = [
        (p.id, p.successors, p.change, dict(p.names), sorted(p.rated_years))
        for p in snapshot.lineage.predecessors
    ]
    material = json.dumps([FORMAT_VERSION, releases, bodies, lineage], ensure_ascii=False)
    return '"' + hashlib.sha256(material.encode()).hexdigest()[:32] + '"'


class EtagCache:
    """Remembers the tag of the last snapshot: the catalog hands out the same object until
    someone commits, so the digest is worked out once per release, not once per request."""

    __slots__ = ("_etag", "_snapshot")

    def __init__(self) -> None:
        self._snapshot: Snapshot | None = None
        self._etag = ""

    def etag(self, snapshot: Snapshot) -> str:
        if snapshot is not self._snapshot:
            self._etag = snapshot_etag(snapshot)
            self._snapshot = snapshot
        return self._etag


def matches(etag: str, if_none_match: Iterable[ETag] | None) -> bool:
    """Whether the client's If-None-Match names ``etag``: weak comparison, as RFC 9110 asks
    for this header, and ``*`` matches any current representation."""
    if not if_none_match:
        return False
    value = etag.strip('"')
    return any(tag.value in (value, ETAG_ANY) for tag in if_none_match)
