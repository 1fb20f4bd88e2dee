"""DNS: zones (domains) and their records. Offered by the Rackspace provider.

``pkgcloud.dns.create_client(provider="rackspace", ...)`` returns a :class:`DnsClient`.

Every change is asynchronous at the service: a mutator sends its request, then (``wait=True``, the
default) polls the job it started until it is done and returns what it made: the created zones or
records, or the finished :class:`~pkgcloud.models.dns.DnsJob` where nothing is created. A job that
fails raises the typed error of its code (a 409 "already exists" is
:class:`~pkgcloud.errors.Conflict`). ``wait=False`` returns the job at once; ``wait_for_job(job)``
finishes it later. Wherever a zone or record is taken, its model or its id will do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from pkgcloud.client import BaseClient, create

if TYPE_CHECKING:
    from pkgcloud.models.dns import DnsJob, Record, Zone, ZoneChange

    ZoneRef = str | int | Zone
    RecordRef = str | Record

SERVICE = "dns"


def create_client(provider: str, **options: Any) -> DnsClient:
    """A DNS client for ``provider``, configured by ``options``."""
    return cast(DnsClient, create(SERVICE, provider, options))


class DnsClient(BaseClient):
    """The portable DNS operations (zones and records)."""

    service = SERVICE

    # -- zones -----------------------------------------------------------------------------------

    def list_zones(
        self, *, name: str | None = None, limit: int | None = None, page_size: int | None = None, **filters: Any
    ) -> Iterator[Zone]:
        raise self._unsupported("list_zones")

    def get_zone(self, zone: ZoneRef, *, records: bool = False, subzones: bool = False) -> Zone:
        raise self._unsupported("get_zone")

    def create_zone(
        self,
        name: str,
        *,
        email: str,
        ttl: int | None = None,
        comment: str | None = None,
        records: Sequence[Mapping[str, Any]] | None = None,
        wait: bool = True,
        **attributes: Any,
    ) -> Zone | DnsJob:
        raise self._unsupported("create_zone")

    def create_zones(self, zones: Sequence[Mapping[str, Any]], *, wait: bool = True) -> list[Zone] | DnsJob:
        raise self._unsupported("create_zones")

    def update_zone(
        self,
        zone: ZoneRef,
        *,
        email: str | None = None,
        ttl: int | None = None,
        comment: str | None = None,
        wait: bool = True,
    ) -> DnsJob:
        raise self._unsupported("update_zone")

    def update_zones(self, changes: Sequence[Mapping[str, Any]], *, wait: bool = True) -> DnsJob:
        raise self._unsupported("update_zones")

    def delete_zone(self, zone: ZoneRef, *, subzones: bool = False, wait: bool = True) -> DnsJob:
        raise self._unsupported("delete_zone")

    def delete_zones(self, zones: Sequence[ZoneRef], *, subzones: bool = False, wait: bool = True) -> DnsJob:
        raise self._unsupported("delete_zones")

    def import_zone(self, contents: str, *, content_type: str = "BIND_9", wait: bool = True) -> Zone | DnsJob:
        raise self._unsupported("import_zone")

    def export_zone(self, zone: ZoneRef, *, wait: bool = True) -> str | DnsJob:
        raise self._unsupported("export_zone")

    def list_subzones(self, zone: ZoneRef, *, limit: int | None = None) -> Iterator[Zone]:
        raise self._unsupported("list_subzones")

    def list_zone_changes(self, zone: ZoneRef, *, since: Any = None) -> list[ZoneChange]:
        raise self._unsupported("list_zone_changes")

    # -- records ---------------------------------------------------------------------------------

    def list_records(self, zone: ZoneRef, *, limit: int | None = None, **filters: Any) -> Iterator[Record]:
        raise self._unsupported("list_records")

    def get_record(self, zone: ZoneRef, record: RecordRef) -> Record:
        raise self._unsupported("get_record")

    def create_record(
        self,
        zone: ZoneRef,
        record: Mapping[str, Any] | None = None,
        *,
        wait: bool = True,
        **fields: Any,
    ) -> Record | DnsJob:
        raise self._unsupported("create_record")

    def create_records(
        self, zone: ZoneRef, records: Sequence[Mapping[str, Any]], *, wait: bool = True
    ) -> list[Record] | DnsJob:
        raise self._unsupported("create_records")

    def update_record(self, zone: ZoneRef, record: RecordRef, *, wait: bool = True, **fields: Any) -> DnsJob:
        raise self._unsupported("update_record")

    def update_records(self, zone: ZoneRef, changes: Sequence[Mapping[str, Any]], *, wait: bool = True) -> DnsJob:
        raise self._unsupported("update_records")

    def delete_record(self, zone: ZoneRef, record: RecordRef, *, wait: bool = True) -> DnsJob:
        raise self._unsupported("delete_record")

    def delete_records(self, zone: ZoneRef, records: Sequence[RecordRef], *, wait: bool = True) -> DnsJob:
        raise self._unsupported("delete_records")

    # -- jobs ------------------------------------------------------------------------------------

    def get_job(self, job: str | DnsJob) -> DnsJob:
        raise self._unsupported("get_job")

    def wait_for_job(self, job: str | DnsJob, *, timeout: float = 120.0, interval: float = 1.0) -> DnsJob:
        raise self._unsupported("wait_for_job")
