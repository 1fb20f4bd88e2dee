"""Object storage models: the account, containers, objects and bulk-delete results."""

from __future__ import annotations

import datetime as _dt

from attrs import define, field

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


@define(kw_only=True)
class StorageObject(Model):
    """An object (or, from a delimiter listing, a pseudo-directory: ``is_pseudo_dir``).

    ``etag`` is the MD5 of the content for plain objects; for a large object it is derived from its
    segments' ETags, as the service defines it. ``size`` in bytes. ``manifest`` is a dynamic large
    object's ``container/prefix``. Metadata keys are lower case.
    """

    container: str
    name: str
    size: int | None = None
    etag: str | None = None
    content_type: str | None = None
    last_modified: _dt.datetime | None = None
    metadata: dict[str, str] = field(factory=dict)
    delete_at: _dt.datetime | None = None
    manifest: str | None = None
    is_static_large_object: bool = False
    is_pseudo_dir: bool = False
    content_encoding: str | None = None
    content_disposition: str | None = None

    @property
    def is_large_object(self) -> bool:
        return self.is_static_large_object or self.manifest is not None


@define(kw_only=True)
class BulkDeleteResult(Model):
    """What a bulk delete did: how many went, how many were already gone, and each failure.

    ``errors`` holds ``(object name, reason)`` pairs, e.g. ``("photo.jpg", "409 Conflict")``.
    """

    deleted: int = 0
    not_found: int = 0
    errors: list[tuple[str, str]] = field(factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@define(kw_only=True)
class ExtractArchiveResult(Model):
    """What an archive upload with ``extract-archive`` did: ``created`` files, and each failure as
    ``(object path, reason)`` (the path as ``container/object`` when extracted at the account)."""

    created: int = 0
    errors: list[tuple[str, str]] = field(factory=list)
    status: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors
