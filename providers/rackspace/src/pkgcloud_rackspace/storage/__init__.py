"""Rackspace Cloud Files: Swift with the Cloud Files CDN and static websites."""

from pkgcloud_rackspace.storage.client import CloudFiles, PurgeLimitExceeded

__all__ = ["CloudFiles", "PurgeLimitExceeded"]
