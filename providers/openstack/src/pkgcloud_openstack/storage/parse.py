"""Models from Swift's answers: HEAD headers and JSON listing entries.

``raw`` holds the response headers with lower-case names (or the listing entry).

The models are imported at call time (``pkgcloud.models`` is lazy), so importing the service
does not import attrs.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pkgcloud.dates import parse_time
from pkgcloud.redact import is_secret_header
from pkgcloud.values import as_int
from pkgcloud_openstack.storage.headers import decode_header, strip_etag

if TYPE_CHECKING:
    import requests

    from pkgcloud.models.storage import AccountInfo, Container, StorageObject


_loaded: set[str] = set()


def _load(name: str) -> None:
    """Bind the model class ``name`` here on first use (so importing the service does not import
    attrs, and a HEAD of an object does not create the container models).

    For type checkers they are the classes imported under TYPE_CHECKING above.
    """
    from pkgcloud.models import storage

    globals()[name] = getattr(storage, name)
    _loaded.add(name)


def listing_time(value: str | None) -> _dt.datetime | None:
    """A listing's ``last_modified`` (ISO 8601 in UTC, without an offset)."""
    if not value:
        return None
    try:
        return _dt.datetime.fromisoformat(value + "+00:00")
    except (TypeError, ValueError):  # another ISO form, or not a string at all
        return parse_time(value)


def _lower(headers: Mapping[str, str]) -> dict[str, str]:
    """The headers in a plain dict with lower-case names (one pass; requests' case-insensitive dict
    is slow to iterate and to query)."""
    lower_items = getattr(headers, "lower_items", None)
    if lower_items is not None:
        return dict(lower_items())
    return {k.lower(): v for k, v in headers.items()}


def _text(headers: dict[str, str], name: str) -> str | None:
    value = headers.get(name)
    return decode_header(value) if value is not None else None


def _meta(headers: dict[str, str], kind: str) -> dict[str, str]:
    prefix = f"x-{kind}-meta-"
    cut = len(prefix)
    return {k[cut:]: decode_header(v) for k, v in headers.items() if k.startswith(prefix)}


def account_from_headers(headers: Mapping[str, str]) -> AccountInfo:
    if "AccountInfo" not in _loaded:
        _load("AccountInfo")
    low = _lower(headers)
    metadata = _meta(low, "account")
    key = metadata.pop("temp-url-key", None)
    key_2 = metadata.pop("temp-url-key-2", None)
    quota = metadata.pop("quota-bytes", None)
    return AccountInfo(
        container_count=as_int(low.get("x-account-container-count")) or 0,
        object_count=as_int(low.get("x-account-object-count")) or 0,
        bytes_used=as_int(low.get("x-account-bytes-used")) or 0,
        quota_bytes=as_int(quota),
        metadata=metadata,
        temp_url_key=key,
        temp_url_key_2=key_2,
        raw=_raw(low),
    )


def container_from_headers(name: str, headers: Mapping[str, str]) -> Container:
    if "Container" not in _loaded:
        _load("Container")
    low = _lower(headers)
    metadata = _meta(low, "container")
    key = metadata.pop("temp-url-key", None)
    key_2 = metadata.pop("temp-url-key-2", None)
    quota_bytes = metadata.pop("quota-bytes", None)
    quota_count = metadata.pop("quota-count", None)
    return Container(
        name=name,
        count=as_int(low.get("x-container-object-count")),
        bytes=as_int(low.get("x-container-bytes-used")),
        metadata=metadata,
        read_acl=_text(low, "x-container-read"),
        write_acl=_text(low, "x-container-write"),
        storage_policy=_text(low, "x-storage-policy"),
        versions_location=_text(low, "x-versions-location") or _text(low, "x-history-location"),
        last_modified=http_date(low.get("last-modified")),
        quota_bytes=as_int(quota_bytes),
        quota_count=as_int(quota_count),
        temp_url_key=key,
        temp_url_key_2=key_2,
        raw=_raw(low),
    )


def container_from_listing(entry: Mapping[str, Any]) -> Container:
    if "Container" not in _loaded:
        _load("Container")
    return Container(
        name=str(entry["name"]),
        count=as_int(entry.get("count")),
        bytes=as_int(entry.get("bytes")),
        last_modified=listing_time(entry.get("last_modified")),
        raw=dict(entry),
    )


def object_from_headers(container: str, name: str, headers: Mapping[str, str]) -> StorageObject:
    if "StorageObject" not in _loaded:
        _load("StorageObject")
    low = _lower(headers)
    delete_at = as_int(low.get("x-delete-at"))
    return StorageObject(
        container=container,
        name=name,
        size=as_int(low.get("content-length")),
        etag=strip_etag(low.get("etag")),
        content_type=_text(low, "content-type"),
        last_modified=http_date(low.get("last-modified")),
        metadata=_meta(low, "object"),
        delete_at=_dt.datetime.fromtimestamp(delete_at, _dt.timezone.utc) if delete_at else None,
        manifest=_text(low, "x-object-manifest"),
        is_static_large_object=low.get("x-static-large-object", "").lower() == "true",
        content_encoding=_text(low, "content-encoding"),
        content_disposition=_text(low, "content-disposition"),
        raw=_raw(low),
    )


def object_from_listing(container: str, entry: Mapping[str, Any]) -> StorageObject:
    if "StorageObject" not in _loaded:
        _load("StorageObject")
    if "subdir" in entry:
        return StorageObject(container=container, name=str(entry["subdir"]), is_pseudo_dir=True, raw=dict(entry))
    slo_etag = entry.get("slo_etag")
    return StorageObject(
        container=container,
        name=str(entry["name"]),
        size=as_int(entry.get("bytes")),
        etag=strip_etag(slo_etag) if slo_etag else entry.get("hash"),
        content_type=entry.get("content_type"),
        last_modified=listing_time(entry.get("last_modified")),
        is_static_large_object=bool(slo_etag),
        raw=entry if isinstance(entry, dict) else dict(entry),  # a fresh dict from the JSON: no copy
    )


# header names repeat from one response to the next: decide once whether each is secret
_is_secret = lru_cache(maxsize=512)(is_secret_header)


def raw_headers(headers: Mapping[str, str]) -> dict[str, Any]:
    """A response's headers as the models keep them (``raw``)."""
    return _raw(_lower(headers))


def _raw(headers: dict[str, str]) -> dict[str, Any]:
    """The response headers, names in lower case (secrets such as temp URL keys are kept out)."""
    return {k: v for k, v in headers.items() if not _is_secret(k)}


@lru_cache(maxsize=1024)
def http_date(value: str | None) -> _dt.datetime | None:
    """A ``Last-Modified`` header (an HTTP date) as an aware datetime (cached: HEADs repeat them)."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return parse_time(value)


# -- completeness of object answers ------------------------------------------------------------------

_HEX = frozenset("0123456789abcdefABCDEF")


def is_object_etag(value: str) -> bool:
    """An ETag Swift sends for an object: an MD5 (a large object's quoted, a weak one prefixed
    ``W/``), or an S3-style multipart ``<md5>-<parts>``.

    The pattern ``(?:W/)?("?)[0-9a-fA-F]{32}(?:-\\d+)?\\1``, checked by hand: compiling it would cost a
    first HEAD more than the rest of reading its answer.
    """
    if value.startswith("W/"):
        value = value[2:]
    if value.startswith('"'):
        if len(value) < 2 or not value.endswith('"'):
            return False
        value = value[1:-1]
    digest, rest = value[:32], value[32:]
    if len(digest) != 32 or not _HEX.issuperset(digest):
        return False
    return not rest or (rest[0] == "-" and rest[1:].isdecimal())


def _etag_problem(headers: Mapping[str, str]) -> str | None:
    value = headers.get("ETag")
    if value is None:
        return "no ETag"
    if not is_object_etag(value.strip()):
        return f"a malformed ETag {value!r}"
    return None


def incomplete_object_answer(response: requests.Response) -> str | None:
    """What a GET or HEAD answer about an object lacks to be one Swift sent whole (None: nothing).

    Swift always sends an object's answer with a ``Content-Length`` (or chunked, for a GET) and its
    ETag: one without, or with a malformed ETag, was cut (by a proxy, a load balancer, a broken
    connection) and is handled as a dropped connection. Error answers are not judged here.
    """
    if response.status_code not in (200, 206):
        return None
    headers = response.headers
    length = headers.get("Content-Length")
    chunked = "chunked" in headers.get("Transfer-Encoding", "").lower()
    if length is None and not chunked:
        return "no Content-Length and no chunked encoding"
    if length is not None and not length.strip().isdigit():
        return f"a malformed Content-Length {length!r}"
    return _etag_problem(headers)


def incomplete_put_answer(response: requests.Response) -> str | None:
    """What a 201 answer to an object PUT lacks to be whole: the ETag of what Swift stored."""
    if response.status_code != 201:
        return None
    return _etag_problem(response.headers)
