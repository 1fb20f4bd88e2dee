"""Container and object names: checked before any request, quoted for URLs exactly once.

Swift stores any UTF-8 name without NUL up to its length limits (bytes, not characters): 256 for
containers, 1024 for objects by default. A container name cannot contain ``/`` nor be ``.`` or
``..``. Object names may contain anything else: spaces, ``%``, ``#``, ``?``, ``+``, ``;``, leading or
repeated slashes, and ``.``/``..`` path segments (sent as ``%2E`` so that no HTTP layer on the way
resolves them as relative paths).
"""

from __future__ import annotations

from urllib.parse import quote

from pkgcloud.errors import ValidationError

MAX_CONTAINER_NAME_LENGTH = 256
MAX_OBJECT_NAME_LENGTH = 1024
_DOTS = {".": "%2E", "..": "%2E%2E"}


def _utf8(name: object, what: str) -> bytes:
    if not isinstance(name, str):
        raise ValidationError(f"{what} must be a str, not {type(name).__name__} ({name!r})")
    if not name:
        raise ValidationError(f"{what} must not be empty")
    if "\x00" in name:
        raise ValidationError(f"{what} {name!r} contains a NUL character, which Swift does not allow")
    try:
        return name.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(f"{what} {name!r} is not valid Unicode text ({exc.reason})") from None


def check_container_name(name: object, max_length: int = MAX_CONTAINER_NAME_LENGTH) -> str:
    """``name`` if Swift can store it as a container name; else a ValidationError saying why."""
    encoded = _utf8(name, "container name")
    assert isinstance(name, str)
    if "/" in name:
        raise ValidationError(
            f"container name {name!r} contains '/': container names cannot (object names can, "
            "to make pseudo-directories)"
        )
    if name in (".", ".."):
        raise ValidationError(f"container name {name!r} is not allowed")
    if len(encoded) > max_length:
        raise ValidationError(
            f"container name is {len(encoded)} bytes in UTF-8; the limit is {max_length} ({name[:40]!r}...)"
        )
    return name


def check_object_name(name: object, max_length: int = MAX_OBJECT_NAME_LENGTH) -> str:
    """``name`` if Swift can store it as an object name; else a ValidationError saying why."""
    encoded = _utf8(name, "object name")
    assert isinstance(name, str)
    if len(encoded) > max_length:
        raise ValidationError(
            f"object name is {len(encoded)} bytes in UTF-8; the limit is {max_length} ({name[:40]!r}...)"
        )
    return name


def quote_name(name: str) -> str:
    """``name`` as URL path segments: every reserved character escaped, ``/`` kept, dot segments escaped."""
    quoted = quote(name, safe="/")
    if "." in quoted and (quoted.startswith(".") or "/." in quoted):
        quoted = "/".join(_DOTS.get(part, part) for part in quoted.split("/"))
    return quoted


def container_path(container: str) -> str:
    return quote(container, safe="") if container not in _DOTS else _DOTS[container]


def object_path(container: str, name: str) -> str:
    """The path of an object relative to the account URL."""
    return f"{container_path(container)}/{quote_name(name)}"
