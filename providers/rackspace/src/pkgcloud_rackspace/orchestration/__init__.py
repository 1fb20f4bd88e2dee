"""Rackspace Orchestration: the Heat client on Rackspace's ``cloudOrchestration`` endpoint."""

from __future__ import annotations

from typing import ClassVar

from pkgcloud_openstack.orchestration import HeatOrchestration


class CloudOrchestration(HeatOrchestration):
    """Rackspace Orchestration (catalog type ``orchestration``, name ``cloudOrchestration``): Heat,
    its endpoint ``https://{region}.orchestration.api.rackspacecloud.com/v1/{tenant}``."""

    catalog_name: ClassVar[str | None] = "cloudOrchestration"


__all__ = ["CloudOrchestration"]
