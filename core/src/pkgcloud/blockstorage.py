"""Block storage: volumes, snapshots and volume types.

``pkgcloud.blockstorage.create_client(provider="openstack", ...)`` returns a :class:`BlockStorageClient`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pkgcloud import _factory
from pkgcloud.client import BaseClient, Waitable

if TYPE_CHECKING:
    from pkgcloud.models.blockstorage import Snapshot, Volume, VolumeType

    # typing-only aliases (import them under TYPE_CHECKING)
    VolumeRef = str | Volume
    SnapshotRef = str | Snapshot

SERVICE = "blockstorage"


def create_client(provider: str, **options: Any) -> BlockStorageClient:
    """A block storage client for ``provider``, configured by ``options``."""
    return cast(BlockStorageClient, _factory.create(SERVICE, provider, options))


class BlockStorageClient(BaseClient, Waitable):
    """The portable block-storage operations."""

    service = SERVICE
    error_statuses: ClassVar[tuple[str, ...]] = ("ERROR", "ERROR_DELETING", "ERROR_EXTENDING", "ERROR_RESTORING")

    def list_volumes(self, *, limit: int | None = None, **filters: Any) -> Iterator[Volume]:
        raise self._unsupported("list_volumes")

    def get_volume(self, volume: VolumeRef) -> Volume:
        raise self._unsupported("get_volume")

    def create_volume(
        self,
        size: int,
        *,
        name: str | None = None,
        description: str | None = None,
        volume_type: str | None = None,
        snapshot_id: str | None = None,
        source_volume_id: str | None = None,
        image_id: str | None = None,
        availability_zone: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Volume:
        """Create a volume of ``size`` GiB."""
        raise self._unsupported("create_volume")

    def update_volume(self, volume: VolumeRef, *, name: str | None = None, description: str | None = None) -> Volume:
        raise self._unsupported("update_volume")

    def extend_volume(self, volume: VolumeRef, size: int) -> None:
        raise self._unsupported("extend_volume")

    def delete_volume(self, volume: VolumeRef) -> None:
        raise self._unsupported("delete_volume")

    def list_snapshots(self, *, limit: int | None = None, **filters: Any) -> Iterator[Snapshot]:
        raise self._unsupported("list_snapshots")

    def get_snapshot(self, snapshot: SnapshotRef) -> Snapshot:
        raise self._unsupported("get_snapshot")

    def create_snapshot(
        self, volume: VolumeRef, *, name: str | None = None, description: str | None = None, force: bool = False
    ) -> Snapshot:
        raise self._unsupported("create_snapshot")

    def delete_snapshot(self, snapshot: SnapshotRef) -> None:
        raise self._unsupported("delete_snapshot")

    def list_volume_types(self) -> Iterator[VolumeType]:
        raise self._unsupported("list_volume_types")

    def get_volume_type(self, volume_type: str) -> VolumeType:
        raise self._unsupported("get_volume_type")
