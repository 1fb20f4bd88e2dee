"""Databases as a service: instances, their databases, users and root, flavors, datastores, backups
and configuration groups.

``pkgcloud.database.create_client(provider="openstack", ...)`` returns a :class:`DatabaseClient`.
Instance status is normalised like server status (``RUNNING`` is ready), the provider's own kept in
``provider_status`` and the database's in ``operating_status``; ``wait_for(instance)`` waits until it
is ready and fails with the service's ``fault`` on ``ERROR``/``FAILED``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from pkgcloud.client import BaseClient, Waitable, create

if TYPE_CHECKING:
    from pkgcloud.models.database import (
        ConfigurationGroup,
        ConfigurationInstance,
        ConfigurationParameter,
        Database,
        DatabaseBackup,
        DatabaseFlavor,
        DatabaseInstance,
        DatabaseUser,
        Datastore,
        DatastoreVersion,
    )

    # typing-only aliases (import them under TYPE_CHECKING)
    InstanceRef = str | DatabaseInstance
    FlavorRef = str | int | DatabaseFlavor
    BackupRef = str | DatabaseBackup
    ConfigurationRef = str | ConfigurationGroup
    DatastoreRef = str | Datastore
    DatastoreVersionRef = str | DatastoreVersion
    UserRef = str | DatabaseUser
    DatabaseRef = str | Database
    # a database to create: its name, a Database, or {"name", "character_set", "collate"}
    DatabaseSpec = str | Database | Mapping[str, Any]
    # a user to create: a DatabaseUser (with its password) or {"name", "password", "host", "databases"}
    UserSpec = DatabaseUser | Mapping[str, Any]

SERVICE = "database"


def create_client(provider: str, **options: Any) -> DatabaseClient:
    """A database client for ``provider``, configured by ``options``."""
    return cast(DatabaseClient, create(SERVICE, provider, options))


class DatabaseClient(BaseClient, Waitable):
    """The portable database-as-a-service operations."""

    service = SERVICE

    # -- instances -------------------------------------------------------------------------------

    def list_instances(self, *, limit: int | None = None, page_size: int | None = None) -> Iterator[DatabaseInstance]:
        raise self._unsupported("list_instances")

    def get_instance(self, instance: InstanceRef) -> DatabaseInstance:
        raise self._unsupported("get_instance")

    def create_instance(
        self,
        name: str,
        flavor: FlavorRef,
        size: int,
        *,
        databases: Iterable[DatabaseSpec] | None = None,
        users: Iterable[UserSpec] | None = None,
        datastore: str | None = None,
        datastore_version: str | None = None,
        volume_type: str | None = None,
        nics: Iterable[Mapping[str, str]] | None = None,
        availability_zone: str | None = None,
        backup: BackupRef | None = None,
        configuration: ConfigurationRef | None = None,
    ) -> DatabaseInstance:
        """Create an instance with a volume of ``size`` GB (then ``wait_for(instance)``)."""
        raise self._unsupported("create_instance")

    def update_instance(
        self, instance: InstanceRef, *, name: str | None = None, configuration: Any = None
    ) -> DatabaseInstance:
        raise self._unsupported("update_instance")

    def delete_instance(self, instance: InstanceRef) -> None:
        raise self._unsupported("delete_instance")

    def restart_instance(self, instance: InstanceRef) -> None:
        raise self._unsupported("restart_instance")

    def resize_instance(self, instance: InstanceRef, flavor: FlavorRef) -> None:
        raise self._unsupported("resize_instance")

    def resize_volume(self, instance: InstanceRef, size: int) -> None:
        raise self._unsupported("resize_volume")

    # -- root ------------------------------------------------------------------------------------

    def enable_root(self, instance: InstanceRef, *, password: str | None = None) -> DatabaseUser:
        """Enable the root user; its password is in the answer's ``password`` (shown once)."""
        raise self._unsupported("enable_root")

    def root_enabled(self, instance: InstanceRef) -> bool:
        raise self._unsupported("root_enabled")

    def disable_root(self, instance: InstanceRef) -> None:
        raise self._unsupported("disable_root")

    # -- flavors, datastores ---------------------------------------------------------------------

    def list_flavors(self) -> Iterator[DatabaseFlavor]:
        raise self._unsupported("list_flavors")

    def get_flavor(self, flavor: FlavorRef) -> DatabaseFlavor:
        raise self._unsupported("get_flavor")

    def list_datastores(self) -> Iterator[Datastore]:
        raise self._unsupported("list_datastores")

    def get_datastore(self, datastore: DatastoreRef) -> Datastore:
        raise self._unsupported("get_datastore")

    def list_datastore_versions(self, datastore: DatastoreRef) -> Iterator[DatastoreVersion]:
        raise self._unsupported("list_datastore_versions")

    def get_datastore_version(
        self, version: DatastoreVersionRef, datastore: DatastoreRef | None = None
    ) -> DatastoreVersion:
        raise self._unsupported("get_datastore_version")

    def list_configuration_parameters(self, version: DatastoreVersionRef) -> Iterator[ConfigurationParameter]:
        raise self._unsupported("list_configuration_parameters")

    def get_configuration_parameter(self, version: DatastoreVersionRef, name: str) -> ConfigurationParameter:
        raise self._unsupported("get_configuration_parameter")

    # -- databases and users ---------------------------------------------------------------------

    def list_databases(self, instance: InstanceRef, *, limit: int | None = None) -> Iterator[Database]:
        raise self._unsupported("list_databases")

    def create_databases(self, instance: InstanceRef, databases: Iterable[DatabaseSpec]) -> None:
        raise self._unsupported("create_databases")

    def delete_database(self, instance: InstanceRef, database: DatabaseRef) -> None:
        raise self._unsupported("delete_database")

    def list_users(self, instance: InstanceRef, *, limit: int | None = None) -> Iterator[DatabaseUser]:
        raise self._unsupported("list_users")

    def get_user(self, instance: InstanceRef, user: UserRef, *, host: str | None = None) -> DatabaseUser:
        raise self._unsupported("get_user")

    def create_users(self, instance: InstanceRef, users: Iterable[UserSpec]) -> None:
        raise self._unsupported("create_users")

    def update_user(
        self,
        instance: InstanceRef,
        user: UserRef,
        *,
        host: str | None = None,
        name: str | None = None,
        password: str | None = None,
        new_host: str | None = None,
    ) -> None:
        raise self._unsupported("update_user")

    def delete_user(self, instance: InstanceRef, user: UserRef, *, host: str | None = None) -> None:
        raise self._unsupported("delete_user")

    def list_user_access(self, instance: InstanceRef, user: UserRef, *, host: str | None = None) -> list[str]:
        raise self._unsupported("list_user_access")

    def grant_user_access(
        self, instance: InstanceRef, user: UserRef, databases: Iterable[DatabaseRef], *, host: str | None = None
    ) -> None:
        raise self._unsupported("grant_user_access")

    def revoke_user_access(
        self, instance: InstanceRef, user: UserRef, database: DatabaseRef, *, host: str | None = None
    ) -> None:
        raise self._unsupported("revoke_user_access")

    # -- backups ---------------------------------------------------------------------------------

    def list_backups(
        self, *, instance: InstanceRef | None = None, limit: int | None = None
    ) -> Iterator[DatabaseBackup]:
        raise self._unsupported("list_backups")

    def get_backup(self, backup: BackupRef) -> DatabaseBackup:
        raise self._unsupported("get_backup")

    def create_backup(
        self,
        instance: InstanceRef,
        name: str,
        *,
        description: str | None = None,
        parent: BackupRef | None = None,
        incremental: bool | None = None,
    ) -> DatabaseBackup:
        raise self._unsupported("create_backup")

    def delete_backup(self, backup: BackupRef) -> None:
        raise self._unsupported("delete_backup")

    # -- configuration groups --------------------------------------------------------------------

    def list_configurations(self, *, limit: int | None = None) -> Iterator[ConfigurationGroup]:
        raise self._unsupported("list_configurations")

    def get_configuration(self, configuration: ConfigurationRef) -> ConfigurationGroup:
        raise self._unsupported("get_configuration")

    def create_configuration(
        self,
        name: str,
        values: Mapping[str, Any],
        *,
        description: str | None = None,
        datastore: str | None = None,
        datastore_version: str | None = None,
    ) -> ConfigurationGroup:
        raise self._unsupported("create_configuration")

    def update_configuration(self, configuration: ConfigurationRef, values: Mapping[str, Any]) -> None:
        raise self._unsupported("update_configuration")

    def replace_configuration(
        self,
        configuration: ConfigurationRef,
        values: Mapping[str, Any],
        *,
        name: str | None = None,
        description: str | None = None,
    ) -> None:
        raise self._unsupported("replace_configuration")

    def delete_configuration(self, configuration: ConfigurationRef) -> None:
        raise self._unsupported("delete_configuration")

    def list_configuration_instances(self, configuration: ConfigurationRef) -> Iterator[ConfigurationInstance]:
        raise self._unsupported("list_configuration_instances")
