"""Trove: the OpenStack database client (``/v1.0/{project_id}``, no microversions).

Every Trove resource is a :class:`~pkgcloud.resource.Resource`; instance actions go through
``Resource.action``. What a provider built on Trove names differently (Rackspace Cloud Databases) is
in class variables: the catalog type and name, the version segment, the headers, how a rename is
sent, and how long a wait after an action waits for the status to leave the old one.

Paging: Trove's lists carry ``links`` with a ``next`` link, always ``https://`` (even on plain http)
and, for users, with the marker encoded twice (following it returns the first page again). Those
links are never followed: a ``next`` link only says that more follows, and the next request is our
own, on our endpoint, with the marker taken from the last item (an instance's id, a database's name,
a user's ``name@host``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import evolve

from pkgcloud import clock
from pkgcloud.bodies import NULL, check_bool, check_known, ref_id
from pkgcloud.database import DatabaseClient
from pkgcloud.errors import ValidationError
from pkgcloud.paging import check_listing, next_link_params, paginate
from pkgcloud.resource import SINGLE, Resource
from pkgcloud_openstack.database import bodies, parse
from pkgcloud_openstack.service import EndpointVersion, OpenStackClient

if TYPE_CHECKING:
    from pkgcloud.database import (
        BackupRef,
        ConfigurationRef,
        DatabaseRef,
        DatabaseSpec,
        DatastoreRef,
        DatastoreVersionRef,
        FlavorRef,
        InstanceRef,
        UserRef,
        UserSpec,
    )
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

M = TypeVar("M")

INSTANCES = Resource("instances", key="instance", parse=parse.instance)
FLAVORS = Resource("flavors", key="flavor", parse=parse.flavor, paging=SINGLE)
DATABASES = Resource("instances/{instance_id}/databases", key="database", parse=parse.database, marker_key="name")
USERS = Resource("instances/{instance_id}/users", key="user", parse=parse.user, marker_key="name")
USER_ACCESS = Resource(
    "instances/{instance_id}/users/{user}/databases",
    key="database",
    parse=parse.database,
    paging=SINGLE,
    noun="database",
)
DATASTORES = Resource("datastores", key="datastore", parse=parse.datastore, paging=SINGLE)
DATASTORE_VERSIONS = Resource(
    "datastores/{datastore_id}/versions",
    key="version",
    plural="versions",
    parse=parse.datastore_version,
    paging=SINGLE,
    noun="datastore version",
)
# a version by its id alone, whatever its datastore
VERSIONS = Resource(
    "datastores/versions",
    key="version",
    plural="versions",
    parse=parse.datastore_version,
    paging=SINGLE,
    noun="datastore version",
)
# Trove answers one parameter unwrapped, and the list under "configuration-parameters"
PARAMETERS = Resource(
    "datastores/versions/{version_id}/parameters",
    key="",
    plural="configuration-parameters",
    parse=parse.parameter,
    paging=SINGLE,
    noun="configuration parameter",
)
BACKUPS = Resource("backups", key="backup", parse=parse.backup)
INSTANCE_BACKUPS = Resource("instances/{instance_id}/backups", key="backup", plural="backups", parse=parse.backup)
CONFIGURATIONS = Resource("configurations", key="configuration", parse=parse.configuration, noun="configuration")
CONFIGURATION_INSTANCES = Resource(
    "configurations/{configuration_id}/instances",
    key="instance",
    plural="instances",
    parse=parse.configuration_instance,
    noun="instance",
)

# Trove's instance statuses, its operating (datastore) statuses, its backup statuses, and the
# normalised ones: what a wait may name
INSTANCE_STATUSES = frozenset(parse.STATUS_MAP) | {"UNKNOWN"}
OPERATING_STATUSES = frozenset(
    {"HEALTHY", "RUNNING", "SHUTDOWN", "NEW", "BUILD", "BLOCKED", "PROMOTE", "EJECT", "RESTART_REQUIRED"}
    | {"PAUSED", "CRASHED", "FAILED_TIMEOUT_GUESTAGENT", "UPGRADING", "DELETED", "ERROR", "UNKNOWN"}
)
BACKUP_STATUSES = frozenset({"NEW", "BUILDING", "SAVING", "COMPLETED", "FAILED", "DELETE_FAILED"})
NORMALISED = frozenset({"RUNNING", "PROVISIONING", "STOPPED", "REBOOT", "UPDATING", "ERROR", "UNKNOWN"})


class _Action:
    """An action this client started on an instance: when, and the statuses it left from."""

    __slots__ = ("before", "since")

    def __init__(self, before: frozenset[str], since: float) -> None:
        self.before = before
        self.since = since


class TroveDatabase(OpenStackClient, DatabaseClient):
    """OpenStack Database (Trove) v1.0."""

    catalog_type: ClassVar[str] = "database"
    # a catalog URL without a version (http://host:8779/) gets /v1.0/<project_id>
    api_version: ClassVar[EndpointVersion | None] = EndpointVersion("v1.0", with_project=True)
    ready_status: ClassVar[str] = "RUNNING"
    error_statuses: ClassVar[tuple[str, ...]] = ("ERROR", "FAILED", "DELETE_FAILED")
    statuses: ClassVar[frozenset[str]] = INSTANCE_STATUSES | OPERATING_STATUSES | BACKUP_STATUSES | NORMALISED
    # a backup's wait, when no status is named
    backup_ready_status: ClassVar[str] = "COMPLETED"
    # the statuses an instance is in when an action is accepted (Trove refuses actions otherwise)
    ready_provider_statuses: ClassVar[frozenset[str]] = frozenset({"ACTIVE", "HEALTHY"})
    # after restart or resize, how long (seconds) a wait takes a ready status for the one from before
    # the call, until the status has been seen to change
    settle_seconds: ClassVar[float] = 30.0
    # how a rename is sent (Trove's API reference: PATCH; PUT attaches or detaches a configuration)
    rename_method: ClassVar[str] = "PATCH"
    # what "configuration" is set to to detach a group (Trove since 2019: null; before it, "")
    detached_configuration: ClassVar[str | None] = None
    # the instance list's boolean filters
    list_options: ClassVar[frozenset[str]] = frozenset({"include_clustered"})

    instances = INSTANCES
    flavors = FLAVORS
    databases = DATABASES
    users = USERS
    user_access = USER_ACCESS
    datastores = DATASTORES
    datastore_versions = DATASTORE_VERSIONS
    versions = VERSIONS
    parameters = PARAMETERS
    backups = BACKUPS
    instance_backups = INSTANCE_BACKUPS
    configurations = CONFIGURATIONS
    configuration_instances = CONFIGURATION_INSTANCES

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self._actions: dict[str, _Action] = {}

    # -- plumbing --------------------------------------------------------------------------------

    def _pages(
        self,
        resource: Resource[M],
        marker_of: Callable[[M], str],
        *,
        parents: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        marker: str | None = None,
        limit: int | None = None,
        page_size: int | None = None,
    ) -> Iterator[M]:
        """Every item, page after page, after ``marker`` when given: Trove's ``next`` link says more
        follows; the next page is asked with our own marker (the link's host, scheme and encoding are
        not trusted)."""
        check_listing(limit, page_size)
        if marker is not None and (not isinstance(marker, str) or not marker):
            raise ValidationError(f"marker must be a non-empty string (the last item seen), not {marker!r}")
        params = {**(params or {}), "marker": marker}
        path = resource.collection_path(parents)
        headers = self.request_headers()

        def fetch(query: dict[str, Any]) -> tuple[list[M], dict[str, Any] | None]:
            body = self.api.get(path, params=query, headers=headers)
            items = resource.many(body, self.api, "GET", path)
            more = isinstance(body, Mapping) and next_link_params(body, resource.plural) is not None
            return items, ({"marker": marker_of(items[-1])} if more and items else None)

        return paginate(fetch, params, limit=limit, page_size=page_size)

    def _instance_id(self, instance: Any) -> str:
        return ref_id(instance, "instance")

    @staticmethod
    def _user_id(user: Any, host: str | None) -> str:
        """``name`` or ``name@host`` as Trove names a user in a path (a DatabaseUser's host is used
        when no host is given)."""
        from pkgcloud.models.database import DatabaseUser

        if isinstance(user, DatabaseUser):
            name, found_host = user.name, host if host is not None else user.host
        elif isinstance(user, str) and user:
            name, found_host = user, host
        else:
            raise ValidationError(f"a user is a DatabaseUser or its name, not {user!r}")
        if found_host is not None:
            bodies.text(found_host, "host")
        return f"{name}@{found_host}" if found_host else name

    @staticmethod
    def user_marker(user: DatabaseUser) -> str:
        """The marker of the page after ``user``: Trove's is ``name@host`` (encoded once)."""
        return f"{user.name}@{user.host}" if user.host else str(user.name)

    def refresh(self, resource: Any) -> Any:
        """The instance or backup as Trove sees it now; a string is taken as an instance id."""
        from pkgcloud.models.database import DatabaseBackup

        if isinstance(resource, DatabaseBackup):
            return self.get_backup(resource)
        return self.get_instance(resource)

    def wait_for(self, resource: Any, status: str | None = None, **options: Any) -> Any:
        """Wait for an instance (``RUNNING`` by default: Trove's ``ACTIVE``, or ``HEALTHY``) or a
        backup (``COMPLETED`` by default). ``"HEALTHY"`` waits for the operating status; after
        :meth:`restart_instance`, :meth:`resize_instance` or :meth:`resize_volume` a ready status is
        first seen to change (for up to ``settle_seconds``). ``ERROR``/``FAILED`` raise
        :class:`~pkgcloud.errors.ResourceFailed` with Trove's ``fault``."""
        from pkgcloud.models.database import DatabaseBackup

        if status is None and isinstance(resource, DatabaseBackup):
            status = self.backup_ready_status
        return super().wait_for(resource, status, **options)

    def settling(self, resource: Any, target: str) -> bool:
        """An instance this client restarted or resized still shows a ready status from before the
        call (until it has been seen to change, or ``settle_seconds`` passed)."""
        resource_id = getattr(resource, "id", None)
        action = self._actions.get(resource_id) if isinstance(resource_id, str) else None
        if action is None:
            return False
        current = str(getattr(resource, "provider_status", None) or "").upper()
        if current not in action.before or clock.monotonic() - action.since > self.settle_seconds:
            del self._actions[str(resource_id)]
            return False
        return True

    def _started(self, instance: Any) -> None:
        self._actions[self._instance_id(instance)] = _Action(self.ready_provider_statuses, clock.monotonic())

    def _action(self, instance: InstanceRef, body: Mapping[str, Any]) -> None:
        self.instances.action(instance, body)
        self._started(instance)

    # -- instances -------------------------------------------------------------------------------

    def list_instances(
        self, *, limit: int | None = None, page_size: int | None = None, marker: str | None = None, **options: Any
    ) -> Iterator[DatabaseInstance]:
        """Instances, page after page (``limit`` caps the total, ``page_size`` each request), after
        ``marker`` (an instance id) when given. ``include_clustered=True`` lists the members of
        clusters too."""
        check_known(options, self.list_options, "list_instances")
        params: dict[str, Any] = {}
        for key, value in options.items():
            found = check_bool(value, key)
            params[key] = None if found is None else ("true" if found else "false")
        return self._pages(self.instances.resource, _id, params=params, marker=marker, limit=limit, page_size=page_size)

    def get_instance(self, instance: InstanceRef) -> DatabaseInstance:
        return self.instances.get(instance)

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
        """Create an instance with a volume of ``size`` GB; it is then being built:
        ``wait_for(instance)``.

        ``flavor``: a flavor or its id. ``databases``: names, Databases or ``{"name", "character_set",
        "collate"}``. ``users``: DatabaseUsers with their passwords or ``{"name", "password", "host",
        "databases"}``. ``datastore``/``datastore_version``: a datastore's name (``mysql``) and a
        version's name (``8.0``; the datastore's default when not given). ``volume_type``: a Cinder
        volume type. ``nics``: ``[{"network_id": ...}]`` (or ``subnet_id``, ``ip_address``).
        ``backup``: restore from this backup. ``configuration``: attach this configuration group.
        """
        body = bodies.instance_create(
            name,
            flavor,
            size,
            databases=databases,
            users=users,
            datastore=datastore,
            datastore_version=datastore_version,
            volume_type=volume_type,
            nics=nics,
            availability_zone=availability_zone,
            backup=backup,
            configuration=configuration,
        )
        return self.instances.create(body, wrap=False)

    def update_instance(
        self, instance: InstanceRef, *, name: str | None = None, configuration: Any = None
    ) -> DatabaseInstance:
        """Rename an instance and/or attach a configuration group (``configuration=NULL`` detaches
        it: :meth:`detach_configuration`); returns the instance as Trove then shows it."""
        new_name = bodies.text(name, "name", required=False)
        config = bodies.configuration_ref(configuration)
        if new_name is None and config is None:
            raise ValidationError("update_instance needs name or configuration (NULL detaches it)")
        instance_id = self._instance_id(instance)
        path = self.instances.resource.item_path(instance_id)
        if new_name is not None:
            self.api.request(self.rename_method, path, json={"instance": {"name": new_name}})
        if config is not None:
            self.api.request(
                "PUT",
                path,
                json={"instance": {"configuration": self.detached_configuration if config is NULL else config}},
            )
        return self.get_instance(instance_id)

    def attach_configuration(self, instance: InstanceRef, configuration: ConfigurationRef) -> DatabaseInstance:
        """Attach a configuration group to an instance (``PUT /instances/{id}``)."""
        if configuration is None:
            raise ValidationError("attach_configuration needs a configuration group or its id")
        return self.update_instance(instance, configuration=configuration)

    def detach_configuration(self, instance: InstanceRef) -> DatabaseInstance:
        """Detach the instance's configuration group (``{"instance": {"configuration": null}}``)."""
        return self.update_instance(instance, configuration=NULL)

    def delete_instance(self, instance: InstanceRef) -> None:
        """Delete an instance (``wait_for(instance, "DELETED")`` until it is gone)."""
        self.instances.delete(instance)

    def restart_instance(self, instance: InstanceRef) -> None:
        """Restart the database; ``wait_for(instance)`` then waits for the restart to end."""
        self._action(instance, {"restart": {}})

    def resize_instance(self, instance: InstanceRef, flavor: FlavorRef) -> None:
        """Give the instance another flavor; ``wait_for(instance)`` waits for the resize to end."""
        self._action(instance, bodies.resize_flavor(flavor))

    def resize_volume(self, instance: InstanceRef, size: int) -> None:
        """Grow the instance's volume to ``size`` GB (``{"resize": {"volume": {"size": N}}}``)."""
        self._action(instance, bodies.resize_volume(size))

    def list_instance_backups(self, instance: InstanceRef, *, limit: int | None = None) -> Iterator[DatabaseBackup]:
        return self._pages(
            self.instance_backups.resource, _id, parents={"instance_id": self._instance_id(instance)}, limit=limit
        )

    # -- root ------------------------------------------------------------------------------------

    def _root_path(self, instance: InstanceRef) -> str:
        return f"{self.instances.resource.item_path(self._instance_id(instance))}/root"

    def enable_root(self, instance: InstanceRef, *, password: str | None = None) -> DatabaseUser:
        """Enable the root user, with ``password`` or one Trove makes; the answer's ``password`` is
        the only time it is shown (it is never in a repr)."""
        bodies.text(password, "password", required=False)
        path = self._root_path(instance)
        body = None if password is None else {"password": password}
        answer = self.api.post(path, json=body, headers=self.request_headers())
        found = USERS.one(answer, self.api, "POST", path)
        return evolve(found, instance_id=self._instance_id(instance))

    def root_enabled(self, instance: InstanceRef) -> bool:
        """Whether root was ever enabled on the instance (``GET .../root``: ``rootEnabled``)."""
        path = self._root_path(instance)
        found = self.api.member("GET", path, "rootEnabled", bool, headers=self.request_headers())
        return bool(found)

    def disable_root(self, instance: InstanceRef) -> None:
        self.api.request("DELETE", self._root_path(instance), headers=self.request_headers())

    # -- flavors and datastores ------------------------------------------------------------------

    def list_flavors(self) -> Iterator[DatabaseFlavor]:
        return self.flavors.list()

    def get_flavor(self, flavor: FlavorRef) -> DatabaseFlavor:
        return self.flavors.get(bodies.flavor_ref(flavor))

    def list_datastores(self) -> Iterator[Datastore]:
        return self.datastores.list()

    def get_datastore(self, datastore: DatastoreRef) -> Datastore:
        """A datastore by its id or name."""
        return self.datastores.get(datastore)

    def list_datastore_versions(self, datastore: DatastoreRef) -> Iterator[DatastoreVersion]:
        """The versions of a datastore (by its id or name, or a Datastore)."""
        from pkgcloud.models.database import Datastore

        found = ref_id(datastore, "datastore")
        known = datastore.id if isinstance(datastore, Datastore) else None  # a name is not an id
        return (
            evolve(v, datastore_id=v.datastore_id or known)
            for v in self.datastore_versions.list(parents={"datastore_id": found})
        )

    def get_datastore_version(
        self, version: DatastoreVersionRef, datastore: DatastoreRef | None = None
    ) -> DatastoreVersion:
        """A datastore version by its id, or by its name (or id) within ``datastore``."""
        if datastore is None:
            return self.versions.get(version)
        return self.datastore_versions.get(version, parents={"datastore_id": datastore})

    def list_configuration_parameters(self, version: DatastoreVersionRef) -> Iterator[ConfigurationParameter]:
        """The parameters a configuration group of this datastore version (its id) may set."""
        return self.parameters.list(parents={"version_id": version})

    def get_configuration_parameter(self, version: DatastoreVersionRef, name: str) -> ConfigurationParameter:
        bodies.text(name, "name")
        return self.parameters.get(name, parents={"version_id": version})

    # -- databases -------------------------------------------------------------------------------

    def list_databases(
        self,
        instance: InstanceRef,
        *,
        limit: int | None = None,
        page_size: int | None = None,
        marker: str | None = None,
    ) -> Iterator[Database]:
        """The instance's databases, after ``marker`` (a database name) when given."""
        instance_id = self._instance_id(instance)
        pages = self._pages(
            self.databases.resource,
            _name,
            parents={"instance_id": instance_id},
            marker=marker,
            limit=limit,
            page_size=page_size,
        )
        return (evolve(d, instance_id=instance_id) for d in pages)

    def create_databases(self, instance: InstanceRef, databases: Iterable[DatabaseSpec]) -> None:
        """Create databases: names, Databases or ``{"name", "character_set", "collate"}``."""
        body = {"databases": bodies.databases_list(databases)}
        if not body["databases"]:
            raise ValidationError("create_databases needs at least one database")
        path = self.databases.resource.collection_path({"instance_id": self._instance_id(instance)})
        self.api.request("POST", path, json=body, headers=self.request_headers())

    def create_database(
        self, instance: InstanceRef, name: str, *, character_set: str | None = None, collate: str | None = None
    ) -> None:
        """Create one database (the Node library's ``createDatabase``)."""
        self.create_databases(instance, [{"name": name, "character_set": character_set, "collate": collate}])

    def delete_database(self, instance: InstanceRef, database: DatabaseRef) -> None:
        name = bodies.database_name(database)
        self.databases.delete(name, parents={"instance_id": self._instance_id(instance)})

    # -- users -----------------------------------------------------------------------------------

    def list_users(
        self,
        instance: InstanceRef,
        *,
        limit: int | None = None,
        page_size: int | None = None,
        marker: str | None = None,
    ) -> Iterator[DatabaseUser]:
        """The instance's users, after ``marker`` (a user name, ``name@host`` for a user with a host)."""
        instance_id = self._instance_id(instance)
        pages = self._pages(
            self.users.resource,
            self.user_marker,
            parents={"instance_id": instance_id},
            marker=marker,
            limit=limit,
            page_size=page_size,
        )
        return (evolve(u, instance_id=instance_id) for u in pages)

    def get_user(self, instance: InstanceRef, user: UserRef, *, host: str | None = None) -> DatabaseUser:
        """A user by name (and ``host``, for a user that is not ``%``)."""
        instance_id = self._instance_id(instance)
        found = self.users.get(self._user_id(user, host), parents={"instance_id": instance_id})
        return evolve(found, instance_id=instance_id)

    def create_users(self, instance: InstanceRef, users: Iterable[UserSpec]) -> None:
        """Create users: DatabaseUsers with their passwords, or ``{"name", "password", "host",
        "databases"}`` (databases as names, Databases or ``{"name"}``)."""
        body = {"users": bodies.users_list(users)}
        if not body["users"]:
            raise ValidationError("create_users needs at least one user")
        path = self.users.resource.collection_path({"instance_id": self._instance_id(instance)})
        self.api.request("POST", path, json=body, headers=self.request_headers())

    def create_user(
        self,
        instance: InstanceRef,
        name: str,
        password: str,
        *,
        host: str | None = None,
        databases: Iterable[DatabaseRef] | None = None,
    ) -> None:
        """Create one user (the Node library's ``createUser``)."""
        spec = {"name": name, "password": password, "host": host, "databases": databases}
        self.create_users(instance, [{k: v for k, v in spec.items() if v is not None}])

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
        """Rename a user, change its password or its host (``host`` names the user as it is)."""
        body = bodies.user_update(name=name, password=password, host=new_host)
        path = self.users.resource.item_path(self._user_id(user, host), {"instance_id": self._instance_id(instance)})
        self.api.request("PUT", path, json=body, headers=self.request_headers())

    def delete_user(self, instance: InstanceRef, user: UserRef, *, host: str | None = None) -> None:
        self.users.delete(self._user_id(user, host), parents={"instance_id": self._instance_id(instance)})

    def list_user_access(self, instance: InstanceRef, user: UserRef, *, host: str | None = None) -> list[str]:
        """The names of the databases the user may use."""
        parents = {"instance_id": self._instance_id(instance), "user": self._user_id(user, host)}
        return [d.name for d in self.user_access.list(parents=parents)]

    def grant_user_access(
        self, instance: InstanceRef, user: UserRef, databases: Iterable[DatabaseRef], *, host: str | None = None
    ) -> None:
        """Let the user use these databases (names, Databases or ``{"name"}``)."""
        body = {"databases": bodies.database_refs(databases)}
        if not body["databases"]:
            raise ValidationError("grant_user_access needs at least one database")
        parents = {"instance_id": self._instance_id(instance), "user": self._user_id(user, host)}
        path = self.user_access.resource.collection_path(parents)
        self.api.request("PUT", path, json=body, headers=self.request_headers())

    def revoke_user_access(
        self, instance: InstanceRef, user: UserRef, database: DatabaseRef, *, host: str | None = None
    ) -> None:
        parents = {"instance_id": self._instance_id(instance), "user": self._user_id(user, host)}
        self.user_access.delete(bodies.database_name(database), parents=parents)

    # -- backups ---------------------------------------------------------------------------------

    def list_backups(
        self, *, instance: InstanceRef | None = None, limit: int | None = None, page_size: int | None = None
    ) -> Iterator[DatabaseBackup]:
        """Backups, page after page; with ``instance``, that instance's (``/instances/{id}/backups``)."""
        if instance is not None:
            return self.list_instance_backups(instance, limit=limit)
        return self._pages(self.backups.resource, _id, limit=limit, page_size=page_size)

    def get_backup(self, backup: BackupRef) -> DatabaseBackup:
        return self.backups.get(backup)

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
        """Back an instance up (then ``wait_for(backup)`` until ``COMPLETED``). ``parent``: the
        backup an incremental one builds on; ``incremental=True``: on the instance's last backup."""
        body = bodies.backup_create(
            self._instance_id(instance),
            name,
            description=description,
            parent=parent,
            incremental=incremental,
            swift_container=swift_container,
        )
        return self.backups.create(body, wrap=False)

    def delete_backup(self, backup: BackupRef) -> None:
        self.backups.delete(backup)

    # -- configuration groups --------------------------------------------------------------------

    def list_configurations(
        self, *, limit: int | None = None, page_size: int | None = None
    ) -> Iterator[ConfigurationGroup]:
        return self._pages(self.configurations.resource, _id, limit=limit, page_size=page_size)

    def get_configuration(self, configuration: ConfigurationRef) -> ConfigurationGroup:
        return self.configurations.get(configuration)

    def create_configuration(
        self,
        name: str,
        values: Mapping[str, Any],
        *,
        description: str | None = None,
        datastore: str | None = None,
        datastore_version: str | None = None,
    ) -> ConfigurationGroup:
        """A configuration group: ``values`` maps parameter names to values (see
        :meth:`list_configuration_parameters`); Trove checks them against the datastore's rules."""
        body = bodies.configuration_create(
            name, values, description=description, datastore=datastore, datastore_version=datastore_version
        )
        return self.configurations.create(body, wrap=False)

    def update_configuration(self, configuration: ConfigurationRef, values: Mapping[str, Any]) -> None:
        """Change some values, keeping the others (``PATCH``)."""
        path = self.configurations.resource.item_path(ref_id(configuration, "configuration"))
        self.api.request("PATCH", path, json=bodies.configuration_patch(values), headers=self.request_headers())

    def replace_configuration(
        self,
        configuration: ConfigurationRef,
        values: Mapping[str, Any],
        *,
        name: str | None = None,
        description: str | None = None,
    ) -> None:
        """Replace all values (``PUT``: a value not given is removed), and the name or description."""
        body = bodies.configuration_replace(values, name=name, description=description)
        path = self.configurations.resource.item_path(ref_id(configuration, "configuration"))
        self.api.request("PUT", path, json=body, headers=self.request_headers())

    def delete_configuration(self, configuration: ConfigurationRef) -> None:
        self.configurations.delete(configuration)

    def list_configuration_instances(
        self, configuration: ConfigurationRef, *, limit: int | None = None
    ) -> Iterator[ConfigurationInstance]:
        """The instances a configuration group is attached to (their ids and names)."""
        parents = {"configuration_id": ref_id(configuration, "configuration")}
        return self._pages(self.configuration_instances.resource, _id, parents=parents, limit=limit)


def _id(item: Any) -> str:
    return str(item.id)


def _name(item: Any) -> str:
    return str(item.name)
