"""Block storage models: volumes, snapshots and volume types."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attrs import define, field

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


@define(kw_only=True)
class VolumeType(Model):
    id: str
    name: str | None = None
    description: str | None = None
    is_public: bool | None = None
    extra_specs: dict[str, Any] = field(factory=dict)
