"""Database (DBaaS) models: instances, their databases and users, flavors, datastores, backups and
configuration groups.

Every model keeps the provider's payload in ``raw``; passwords are never shown (``repr=False``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attr import define, field

from pkgcloud.models.base import Model
from pkgcloud.models.status import Status


@define(kw_only=True)
class DatabaseInstance(Model):
    """A database instance.

    ``status`` is normalised (``RUNNING`` for Trove's ``ACTIVE`` and the Ussuri-era ``HEALTHY``);
    ``provider_status`` is the service's own (``BUILD``, ``ACTIVE``, ``REBOOT``, ``RESIZE``,
    ``SHUTDOWN``, ``ERROR``...); ``operating_status`` is what the database inside reports, on Trove
    from Victoria on (``HEALTHY``, ``RUNNING``, ``SHUTDOWN``, ``RESTART_REQUIRED``...; ``""`` right
    after create). ``fault`` is the service's message for an instance in ``ERROR``.
    """

    id: str
    name: str | None = None
    status: Status = Status.UNKNOWN
    provider_status: str | None = None
    operating_status: str | None = None
    flavor_id: str | None = None
    volume_size: int | None = None
    volume_used: float | None = None
    volume_type: str | None = None
    hostname: str | None = None
    ip: list[str] = field(factory=list)
    addresses: list[dict[str, Any]] = field(factory=list)
    datastore: str | None = None
    datastore_version: str | None = None
    configuration_id: str | None = None
    replica_of: str | None = None
    region: str | None = None
    fault: str | None = None
    fault_details: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class Database(Model):
    """A database (schema) on an instance."""

    name: str
    character_set: str | None = None
    collate: str | None = None
    instance_id: str | None = None


@define(kw_only=True)
class DatabaseUser(Model):
    """A database user; ``password`` is only known when this client set it or the service showed it
    once (root enable): it is never shown."""

    name: str
    host: str | None = None
    databases: list[str] = field(factory=list)
    instance_id: str | None = None
    password: str | None = field(default=None, repr=False)


@define(kw_only=True)
class DatabaseFlavor(Model):
    """A flavor an instance can have. ``id`` is the string form (Trove's ``str_id``: its ``id`` is an
    int, or null for a flavor whose id is not a number)."""

    id: str
    name: str | None = None
    ram: int | None = None
    vcpus: int | None = None
    disk: int | None = None
    ephemeral: int | None = None


@define(kw_only=True)
class DatastoreVersion(Model):
    """One version of a datastore (``mysql`` ``8.0``); ``version`` is its number where the service
    tells it apart from the name."""

    id: str
    name: str | None = None
    datastore_id: str | None = None
    datastore_name: str | None = None
    version: str | None = None
    active: bool | None = None
    image_id: str | None = None
    packages: str | None = None


@define(kw_only=True)
class Datastore(Model):
    """A datastore (database engine) the service can run, with its versions."""

    id: str
    name: str | None = None
    default_version_id: str | None = None
    versions: list[DatastoreVersion] = field(factory=list)


@define(kw_only=True)
class DatabaseBackup(Model):
    """A backup of an instance. ``status`` is the service's own (``NEW``, ``BUILDING``, ``SAVING``,
    ``COMPLETED``, ``FAILED``, ``DELETE_FAILED``); ``parent_id`` names the backup an incremental one
    builds on; ``size`` is in GB."""

    id: str
    name: str | None = None
    status: str | None = None
    description: str | None = None
    instance_id: str | None = None
    parent_id: str | None = None
    size: float | None = None
    datastore: str | None = None
    datastore_version: str | None = None
    datastore_version_id: str | None = None
    location: str | None = None
    storage_driver: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class ConfigurationGroup(Model):
    """A configuration group: datastore parameter values that instances attached to it use."""

    id: str
    name: str | None = None
    description: str | None = None
    values: dict[str, Any] = field(factory=dict)
    datastore: str | None = None
    datastore_version: str | None = None
    datastore_version_id: str | None = None
    datastore_version_number: str | None = None
    instance_count: int | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class ConfigurationParameter(Model):
    """A parameter a datastore version accepts in a configuration group: its type (``integer``,
    ``string``, ``boolean``, ``float``), bounds, and whether changing it needs a restart."""

    name: str
    type: str | None = None
    min: float | None = None
    max: float | None = None
    restart_required: bool | None = None
    datastore_version_id: str | None = None


@define(kw_only=True)
class ConfigurationInstance(Model):
    """An instance attached to a configuration group (the service answers its id and name only)."""

    id: str
    name: str | None = None
