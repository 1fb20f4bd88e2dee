"""Parsing the dates services send: ISO 8601 in its variants, HTTP dates, and ``Retry-After``."""

from __future__ import annotations

import datetime as _dt
import email.utils
from typing import Any

from pkgcloud.clock import time as _now


def parse_time(value: Any) -> _dt.datetime | None:
    """ISO 8601 (with ``Z``, offsets or none: then UTC) or an HTTP date, to an aware datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)
    text = str(value).strip()
    try:
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        # Python 3.10's fromisoformat wants 0, 3 or 6 fraction digits
        if "." in text:
            head, _, rest = text.partition(".")
            count = len(rest) - len(rest.lstrip("0123456789"))
            digits, tail = rest[:count], rest[count:]
            text = f"{head}.{(digits + '000000')[:6]}{tail}"
        parsed = _dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(str(value))
        except (TypeError, ValueError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.timezone.utc)


def epoch(value: Any) -> float | None:
    """Epoch seconds of a date as :func:`parse_time` reads it (None when absent or unreadable)."""
    when = parse_time(value)
    return when.timestamp() if when is not None else None


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds, an HTTP date or an ISO 8601 time."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when: _dt.datetime | None = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        when = parse_time(value) if "T" in value or "-" in value else None
    if when is None:
        return None
    return max(0.0, when.timestamp() - _now())
