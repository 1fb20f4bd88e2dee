"""DNS: zones (domains) and their records. Offered by the Rackspace provider.

``pkgcloud.dns.create_client(provider="rackspace", ...)`` returns a :class:`DnsClient`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, cast

from pkgcloud import _factory
from pkgcloud.client import BaseClient

SERVICE = "dns"


def create_client(provider: str, **options: Any) -> DnsClient:
    """A DNS client for ``provider``, configured by ``options``."""
    return cast(DnsClient, _factory.create(SERVICE, provider, options))


class DnsClient(BaseClient):
    """The portable DNS operations (zones and records)."""

    service = SERVICE

    def list_zones(self, *, limit: int | None = None, **filters: Any) -> Iterator[Any]:
        raise self._unsupported("list_zones")

    def get_zone(self, zone: str) -> Any:
        raise self._unsupported("get_zone")

    def create_zone(self, name: str, *, email: str, ttl: int | None = None, **attributes: Any) -> Any:
        raise self._unsupported("create_zone")

    def delete_zone(self, zone: str) -> None:
        raise self._unsupported("delete_zone")

    def list_records(self, zone: str, **filters: Any) -> Iterator[Any]:
        raise self._unsupported("list_records")

    def create_record(self, zone: str, record: Mapping[str, Any]) -> Any:
        raise self._unsupported("create_record")

    def delete_record(self, zone: str, record: str) -> None:
        raise self._unsupported("delete_record")
