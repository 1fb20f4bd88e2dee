"""Uploads: a plain PUT for what fits in one object, segments and a manifest for what does not.

Functions of the client they are given, seen through :class:`~pkgcloud_openstack.storage.session.SwiftSession`, kept
apart from the client so that each piece stays readable.
"""

from __future__ import annotations

import datetime as _dt
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from pkgcloud import clock
from pkgcloud.errors import (
    HttpError,
    IntegrityError,
    NotFound,
    PkgcloudError,
    PreconditionFailed,
    TransportError,
    UnprocessableEntity,
    UnsupportedOperation,
    ValidationError,
    WaitTimeout,
    error_class_for,
)
from pkgcloud.values import as_dict, as_int
from pkgcloud.waiter import wait_until
from pkgcloud_openstack.storage import large, parse
from pkgcloud_openstack.storage.headers import (
    expiry_headers,
    extra_headers,
    header_value,
    meta_headers,
    strip_etag,
)
from pkgcloud_openstack.storage.names import MAX_OBJECT_NAME_LENGTH, container_path, object_path
from pkgcloud_openstack.storage.transfer import (
    ProgressReporter,
    Source,
    SourceChanged,
    StreamSource,
    UpToBody,
    make_body,
)

if TYPE_CHECKING:
    import requests

    from pkgcloud.models.storage import StorageObject
    from pkgcloud_openstack.storage.large import Segment
    from pkgcloud_openstack.storage.session import SwiftSession

log = logging.getLogger("pkgcloud.openstack.storage")

EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e"


def object_headers(
    client: SwiftSession,
    content_type: str,
    metadata: Mapping[str, str] | None,
    delete_at: _dt.datetime | int | None,
    delete_after: int | None,
    headers: Mapping[str, str] | None,
    if_none_match: str | None,
) -> dict[str, str | bytes]:
    sent = extra_headers(headers)
    for given in list(sent):
        if given.lower() in ("etag", "content-length", "transfer-encoding"):
            raise ValidationError(f"header {given!r} is set by upload itself (use etag= for an ETag)")
    sent["Content-Type"] = header_value(content_type, "content_type")
    sent.update(meta_headers("Object", metadata, client.metadata_limits()))
    sent.update(expiry_headers(delete_at, delete_after))
    if if_none_match is not None:
        if if_none_match != "*":
            raise ValidationError(f"Swift supports only if_none_match='*' on uploads, not {if_none_match!r}")
        sent["If-None-Match"] = "*"
    return sent


def upload_plain(
    client: SwiftSession,
    container: str,
    name: str,
    src: Source,
    headers: dict[str, str | bytes],
    progress: ProgressReporter | None,
    *,
    checksum: bool,
    etag: str | None,
) -> StorageObject:
    path = object_path(container, name)
    sent = dict(headers)
    known = etag or src.md5
    if known:
        sent["ETag"] = known  # Swift refuses (422) a body that does not match: nothing is stored
    body = make_body(src, 0, src.size, hashing=checksum and src.md5 is None, progress=progress)
    data: Any = body if src.size != 0 else b""
    try:
        response = client.api.request(
            "PUT",
            path,
            data=data,
            headers=sent,  # type: ignore[arg-type]
            check=parse.incomplete_put_answer,
        )
    except UnprocessableEntity as exc:
        raise IntegrityError(
            f"Swift refused {container}/{name}: the content received does not match the ETag sent "
            f"({known}); nothing was stored ({exc})"
        ) from exc
    stored = strip_etag(response.headers.get("ETag"))
    if isinstance(src, StreamSource) and src.size is not None and not src.at_end():
        discard(client, path, f"{container}/{name}")
        raise SourceChanged(f"the stream holds more than size={src.size} bytes: {container}/{name} was not kept")
    expected = known or body.md5
    if expected is not None and stored != expected:
        discard(client, path, f"{container}/{name}")
        raise IntegrityError(
            f"upload of {container}/{name} corrupted: sent MD5 {expected}, Swift stored {stored}; "
            "the object was deleted"
        )
    return uploaded(client, container, name, response, headers, size=body.sent if src.size is None else src.size)


def discard(client: SwiftSession, path: str, what: str) -> None:
    try:
        client.api.request("DELETE", path)
    except (HttpError, TransportError) as exc:  # the caller raises the real problem
        log.warning("could not delete %s after a failed upload: %s", what, exc)


def uploaded(
    client: SwiftSession,
    container: str,
    name: str,
    response: requests.Response,
    headers: Mapping[str, str | bytes],
    *,
    size: int,
    etag: str | None = None,
    slo: bool = False,
    manifest: str | None = None,
    last_modified: str | None = None,
) -> StorageObject:
    """The model of what was just uploaded, from what was sent and what Swift answered."""
    from pkgcloud.dates import parse_time
    from pkgcloud.models import storage as models

    def text(value: str | bytes | None) -> str | None:
        return value.decode("utf-8") if isinstance(value, bytes) else value

    prefix = "x-object-meta-"
    metadata = {k[len(prefix) :].lower(): text(v) or "" for k, v in headers.items() if k.lower().startswith(prefix)}
    delete_at = headers.get("X-Delete-At")
    return models.StorageObject(
        container=container,
        name=name,
        size=size,
        etag=etag or strip_etag(response.headers.get("ETag")),
        content_type=text(headers.get("Content-Type")),
        last_modified=parse_time(last_modified or response.headers.get("Last-Modified")),
        metadata=metadata,
        delete_at=_dt.datetime.fromtimestamp(int(delete_at), _dt.timezone.utc) if delete_at else None,
        manifest=manifest,
        is_static_large_object=slo,
        content_encoding=text(headers.get("Content-Encoding")),
        content_disposition=text(headers.get("Content-Disposition")),
        raw=parse.raw_headers(response.headers),  # as get_object keeps them: lower case, no secrets
    )


# -- objects: large uploads ------------------------------------------------------------------


def upload_large(
    client: SwiftSession,
    container: str,
    name: str,
    src: Source,
    headers: dict[str, str | bytes],
    progress: ProgressReporter | None,
    *,
    kind: str,
    segment_size: int | None,
    segment_container: str | None,
    segment_prefix: str | None,
    concurrency: int,
    checksum: bool,
    if_none_match: str | None,
) -> StorageObject:
    caps = client.get_capabilities()
    if kind == "slo" and caps and "slo" not in caps:
        raise UnsupportedOperation("this Swift cluster does not offer static large objects: pass large_object='dlo'")
    slo_caps = caps.get("slo", {})
    max_file = as_int(as_dict(caps.get("swift")).get("max_file_size")) or large.MAX_FILE_SIZE
    max_segments = int(slo_caps.get("max_manifest_segments", large.MAX_MANIFEST_SEGMENTS))
    seg_size = large.segment_size_for(
        src.size,
        segment_size or large.DEFAULT_SEGMENT_SIZE,
        max_segments if kind == "slo" else 1 << 62,
        max_file,
    )
    seg_container = segment_container or client.container_name(f"{container}_segments")
    max_name = as_int(client.swift_capabilities().get("max_object_name_length")) or MAX_OBJECT_NAME_LENGTH
    stamp = f"{clock.time():.6f}"
    prefix = segment_prefix or large.default_prefix(name, kind, stamp, src.size, seg_size, max_name)

    previous = previous_segments(client, container, name, if_none_match)
    ensure_segment_container(client, container, seg_container)
    uploaded: list[Segment] = []
    try:
        if src.size is not None:
            segments = large.plan(src.size, seg_size, prefix)
            if kind == "slo" and len(segments) > max_segments:
                raise ValidationError(f"{len(segments)} segments is over the cluster's limit of {max_segments}")
            if src.positional and concurrency > 1:

                def put(seg: Segment) -> None:
                    put_segment(client, seg_container, seg, src, progress, checksum)
                    uploaded.append(seg)

                client.run_parallel(put, segments, concurrency)
            else:
                for seg in segments:
                    put_segment(client, seg_container, seg, src, progress, checksum)
                    uploaded.append(seg)
        else:
            segments = put_stream_segments(
                client,
                seg_container,
                prefix,
                seg_size,
                src,
                progress,
                checksum,
                uploaded,
                max_segments if kind == "slo" else None,
            )
            if not segments:  # an empty stream: an empty plain object
                return upload_plain(client, container, name, src, headers, progress, checksum=checksum, etag=None)
        total = sum(seg.length for seg in segments)
        if kind == "slo":
            result = put_slo_manifest(client, container, name, seg_container, segments, headers)
        else:
            result = put_dlo_manifest(client, container, name, seg_container, prefix, total, headers)
    except BaseException:
        delete_segments_quietly(client, seg_container, sorted(seg.name for seg in uploaded))
        raise
    if previous is not None:
        keep = {(seg_container, seg.name) for seg in segments}
        delete_previous_segments(client, previous, keep)
    return result


def ensure_segment_container(client: SwiftSession, container: str, seg_container: str) -> None:
    """Create the segments container (in the main container's storage policy) if it is missing."""
    try:
        client.api.request("HEAD", container_path(seg_container))
        return
    except NotFound:
        pass
    headers: dict[str, str] = {}
    try:
        policy = client.api.request("HEAD", container_path(container)).headers.get("X-Storage-Policy")
    except NotFound:
        policy = None
    if policy:
        headers["X-Storage-Policy"] = policy
    client.api.request("PUT", container_path(seg_container), headers=headers)


def put_segment(
    client: SwiftSession,
    seg_container: str,
    seg: Segment,
    src: Source,
    progress: ProgressReporter | None,
    checksum: bool,
) -> None:
    """Upload one segment of known length; a corrupted one is sent again when the source allows."""
    path = object_path(seg_container, seg.name)
    for attempt in (1, 2):
        body = make_body(src, seg.offset, seg.length, hashing=checksum, progress=progress)
        response = client.api.request(
            "PUT",
            path,
            data=body if seg.length else b"",
            headers={"Content-Type": "application/octet-stream"},
            check=parse.incomplete_put_answer,
        )
        stored = strip_etag(response.headers.get("ETag"))
        sent_md5 = body.md5 if seg.length else EMPTY_MD5
        if not checksum or stored == sent_md5:
            seg.etag = stored if not checksum else sent_md5
            return
        if progress is not None:
            progress.advance(-body.sent)
        if attempt == 2 or not src.replayable:
            raise IntegrityError(
                f"segment {seg.index + 1} ({seg_container}/{seg.name}) corrupted: sent MD5 {sent_md5}, "
                f"Swift stored {stored}"
            )
        log.warning("segment %s corrupted in transit (MD5 mismatch); sending it again", seg.name)


def put_stream_segments(
    client: SwiftSession,
    seg_container: str,
    prefix: str,
    seg_size: int,
    src: Source,
    progress: ProgressReporter | None,
    checksum: bool,
    uploaded: list[Segment],
    max_segments: int | None,
) -> list[Segment]:
    """Segments of a stream of unknown length, one after another, each sent chunked."""
    assert isinstance(src, StreamSource)
    offset = 0
    index = 0
    while not src.at_end():
        if max_segments is not None and index >= max_segments:
            raise ValidationError(
                f"the stream needs more than {max_segments} segments of {seg_size} bytes: "
                "give a larger segment_size (or size=)"
            )
        seg = large.Segment(index, offset, seg_size, f"{prefix}{index:08d}")
        body = UpToBody(src, seg_size, hashing=checksum, progress=progress)
        response = client.api.request(
            "PUT",
            object_path(seg_container, seg.name),
            data=body,
            headers={"Content-Type": "application/octet-stream"},
            check=parse.incomplete_put_answer,
        )
        seg.length = body.sent
        stored = strip_etag(response.headers.get("ETag"))
        uploaded.append(seg)
        if checksum and stored != body.md5:
            raise IntegrityError(
                f"segment {index + 1} ({seg_container}/{seg.name}) corrupted: sent MD5 {body.md5}, "
                f"Swift stored {stored}"
            )
        seg.etag = body.md5 if checksum else stored
        offset += seg.length
        index += 1
    return uploaded


def put_slo_manifest(
    client: SwiftSession,
    container: str,
    name: str,
    seg_container: str,
    segments: list[Segment],
    headers: dict[str, str | bytes],
) -> StorageObject:
    manifest = large.slo_manifest(seg_container, segments)
    sent = dict(headers)
    sent["Accept"] = "application/json"
    path = object_path(container, name)
    # heartbeat: Swift answers at once and keeps the connection alive while it checks every
    # segment, then ends the body with the real status (no read timeout on big manifests)
    response = client.api.request(
        "PUT",
        path,
        params={"multipart-manifest": "put", "heartbeat": "on"},
        data=manifest,
        headers=sent,  # type: ignore[arg-type]
    )
    answer = large.manifest_put_answer(response.text) if response.status_code == 202 else {}
    status = str(answer.get("Response Status") or f"{response.status_code} {response.reason}")
    if not status.startswith("2"):
        code = int(status.split()[0]) if status.split()[0].isdigit() else 502
        problems = "; ".join(f"{p}: {s}" for p, s in answer.get("Errors") or []) or str(
            answer.get("Response Body") or ""
        )
        raise error_class_for(code)(
            method="PUT",
            url=client.api.url(path) + "?multipart-manifest=put",
            status=code,
            message=f"manifest refused: {problems}".strip(),
            request_id=response.headers.get("X-Trans-Id"),
        )
    expected = large.slo_etag([seg.etag or "" for seg in segments])
    stored = strip_etag(answer.get("Etag") or response.headers.get("ETag"))
    if stored != expected:
        delete_slo_quietly(client, container, name)
        raise IntegrityError(
            f"large object {container}/{name}: Swift's ETag {stored} is not the one of the segments sent "
            f"({expected}); it was deleted"
        )
    total = sum(seg.length for seg in segments)
    return uploaded(
        client,
        container,
        name,
        response,
        headers,
        size=total,
        etag=expected,
        slo=True,
        last_modified=answer.get("Last Modified"),
    )


def put_dlo_manifest(
    client: SwiftSession,
    container: str,
    name: str,
    seg_container: str,
    prefix: str,
    total: int,
    headers: dict[str, str | bytes],
) -> StorageObject:
    manifest = f"{quote(seg_container, safe='')}/{quote(prefix, safe='/')}"
    sent = dict(headers)
    sent["X-Object-Manifest"] = manifest
    path = object_path(container, name)
    response = client.api.request("PUT", path, data=b"", headers=sent)  # type: ignore[arg-type]

    # a DLO is whatever the segment listing says when read: check it shows every byte
    def size_now() -> int | None:
        return parse.object_from_headers(container, name, client.api.request("HEAD", path).headers).size

    try:
        wait_until(size_now, lambda size: size == total, timeout=5.0, interval=1.0, what=f"{container}/{name}")
    except WaitTimeout as exc:
        raise IntegrityError(
            f"dynamic large object {container}/{name} reads as {exc.last} bytes, {total} were uploaded "
            "(the segment listing may still be catching up)"
        ) from exc
    return uploaded(
        client, container, name, response, headers, size=total, etag=None, manifest=f"{seg_container}/{prefix}"
    )


def previous_segments(client: SwiftSession, container: str, name: str, if_none_match: str | None) -> Any:
    """The segments of the large object being replaced, to delete once the new one is in place."""
    path = object_path(container, name)
    try:
        head = client.api.request("HEAD", path).headers
    except NotFound:
        return None
    if if_none_match == "*":
        raise PreconditionFailed(
            method="PUT",
            url=client.api.url(path),
            status=412,
            message=f"{container}/{name} exists and if_none_match='*' was given; nothing was uploaded",
        )
    if (head.get("X-Static-Large-Object") or "").lower() == "true":
        return ("slo", slo_segment_paths(client, container, name))
    manifest = head.get("X-Object-Manifest")
    if manifest:
        seg_container, _, seg_prefix = unquote(manifest).partition("/")
        return ("dlo", seg_container, seg_prefix)
    return None


def slo_segment_paths(client: SwiftSession, container: str, name: str) -> list[tuple[str, str]]:
    response = client.api.request("GET", object_path(container, name), params={"multipart-manifest": "get"})
    entries = client.api.decode(response, "GET")
    if not isinstance(entries, list):
        raise client.api.malformed("expected a large object's manifest (a list of segments)", "GET", response.url)
    out = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        path = str(entry.get("name") or "").lstrip("/")
        seg_container, _, seg_name = path.partition("/")
        if seg_container and seg_name and not entry.get("sub_slo"):
            out.append((seg_container, seg_name))
    return out


def delete_previous_segments(client: SwiftSession, previous: Any, keep: set[tuple[str, str]]) -> None:
    """Delete the segments of the replaced large object that the new one does not use."""
    try:
        if previous[0] == "slo":
            by_container: dict[str, list[str]] = {}
            for seg_container, seg_name in previous[1]:
                if (seg_container, seg_name) not in keep:
                    by_container.setdefault(seg_container, []).append(seg_name)
            for seg_container, names in by_container.items():
                delete_segments_quietly(client, seg_container, names)
            return
        _, seg_container, seg_prefix = previous
        if any(c == seg_container and n.startswith(seg_prefix) for c, n in keep):
            return  # the new segments live under the old prefix: deleting by prefix would take them
        names = [o.name for o in client.list_objects(seg_container, prefix=seg_prefix)]
        delete_segments_quietly(client, seg_container, names)
    except (HttpError, TransportError) as exc:
        log.warning("could not delete the replaced large object's segments: %s", exc)


def delete_segments_quietly(client: SwiftSession, seg_container: str, names: list[str]) -> None:
    if not names:
        return
    try:
        result = client.bulk_delete(seg_container, names)
        if result.errors:
            log.warning("segments left in %s: %s", seg_container, result.errors[:5])
    except (PkgcloudError, OSError) as exc:
        log.warning("could not delete %d segments in %s: %s", len(names), seg_container, exc)


def delete_slo_quietly(client: SwiftSession, container: str, name: str) -> None:
    try:
        client.delete_large_object(container, name)
    except (PkgcloudError, OSError) as exc:
        log.warning("could not delete %s/%s: %s", container, name, exc)
