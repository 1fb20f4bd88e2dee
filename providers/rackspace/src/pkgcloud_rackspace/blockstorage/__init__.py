"""Rackspace Cloud Block Storage (Cinder v1)."""

from pkgcloud_rackspace.blockstorage.client import CloudBlockStorage

__all__ = ["CloudBlockStorage"]
