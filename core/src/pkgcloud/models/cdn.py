"""CDN models: services and flavors."""

from __future__ import annotations

from typing import Any

from attr import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class CdnService(Model):
    """A CDN service: the domains it serves, the origins it pulls from, its caching rules and
    restrictions. ``status`` is the service's own (Poppy: ``create_in_progress``, ``deployed``,
    ``update_in_progress``, ``delete_in_progress``, ``failed``, or ``disabled`` by the operator);
    ``errors`` say why it failed; ``access_urls`` are the edge hostnames to point the domains' CNAMEs
    at (the ``links`` with ``rel=access_url``)."""

    id: str
    name: str | None = None
    status: str | None = None
    flavor_id: str | None = None
    project_id: str | None = None
    domains: list[dict[str, Any]] = field(factory=list)
    origins: list[dict[str, Any]] = field(factory=list)
    caching: list[dict[str, Any]] = field(factory=list)
    restrictions: list[dict[str, Any]] = field(factory=list)
    errors: list[dict[str, Any]] = field(factory=list)
    log_delivery: dict[str, Any] | None = None
    links: list[dict[str, Any]] = field(factory=list)
    access_urls: list[str] = field(factory=list)


@define(kw_only=True)
class CdnFlavor(Model):
    """Which CDN providers a service of this flavor is deployed to."""

    id: str
    providers: list[dict[str, Any]] = field(factory=list)
    links: list[dict[str, Any]] = field(factory=list)
