"""What the upload and download helpers may use of a Swift client: this, and nothing private.

``uploads.py`` and ``downloads.py`` are functions of the client they are given. They see it through
this protocol, so that what they depend on is written down in one place and a change to the client's
internals cannot reach them unnoticed (mypy checks both sides).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from pkgcloud.api import ApiSession
    from pkgcloud.models.storage import BulkDeleteResult, StorageObject
    from pkgcloud_openstack.storage.headers import MetadataLimits

T = TypeVar("T")


class SwiftSession(Protocol):
    """The narrow interface of :class:`~pkgcloud_openstack.storage.client.SwiftStorage` the transfer
    helpers are written against."""

    api: ApiSession

    def container_name(self, ref: Any) -> str:
        """A container name (from a model or a string), checked against the cluster's limits."""
        ...

    def object_name(self, ref: Any) -> str:
        """An object name (from a model or a string), checked against the cluster's limits."""
        ...

    def metadata_limits(self) -> MetadataLimits: ...

    def swift_capabilities(self) -> Mapping[str, Any]:
        """The ``swift`` section of ``/info`` if already known (never fetched for it)."""
        ...

    def get_capabilities(self, refresh: bool = False) -> dict[str, Any]: ...

    def run_parallel(self, func: Callable[[T], Any], items: Iterable[T], concurrency: int) -> list[Any]:
        """``func`` over ``items`` on at most ``concurrency`` threads (within the connection pool)."""
        ...

    def delete_large_object(self, container: str, name: str) -> None: ...

    def bulk_delete(self, container: Any, names: Iterable[str]) -> BulkDeleteResult: ...

    def list_objects(self, container: Any, *, prefix: str | None = None) -> Iterator[StorageObject]: ...
