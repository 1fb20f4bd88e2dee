"""Rackspace Cloud Block Storage: the Cinder client speaking v1 (catalog type ``volume``, name
``cloudBlockStorage``, ``/v1/{tenant}``).

What differs from Cinder v3: names and descriptions are ``display_name``/``display_description``
(both are read either way); there are no microversions; the volume types are ``SATA`` (75-1024 GB,
the default) and ``SSD`` (50-1024 GB), checked with the size before the request; an in-use volume
is snapshotted with ``force``. Cloud Block Storage has no backups, transfers, user messages,
reverting to a snapshot or quota API: those raise :class:`~pkgcloud.errors.UnsupportedOperation`
without sending anything. Attach and detach through Cloud Servers (``os-volume_attachments``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from pkgcloud.bodies import check_bool
from pkgcloud.client import Unsupported
from pkgcloud_openstack.blockstorage import CinderBlockStorage
from pkgcloud_openstack.service import EndpointVersion, Microversions
from pkgcloud_rackspace.blockstorage import bodies

if TYPE_CHECKING:
    from pkgcloud.blockstorage import SnapshotRef, VolumeRef
    from pkgcloud.models.blockstorage import Snapshot, Volume


NO_SUCH_API = "Rackspace Cloud Block Storage (Cinder v1) has no such API"


class CloudBlockStorage(CinderBlockStorage):
    """Rackspace Cloud Block Storage: Cinder v1."""

    catalog_type: ClassVar[str] = "volume"
    catalog_aliases: ClassVar[tuple[str, ...]] = ("volume",)
    catalog_name: ClassVar[str | None] = "cloudBlockStorage"
    microversions: ClassVar[Microversions | None] = None
    api_version: ClassVar[EndpointVersion | None] = EndpointVersion("v1", with_project=True)

    @property
    def microversion(self) -> str | None:
        return None

    def failure_reason(self, resource: Any) -> str | None:
        """v1 records no user messages: a failed volume's wait says only its status."""
        return None

    def create_volume(
        self,
        size: int | None = None,
        *,
        name: str | None = None,
        description: str | None = None,
        volume_type: Any = None,
        snapshot_id: SnapshotRef | None = None,
        source_volume_id: VolumeRef | None = None,
        image_id: str | None = None,
        availability_zone: str | None = None,
        metadata: Mapping[str, str] | None = None,
        scheduler_hints: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> Volume:
        """Create a volume: ``size`` in GB, 75-1024 for ``SATA`` (the default type) or 50-1024 for
        ``SSD``; from a snapshot, another volume or an image it defaults to the source's."""
        body = bodies.volume_create(
            size,
            name=name,
            description=description,
            volume_type=volume_type,
            snapshot_id=snapshot_id,
            source_volume_id=source_volume_id,
            image_id=image_id,
            availability_zone=availability_zone,
            metadata=metadata,
            **options,
        )
        if scheduler_hints is not None:
            body["OS-SCH-HNT:scheduler_hints"] = bodies.scheduler_hints(scheduler_hints)
        return self.volumes.create(body, wrap=False)

    def update_volume(self, volume: VolumeRef, *, name: str | None = None, description: str | None = None) -> Volume:
        return self.volumes.update(volume, bodies.named_update("update_volume", name, description))

    def create_snapshot(
        self,
        volume: VolumeRef,
        *,
        name: str | None = None,
        description: str | None = None,
        force: bool | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Snapshot:
        """Snapshot a volume; an in-use one needs ``force`` (left None, it is sent true when the
        volume, read first, is in use)."""
        volume_id = self.volumes.id_of(volume)
        if check_bool(force, "force") is None and self.get_volume(volume_id).status == "in-use":
            force = True
        body = bodies.snapshot_create(volume_id, name=name, description=description, force=force, metadata=metadata)
        return self.snapshots.create(body)

    def update_snapshot(
        self, snapshot: SnapshotRef, *, name: str | None = None, description: str | None = None
    ) -> Snapshot:
        return self.snapshots.update(snapshot, bodies.named_update("update_snapshot", name, description))

    # -- what v1 on Rackspace has not --------------------------------------------------------------

    revert_volume_to_snapshot = Unsupported(NO_SUCH_API)
    list_backups = Unsupported(NO_SUCH_API)
    get_backup = Unsupported(NO_SUCH_API)
    create_backup = Unsupported(NO_SUCH_API)
    update_backup = Unsupported(NO_SUCH_API)
    delete_backup = Unsupported(NO_SUCH_API)
    restore_backup = Unsupported(NO_SUCH_API)
    create_transfer = Unsupported(NO_SUCH_API)
    list_transfers = Unsupported(NO_SUCH_API)
    get_transfer = Unsupported(NO_SUCH_API)
    accept_transfer = Unsupported(NO_SUCH_API)
    delete_transfer = Unsupported(NO_SUCH_API)
    list_messages = Unsupported(NO_SUCH_API)
    get_message = Unsupported(NO_SUCH_API)
    delete_message = Unsupported(NO_SUCH_API)
    get_quotas = Unsupported(NO_SUCH_API)
