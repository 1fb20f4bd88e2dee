"""Request bodies for Trove, checked before anything is sent.

Every body holds what the caller set and nothing else (``None`` is not sent; ``False``, ``0``, ``[]``
and ``""`` are). What can be known before a request is checked here: a volume size that is not a
positive whole number (the Node library silently made such sizes 1), a user without a name or a
password, a database or user of the wrong shape. Trove's own limits (name lengths and characters,
the largest volume, one network per instance) are Trove's: its 400 or 413 comes back verbatim,
nothing here copies them.

Databases may be given as names: ``"sales"`` is sent as ``{"name": "sales"}``, the object Trove
wants (the Node library sent bare strings where Trove wanted objects, pkgcloud/pkgcloud#300).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pkgcloud.bodies import NULL, check_bool, check_int, check_known, fields, ref
from pkgcloud.errors import ValidationError

DATABASE_KEYS = frozenset({"name", "character_set", "collate"})
USER_KEYS = frozenset({"name", "password", "host", "databases"})
DATASTORE_KEYS = frozenset({"type", "version"})


def text(value: Any, what: str, *, required: bool = True) -> str | None:
    """A string. Required ones (names) are not empty; an optional one is None (not sent) or any
    string, ``""`` included (sent as given: whether Trove takes it is Trove's to say, as are its rules
    on characters and lengths)."""
    if value is None:
        if required:
            raise ValidationError(f"{what} is required: a non-empty string")
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        kind = "a non-empty string" if required else "a string"
        raise ValidationError(f"{what} must be {kind}, not {value!r}")
    return value


def check_size(size: Any, what: str = "size") -> int:
    """A volume size: a whole number of GB, at least 1 (the service's maximum is its own to say)."""
    if size is None:
        raise ValidationError(f"{what} is required: the volume size, a whole number of GB, at least 1")
    found = check_int(size, f"{what} (the volume size in GB)", minimum=1)
    assert found is not None
    return found


def _iterable(value: Any, what: str) -> list[Any]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ValidationError(f"{what} must be a list, not {type(value).__name__}")
    return list(value)


def database_spec(item: Any) -> dict[str, Any]:
    """A database to create, as Trove wants it: ``{"name", "character_set", "collate"}``, from a name,
    a :class:`~pkgcloud.models.database.Database` or a mapping."""
    from pkgcloud.models.database import Database

    if isinstance(item, str):
        return {"name": text(item, "a database name")}
    if isinstance(item, Database):
        values: Mapping[str, Any] = {"name": item.name, "character_set": item.character_set, "collate": item.collate}
    elif isinstance(item, Mapping):
        check_known(item, DATABASE_KEYS, "a database", kind="key")
        values = item
    else:
        raise ValidationError(
            f"a database is its name, a Database or {{'name', 'character_set', 'collate'}}, not {type(item).__name__}"
        )
    return fields(
        name=text(values.get("name"), "a database's name"),
        character_set=text(values.get("character_set"), "character_set", required=False),
        collate=text(values.get("collate"), "collate", required=False),
    )


def databases_list(items: Any, what: str = "databases") -> list[dict[str, Any]]:
    return [database_spec(item) for item in _iterable(items, what)]


def database_name(item: Any, what: str = "database") -> str:
    """The name of a database given as a name, a Database or ``{"name": ...}``."""
    name = getattr(item, "name", None) if not isinstance(item, (str, Mapping)) else None
    if isinstance(item, Mapping):
        name = item.get("name")
    elif isinstance(item, str):
        name = item
    found = text(name, f"{what} (a database name, a Database or {{'name': ...}})")
    assert found is not None
    return found


def database_refs(items: Any, what: str = "databases") -> list[dict[str, str]]:
    """Databases a user is given access to: ``[{"name": ...}]`` from names, Databases or mappings."""
    return [{"name": database_name(item, f"an entry of {what}")} for item in _iterable(items, what)]


def user_spec(item: Any) -> dict[str, Any]:
    """A user to create: ``{"name", "password", "host", "databases": [{"name"}]}``, from a
    :class:`~pkgcloud.models.database.DatabaseUser` or a mapping; name and password are required."""
    from pkgcloud.models.database import DatabaseUser

    if isinstance(item, DatabaseUser):
        values: Mapping[str, Any] = {
            "name": item.name,
            "password": item.password,
            "host": item.host,
            "databases": item.databases or None,
        }
    elif isinstance(item, Mapping):
        check_known(item, USER_KEYS, "a user", kind="key")
        values = item
    else:
        raise ValidationError(
            "a user is a DatabaseUser (with its password) or {'name', 'password', 'host', 'databases'}, "
            f"not {type(item).__name__}"
        )
    name = text(values.get("name"), "a user's name")
    if values.get("password") is None:
        raise ValidationError(f"user {name!r} has no password: Trove creates users with one")
    databases = values.get("databases")
    return fields(
        name=name,
        password=text(values.get("password"), f"the password of user {name!r}"),
        host=text(values.get("host"), f"the host of user {name!r}", required=False),
        databases=None if databases is None else database_refs(databases, f"the databases of user {name!r}"),
    )


def users_list(items: Any, what: str = "users") -> list[dict[str, Any]]:
    return [user_spec(item) for item in _iterable(items, what)]


def flavor_ref(flavor: Any) -> str:
    found = ref(flavor, "flavor")
    assert found is not None
    return found


def nics_list(nics: Any) -> list[dict[str, str]]:
    """Networks as Trove takes them (``{"network_id"}``, ``{"subnet_id"}``, ``{"ip_address"}``, or the
    older ``{"net-id"}``): which keys and how many a cloud accepts is its own to say."""
    out = []
    for nic in _iterable(nics, "nics"):
        if not isinstance(nic, Mapping) or not nic:
            raise ValidationError(f"each entry of nics is a mapping such as {{'network_id': ...}}, not {nic!r}")
        for key, value in nic.items():
            if not isinstance(key, str) or not isinstance(value, str) or not value:
                raise ValidationError(f"nics entries map names to ids or addresses (strings), not {key!r}: {value!r}")
        out.append(dict(nic))
    return out


def instance_create(
    name: Any,
    flavor: Any,
    size: Any,
    *,
    databases: Any = None,
    users: Any = None,
    datastore: Any = None,
    datastore_version: Any = None,
    volume_type: Any = None,
    nics: Any = None,
    availability_zone: Any = None,
    backup: Any = None,
    configuration: Any = None,
) -> dict[str, Any]:
    """``{"instance": {...}}``."""
    store = fields(
        type=text(datastore, "datastore", required=False),
        version=text(datastore_version, "datastore_version", required=False),
    )
    backup_id = ref(backup, "backup", required=False)
    instance = fields(
        name=text(name, "name"),
        flavorRef=flavor_ref(flavor),
        volume=fields(size=check_size(size), type=text(volume_type, "volume_type", required=False)),
        datastore=store or None,
        databases=None if databases is None else databases_list(databases),
        users=None if users is None else users_list(users),
        nics=None if nics is None else nics_list(nics),
        availability_zone=text(availability_zone, "availability_zone", required=False),
        restorePoint=None if backup_id is None else {"backupRef": backup_id},
        configuration=ref(configuration, "configuration", required=False),
    )
    return {"instance": instance}


def configuration_ref(configuration: Any) -> Any:
    """A configuration group to attach (its id), or :data:`~pkgcloud.bodies.NULL` to detach."""
    if configuration is NULL:
        return NULL
    return ref(configuration, "configuration", required=False)


def resize_volume(size: Any) -> dict[str, Any]:
    return {"resize": {"volume": {"size": check_size(size, "the new size")}}}


def resize_flavor(flavor: Any) -> dict[str, Any]:
    return {"resize": {"flavorRef": flavor_ref(flavor)}}


def user_update(*, name: Any = None, password: Any = None, host: Any = None) -> dict[str, Any]:
    """``{"user": {...}}`` with what changes (at least one of name, password, host)."""
    user = fields(
        name=text(name, "name", required=False),
        password=text(password, "password", required=False),
        host=text(host, "new_host", required=False),
    )
    if not user:
        raise ValidationError("update_user needs at least one of name, password or new_host")
    return {"user": user}


def backup_create(
    instance_id: str,
    name: Any,
    *,
    description: Any = None,
    parent: Any = None,
    incremental: Any = None,
    swift_container: Any = None,
) -> dict[str, Any]:
    """``{"backup": {...}}``; ``incremental`` is sent as Trove reads it (1 or 0)."""
    check_bool(incremental, "incremental")
    return {
        "backup": fields(
            name=text(name, "name"),
            instance=instance_id,
            description=text(description, "description", required=False),
            parent_id=ref(parent, "parent backup", required=False),
            incremental=None if incremental is None else int(incremental),
            swift_container=text(swift_container, "swift_container", required=False),
        )
    }


def _values(values: Any, what: str = "values") -> dict[str, Any]:
    if not isinstance(values, Mapping):
        raise ValidationError(f"{what} must be a mapping of parameter names to values, not {type(values).__name__}")
    for key in values:
        if not isinstance(key, str) or not key:
            raise ValidationError(f"{what} are keyed by parameter names (strings), not {key!r}")
    return dict(values)


def configuration_create(
    name: Any, values: Any, *, description: Any = None, datastore: Any = None, datastore_version: Any = None
) -> dict[str, Any]:
    store = fields(
        type=text(datastore, "datastore", required=False),
        version=text(datastore_version, "datastore_version", required=False),
    )
    return {
        "configuration": fields(
            name=text(name, "name"),
            values=_values(values),
            description=text(description, "description", required=False),
            datastore=store or None,
        )
    }


def configuration_patch(values: Any) -> dict[str, Any]:
    return {"configuration": {"values": _values(values)}}


def configuration_replace(values: Any, *, name: Any = None, description: Any = None) -> dict[str, Any]:
    return {
        "configuration": fields(
            values=_values(values),
            name=text(name, "name", required=False),
            description=text(description, "description", required=False),
        )
    }
