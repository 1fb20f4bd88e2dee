"""Models from Swift's answers: HEAD headers and JSON listing entries.

The models are imported at call time (``pkgcloud.models`` is lazy), so importing the service
does not import attrs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pkgcloud.dates import parse_time
from pkgcloud_openstack.storage.headers import decode_header, read_meta, strip_etag

if TYPE_CHECKING:
    from pkgcloud.models.storage import AccountInfo, Container, StorageObject


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _get(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    return decode_header(value) if value is not None else None


def account_from_headers(headers: Mapping[str, str]) -> AccountInfo:
    from pkgcloud.models import storage as models

    metadata = read_meta(headers, "Account")
    key = metadata.pop("temp-url-key", None)
    key_2 = metadata.pop("temp-url-key-2", None)
    quota = metadata.pop("quota-bytes", None)
    return models.AccountInfo(
        container_count=_int(headers.get("X-Account-Container-Count")) or 0,
        object_count=_int(headers.get("X-Account-Object-Count")) or 0,
        bytes_used=_int(headers.get("X-Account-Bytes-Used")) or 0,
        quota_bytes=_int(quota),
        metadata=metadata,
        temp_url_key=key,
        temp_url_key_2=key_2,
        raw=_raw(headers),
    )


def container_from_headers(name: str, headers: Mapping[str, str]) -> Container:
    from pkgcloud.models import storage as models

    metadata = read_meta(headers, "Container")
    key = metadata.pop("temp-url-key", None)
    key_2 = metadata.pop("temp-url-key-2", None)
    quota_bytes = metadata.pop("quota-bytes", None)
    quota_count = metadata.pop("quota-count", None)
    return models.Container(
        name=name,
        count=_int(headers.get("X-Container-Object-Count")),
        bytes=_int(headers.get("X-Container-Bytes-Used")),
        metadata=metadata,
        read_acl=_get(headers, "X-Container-Read"),
        write_acl=_get(headers, "X-Container-Write"),
        storage_policy=_get(headers, "X-Storage-Policy"),
        versions_location=_get(headers, "X-Versions-Location") or _get(headers, "X-History-Location"),
        last_modified=parse_time(headers.get("Last-Modified")),
        quota_bytes=_int(quota_bytes),
        quota_count=_int(quota_count),
        temp_url_key=key,
        temp_url_key_2=key_2,
        raw=_raw(headers),
    )


def container_from_listing(entry: Mapping[str, Any]) -> Container:
    from pkgcloud.models import storage as models

    return models.Container(
        name=str(entry["name"]),
        count=_int(entry.get("count")),
        bytes=_int(entry.get("bytes")),
        last_modified=parse_time(entry.get("last_modified")),
        raw=dict(entry),
    )


def object_from_headers(container: str, name: str, headers: Mapping[str, str]) -> StorageObject:
    from pkgcloud.models import storage as models

    delete_at = _int(headers.get("X-Delete-At"))
    return models.StorageObject(
        container=container,
        name=name,
        size=_int(headers.get("Content-Length")),
        etag=strip_etag(headers.get("ETag")),
        content_type=_get(headers, "Content-Type"),
        last_modified=parse_time(headers.get("Last-Modified")),
        metadata=read_meta(headers, "Object"),
        delete_at=parse_time(_epoch_iso(delete_at)) if delete_at else None,
        manifest=_get(headers, "X-Object-Manifest"),
        is_static_large_object=(headers.get("X-Static-Large-Object") or "").lower() == "true",
        content_encoding=_get(headers, "Content-Encoding"),
        content_disposition=_get(headers, "Content-Disposition"),
        raw=_raw(headers),
    )


def object_from_listing(container: str, entry: Mapping[str, Any]) -> StorageObject:
    from pkgcloud.models import storage as models

    if "subdir" in entry:
        return models.StorageObject(container=container, name=str(entry["subdir"]), is_pseudo_dir=True, raw=dict(entry))
    slo_etag = entry.get("slo_etag")
    return models.StorageObject(
        container=container,
        name=str(entry["name"]),
        size=_int(entry.get("bytes")),
        etag=strip_etag(slo_etag) if slo_etag else entry.get("hash"),
        content_type=entry.get("content_type"),
        last_modified=parse_time(entry.get("last_modified")),
        is_static_large_object=bool(slo_etag),
        raw=dict(entry),
    )


def _epoch_iso(epoch: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).isoformat()


def _raw(headers: Mapping[str, str]) -> dict[str, Any]:
    """The response headers (secrets such as temp URL keys are kept out)."""
    from pkgcloud.redact import is_secret_header

    return {k: v for k, v in headers.items() if not is_secret_header(k)}
