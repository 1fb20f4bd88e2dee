"""Block storage: volumes, snapshots, backups, transfers and volume types.

``pkgcloud.blockstorage.create_client(provider="openstack", ...)`` returns a :class:`BlockStorageClient`.
Wherever a volume, snapshot or backup is taken, its model or its id will do. Attaching a volume to a
server is the compute client's (``attach_volume``/``detach_volume``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pkgcloud.client import BaseClient, Waitable, create

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
        VolumeTransfer,
        VolumeType,
    )

    # typing-only aliases (import them under TYPE_CHECKING)
    VolumeRef = str | Volume
    SnapshotRef = str | Snapshot
    BackupRef = str | Backup
    TransferRef = str | VolumeTransfer
    VolumeTypeRef = str | VolumeType

SERVICE = "blockstorage"


def create_client(provider: str, **options: Any) -> BlockStorageClient:
    """A block storage client for ``provider``, configured by ``options``."""
    return cast(BlockStorageClient, create(SERVICE, provider, options))


class BlockStorageClient(BaseClient, Waitable):
    """The portable block-storage operations.

    ``wait_for(volume)`` waits for ``available``; ``wait_for(volume, "in-use")`` for an attach,
    ``wait_for(volume, "DELETED")`` for a delete. Every error status fails the wait at once.
    """

    service = SERVICE
    ready_status: ClassVar[str] = "available"
    error_statuses: ClassVar[tuple[str, ...]] = (
        "error",
        "error_deleting",
        "error_extending",
        "error_restoring",
        "error_backing-up",
        "error_managing",
    )

    # -- volumes ---------------------------------------------------------------------------------

    def list_volumes(self, *, limit: int | None = None, **filters: Any) -> Iterator[Volume]:
        raise self._unsupported("list_volumes")

    def get_volume(self, volume: VolumeRef) -> Volume:
        raise self._unsupported("get_volume")

    def find_volume(self, name: str) -> Volume:
        """The volume named ``name`` (NotFound lists the names there are)."""
        raise self._unsupported("find_volume")

    def create_volume(
        self,
        size: int | None = None,
        *,
        name: str | None = None,
        description: str | None = None,
        volume_type: str | None = None,
        snapshot_id: SnapshotRef | None = None,
        source_volume_id: VolumeRef | None = None,
        image_id: str | None = None,
        backup_id: BackupRef | None = None,
        availability_zone: str | None = None,
        metadata: Mapping[str, str] | None = None,
        **options: Any,
    ) -> Volume:
        """Create a volume of ``size`` GiB (from a snapshot, a volume, an image or a backup: their size
        by default)."""
        raise self._unsupported("create_volume")

    def update_volume(self, volume: VolumeRef, *, name: str | None = None, description: str | None = None) -> Volume:
        raise self._unsupported("update_volume")

    def extend_volume(self, volume: VolumeRef, size: int) -> None:
        raise self._unsupported("extend_volume")

    def delete_volume(self, volume: VolumeRef, *, cascade: bool = False) -> None:
        raise self._unsupported("delete_volume")

    def set_volume_bootable(self, volume: VolumeRef, bootable: bool = True) -> None:
        raise self._unsupported("set_volume_bootable")

    def revert_volume_to_snapshot(self, volume: VolumeRef, snapshot: SnapshotRef) -> None:
        raise self._unsupported("revert_volume_to_snapshot")

    def get_volume_metadata(self, volume: VolumeRef) -> dict[str, str]:
        raise self._unsupported("get_volume_metadata")

    def set_volume_metadata(self, volume: VolumeRef, metadata: Mapping[str, str]) -> dict[str, str]:
        raise self._unsupported("set_volume_metadata")

    def update_volume_metadata(self, volume: VolumeRef, metadata: Mapping[str, str]) -> dict[str, str]:
        raise self._unsupported("update_volume_metadata")

    def delete_volume_metadata(self, volume: VolumeRef, key: str) -> None:
        raise self._unsupported("delete_volume_metadata")

    # -- snapshots -------------------------------------------------------------------------------

    def list_snapshots(self, *, limit: int | None = None, **filters: Any) -> Iterator[Snapshot]:
        raise self._unsupported("list_snapshots")

    def get_snapshot(self, snapshot: SnapshotRef) -> Snapshot:
        raise self._unsupported("get_snapshot")

    def create_snapshot(
        self,
        volume: VolumeRef,
        *,
        name: str | None = None,
        description: str | None = None,
        force: bool | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Snapshot:
        raise self._unsupported("create_snapshot")

    def update_snapshot(
        self, snapshot: SnapshotRef, *, name: str | None = None, description: str | None = None
    ) -> Snapshot:
        raise self._unsupported("update_snapshot")

    def delete_snapshot(self, snapshot: SnapshotRef) -> None:
        raise self._unsupported("delete_snapshot")

    def get_snapshot_metadata(self, snapshot: SnapshotRef) -> dict[str, str]:
        raise self._unsupported("get_snapshot_metadata")

    def set_snapshot_metadata(self, snapshot: SnapshotRef, metadata: Mapping[str, str]) -> dict[str, str]:
        raise self._unsupported("set_snapshot_metadata")

    def update_snapshot_metadata(self, snapshot: SnapshotRef, metadata: Mapping[str, str]) -> dict[str, str]:
        raise self._unsupported("update_snapshot_metadata")

    def delete_snapshot_metadata(self, snapshot: SnapshotRef, key: str) -> None:
        raise self._unsupported("delete_snapshot_metadata")

    # -- backups ---------------------------------------------------------------------------------

    def list_backups(self, *, limit: int | None = None, **filters: Any) -> Iterator[Backup]:
        raise self._unsupported("list_backups")

    def get_backup(self, backup: BackupRef) -> Backup:
        raise self._unsupported("get_backup")

    def create_backup(self, volume: VolumeRef, **options: Any) -> Backup:
        raise self._unsupported("create_backup")

    def update_backup(self, backup: BackupRef, *, name: str | None = None, description: str | None = None) -> Backup:
        raise self._unsupported("update_backup")

    def delete_backup(self, backup: BackupRef) -> None:
        raise self._unsupported("delete_backup")

    def restore_backup(
        self, backup: BackupRef, *, volume: VolumeRef | None = None, name: str | None = None
    ) -> BackupRestore:
        raise self._unsupported("restore_backup")

    # -- transfers -------------------------------------------------------------------------------

    def create_transfer(self, volume: VolumeRef, *, name: str | None = None, **options: Any) -> VolumeTransfer:
        raise self._unsupported("create_transfer")

    def list_transfers(self, *, limit: int | None = None) -> Iterator[VolumeTransfer]:
        raise self._unsupported("list_transfers")

    def get_transfer(self, transfer: TransferRef) -> VolumeTransfer:
        raise self._unsupported("get_transfer")

    def accept_transfer(self, transfer: TransferRef, auth_key: str) -> VolumeTransfer:
        raise self._unsupported("accept_transfer")

    def delete_transfer(self, transfer: TransferRef) -> None:
        raise self._unsupported("delete_transfer")

    # -- volume types, the account, the service --------------------------------------------------

    def list_volume_types(self) -> Iterator[VolumeType]:
        raise self._unsupported("list_volume_types")

    def get_volume_type(self, volume_type: VolumeTypeRef) -> VolumeType:
        raise self._unsupported("get_volume_type")

    def get_limits(self) -> Limits:
        raise self._unsupported("get_limits")

    def get_quotas(self, *, usage: bool = False) -> QuotaSet:
        raise self._unsupported("get_quotas")

    def list_availability_zones(self) -> list[AvailabilityZone]:
        raise self._unsupported("list_availability_zones")

    def list_messages(self, *, limit: int | None = None, **filters: Any) -> Iterator[Message]:
        raise self._unsupported("list_messages")

    def get_message(self, message: str | Message) -> Message:
        raise self._unsupported("get_message")

    def delete_message(self, message: str | Message) -> None:
        raise self._unsupported("delete_message")
