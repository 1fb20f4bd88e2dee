"""Object storage: containers and objects.

``pkgcloud.storage.create_client(provider="openstack", ...)`` returns a :class:`StorageClient`.
Listings are generators over every page; uploads and downloads stream in constant memory; large
uploads become segmented objects; checksums are verified both ways. Operations a provider lacks
raise :class:`~pkgcloud.errors.UnsupportedOperation`.

Names are given as ``str``. Containers and objects may be passed as names or as the models the
client returned (:class:`~pkgcloud.models.Container`, :class:`~pkgcloud.models.StorageObject`).
A name the service could not store raises :class:`~pkgcloud.errors.ValidationError` before any
request.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from os import PathLike
from typing import IO, TYPE_CHECKING, Any, Protocol, cast

from pkgcloud.client import BaseClient, create

if TYPE_CHECKING:
    from pkgcloud.models.storage import AccountInfo, BulkDeleteResult, Container, StorageObject

    # typing-only aliases (import them under TYPE_CHECKING)
    # a path, as in open(): a str or an os.PathLike
    LocalPath = str | PathLike[str]
    # the positional source of an upload: a path (str or os.PathLike, as for download and open()),
    # bytes-like content, a binary file object open for reading, or any iterable of bytes
    UploadSource = LocalPath | bytes | bytearray | memoryview | IO[bytes] | Iterable[bytes]
    # upload(data=...): in-memory content; a str is text, sent as UTF-8
    UploadData = bytes | bytearray | memoryview | str
    # upload(stream=...): a binary file object open for reading, or any iterable of bytes
    UploadStream = IO[bytes] | Iterable[bytes]
    # where a download goes: a path (str or os.PathLike) or a binary file object open for writing
    DownloadTarget = LocalPath | IO[bytes]

    class ProgressBar(Protocol):
        """Anything with tqdm's ``update(n)`` (and ``total``): passed as ``progress=`` it is advanced."""

        total: Any

        def update(self, n: int = 1) -> Any: ...

    # progress(bytes_done, total_or_None), or a tqdm-like bar
    Progress = Callable[[int, int | None], None] | ProgressBar
    ContainerRef = str | Container
    ObjectRef = str | StorageObject
    MetadataChanges = Mapping[str, str | None]

SERVICE = "storage"


def create_client(provider: str, **options: Any) -> StorageClient:
    """A storage client for ``provider`` (e.g. ``"openstack"``), configured by ``options``."""
    return cast(StorageClient, create(SERVICE, provider, options))


class StorageClient(BaseClient):
    """The portable object-storage operations."""

    service = SERVICE

    # -- account ---------------------------------------------------------------------------------

    def get_account(self) -> AccountInfo:
        """Container count, object count, bytes used, quota and metadata of the account."""
        raise self._unsupported("get_account")

    def update_account_metadata(self, metadata: MetadataChanges) -> None:
        """Set the given account metadata keys; a value of None removes that key. Others are kept."""
        raise self._unsupported("update_account_metadata")

    def get_capabilities(self, refresh: bool = False) -> dict[str, Any]:
        """What the cluster supports and its limits (Swift's ``/info``), cached after the first call.

        An empty dict when the cluster does not publish them.
        """
        raise self._unsupported("get_capabilities")

    def get_temp_url_keys(self, container: ContainerRef | None = None) -> tuple[str | None, str | None]:
        """The account's (or a container's) two temp URL keys; None where unset."""
        raise self._unsupported("get_temp_url_keys")

    def set_temp_url_key(self, key: str | None, *, second: bool = False, container: ContainerRef | None = None) -> None:
        """Set the account's (or a container's) temp URL key; None removes it.

        ``second=True`` sets the second key, so keys can be rotated without invalidating URLs.
        """
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
        """Every container, in name order (a generator over all pages; ``limit`` caps the total)."""
        raise self._unsupported("list_containers")

    def get_container(self, container: ContainerRef) -> Container:
        """The container's object count, bytes, metadata, ACLs and policy (raises NotFound)."""
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
        """Create a container (an existing one is kept and its metadata updated)."""
        raise self._unsupported("create_container")

    def update_container_metadata(self, container: ContainerRef, metadata: MetadataChanges) -> None:
        """Set the given metadata keys; a value of None removes that key. Others are kept."""
        raise self._unsupported("update_container_metadata")

    def remove_container_metadata(self, container: ContainerRef, keys: Iterable[str]) -> None:
        """Remove the given metadata keys."""
        raise self._unsupported("remove_container_metadata")

    def set_container_acl(self, container: ContainerRef, *, read: str | None = None, write: str | None = None) -> None:
        """Set the read and/or write ACL; None leaves one unchanged, ``""`` removes it."""
        raise self._unsupported("set_container_acl")

    def delete_container(self, container: ContainerRef, *, delete_objects: bool = False) -> None:
        """Delete a container; with ``delete_objects``, first delete every object in it.

        Without it a non-empty container raises :class:`~pkgcloud.errors.Conflict`.
        """
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
        reverse: bool = False,
    ) -> Iterator[StorageObject]:
        """Every object, in name order (a generator over all pages; ``limit`` caps the total).

        With a ``delimiter``, names sharing a prefix up to it are rolled up into pseudo-directories
        (``is_pseudo_dir``).
        """
        raise self._unsupported("list_objects")

    def get_object(self, container: ContainerRef, name: ObjectRef) -> StorageObject:
        """The object's size, etag, content type, dates and metadata, without its content."""
        raise self._unsupported("get_object")

    def upload(
        self,
        container: ContainerRef,
        name: str | None = None,
        source: UploadSource | None = None,
        *,
        path: LocalPath | None = None,
        data: UploadData | None = None,
        stream: UploadStream | None = None,
        remote: str | None = None,
        local: LocalPath | None = None,
        content_type: str | None = None,
        metadata: Mapping[str, str] | None = None,
        delete_at: _dt.datetime | int | None = None,
        delete_after: int | None = None,
        headers: Mapping[str, str] | None = None,
        if_none_match: str | None = None,
        etag: str | None = None,
        size: int | None = None,
        progress: Progress | None = None,
        checksum: bool = True,
        large_object_threshold: int | None = None,
        segment_size: int | None = None,
        large_object: str = "slo",
        segment_container: str | None = None,
        segment_prefix: str | None = None,
        concurrency: int | None = None,
    ) -> StorageObject:
        """Upload one source, streamed and verified: it lands whole and checked, or this raises.

        Give exactly one of: ``source`` (a ``str`` or ``os.PathLike`` is a path, as for
        :meth:`download` and :func:`open`; bytes-like is content; a binary file or an iterable of
        bytes is streamed), ``path=`` (a file), ``data=`` (bytes, or a ``str`` sent as UTF-8 text) or
        ``stream=`` (a binary file object or an iterable of bytes). The Node library's names work
        too: ``remote=`` for ``name``, ``local=`` for ``path=``. Sources over
        ``large_object_threshold`` become segmented (large) objects.
        """
        raise self._unsupported("upload")

    def download(
        self,
        container: ContainerRef,
        name: ObjectRef | None = None,
        destination: DownloadTarget | None = None,
        *,
        path: LocalPath | None = None,
        stream: IO[bytes] | None = None,
        remote: str | None = None,
        local: LocalPath | None = None,
        offset: int = 0,
        length: int | None = None,
        progress: Progress | None = None,
        verify: bool = True,
    ) -> StorageObject:
        """Write the object to a path or binary file in constant memory, checksum verified.

        Give exactly one of ``destination`` (a path, ``str`` or ``os.PathLike``, or a binary file
        object open for writing), ``path=`` or ``stream=`` (a binary file object); the Node library's
        ``remote=`` (for ``name``) and ``local=`` (for ``path=``) work too. A path is written
        through a temporary file in the same directory and renamed into place only once complete
        and verified.
        """
        raise self._unsupported("download")

    def iter_object(
        self,
        container: ContainerRef,
        name: ObjectRef,
        *,
        chunk_size: int = 1 << 20,
        offset: int = 0,
        length: int | None = None,
        progress: Progress | None = None,
        verify: bool = True,
    ) -> Iterator[bytes]:
        """The object's content as an iterator of chunks; verification raises at its end."""
        raise self._unsupported("iter_object")

    def delete_object(self, container: ContainerRef, name: ObjectRef, *, segments: bool = True) -> None:
        """Delete an object; a large object's segments go with it unless ``segments=False``."""
        raise self._unsupported("delete_object")

    def bulk_delete(self, container: ContainerRef, names: Iterable[str]) -> BulkDeleteResult:
        """Delete many objects of a container in as few requests as the service allows.

        Objects already gone count as ``not_found``; failures are listed, not raised.
        """
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
        content_type: str | None = None,
    ) -> StorageObject:
        """Server-side copy, within or across containers (the data does not pass through here).

        The copy keeps the source's metadata, updated by ``metadata``; ``fresh_metadata=True``
        starts from none.
        """
        raise self._unsupported("copy_object")

    def set_object_metadata(
        self,
        container: ContainerRef,
        name: ObjectRef,
        metadata: Mapping[str, str],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the object's metadata with ``metadata`` (the service's own semantics)."""
        raise self._unsupported("set_object_metadata")

    def update_object_metadata(self, container: ContainerRef, name: ObjectRef, metadata: MetadataChanges) -> None:
        """Merge ``metadata`` into the object's metadata (None removes a key); the rest is kept."""
        raise self._unsupported("update_object_metadata")

    def temp_url(
        self,
        container: ContainerRef,
        name: ObjectRef,
        *,
        expires_in: int = 3600,
        expires_at: _dt.datetime | int | None = None,
        method: str = "GET",
        digest: str = "sha256",
        prefix: bool = False,
        filename: str | None = None,
        inline: bool = False,
        ip_range: str | None = None,
        key: str | None = None,
    ) -> str:
        """A URL that allows ``method`` on the object without credentials until it expires."""
        raise self._unsupported("temp_url")
