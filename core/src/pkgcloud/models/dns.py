"""DNS models: zones (domains), their records, and the asynchronous jobs that change them."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attr import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class Record(Model):
    """A DNS record. ``priority`` is set for MX and SRV records; ``ttl`` in seconds."""

    id: str
    name: str | None = None
    type: str | None = None
    data: str | None = None
    ttl: int | None = None
    priority: int | None = None
    comment: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class Zone(Model):
    """A DNS zone (the Rackspace API calls it a domain).

    ``records`` and ``subzones`` are filled when they were asked for (``get_zone(zone, records=True,
    subzones=True)``) or returned by a create; ``record_count`` is the service's ``totalEntries``.
    """

    id: str
    name: str | None = None
    email: str | None = None
    ttl: int | None = None
    comment: str | None = None
    account_id: str | None = None
    nameservers: list[str] = field(factory=list)
    records: list[Record] = field(factory=list)
    record_count: int | None = None
    subzones: list[Zone] = field(factory=list)
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class ZoneExport(Model):
    """A zone as text: ``contents`` in ``content_type`` (``BIND_9``)."""

    id: str | None = None
    content_type: str | None = None
    contents: str = ""


@define(kw_only=True)
class ZoneChange(Model):
    """One change the service logged on a zone: ``action`` (create, update, destroy) on a target."""

    action: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    domain: str | None = None
    details: list[dict[str, Any]] = field(factory=list)


@define(kw_only=True)
class DnsJob(Model):
    """An asynchronous DNS job: ``status`` is INITIALIZED, RUNNING, COMPLETED or ERROR.

    ``response`` is the job's result once COMPLETED (the service's payload; the client turns it into
    models); ``error`` holds ``code``, ``message`` and ``details`` for an ERROR.
    """

    id: str
    status: str | None = None
    verb: str | None = None
    callback_url: str | None = None
    request_url: str | None = None
    request: str | None = None
    response: dict[str, Any] | None = None
    error: dict[str, Any] | None = None

    @property
    def done(self) -> bool:
        return self.status in ("COMPLETED", "ERROR")
