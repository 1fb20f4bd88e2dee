"""Cinder's JSON to pkgcloud's models.

Required fields (ids) are indexed directly, so a missing one becomes a ``MalformedResponse`` through
the resource engine; everything else is read with :mod:`pkgcloud.values`, so a field of the wrong
type is left unset. Both the v2/v3 names (``name``, ``description``) and the v1 ones
(``display_name``, ``display_description``) are read. Models are imported when a function runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pkgcloud.values import as_bool, as_dict, as_dicts, as_int, as_str

if TYPE_CHECKING:
    from pkgcloud.models.blockstorage import (
        AvailabilityZone,
        Backup,
        BackupRestore,
        Limits,
        Message,
        QuotaSet,
        Snapshot,
        Volume,
        VolumeAttachmentInfo,
        VolumeTransfer,
        VolumeType,
    )


def _strings(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in as_dict(value).items() if v is not None}


def _name(d: Mapping[str, Any]) -> str | None:
    return as_str(d.get("name") if d.get("name") is not None else d.get("display_name"))


def _description(d: Mapping[str, Any]) -> str | None:
    found = d.get("description") if d.get("description") is not None else d.get("display_description")
    return as_str(found)


def attachment(d: Mapping[str, Any]) -> VolumeAttachmentInfo:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.blockstorage import VolumeAttachmentInfo

    return VolumeAttachmentInfo(
        server_id=as_str(d.get("server_id")),
        attachment_id=as_str(d.get("attachment_id") or d.get("id")),
        device=as_str(d.get("device")),
        host_name=as_str(d.get("host_name")),
        attached_at=parse_time(d.get("attached_at")),
        raw=dict(d),
    )


def volume(d: dict[str, Any]) -> Volume:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.blockstorage import Volume

    return Volume(
        id=str(d["id"]),
        name=_name(d),
        status=as_str(d.get("status")),
        size=as_int(d.get("size")),
        description=_description(d),
        volume_type=as_str(d.get("volume_type")),
        availability_zone=as_str(d.get("availability_zone")),
        bootable=as_bool(d.get("bootable")),
        encrypted=as_bool(d.get("encrypted")),
        multiattach=as_bool(d.get("multiattach")),
        snapshot_id=as_str(d.get("snapshot_id")),
        source_volume_id=as_str(d.get("source_volid")),
        metadata=_strings(d.get("metadata")),
        attachments=[attachment(a) for a in as_dicts(d.get("attachments"))],
        project_id=as_str(d.get("os-vol-tenant-attr:tenant_id") or d.get("project_id")),
        user_id=as_str(d.get("user_id")),
        created=parse_time(d.get("created_at")),
        updated=parse_time(d.get("updated_at")),
        volume_type_id=as_str(d.get("volume_type_id")),
        backup_id=as_str(d.get("backup_id")),
        migration_status=as_str(d.get("migration_status")),
        replication_status=as_str(d.get("replication_status")),
        group_id=as_str(d.get("group_id")),
        raw=d,
    )


def snapshot(d: dict[str, Any]) -> Snapshot:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.blockstorage import Snapshot

    return Snapshot(
        id=str(d["id"]),
        name=_name(d),
        status=as_str(d.get("status")),
        size=as_int(d.get("size")),
        volume_id=as_str(d.get("volume_id")),
        description=_description(d),
        progress=as_str(d.get("os-extended-snapshot-attributes:progress") or d.get("progress")),
        metadata=_strings(d.get("metadata")),
        created=parse_time(d.get("created_at")),
        updated=parse_time(d.get("updated_at")),
        project_id=as_str(d.get("os-extended-snapshot-attributes:project_id") or d.get("project_id")),
        user_id=as_str(d.get("user_id")),
        raw=d,
    )


def backup(d: dict[str, Any]) -> Backup:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.blockstorage import Backup

    return Backup(
        id=str(d["id"]),
        name=_name(d),
        status=as_str(d.get("status")),
        size=as_int(d.get("size")),
        volume_id=as_str(d.get("volume_id")),
        snapshot_id=as_str(d.get("snapshot_id")),
        description=_description(d),
        container=as_str(d.get("container")),
        availability_zone=as_str(d.get("availability_zone")),
        is_incremental=as_bool(d.get("is_incremental")),
        has_dependent_backups=as_bool(d.get("has_dependent_backups")),
        object_count=as_int(d.get("object_count")),
        fail_reason=as_str(d.get("fail_reason")) or None,
        metadata=_strings(d.get("metadata")),
        project_id=as_str(d.get("os-backup-project-attr:project_id") or d.get("project_id")),
        user_id=as_str(d.get("user_id")),
        created=parse_time(d.get("created_at")),
        updated=parse_time(d.get("updated_at")),
        data_timestamp=parse_time(d.get("data_timestamp")),
        raw=d,
    )


def restore(d: dict[str, Any]) -> BackupRestore:
    from pkgcloud.models.blockstorage import BackupRestore

    return BackupRestore(
        backup_id=as_str(d.get("backup_id")),
        volume_id=as_str(d.get("volume_id")),
        volume_name=as_str(d.get("volume_name")),
        raw=d,
    )


def transfer(d: dict[str, Any]) -> VolumeTransfer:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.blockstorage import VolumeTransfer

    return VolumeTransfer(
        id=str(d["id"]),
        name=as_str(d.get("name")),
        volume_id=as_str(d.get("volume_id")),
        auth_key=as_str(d.get("auth_key")),
        no_snapshots=as_bool(d.get("no_snapshots")),
        source_project_id=as_str(d.get("source_project_id")),
        destination_project_id=as_str(d.get("destination_project_id")),
        accepted=as_bool(d.get("accepted")),
        created=parse_time(d.get("created_at")),
        raw=d,
    )


def volume_type(d: dict[str, Any]) -> VolumeType:
    from pkgcloud.models.blockstorage import VolumeType

    public = d.get("is_public")
    if public is None:
        public = d.get("os-volume-type-access:is_public")
    return VolumeType(
        id=str(d["id"]),
        name=as_str(d.get("name")),
        description=as_str(d.get("description")),
        is_public=as_bool(public),
        extra_specs=as_dict(d.get("extra_specs")),
        raw=d,
    )


def _ints(value: Any) -> dict[str, int]:
    out = {}
    for key, item in as_dict(value).items():
        number = as_int(item)
        if number is not None:
            out[str(key)] = number
    return out


def limits(d: dict[str, Any]) -> Limits:
    from pkgcloud.models.blockstorage import Limits

    return Limits(absolute=_ints(d.get("absolute")), rate=as_dicts(d.get("rate")), raw=d)


def quota_set(d: dict[str, Any]) -> QuotaSet:
    """Cinder's quota set: ``{"volumes": 10, ...}``, or with usage ``{"volumes": {"limit": 10,
    "in_use": 1, "reserved": 0}, ...}``."""
    from pkgcloud.models.blockstorage import QuotaSet

    limits: dict[str, int] = {}
    in_use: dict[str, int] = {}
    reserved: dict[str, int] = {}
    for key, value in d.items():
        if key == "id":
            continue
        if isinstance(value, Mapping):
            for target, field in ((limits, "limit"), (in_use, "in_use"), (reserved, "reserved")):
                number = as_int(value.get(field))
                if number is not None:
                    target[str(key)] = number
        else:
            number = as_int(value)
            if number is not None:
                limits[str(key)] = number
    return QuotaSet(project_id=as_str(d.get("id")), limits=limits, in_use=in_use, reserved=reserved, raw=d)


def availability_zone(d: dict[str, Any]) -> AvailabilityZone:
    from pkgcloud.models.blockstorage import AvailabilityZone

    state = as_dict(d.get("zoneState"))
    available = as_bool(state.get("available"))
    return AvailabilityZone(name=str(d["zoneName"]), available=True if available is None else available, raw=d)


def message(d: dict[str, Any]) -> Message:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.blockstorage import Message

    return Message(
        id=str(d["id"]),
        resource_type=as_str(d.get("resource_type")),
        resource_uuid=as_str(d.get("resource_uuid")),
        user_message=as_str(d.get("user_message")),
        message_level=as_str(d.get("message_level")),
        event_id=as_str(d.get("event_id")),
        request_id=as_str(d.get("request_id")),
        created=parse_time(d.get("created_at")),
        guaranteed_until=parse_time(d.get("guaranteed_until")),
        raw=d,
    )
