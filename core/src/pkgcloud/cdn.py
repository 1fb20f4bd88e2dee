"""Content delivery: CDN services in front of origins, and the flavors that say which CDN.

``pkgcloud.cdn.create_client(provider="openstack", ...)`` returns a :class:`CdnClient`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from pkgcloud import _factory
from pkgcloud.client import BaseClient, Waitable

if TYPE_CHECKING:
    from pkgcloud.models.cdn import CdnFlavor, CdnService

    # typing-only aliases (import them under TYPE_CHECKING)
    ServiceRef = str | CdnService

SERVICE = "cdn"


def create_client(provider: str, **options: Any) -> CdnClient:
    """A CDN client for ``provider``, configured by ``options``."""
    return cast(CdnClient, _factory.create(SERVICE, provider, options))


class CdnClient(BaseClient, Waitable):
    """The portable CDN operations."""

    service = SERVICE

    def list_services(self, *, limit: int | None = None) -> Iterator[CdnService]:
        raise self._unsupported("list_services")

    def get_service(self, service: ServiceRef) -> CdnService:
        raise self._unsupported("get_service")

    def create_service(
        self,
        name: str,
        *,
        domains: Sequence[Mapping[str, Any]],
        origins: Sequence[Mapping[str, Any]],
        flavor_id: str,
        caching: Sequence[Mapping[str, Any]] | None = None,
        restrictions: Sequence[Mapping[str, Any]] | None = None,
    ) -> CdnService:
        raise self._unsupported("create_service")

    def update_service(self, service: ServiceRef, patch: Sequence[Mapping[str, Any]]) -> None:
        """Apply a JSON patch to the service."""
        raise self._unsupported("update_service")

    def delete_service(self, service: ServiceRef) -> None:
        raise self._unsupported("delete_service")

    def purge_cached_assets(self, service: ServiceRef, url: str | None = None) -> None:
        """Purge one cached asset, or everything the service has cached when ``url`` is None."""
        raise self._unsupported("purge_cached_assets")

    def list_flavors(self) -> Iterator[CdnFlavor]:
        raise self._unsupported("list_flavors")

    def get_flavor(self, flavor: str) -> CdnFlavor:
        raise self._unsupported("get_flavor")
