"""Reading values out of answers without trusting their types.

Parse functions take fields with these, so that a server answering ``"size": "ten"``, ``"metadata":
null`` or ``"attachments": {}`` gives a model with the field unset instead of a ``TypeError`` or
``AttributeError`` escaping from a client. A missing *required* field (an id) is not read here: the
resource engine turns the parser's ``KeyError`` into :class:`~pkgcloud.errors.MalformedResponse`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

N = TypeVar("N", int, float)

_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


def as_int(value: Any) -> int | None:
    return _number(value, int)


def as_float(value: Any) -> float | None:
    return _number(value, float)


def _number(value: Any, kind: Callable[[Any], N]) -> N | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return kind(value)
    except (TypeError, ValueError, OverflowError):
        return None


def as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def as_str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def as_dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def as_dicts(value: Any) -> list[dict[str, Any]]:
    """The mappings of a list (anything else in it is dropped)."""
    return [dict(item) for item in as_list(value) if isinstance(item, Mapping)]


def linked_id(value: Any) -> str | None:
    """An id given as ``"abc"`` or as ``{"id": "abc", "links": [...]}`` (Nova's flavor and image)."""
    if isinstance(value, Mapping):
        found = value.get("id")
        return str(found) if found else None
    if isinstance(value, (str, int)) and not isinstance(value, bool) and value != "":
        return str(value)
    return None
