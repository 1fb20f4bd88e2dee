"""What a request carries: bodies and queries built from what the caller set, and checked references.

The rule every service follows: ``None`` means "not set" and is never sent; ``False``, ``0``, ``[]``
and ``""`` are values and are sent as given (the Node library lost every falsy value, and Neutron or
Cinder >= 3.53 reject keys a caller did not set). Where an API gives JSON ``null`` a meaning (Neutron's
``gateway_ip: null`` is "no gateway"), the caller passes :data:`NULL`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pkgcloud.errors import NotFound, ValidationError

T = TypeVar("T")

# The limit most OpenStack APIs put on names, descriptions' keys and metadata.
MAX_NAME = 255


class _Null:
    """The explicit JSON ``null``: sent as ``null``, where ``None`` is not sent at all."""

    _instance: _Null | None = None

    def __new__(cls) -> _Null:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NULL"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "NULL"


NULL: Any = _Null()


def fields(
    values: Mapping[str, Any] | None = None, /, *, names: Mapping[str, str] | None = None, **more: Any
) -> dict[str, Any]:
    """A body (or part of one) from what the caller set: ``None`` values are left out, :data:`NULL`
    becomes ``null``, everything else is kept as given. ``names`` renames keys (Python name -> API name).
    """
    out: dict[str, Any] = {}
    for source in (values or {}, more):
        for key, value in source.items():
            if value is None:
                continue
            out[names.get(key, key) if names else key] = None if value is NULL else value
    return out


def check_known(given: Iterable[str], allowed: Iterable[str], operation: str, *, kind: str = "option") -> None:
    """Refuse keywords an operation does not take, naming the first and listing the right ones."""
    allowed = sorted(set(allowed))
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ValidationError(f"{operation} got an unknown {kind} {unknown[0]!r}; it takes {', '.join(allowed)}")


def require_some(values: Mapping[str, Any], operation: str) -> None:
    """Refuse an update that changes nothing (every value None)."""
    if all(value is None for value in values.values()):
        raise ValidationError(f"{operation} needs at least one field to change")


def ref(value: Any, what: str, *, required: bool = True) -> str | None:
    """The id of a model or an id (``volume``, ``network``...); ints are accepted as ids."""
    if value is None or value == "":
        if required:
            raise ValidationError(f"{what} is required: give a {what} model or its id")
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{what} must be a {what} model or its id, not a bool")
    if isinstance(value, (str, int)):
        return str(value)
    found = getattr(value, "id", None)
    if isinstance(found, str) and found:
        return found
    raise ValidationError(f"{what} must be a {what} model or its id (a string), not {type(value).__name__}")


def ref_id(value: Any, what: str) -> str:
    """:func:`ref` for a required reference (never None)."""
    found = ref(value, what)
    assert found is not None
    return found


def check_name(name: Any, what: str = "name", *, max_length: int = MAX_NAME) -> str:
    """A non-empty string of at most ``max_length`` characters."""
    if not isinstance(name, str) or not name.strip():
        raise ValidationError(f"{what} must be a non-empty string, not {name!r}")
    if len(name) > max_length:
        raise ValidationError(f"{what} is {len(name)} characters long; the API allows {max_length}")
    return name


def check_metadata(metadata: Any, what: str = "metadata", *, max_length: int = MAX_NAME) -> dict[str, str]:
    """Key/value metadata as OpenStack services keep it: string keys and values, each 1 to
    ``max_length`` characters (keys) or at most ``max_length`` (values)."""
    if not isinstance(metadata, Mapping):
        raise ValidationError(f"{what} must be a mapping of strings to strings, not {type(metadata).__name__}")
    out: dict[str, str] = {}
    for key, value in metadata.items():
        if not isinstance(key, str) or not key or len(key) > max_length:
            raise ValidationError(f"{what} keys must be strings of 1 to {max_length} characters, not {key!r}")
        if not isinstance(value, str):
            raise ValidationError(
                f"{what}[{key!r}] must be a string, not {type(value).__name__} (convert it: str(value))"
            )
        if len(value) > max_length:
            raise ValidationError(f"{what}[{key!r}] is {len(value)} characters long; the limit is {max_length}")
        out[key] = value
    return out


def check_bool(value: Any, what: str) -> bool | None:
    """A bool or None (a string such as ``"false"`` would be sent as true by some services)."""
    if value is None or isinstance(value, bool):
        return value
    raise ValidationError(f"{what} must be True or False, not {value!r}")


def check_int(value: Any, what: str, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """An int (not a bool) within ``[minimum, maximum]``, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{what} must be a whole number, not {value!r}")
    if minimum is not None and value < minimum:
        raise ValidationError(f"{what} must be at least {minimum}, not {value}")
    if maximum is not None and value > maximum:
        raise ValidationError(f"{what} must be at most {maximum}, not {value}")
    return value


def query_value(value: Any, *, true: str = "true", false: str = "false") -> Any:
    """A value as a query string wants it: datetimes in ISO 8601 (naive ones taken as UTC), bools as
    ``true``/``false`` (or the service's spelling), sequences comma-joined."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return value.isoformat()
    if isinstance(value, bool):
        return true if value else false
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(str(query_value(v, true=true, false=false)) for v in value)
    return value


def query(
    filters: Mapping[str, Any], *, names: Mapping[str, str] | None = None, true: str = "true", false: str = "false"
) -> dict[str, Any]:
    """List filters as query parameters: ``None`` left out, values as :func:`query_value` writes them,
    models given for ids replaced by their ids, keys renamed by ``names``."""
    out: dict[str, Any] = {}
    for key, value in filters.items():
        if value is None:
            continue
        if not isinstance(value, (str, int, float, bool, _dt.datetime, list, tuple, set, frozenset)):
            value = ref(value, key)
        out[names.get(key, key) if names else key] = query_value(value, true=true, false=false)
    return out


def find_by_name(items: Iterable[T], name: str, what: str) -> T:
    """The one item named ``name``; NotFound lists the names there are."""
    seen = list(items)
    for item in seen:
        if getattr(item, "name", None) == name:
            return item
    names = ", ".join(sorted(repr(getattr(i, "name", None)) for i in seen if getattr(i, "name", None))) or "none"
    raise NotFound(method="GET", url=f"{what}s", status=404, message=f"no {what} named {name!r}; there are: {names}")
