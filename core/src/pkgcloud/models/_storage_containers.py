"""The storage account and containers (see :mod:`pkgcloud.models.storage`, where they are imported from)."""

from __future__ import annotations

import datetime as _dt

from attr import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class AccountInfo(Model):
    """The storage account: counts, bytes, quota, metadata; temp URL keys are held but never shown."""

    container_count: int = 0
    object_count: int = 0
    bytes_used: int = 0
    quota_bytes: int | None = None
    metadata: dict[str, str] = field(factory=dict)
    temp_url_key: str | None = field(default=None, repr=False)
    temp_url_key_2: str | None = field(default=None, repr=False)


@define(kw_only=True)
class Container(Model):
    """A container: ``count`` objects, ``bytes`` used, ACLs and policy as the service states them.

    From a listing only ``name``, ``count``, ``bytes`` and ``last_modified`` are known; the rest
    comes from :meth:`~pkgcloud.storage.StorageClient.get_container`.
    """

    name: str
    count: int | None = None
    bytes: int | None = None
    metadata: dict[str, str] = field(factory=dict)
    read_acl: str | None = None
    write_acl: str | None = None
    storage_policy: str | None = None
    versions_location: str | None = None
    last_modified: _dt.datetime | None = None
    quota_bytes: int | None = None
    quota_count: int | None = None
    temp_url_key: str | None = field(default=None, repr=False)
    temp_url_key_2: str | None = field(default=None, repr=False)
