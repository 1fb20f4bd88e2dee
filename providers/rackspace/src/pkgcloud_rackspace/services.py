"""Rackspace services that are OpenStack services, picked out of its catalog by name."""

from __future__ import annotations

from typing import ClassVar

from pkgcloud_openstack.compute import NovaCompute
from pkgcloud_rackspace.storage import CloudFiles


class CloudServers(NovaCompute):
    # the catalog also has first-generation "cloudServers" of the same type
    catalog_name: ClassVar[str | None] = "cloudServersOpenStack"


__all__ = ["CloudFiles", "CloudServers"]
