"""The normalised status of servers and database instances (its own module: creating an enum costs
about as much as a small module, and an object storage call has no use for it)."""

from __future__ import annotations

import enum

__all__ = ["Status"]


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
