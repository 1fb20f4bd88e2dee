"""Database (DBaaS) models: instances, databases, users, flavors."""

from __future__ import annotations

import datetime as _dt

from attr import define, field

from pkgcloud.models.base import Model
from pkgcloud.models.status import Status


@define(kw_only=True)
class DatabaseInstance(Model):
    """A database instance. ``status`` normalised; ``provider_status`` is the service's own."""

    id: str
    name: str | None = None
    status: Status = Status.UNKNOWN
    provider_status: str | None = None
    flavor_id: str | None = None
    volume_size: int | None = None
    volume_used: float | None = None
    hostname: str | None = None
    ip: list[str] = field(factory=list)
    datastore: str | None = None
    datastore_version: str | None = None
    region: str | None = None
    fault: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class Database(Model):
    name: str
    character_set: str | None = None
    collate: str | None = None
    instance_id: str | None = None


@define(kw_only=True)
class DatabaseUser(Model):
    """A database user; ``password`` is only known when this client set it (never shown)."""

    name: str
    host: str | None = None
    databases: list[str] = field(factory=list)
    instance_id: str | None = None
    password: str | None = field(default=None, repr=False)


@define(kw_only=True)
class DatabaseFlavor(Model):
    id: str
    name: str | None = None
    ram: int | None = None
    vcpus: int | None = None
    disk: int | None = None
