"""Content delivery: CDN services in front of origins, and the flavors that say which CDN.

``pkgcloud.cdn.create_client(provider="openstack", ...)`` returns a :class:`CdnClient`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from pkgcloud.client import BaseClient, Waitable, create
from pkgcloud.errors import BadRequest

if TYPE_CHECKING:
    from pkgcloud.models.cdn import CdnFlavor, CdnService

    # typing-only aliases (import them under TYPE_CHECKING)
    ServiceRef = str | CdnService
    FlavorRef = str | CdnFlavor

SERVICE = "cdn"


def create_client(provider: str, **options: Any) -> CdnClient:
    """A CDN client for ``provider``, configured by ``options``."""
    return cast(CdnClient, create(SERVICE, provider, options))


class ServiceNotDeployed(BadRequest):
    """The CDN refused to change or purge a service that is still being created, updated or deleted
    (Poppy's 400). Wait for it first: ``client.wait_for(service)``."""


class CdnClient(BaseClient, Waitable):
    """The portable CDN operations."""

    service = SERVICE

    def ping(self) -> bool:
        """True when the CDN API answers its health check."""
        raise self._unsupported("ping")

    def get_home_document(self) -> dict[str, Any]:
        raise self._unsupported("get_home_document")

    def list_services(
        self, *, limit: int | None = None, page_size: int | None = None, marker: str | None = None
    ) -> Iterator[CdnService]:
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
        log_delivery: bool | Mapping[str, Any] | None = None,
    ) -> CdnService:
        raise self._unsupported("create_service")

    def update_service(
        self,
        service: ServiceRef,
        operations: Sequence[Mapping[str, Any]] | None = None,
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
        interval: float = 5.0,
    ) -> CdnService:
        """Apply JSON-Patch ``operations`` to the service; without them, send the changes made to the
        ``service`` model since the CDN last saw it."""
        raise self._unsupported("update_service")

    def diff_services(
        self, old: CdnService | Mapping[str, Any], new: CdnService | Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """The JSON-Patch operations that turn ``old`` into ``new``."""
        raise self._unsupported("diff_services")

    def delete_service(self, service: ServiceRef, *, ignore_missing: bool = False) -> bool:
        raise self._unsupported("delete_service")

    def purge_cached_assets(
        self,
        service: ServiceRef,
        url: str | None = None,
        *,
        hard: bool = True,
        wait: bool = True,
        wait_timeout: float = 600.0,
        interval: float = 5.0,
    ) -> None:
        """Purge one cached asset, or everything the service has cached when ``url`` is None."""
        raise self._unsupported("purge_cached_assets")

    def list_flavors(self) -> Iterator[CdnFlavor]:
        raise self._unsupported("list_flavors")

    def get_flavor(self, flavor: FlavorRef) -> CdnFlavor:
        raise self._unsupported("get_flavor")
