"""Rackspace Cloud Databases: ``pkgcloud.database.create_client(provider="rackspace", ...)``."""

from pkgcloud_rackspace.database.client import ACCOUNT_HEADER, CloudDatabases

__all__ = ["ACCOUNT_HEADER", "CloudDatabases"]
