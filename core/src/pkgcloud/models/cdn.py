"""CDN models: services and flavors."""

from __future__ import annotations

from typing import Any

from attrs import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class CdnService(Model):
    id: str
    name: str | None = None
    status: str | None = None
    flavor_id: str | None = None
    domains: list[dict[str, Any]] = field(factory=list)
    origins: list[dict[str, Any]] = field(factory=list)
    caching: list[dict[str, Any]] = field(factory=list)
    restrictions: list[dict[str, Any]] = field(factory=list)
    errors: list[dict[str, Any]] = field(factory=list)
    log_delivery: dict[str, Any] | None = None


@define(kw_only=True)
class CdnFlavor(Model):
    id: str
    providers: list[dict[str, Any]] = field(factory=list)
