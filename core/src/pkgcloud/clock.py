"""The one place pkgcloud reads time and sleeps.

Token expiry, waiters and retry backoff call :func:`time`, :func:`monotonic` and :func:`sleep` here,
so tests can install a clock they control (:func:`set_clock`) and replayed cassettes never sleep.
"""

from __future__ import annotations

import time as _time


class Clock:
    """Real time: ``time()`` is wall-clock epoch seconds, ``monotonic()`` measures intervals."""

    def time(self) -> float:
        return _time.time()

    def monotonic(self) -> float:
        return _time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            _time.sleep(seconds)


class FakeClock(Clock):
    """A clock that only moves when told to: ``sleep`` advances it instantly."""

    def __init__(self, start: float | None = None) -> None:
        self.now = _time.time() if start is None else start
        self._mono = 0.0
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self._mono

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(max(seconds, 0.0))

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self._mono += seconds


_current: Clock = Clock()


def set_clock(new: Clock) -> Clock:
    """Install ``new`` as the clock used everywhere; returns the previous one."""
    global _current
    previous, _current = _current, new
    return previous


def get_clock() -> Clock:
    return _current


def time() -> float:
    return _current.time()


def monotonic() -> float:
    return _current.monotonic()


def sleep(seconds: float) -> None:
    _current.sleep(seconds)
