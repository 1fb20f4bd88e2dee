"""Waiting for a resource to reach a state, with a typed timeout and a typed failure."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pkgcloud import clock
from pkgcloud.errors import NotFound, ResourceFailed, ValidationError, WaitTimeout

T = TypeVar("T")

DELETED = "DELETED"


def _describe(resource: Any) -> str:
    kind = type(resource).__name__
    name = getattr(resource, "name", None) or getattr(resource, "id", None)
    return f"{kind} {name!r}" if name else kind


def _statuses(resource: Any) -> set[str]:
    """The normalised status, the provider's own and, where a service reports one beside them, the
    operating status (Trove's ``HEALTHY``), so any of them may be awaited."""
    found = set()
    for attr in ("status", "provider_status", "operating_status"):
        value = getattr(resource, attr, None)
        if value is not None:
            found.add(str(getattr(value, "value", value)).upper())
    return found


def check_seconds(value: Any, what: str) -> float:
    """A positive, finite number of seconds, or a ValidationError naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(f"{what} must be a number of seconds, not {value!r}")
    if not math.isfinite(value) or value <= 0:
        raise ValidationError(f"{what} must be a positive number of seconds, not {value!r}")
    return float(value)


def check_wait_arguments(
    resource: Any,
    status: Any,
    *,
    timeout: Any,
    interval: Any,
    statuses: Iterable[str] = (),
    service: str = "",
) -> str:
    """Check a wait's arguments before its first poll; returns the awaited status, upper-cased."""
    if resource is None:
        raise ValidationError("wait_for needs the resource to wait for (a model or its id), not None")
    if not isinstance(status, str) or not status.strip():
        raise ValidationError(f"status must be a status name such as 'ACTIVE' or 'DELETED', not {status!r}")
    check_seconds(timeout, "timeout")
    check_seconds(interval, "interval")
    target = status.strip().upper()
    known = {s.upper() for s in statuses}
    if known and target not in known and target != DELETED:
        raise ValidationError(
            f"the {service} service never reports status {status!r}; it reports {', '.join(sorted(known | {DELETED}))}"
        )
    return target


def wait_until(
    refresh: Callable[[], T],
    done: Callable[[T], bool],
    *,
    failed: Callable[[T], str | None] | None = None,
    timeout: float = 600.0,
    interval: float = 5.0,
    what: str = "the resource",
    callback: Callable[[T], None] | None = None,
) -> T:
    """Call ``refresh`` every ``interval`` seconds until ``done(result)``.

    ``failed(result)`` returning a message ends the wait with :class:`ResourceFailed`.
    After ``timeout`` seconds, :class:`WaitTimeout` carries the last result seen.
    """
    deadline = clock.monotonic() + timeout
    last: T | None = None
    while True:
        last = refresh()
        if callback is not None:
            callback(last)
        if done(last):
            return last
        if failed is not None:
            reason = failed(last)
            if reason is not None:
                raise ResourceFailed(f"{what} failed: {reason}", resource=last, fault=reason)
        remaining = deadline - clock.monotonic()
        if remaining <= 0:
            raise WaitTimeout(f"{what} was not ready after {timeout:g}s", last=last)
        clock.sleep(min(interval, remaining))


def wait_for_status(
    refresh: Callable[[], Any],
    status: str,
    *,
    timeout: float = 600.0,
    interval: float = 5.0,
    error_statuses: Iterable[str] = ("ERROR",),
    callback: Callable[[Any], None] | None = None,
    reason: Callable[[Any], str | None] | None = None,
    stalled: Callable[[Any], str | None] | None = None,
    events: Callable[[], Iterable[Any]] | None = None,
    on_event: Callable[[Any], None] | None = None,
    settling: Callable[[Any], bool] | None = None,
) -> Any:
    """Wait until the refreshed resource has ``status``; ``"DELETED"`` waits for it to be gone.

    The resource's ``status`` (normalised) and ``provider_status`` are both compared, upper-cased, so
    ``"RUNNING"`` and ``"ACTIVE"`` both work for a Nova server. Reaching one of ``error_statuses``
    raises :class:`ResourceFailed` with ``reason(resource)`` (the service's words: its ``fault`` by
    default). ``events``, when given, is polled after each refresh and each new event goes to ``on_event``.
    ``settling(resource)`` True: the status shown may still be the one from before the call that began
    the wait (a restart not yet picked up), so it is not taken for the end.
    """
    reason = reason or (lambda current: str(getattr(current, "fault", None) or "") or None)
    target = status.upper()
    errors = {s.upper() for s in error_statuses} - {target}
    first = {"seen": None}

    def fetch() -> Any:
        try:
            current = refresh()
        except NotFound:
            if target == DELETED:
                return DELETED
            raise
        first["seen"] = first["seen"] or current
        return current

    def done(current: Any) -> bool:
        if current == DELETED:
            return True
        # asked on every poll, so that it sees the status change
        unsettled = settling is not None and settling(current)
        return not unsettled and target in _statuses(current)

    def failed(current: Any) -> str | None:
        hit = _statuses(current) & errors
        if not hit:
            return stalled(current) if stalled is not None and current != DELETED else None
        why = reason(current)
        return f"status {sorted(hit)[0]}" + (f": {why}" if why else "")

    def report(current: Any) -> None:
        if events is not None and on_event is not None:
            for event in events():
                on_event(event)
        if callback is not None and current != DELETED:
            callback(current)

    what = _describe(first["seen"]) if first["seen"] is not None else "the resource"
    try:
        return wait_until(fetch, done, failed=failed, timeout=timeout, interval=interval, what=what, callback=report)
    except (WaitTimeout, ResourceFailed) as exc:
        # name the resource now that it has been seen, and say what was awaited
        name = _describe(first["seen"]) if first["seen"] is not None else "the resource"
        if isinstance(exc, WaitTimeout):
            seen = sorted(_statuses(exc.last)) if exc.last not in (None, DELETED) else []
            raise WaitTimeout(
                f"{name} did not reach {target} within {timeout:g}s (last status: {', '.join(seen) or 'unknown'})",
                last=exc.last,
            ) from None
        if exc.fault and exc.fault.startswith("status "):
            text = f"{name} reached an error state while waiting for {target}: {exc.fault}"
        else:
            text = f"{name} will not reach {target}: {exc.fault}"
        raise ResourceFailed(
            text,
            resource=exc.resource,
            fault=exc.fault,
        ) from None
