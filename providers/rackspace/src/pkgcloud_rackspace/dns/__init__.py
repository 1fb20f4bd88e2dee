"""Rackspace Cloud DNS (``pkgcloud.dns``): zones, records and the asynchronous job engine."""

from pkgcloud_rackspace.dns.client import CloudDNS

__all__ = ["CloudDNS"]
