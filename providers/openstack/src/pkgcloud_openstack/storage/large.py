"""Large objects: how an upload is cut into segments, and the manifests that join them.

A static large object (SLO) is a JSON manifest listing each segment's path, ETag and size; Swift
checks every one when the manifest is PUT, so a manifest that is accepted describes exactly the
bytes that were uploaded. Its ETag is the MD5 of the concatenated segment ETags. A dynamic large
object (DLO) is an empty object whose ``X-Object-Manifest: <container>/<prefix>`` names its
segments; Swift joins whatever is listed under the prefix when it is read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from pkgcloud.errors import ValidationError

DEFAULT_THRESHOLD = 1 << 30  # 1 GiB: above it, uploads of known size are segmented
DEFAULT_SEGMENT_SIZE = 256 << 20  # 256 MiB
DEFAULT_CONCURRENCY = 4
MAX_MANIFEST_SEGMENTS = 1000  # Swift's default max_manifest_segments
MAX_FILE_SIZE = 5 * (1 << 30) + 2  # Swift's default max_file_size


class Segment:
    """One segment to upload: its index, where it starts in the source and how long it is."""

    __slots__ = ("etag", "index", "length", "name", "offset")

    def __init__(self, index: int, offset: int, length: int, name: str) -> None:
        self.index = index
        self.offset = offset
        self.length = length
        self.name = name
        self.etag: str | None = None

    def __repr__(self) -> str:
        return f"Segment({self.index}, offset={self.offset}, length={self.length})"


def segment_size_for(size: int | None, wanted: int, max_segments: int, max_file_size: int) -> int:
    """The segment size to use: ``wanted``, grown so ``size`` fits in ``max_segments`` segments."""
    if wanted <= 0:
        raise ValidationError(f"segment_size must be positive, not {wanted}")
    if wanted > max_file_size:
        raise ValidationError(f"segment_size {wanted} is over the cluster's max_file_size {max_file_size}")
    if size is None:
        return wanted
    needed = -(-size // max_segments)  # ceil
    chosen = max(wanted, needed)
    if chosen > max_file_size:
        raise ValidationError(
            f"{size} bytes cannot be stored in {max_segments} segments of at most {max_file_size} bytes"
        )
    return chosen


def plan(size: int, segment_size: int, prefix: str) -> list[Segment]:
    """The segments of a source of ``size`` bytes, named ``<prefix><index:08d>``."""
    count = max(1, -(-size // segment_size))
    return [
        Segment(i, i * segment_size, min(segment_size, size - i * segment_size), f"{prefix}{i:08d}")
        for i in range(count)
    ]


def default_prefix(name: str, kind: str, stamp: str, size: int | None, segment_size: int, max_name: int) -> str:
    """``<name>/<kind>/<stamp>/<size>/<segment size>/`` (python-swiftclient's layout); a hash of the
    name stands in for it when the result would be too long for an object name."""
    tail = f"/{kind}/{stamp}/{size if size is not None else 'stream'}/{segment_size}/"
    if len((name + tail).encode()) + 8 > max_name:
        name = hashlib.sha256(name.encode()).hexdigest()
    return name + tail


def slo_manifest(container: str, segments: Sequence[Segment]) -> bytes:
    """The ``multipart-manifest=put`` body: each segment's path, ETag and size."""
    entries = [{"path": f"/{container}/{seg.name}", "etag": seg.etag, "size_bytes": seg.length} for seg in segments]
    return json.dumps(entries).encode("utf-8")


def slo_etag(etags: Sequence[str]) -> str:
    """The ETag Swift gives a static large object made of plain segments with these ETags."""
    return hashlib.md5("".join(etags).encode("ascii"), usedforsecurity=False).hexdigest()


def manifest_segments(manifest: Sequence[Mapping[str, Any]]) -> tuple[list[tuple[int, str | None]], str | None]:
    """From a stored SLO manifest (``multipart-manifest=get``): ``[(length, md5 or None)]`` and the
    large object's ETag derived from it (None when a segment is ranged, nested or inline data,
    whose bytes are not the segment's own MD5)."""
    out: list[tuple[int, str | None]] = []
    simple = True
    hashes: list[str] = []
    for entry in manifest:
        if "data" in entry:  # inline data segment (base64): its decoded bytes are the content
            import base64

            data = base64.b64decode(entry["data"])
            out.append((len(data), hashlib.md5(data, usedforsecurity=False).hexdigest()))
            simple = False
            continue
        length = int(entry.get("bytes", 0))
        ranged = entry.get("range")
        if ranged or entry.get("sub_slo"):
            simple = False
            if ranged:
                first, _, last = str(ranged).partition("-")
                length = int(last) - int(first) + 1 if first and last else length
            out.append((length, None))
            continue
        md5 = str(entry.get("hash", ""))
        out.append((length, md5 or None))
        hashes.append(md5)
    return out, (slo_etag(hashes) if simple else None)


def manifest_put_answer(text: str) -> dict[str, Any]:
    """The JSON that a ``heartbeat=on`` manifest PUT ends with (after keep-alive whitespace)."""
    stripped = text.strip()
    if not stripped:
        return {}
    try:
        doc = json.loads(stripped)
    except ValueError:
        return {"Response Status": "502 Bad Gateway", "Response Body": stripped[:500]}
    return doc if isinstance(doc, dict) else {}
