"""Databases as a service: instances, their databases and users, and flavors.

``pkgcloud.database.create_client(provider="openstack", ...)`` returns a :class:`DatabaseClient`.
Instance status is normalised like server status, the provider's own kept in ``provider_status``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from pkgcloud.client import BaseClient, Waitable, create

if TYPE_CHECKING:
    from pkgcloud.models.database import Database, DatabaseFlavor, DatabaseInstance, DatabaseUser

    # typing-only aliases (import them under TYPE_CHECKING)
    InstanceRef = str | DatabaseInstance

SERVICE = "database"


def create_client(provider: str, **options: Any) -> DatabaseClient:
    """A database client for ``provider``, configured by ``options``."""
    return cast(DatabaseClient, create(SERVICE, provider, options))


class DatabaseClient(BaseClient, Waitable):
    """The portable database-as-a-service operations."""

    service = SERVICE

    def list_instances(self, *, limit: int | None = None) -> Iterator[DatabaseInstance]:
        raise self._unsupported("list_instances")

    def get_instance(self, instance: InstanceRef) -> DatabaseInstance:
        raise self._unsupported("get_instance")

    def create_instance(
        self,
        name: str,
        flavor: str | DatabaseFlavor,
        size: int,
        *,
        databases: Iterable[str] | None = None,
        users: Iterable[DatabaseUser] | None = None,
        datastore: str | None = None,
        datastore_version: str | None = None,
    ) -> DatabaseInstance:
        """Create an instance with a volume of ``size`` GiB."""
        raise self._unsupported("create_instance")

    def delete_instance(self, instance: InstanceRef) -> None:
        raise self._unsupported("delete_instance")

    def restart_instance(self, instance: InstanceRef) -> None:
        raise self._unsupported("restart_instance")

    def resize_instance(self, instance: InstanceRef, flavor: str | DatabaseFlavor) -> None:
        raise self._unsupported("resize_instance")

    def resize_volume(self, instance: InstanceRef, size: int) -> None:
        raise self._unsupported("resize_volume")

    def list_flavors(self) -> Iterator[DatabaseFlavor]:
        raise self._unsupported("list_flavors")

    def get_flavor(self, flavor: str) -> DatabaseFlavor:
        raise self._unsupported("get_flavor")

    def list_databases(self, instance: InstanceRef) -> Iterator[Database]:
        raise self._unsupported("list_databases")

    def create_databases(self, instance: InstanceRef, names: Iterable[str]) -> None:
        raise self._unsupported("create_databases")

    def delete_database(self, instance: InstanceRef, name: str) -> None:
        raise self._unsupported("delete_database")

    def list_users(self, instance: InstanceRef) -> Iterator[DatabaseUser]:
        raise self._unsupported("list_users")

    def create_users(self, instance: InstanceRef, users: Iterable[DatabaseUser]) -> None:
        raise self._unsupported("create_users")

    def delete_user(self, instance: InstanceRef, name: str) -> None:
        raise self._unsupported("delete_user")

    def enable_root(self, instance: InstanceRef) -> DatabaseUser:
        raise self._unsupported("enable_root")
