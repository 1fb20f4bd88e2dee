"""What every model shares: the provider's raw payload, kept aside, and time parsing."""

from __future__ import annotations

import enum
from typing import Any

from attr import define, field

from pkgcloud.dates import parse_time

__all__ = ["Model", "Status", "parse_time"]


class Status(str, enum.Enum):
    """Normalised status of servers and database instances, as the Node library maps them.

    Compare with strings freely: ``server.status == "RUNNING"``. The provider's own status is kept
    beside it in ``provider_status``.
    """

    RUNNING = "RUNNING"
    PROVISIONING = "PROVISIONING"
    STOPPED = "STOPPED"
    REBOOT = "REBOOT"
    UPDATING = "UPDATING"
    ERROR = "ERROR"
    UNKNOWN = "UNKNOWN"

    def __str__(self) -> str:
        return self.value


@define(kw_only=True)
class Model:
    """Base of all models. ``raw`` is the provider's payload as received (not compared, not shown)."""

    raw: dict[str, Any] = field(factory=dict, repr=False, eq=False)
