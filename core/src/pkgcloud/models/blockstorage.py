"""Block storage models: volumes, snapshots, backups, transfers, volume types, and the account's limits."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attr import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class VolumeAttachmentInfo(Model):
    """Where a volume is attached, as the block storage API shows it."""

    server_id: str | None = None
    attachment_id: str | None = None
    device: str | None = None
    host_name: str | None = None
    attached_at: _dt.datetime | None = None


@define(kw_only=True)
class Volume(Model):
    """A volume. ``size`` in GiB; ``status`` is the service's (``available``, ``in-use``...)."""

    id: str
    name: str | None = None
    status: str | None = None
    size: int | None = None
    description: str | None = None
    volume_type: str | None = None
    availability_zone: str | None = None
    bootable: bool | None = None
    encrypted: bool | None = None
    multiattach: bool | None = None
    snapshot_id: str | None = None
    source_volume_id: str | None = None
    metadata: dict[str, str] = field(factory=dict)
    attachments: list[VolumeAttachmentInfo] = field(factory=list)
    project_id: str | None = None
    user_id: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None
    volume_type_id: str | None = None
    backup_id: str | None = None
    migration_status: str | None = None
    replication_status: str | None = None
    group_id: str | None = None


@define(kw_only=True)
class Snapshot(Model):
    id: str
    name: str | None = None
    status: str | None = None
    size: int | None = None
    volume_id: str | None = None
    description: str | None = None
    progress: str | None = None
    metadata: dict[str, str] = field(factory=dict)
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None
    project_id: str | None = None
    user_id: str | None = None


@define(kw_only=True)
class VolumeType(Model):
    id: str
    name: str | None = None
    description: str | None = None
    is_public: bool | None = None
    extra_specs: dict[str, Any] = field(factory=dict)


@define(kw_only=True)
class Backup(Model):
    """A backup of a volume (or of one of its snapshots). ``fail_reason`` is Cinder's, when it failed."""

    id: str
    name: str | None = None
    status: str | None = None
    size: int | None = None
    volume_id: str | None = None
    snapshot_id: str | None = None
    description: str | None = None
    container: str | None = None
    availability_zone: str | None = None
    is_incremental: bool | None = None
    has_dependent_backups: bool | None = None
    object_count: int | None = None
    fail_reason: str | None = None
    metadata: dict[str, str] = field(factory=dict)
    project_id: str | None = None
    user_id: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None
    data_timestamp: _dt.datetime | None = None


@define(kw_only=True)
class BackupRestore(Model):
    """Where a backup is being restored: the volume (new or given) and its name."""

    backup_id: str | None = None
    volume_id: str | None = None
    volume_name: str | None = None


@define(kw_only=True)
class VolumeTransfer(Model):
    """An offer to give a volume to another project. ``auth_key`` is shown once, by create: whoever
    has it and the transfer's id can take the volume (it is never shown in ``repr``)."""

    id: str
    name: str | None = None
    volume_id: str | None = None
    auth_key: str | None = field(default=None, repr=False)
    no_snapshots: bool | None = None
    source_project_id: str | None = None
    destination_project_id: str | None = None
    accepted: bool | None = None
    created: _dt.datetime | None = None


@define(kw_only=True)
class Limits(Model):
    """The project's block storage limits and usage (``absolute``, e.g. ``maxTotalVolumes``)."""

    absolute: dict[str, int] = field(factory=dict)
    rate: list[dict[str, Any]] = field(factory=list)


@define(kw_only=True)
class QuotaSet(Model):
    """The project's quotas: ``limits`` by resource (``volumes``, ``gigabytes``, ``snapshots``,
    ``backups``..., ``-1`` for unlimited), and with ``usage`` asked for, ``in_use`` and ``reserved``."""

    project_id: str | None = None
    limits: dict[str, int] = field(factory=dict)
    in_use: dict[str, int] = field(factory=dict)
    reserved: dict[str, int] = field(factory=dict)


@define(kw_only=True)
class AvailabilityZone(Model):
    name: str
    available: bool = True


@define(kw_only=True)
class Message(Model):
    """A user message: what went wrong with a resource, in Cinder's words (``user_message``)."""

    id: str
    resource_type: str | None = None
    resource_uuid: str | None = None
    user_message: str | None = None
    message_level: str | None = None
    event_id: str | None = None
    request_id: str | None = None
    created: _dt.datetime | None = None
    guaranteed_until: _dt.datetime | None = None
