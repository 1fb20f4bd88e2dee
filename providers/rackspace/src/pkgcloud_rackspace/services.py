"""Rackspace services that are OpenStack services, picked out of its catalog by name."""

from __future__ import annotations

from typing import ClassVar

from pkgcloud_openstack.cdn import PoppyCdn
from pkgcloud_rackspace.compute import CloudServers
from pkgcloud_rackspace.storage import CloudFiles


class RackspaceCdn(PoppyCdn):
    # Rackspace CDN is Poppy, published as "rackCDN" at https://global.cdn.api.rackspacecloud.com/v1.0/{tenant}
    catalog_type: ClassVar[str] = "rax:cdn"


__all__ = ["CloudFiles", "CloudServers", "RackspaceCdn"]
