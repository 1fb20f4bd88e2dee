"""Rackspace Cloud Networks."""

from pkgcloud_rackspace.network.client import PUBLIC_NET, SERVICE_NET, CloudNetworks

__all__ = ["PUBLIC_NET", "SERVICE_NET", "CloudNetworks"]
