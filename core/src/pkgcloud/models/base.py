"""What every model shares: the provider's raw payload, kept aside, and time parsing.

``Status`` lives in :mod:`pkgcloud.models.status`; importing it from here still works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attr import define, field

from pkgcloud.dates import parse_time

if TYPE_CHECKING:
    from pkgcloud.models.status import Status

__all__ = ["Model", "Status", "parse_time"]


@define(kw_only=True)
class Model:
    """Base of all models. ``raw`` is the provider's payload as received (not compared, not shown)."""

    raw: dict[str, Any] = field(factory=dict, repr=False, eq=False)


def __getattr__(name: str) -> Any:
    if name == "Status":
        from pkgcloud.models.status import Status

        return Status
    raise AttributeError(f"module 'pkgcloud.models.base' has no attribute {name!r}")
