"""Results of bulk operations (see :mod:`pkgcloud.models.storage`, where they are imported from)."""

from __future__ import annotations

from attr import define, field

from pkgcloud.models.base import Model


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
