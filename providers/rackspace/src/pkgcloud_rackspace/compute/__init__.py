"""Rackspace Cloud Servers: Nova with os-networksv2 and virtual interfaces."""

from pkgcloud_rackspace.compute.client import CloudServers

__all__ = ["CloudServers"]
