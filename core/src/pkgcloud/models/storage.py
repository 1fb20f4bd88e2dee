"""Object storage models: the account, containers, objects and bulk-operation results.

Import them from here. Only :class:`StorageObject` is defined in this module: it is what every object
call returns (a HEAD, a download, an upload), and creating an attrs class costs a few million
instructions (attrs compiles its methods; about what twenty small modules cost to import), so a first
object call should not pay for the others. The account and container models (``_storage_containers``)
and the bulk results (``_storage_bulk``) are created the first time they are asked for, through this
module.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from typing import TYPE_CHECKING, Any

from attr import define, field

from pkgcloud.models.base import Model

if TYPE_CHECKING:
    from pkgcloud.models._storage_bulk import BulkDeleteResult, ExtractArchiveResult
    from pkgcloud.models._storage_containers import AccountInfo, Container

__all__ = ["AccountInfo", "BulkDeleteResult", "Container", "ExtractArchiveResult", "StorageObject"]

_WHERE = {
    "AccountInfo": "_storage_containers",
    "Container": "_storage_containers",
    "BulkDeleteResult": "_storage_bulk",
    "ExtractArchiveResult": "_storage_bulk",
}


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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'pkgcloud.models.storage' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pkgcloud.models.{module}"), name)
    globals()[name] = value  # later lookups are plain attribute hits
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
