"""Trove's JSON to pkgcloud's models.

Required fields (ids, names) are indexed directly, so a missing one becomes a ``MalformedResponse``
through the resource engine; everything else is read with :mod:`pkgcloud.values`, so a field of the
wrong type is left unset. Models are imported when a function runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pkgcloud.values import as_bool, as_dict, as_dicts, as_float, as_int, as_list, as_str, linked_id

if TYPE_CHECKING:
    from pkgcloud.models.base import Status
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

# Trove's instance statuses (trove/instance/models.py InstanceStatus), normalised as servers are;
# HEALTHY is what Ussuri's Trove reported where later releases say ACTIVE (and HEALTHY in
# operating_status)
STATUS_MAP = {
    "NEW": "PROVISIONING",
    "BUILD": "PROVISIONING",
    "ACTIVE": "RUNNING",
    "HEALTHY": "RUNNING",
    "REBOOT": "REBOOT",
    "RESIZE": "UPDATING",
    "UPGRADE": "UPDATING",
    "BACKUP": "UPDATING",
    "PROMOTE": "UPDATING",
    "EJECT": "UPDATING",
    "DETACH": "UPDATING",
    "LOGGING": "UPDATING",
    "RESTART_REQUIRED": "UPDATING",
    "SHUTDOWN": "STOPPED",
    "ERROR": "ERROR",
    "FAILED": "ERROR",
}


def status(trove_status: Any) -> Status:
    from pkgcloud.models.base import Status

    if not isinstance(trove_status, str):
        return Status.UNKNOWN
    return Status(STATUS_MAP.get(trove_status.upper(), "UNKNOWN"))


def _names(value: Any) -> list[str]:
    """``[{"name": "db"}, ...]`` (or bare names) as names."""
    out = []
    for item in as_list(value):
        name = item.get("name") if isinstance(item, Mapping) else item
        if isinstance(name, str) and name:
            out.append(name)
    return out


def instance(d: dict[str, Any]) -> DatabaseInstance:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.database import DatabaseInstance

    volume = as_dict(d.get("volume"))
    datastore = as_dict(d.get("datastore"))
    fault = as_dict(d.get("fault"))
    replica_of = d.get("replica_of")
    provider_status = as_str(d.get("status"))
    return DatabaseInstance(
        id=str(d["id"]),
        name=as_str(d.get("name")),
        status=status(provider_status),
        provider_status=provider_status,
        operating_status=as_str(d.get("operating_status")),
        flavor_id=linked_id(d.get("flavor")),
        volume_size=as_int(volume.get("size")),
        volume_used=as_float(volume.get("used")),
        volume_type=as_str(volume.get("type")),
        hostname=as_str(d.get("hostname")),
        ip=[str(a) for a in as_list(d.get("ip")) if isinstance(a, str)],
        addresses=as_dicts(d.get("addresses")),
        datastore=as_str(datastore.get("type")),
        datastore_version=as_str(datastore.get("version")),
        configuration_id=linked_id(d.get("configuration")),
        replica_of=linked_id(replica_of),
        region=as_str(d.get("region")),
        fault=as_str(fault.get("message")),
        fault_details=as_str(fault.get("details")),
        created=parse_time(d.get("created")),
        updated=parse_time(d.get("updated")),
        raw=d,
    )


def flavor(d: dict[str, Any]) -> DatabaseFlavor:
    from pkgcloud.models.database import DatabaseFlavor

    # Trove 26: "id" is an int, or null for a flavor whose Nova id is not a number; "str_id" always
    found = d.get("str_id") if d.get("str_id") not in (None, "") else d["id"]
    if found is None or found == "":
        raise KeyError("id")
    return DatabaseFlavor(
        id=str(found),
        name=as_str(d.get("name")),
        ram=as_int(d.get("ram")),
        vcpus=as_int(d.get("vcpus")),
        disk=as_int(d.get("disk")),
        ephemeral=as_int(d.get("ephemeral")),
        raw=d,
    )


def database(d: dict[str, Any], instance_id: str | None = None) -> Database:
    from pkgcloud.models.database import Database

    return Database(
        name=str(d["name"]),
        character_set=as_str(d.get("character_set")),
        collate=as_str(d.get("collate")),
        instance_id=instance_id,
        raw=d,
    )


def user(d: dict[str, Any], instance_id: str | None = None) -> DatabaseUser:
    from pkgcloud.models.database import DatabaseUser

    return DatabaseUser(
        name=str(d["name"]),
        host=as_str(d.get("host")),
        databases=_names(d.get("databases")),
        instance_id=instance_id,
        password=as_str(d.get("password")),
        raw=d,
    )


def datastore_version(d: dict[str, Any], datastore_id: str | None = None) -> DatastoreVersion:
    from pkgcloud.models.database import DatastoreVersion

    return DatastoreVersion(
        id=str(d["id"]),
        name=as_str(d.get("name")),
        datastore_id=as_str(d.get("datastore")) or datastore_id,
        datastore_name=as_str(d.get("datastore_name")),
        version=as_str(d.get("version")),
        active=as_bool(d.get("active")),
        image_id=as_str(d.get("image")),
        packages=as_str(d.get("packages")),
        raw=d,
    )


def datastore(d: dict[str, Any]) -> Datastore:
    from pkgcloud.models.database import Datastore

    datastore_id = str(d["id"])
    return Datastore(
        id=datastore_id,
        name=as_str(d.get("name")),
        default_version_id=as_str(d.get("default_version")),
        versions=[datastore_version(v, datastore_id) for v in as_dicts(d.get("versions")) if v.get("id")],
        raw=d,
    )


def backup(d: dict[str, Any]) -> DatabaseBackup:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.database import DatabaseBackup

    datastore = as_dict(d.get("datastore"))
    return DatabaseBackup(
        id=str(d["id"]),
        name=as_str(d.get("name")),
        status=as_str(d.get("status")),
        description=as_str(d.get("description")),
        instance_id=as_str(d.get("instance_id")),
        parent_id=as_str(d.get("parent_id")),
        size=as_float(d.get("size")),
        datastore=as_str(datastore.get("type")),
        datastore_version=as_str(datastore.get("version")),
        datastore_version_id=as_str(datastore.get("version_id")),
        location=as_str(d.get("locationRef")),
        storage_driver=as_str(d.get("storage_driver")),
        created=parse_time(d.get("created")),
        updated=parse_time(d.get("updated")),
        raw=d,
    )


def configuration(d: dict[str, Any]) -> ConfigurationGroup:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.database import ConfigurationGroup

    return ConfigurationGroup(
        id=str(d["id"]),
        name=as_str(d.get("name")),
        description=as_str(d.get("description")),
        values=as_dict(d.get("values")),
        datastore=as_str(d.get("datastore_name")),
        datastore_version=as_str(d.get("datastore_version_name")),
        datastore_version_id=as_str(d.get("datastore_version_id")),
        datastore_version_number=as_str(d.get("datastore_version_number")),
        instance_count=as_int(d.get("instance_count")),
        created=parse_time(d.get("created")),
        updated=parse_time(d.get("updated")),
        raw=d,
    )


def configuration_instance(d: dict[str, Any]) -> ConfigurationInstance:
    from pkgcloud.models.database import ConfigurationInstance

    return ConfigurationInstance(id=str(d["id"]), name=as_str(d.get("name")), raw=d)


def parameter(d: dict[str, Any]) -> ConfigurationParameter:
    from pkgcloud.models.database import ConfigurationParameter

    return ConfigurationParameter(
        name=str(d["name"]),
        type=as_str(d.get("type")),
        min=as_float(d.get("min")),
        max=as_float(d.get("max")),
        restart_required=as_bool(d.get("restart_required")),
        datastore_version_id=as_str(d.get("datastore_version_id")),
        raw=d,
    )
