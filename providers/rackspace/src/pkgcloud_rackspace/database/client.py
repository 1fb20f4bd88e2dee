"""Rackspace Cloud Databases: the Trove client on Rackspace's ``cloudDatabases`` endpoint (catalog
type ``rax:database``, ``https://{region}.databases.api.rackspacecloud.com/v1.0/{account}``).

It is Trove's legacy v1.0 API, so the OpenStack client (:class:`~pkgcloud_openstack.database.TroveDatabase`)
does the work; what differs is declared here:

* every request carries ``X-Auth-Project-Id: <account number>`` (the token's tenant), as the Node
  library's Rackspace database client sent it (Rackspace's reference asks only for ``X-Auth-Token``);
* instances report ``status`` only (no ``operating_status``): a wait ends on ``ACTIVE`` (normalised
  ``RUNNING``), ``HEALTHY`` is refused as a status this service never reports, and Rackspace's own
  statuses (``RESTART``, ``REPLICATION_ERROR``, ``CONVERT_TO_HA``...) are normalised too;
* lists page with ``limit`` and ``marker`` (the Node library's ``offset`` was that marker): each
  list takes ``marker=`` to start after an item;
* an instance has no networks, volume type or availability zone, a backup no ``incremental`` flag
  or container (an incremental backup names its ``parent``), and a list of instances no
  ``include_clustered``: those are refused before any request;
* root is enabled with a password Cloud Databases makes (``enable_root`` takes none);
* a configuration group is detached with ``{"instance": {"configuration": ""}}``;
* Rackspace documents no way to disable root and no datastore version looked up by id alone:
  :meth:`disable_root` and ``get_datastore_version(version)`` without ``datastore`` raise
  :class:`~pkgcloud.errors.UnsupportedOperation` without sending anything.

A 413 with ``Retry-After`` is a rate limit (waited out and retried); one without it is an absolute
limit (:class:`~pkgcloud.errors.RequestEntityTooLarge`), as on every Rackspace service.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import evolve

from pkgcloud.client import Unsupported
from pkgcloud.errors import UnsupportedOperation, ValidationError
from pkgcloud.resource import Resource
from pkgcloud_openstack.database import TroveDatabase
from pkgcloud_openstack.database import parse as trove_parse
from pkgcloud_openstack.database.client import BACKUP_STATUSES, NORMALISED

if TYPE_CHECKING:
    from pkgcloud.database import (
        BackupRef,
        ConfigurationRef,
        DatabaseSpec,
        DatastoreRef,
        DatastoreVersionRef,
        FlavorRef,
        InstanceRef,
        UserSpec,
    )
    from pkgcloud.models.database import DatabaseBackup, DatabaseInstance, DatabaseUser, DatastoreVersion

# the header the Node library's Rackspace database client sent with the account number
ACCOUNT_HEADER = "X-Auth-Project-Id"

# Rackspace's documented instance statuses that Trove's map does not normalise
EXTRA_STATUSES = {
    "RESTART": "REBOOT",
    "CONVERT_TO_HA": "UPDATING",
    "DETACH_REPLICA": "UPDATING",
    "DELETION_PENDING": "UPDATING",
    "REPLICATION_ERROR": "ERROR",
}
# every instance status Rackspace documents (and UNKNOWN, for one it does not)
INSTANCE_STATUSES = frozenset(
    {"ACTIVE", "BACKUP", "BLOCKED", "BUILD", "CONVERT_TO_HA", "DELETION_PENDING", "DETACH_REPLICA", "ERROR"}
    | {"FAILED", "REBOOT", "REPLICATION_ERROR", "RESIZE", "RESTART_REQUIRED", "RESTART", "SHUTDOWN", "UNKNOWN"}
)

NO_ROOT_DISABLE = "Rackspace Cloud Databases documents no way to disable root once enabled"


def instance(d: dict[str, Any]) -> DatabaseInstance:
    """Trove's parser, then Rackspace's own statuses normalised."""
    from pkgcloud.models.base import Status

    found = trove_parse.instance(d)
    extra = EXTRA_STATUSES.get(str(found.provider_status or "").upper())
    return evolve(found, status=Status(extra)) if extra else found


def _no_options(operation: str, options: dict[str, Any], takes: str) -> None:
    if options:
        unknown = sorted(options)[0]
        raise ValidationError(f"{operation}: Rackspace Cloud Databases has no option {unknown!r}; it takes {takes}")


class CloudDatabases(TroveDatabase):
    """Rackspace Cloud Databases (catalog type ``rax:database``, name ``cloudDatabases``)."""

    catalog_type: ClassVar[str] = "rax:database"
    catalog_aliases: ClassVar[tuple[str, ...]] = ("rax:database",)
    catalog_name: ClassVar[str | None] = "cloudDatabases"
    error_statuses: ClassVar[tuple[str, ...]] = ("ERROR", "FAILED", "REPLICATION_ERROR", "DELETE_FAILED")
    statuses: ClassVar[frozenset[str]] = INSTANCE_STATUSES | BACKUP_STATUSES | NORMALISED
    ready_provider_statuses: ClassVar[frozenset[str]] = frozenset({"ACTIVE"})

    # a group is detached with "configuration": "" (Rackspace's reference and Trove's 2019 sample)
    detached_configuration: ClassVar[str | None] = ""
    # Rackspace's filters of the instance list
    list_options: ClassVar[frozenset[str]] = frozenset({"include_replicas", "include_ha"})

    instances = Resource("instances", key="instance", parse=instance)

    # -- the account header ----------------------------------------------------------------------

    def resolve_endpoint(self, url: str) -> str:
        """The catalog URL (it has its version and account already); the account number, known once
        authenticated, goes into every request's ``X-Auth-Project-Id``."""
        found = super().resolve_endpoint(url)
        account = getattr(self.auth, "project_id", None) or found.rstrip("/").rsplit("/", 1)[-1]
        if account:
            self.api.headers[ACCOUNT_HEADER] = str(account)
        return found

    # -- what Rackspace's instances and backups take ---------------------------------------------

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
        backup: BackupRef | None = None,
        configuration: ConfigurationRef | None = None,
        **options: Any,
    ) -> DatabaseInstance:
        """Create an instance with a volume of ``size`` GB (then ``wait_for(instance)`` until
        ``ACTIVE``). ``flavor``: a flavor or its id; ``databases``, ``users``, ``datastore`` and
        ``datastore_version``, ``backup`` (restore from it) and ``configuration`` as on Trove.
        Rackspace instances have no ``nics``, ``volume_type`` or ``availability_zone``."""
        _no_options(
            "create_instance",
            options,
            "databases, users, datastore, datastore_version, backup and configuration",
        )
        return super().create_instance(
            name,
            flavor,
            size,
            databases=databases,
            users=users,
            datastore=datastore,
            datastore_version=datastore_version,
            backup=backup,
            configuration=configuration,
        )

    def enable_root(self, instance: InstanceRef, *, password: str | None = None) -> DatabaseUser:
        """Enable the root user; Cloud Databases makes its password (the answer's ``password``, shown
        this once and never in a repr) and takes none."""
        if password is not None:
            raise ValidationError("enable_root: Rackspace Cloud Databases makes the root password itself; give none")
        return super().enable_root(instance)

    def create_backup(
        self,
        instance: InstanceRef,
        name: str,
        *,
        description: str | None = None,
        parent: BackupRef | None = None,
        incremental: bool | None = None,
        swift_container: str | None = None,
    ) -> DatabaseBackup:
        """Back an instance up (then ``wait_for(backup)`` until ``COMPLETED``); ``parent``: the backup
        an incremental one builds on (Rackspace takes no ``incremental`` flag nor ``swift_container``)."""
        if incremental is not None:
            raise ValidationError(
                "create_backup: Rackspace Cloud Databases has no incremental flag; "
                "an incremental backup names the backup it builds on: parent=<backup>"
            )
        if swift_container is not None:
            raise ValidationError("create_backup: Rackspace Cloud Databases keeps backups itself: no swift_container")
        return super().create_backup(instance, name, description=description, parent=parent)

    def get_datastore_version(
        self, version: DatastoreVersionRef, datastore: DatastoreRef | None = None
    ) -> DatastoreVersion:
        """A datastore version within ``datastore`` (by the version's id or name); Rackspace documents
        no look-up of a version by its id alone."""
        if datastore is None:
            raise UnsupportedOperation(
                "get_datastore_version: Rackspace Cloud Databases finds a version within its datastore: "
                "get_datastore_version(version, datastore)"
            )
        return super().get_datastore_version(version, datastore)

    disable_root = Unsupported(NO_ROOT_DISABLE)


__all__ = ["ACCOUNT_HEADER", "CloudDatabases"]
