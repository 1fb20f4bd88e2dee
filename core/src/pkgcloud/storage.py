"""Object storage: containers and objects.

``pkgcloud.storage.create_client(provider="openstack", ...)`` returns a :class:`StorageClient`.
Listings are generators over every page; uploads and downloads stream; large uploads become
segmented objects; checksums are verified. Operations a provider lacks raise
:class:`~pkgcloud.errors.UnsupportedOperation`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from os import PathLike
from typing import IO, TYPE_CHECKING, Any, cast

from pkgcloud import _factory
from pkgcloud.client import BaseClient

if TYPE_CHECKING:
    from pkgcloud.models.storage import AccountInfo, BulkDeleteResult, Container, StorageObject

    # typing-only aliases (import them under TYPE_CHECKING)
    # what an upload accepts: bytes, text, a path, a binary file, or any iterable of bytes
    UploadSource = bytes | bytearray | memoryview | str | PathLike[str] | IO[bytes] | Iterable[bytes]
    # progress(bytes_done, total_or_None): tqdm's ``update`` style adapters work directly
    Progress = Callable[[int, int | None], None]
    ContainerRef = str | Container
    ObjectRef = str | StorageObject

SERVICE = "storage"


def create_client(provider: str, **options: Any) -> StorageClient:
    """A storage client for ``provider`` (e.g. ``"openstack"``), configured by ``options``."""
    return cast(StorageClient, _factory.create(SERVICE, provider, options))


class StorageClient(BaseClient):
    """The portable object-storage operations."""

    service = SERVICE

    # -- account ---------------------------------------------------------------------------------

    def get_account(self) -> AccountInfo:
        """Container count, object count, bytes used and metadata of the account."""
        raise self._unsupported("get_account")

    def get_capabilities(self, refresh: bool = False) -> dict[str, Any]:
        """What the cluster supports (Swift's ``/info``), cached after the first call."""
        raise self._unsupported("get_capabilities")

    def set_temp_url_key(self, key: str | None, key_2: str | None = None) -> None:
        """Set (or with None, remove) the account's temp URL key(s)."""
        raise self._unsupported("set_temp_url_key")

    # -- containers ------------------------------------------------------------------------------

    def list_containers(
        self,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        marker: str | None = None,
        end_marker: str | None = None,
        reverse: bool = False,
    ) -> Iterator[Container]:
        """Every container (a generator over all pages)."""
        raise self._unsupported("list_containers")

    def get_container(self, container: ContainerRef) -> Container:
        raise self._unsupported("get_container")

    def create_container(
        self,
        container: ContainerRef,
        *,
        metadata: Mapping[str, str] | None = None,
        read_acl: str | None = None,
        write_acl: str | None = None,
        storage_policy: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Container:
        raise self._unsupported("create_container")

    def update_container_metadata(self, container: ContainerRef, metadata: Mapping[str, str]) -> None:
        """Add or change the given metadata keys (others are kept)."""
        raise self._unsupported("update_container_metadata")

    def remove_container_metadata(self, container: ContainerRef, keys: Iterable[str]) -> None:
        raise self._unsupported("remove_container_metadata")

    def set_container_acl(self, container: ContainerRef, *, read: str | None = None, write: str | None = None) -> None:
        raise self._unsupported("set_container_acl")

    def delete_container(self, container: ContainerRef, *, delete_objects: bool = False) -> None:
        """Delete a container; with ``delete_objects``, empty it first."""
        raise self._unsupported("delete_container")

    # -- objects ---------------------------------------------------------------------------------

    def list_objects(
        self,
        container: ContainerRef,
        *,
        prefix: str | None = None,
        delimiter: str | None = None,
        path: str | None = None,
        marker: str | None = None,
        end_marker: str | None = None,
        limit: int | None = None,
    ) -> Iterator[StorageObject]:
        """Every object (a generator over all pages); a delimiter yields pseudo-directories too."""
        raise self._unsupported("list_objects")

    def get_object(self, container: ContainerRef, name: ObjectRef) -> StorageObject:
        """The object's size, etag, content type, dates and metadata (no content)."""
        raise self._unsupported("get_object")

    def upload(
        self,
        container: ContainerRef,
        name: str,
        source: UploadSource,
        *,
        content_type: str | None = None,
        metadata: Mapping[str, str] | None = None,
        delete_at: _dt.datetime | int | None = None,
        delete_after: int | None = None,
        headers: Mapping[str, str] | None = None,
        if_none_match: str | None = None,
        size: int | None = None,
        progress: Progress | None = None,
        segment_size: int | None = None,
        large_object_threshold: int | None = None,
    ) -> StorageObject:
        """Upload ``source``, streamed and verified: it lands whole or this raises."""
        raise self._unsupported("upload")

    def download(
        self,
        container: ContainerRef,
        name: ObjectRef,
        destination: str | PathLike[str] | IO[bytes],
        *,
        byte_range: tuple[int, int | None] | None = None,
        progress: Progress | None = None,
        verify: bool = True,
    ) -> StorageObject:
        """Write the object to a path or binary file, in constant memory, checksum verified."""
        raise self._unsupported("download")

    def iter_object(
        self,
        container: ContainerRef,
        name: ObjectRef,
        *,
        chunk_size: int = 1 << 20,
        byte_range: tuple[int, int | None] | None = None,
        progress: Progress | None = None,
        verify: bool = True,
    ) -> Iterator[bytes]:
        """The object's content as an iterator of chunks."""
        raise self._unsupported("iter_object")

    def delete_object(self, container: ContainerRef, name: ObjectRef) -> None:
        raise self._unsupported("delete_object")

    def bulk_delete(self, container: ContainerRef, names: Iterable[str]) -> BulkDeleteResult:
        raise self._unsupported("bulk_delete")

    def copy_object(
        self,
        container: ContainerRef,
        name: ObjectRef,
        destination_container: ContainerRef,
        destination_name: str | None = None,
        *,
        metadata: Mapping[str, str] | None = None,
        fresh_metadata: bool = False,
    ) -> StorageObject:
        """Server-side copy, within or across containers."""
        raise self._unsupported("copy_object")

    def set_object_metadata(self, container: ContainerRef, name: ObjectRef, metadata: Mapping[str, str]) -> None:
        """Replace the object's metadata with ``metadata``."""
        raise self._unsupported("set_object_metadata")

    def update_object_metadata(self, container: ContainerRef, name: ObjectRef, metadata: Mapping[str, str]) -> None:
        """Merge ``metadata`` into the object's metadata (a read, then a replace)."""
        raise self._unsupported("update_object_metadata")

    def temp_url(
        self,
        container: ContainerRef,
        name: ObjectRef,
        *,
        expires_in: int = 3600,
        method: str = "GET",
        digest: str = "sha256",
        prefix: bool = False,
        filename: str | None = None,
        inline: bool = False,
        key: str | None = None,
    ) -> str:
        """A URL that allows ``method`` on the object without a token until it expires."""
        raise self._unsupported("temp_url")
