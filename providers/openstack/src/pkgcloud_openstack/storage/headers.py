"""Swift headers: metadata in and out, expiry, ACLs; all checked before anything is sent.

MetadataChanges travels as ``X-<Kind>-Meta-<key>: <value>`` headers. Keys are case-insensitive (we give
them back lower case) and must be HTTP tokens; ``_`` is refused because Swift's WSGI layer turns it
into ``-`` (the key would come back changed). Values may be any text: non-ASCII values are sent
as UTF-8 bytes, which Swift stores and returns as is, and are decoded back on the way in.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pkgcloud import clock
from pkgcloud.errors import ValidationError
from pkgcloud.values import as_int

# Swift's defaults (``/info`` -> swift); a cluster may set others
MAX_META_NAME_LENGTH = 128
MAX_META_VALUE_LENGTH = 256
MAX_META_COUNT = 90
MAX_META_OVERALL_SIZE = 4096

# an HTTP header name; compiled on first use (re caches it), not when the client is imported
_HEADER_NAME = r"^[!#$%&'*+\-.^`|~0-9A-Za-z]+$"

# Headers an object POST resets unless they are sent again (Swift replaces them with the metadata).
POST_RESET_HEADERS = (
    "Content-Disposition",
    "Content-Encoding",
    "Content-Language",
    "Cache-Control",
    "Expires",
    "X-Delete-At",
    "X-Robots-Tag",
)


class MetadataLimits:
    """The metadata limits of a cluster (from its capabilities, else Swift's defaults)."""

    __slots__ = ("count", "name", "overall", "value")

    def __init__(self, swift: Mapping[str, Any] | None = None) -> None:
        caps = swift or {}
        # a cluster publishing something other than a number keeps Swift's default
        self.name = as_int(caps.get("max_meta_name_length")) or MAX_META_NAME_LENGTH
        self.value = as_int(caps.get("max_meta_value_length")) or MAX_META_VALUE_LENGTH
        self.count = as_int(caps.get("max_meta_count")) or MAX_META_COUNT
        self.overall = as_int(caps.get("max_meta_overall_size")) or MAX_META_OVERALL_SIZE


DEFAULT_METADATA_LIMITS = MetadataLimits()


def header_value(value: str, what: str) -> str | bytes:
    """A header value as requests should send it: ASCII as str, anything else as UTF-8 bytes."""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be a str, not {type(value).__name__}")
    if "\r" in value or "\n" in value or "\x00" in value:
        raise ValidationError(f"{what} {value!r} contains a line break or NUL, which headers cannot carry")
    if value.isascii():
        return value
    return value.encode("utf-8")


def decode_header(value: str) -> str:
    """A received header value: http.client gives latin-1; Swift sends back the UTF-8 we stored."""
    if value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def check_meta_key(key: object) -> str:
    if not isinstance(key, str) or not key:
        raise ValidationError(f"metadata keys must be non-empty str, not {key!r}")
    if "_" in key:
        raise ValidationError(
            f"metadata key {key!r} contains '_', which Swift turns into '-': it would come back as "
            f"{key.replace('_', '-')!r}; use '-' instead"
        )
    if not re.match(_HEADER_NAME, key):
        raise ValidationError(
            f"metadata key {key!r} is not a valid header name: use ASCII letters, digits and '-' "
            "(no spaces, ':' or non-ASCII characters)"
        )
    return key


def meta_headers(
    kind: str, metadata: Mapping[str, str | None] | None, limits: MetadataLimits = DEFAULT_METADATA_LIMITS
) -> dict[str, str | bytes]:
    """``X-<kind>-Meta-*`` headers for ``metadata``; a None value becomes ``X-Remove-<kind>-Meta-*``.

    ``kind`` is ``Account``, ``Container`` or ``Object`` (objects cannot remove single keys: a POST
    replaces them all, so None is refused there).
    """
    out: dict[str, str | bytes] = {}
    if not metadata:
        return out
    if not isinstance(metadata, Mapping):
        raise ValidationError(f"metadata must be a mapping of str to str, not {type(metadata).__name__}")
    total = 0
    count = 0
    for key, value in metadata.items():
        check_meta_key(key)
        name_len = len(key.encode())
        if name_len > limits.name:
            raise ValidationError(f"metadata key {key[:40]!r}... is {name_len} bytes; the limit is {limits.name}")
        if value is None:
            if kind == "Object":
                raise ValidationError(
                    f"metadata key {key!r} has the value None: object metadata is replaced as a whole; "
                    "use update_object_metadata to remove single keys"
                )
            out[f"X-Remove-{kind}-Meta-{key}"] = "x"
            continue
        sent = header_value(value, f"metadata value of {key!r}")
        value_len = len(sent) if isinstance(sent, bytes) else len(sent.encode())
        if value_len > limits.value:
            raise ValidationError(
                f"metadata value of {key!r} is {value_len} bytes in UTF-8; the limit is {limits.value}"
            )
        total += name_len + value_len
        count += 1
        out[f"X-{kind}-Meta-{key}"] = sent
    if count > limits.count:
        raise ValidationError(f"{count} metadata items; the limit is {limits.count}")
    if total > limits.overall:
        raise ValidationError(f"metadata totals {total} bytes (keys and values); the limit is {limits.overall}")
    return out


def remove_meta_headers(kind: str, keys: Iterable[str]) -> dict[str, str | bytes]:
    if isinstance(keys, str):
        raise ValidationError("keys must be an iterable of metadata keys, not a single str (wrap it in a list)")
    return {f"X-Remove-{kind}-Meta-{check_meta_key(key)}": "x" for key in keys}


def read_meta(headers: Mapping[str, str], kind: str) -> dict[str, str]:
    """The ``X-<kind>-Meta-*`` headers as ``{lower-case key: value}``."""
    prefix = f"x-{kind.lower()}-meta-"
    cut = len(prefix)
    return {k[cut:].lower(): decode_header(v) for k, v in headers.items() if k.lower().startswith(prefix)}


def expiry_headers(delete_at: _dt.datetime | int | None, delete_after: int | None) -> dict[str, str]:
    """``X-Delete-At`` (epoch seconds, or an aware datetime) or ``X-Delete-After`` (seconds)."""
    if delete_at is not None and delete_after is not None:
        raise ValidationError("give delete_at or delete_after, not both")
    if delete_at is not None:
        if isinstance(delete_at, _dt.datetime):
            if delete_at.tzinfo is None:
                raise ValidationError(
                    "delete_at must be an aware datetime (e.g. datetime.now(timezone.utc) + timedelta(days=1)) "
                    "or epoch seconds"
                )
            epoch = int(delete_at.timestamp())
        elif isinstance(delete_at, int) and not isinstance(delete_at, bool):
            epoch = delete_at
        else:
            raise ValidationError(f"delete_at must be a datetime or epoch seconds, not {type(delete_at).__name__}")
        now = clock.time()
        if epoch <= now:
            raise ValidationError(
                f"delete_at must be in the future, not {epoch} ({int(now) - epoch} s ago): "
                "give a later time, or delete_after=seconds"
            )
        return {"X-Delete-At": str(epoch)}
    if delete_after is not None:
        if not isinstance(delete_after, int) or isinstance(delete_after, bool) or delete_after <= 0:
            raise ValidationError(f"delete_after must be a positive number of seconds, not {delete_after!r}")
        return {"X-Delete-After": str(delete_after)}
    return {}


def acl_headers(read: str | None, write: str | None, *, for_create: bool = False) -> dict[str, str | bytes]:
    """``X-Container-Read``/``-Write``; ``""`` removes an ACL (``X-Remove-Container-*``), None leaves it."""
    out: dict[str, str | bytes] = {}
    for what, value in (("Read", read), ("Write", write)):
        if value is None:
            continue
        if value == "" and not for_create:
            out[f"X-Remove-Container-{what}"] = "x"
        elif value:
            out[f"X-Container-{what}"] = header_value(value, f"{what.lower()} ACL")
    return out


def extra_headers(headers: Mapping[str, str] | None) -> dict[str, str | bytes]:
    """Caller-given headers, checked to be sendable."""
    out: dict[str, str | bytes] = {}
    for key, value in (headers or {}).items():
        if not isinstance(key, str) or not re.match(_HEADER_NAME, key):
            raise ValidationError(f"header name {key!r} is not a valid HTTP header name")
        out[key] = header_value(str(value) if isinstance(value, int) else value, f"header {key}")
    return out


def strip_etag(value: str | None) -> str | None:
    """An ETag without the quotes Swift puts around large objects' ones."""
    if value is None:
        return None
    return value.strip().strip('"') or None
