"""Poppy's JSON to pkgcloud's models (imported when a function runs, not with this module)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pkgcloud.values import as_dict, as_dicts, as_str

if TYPE_CHECKING:
    from pkgcloud.models.cdn import CdnFlavor, CdnService


def links_of(links: list[dict[str, Any]], rel: str) -> list[str]:
    return [str(link["href"]) for link in links if link.get("rel") == rel and as_str(link.get("href"))]


def service(d: dict[str, Any]) -> CdnService:
    from pkgcloud.models.cdn import CdnService

    links = as_dicts(d.get("links"))
    log = d.get("log_delivery")
    return CdnService(
        id=str(d["id"]),
        name=as_str(d.get("name")),
        status=as_str(d.get("status")),
        flavor_id=as_str(d.get("flavor_id")),
        project_id=as_str(d.get("project_id")),
        domains=as_dicts(d.get("domains")),
        origins=as_dicts(d.get("origins")),
        caching=as_dicts(d.get("caching")),
        restrictions=as_dicts(d.get("restrictions")),
        errors=as_dicts(d.get("errors")),
        log_delivery=as_dict(log) if isinstance(log, dict) else None,
        links=links,
        access_urls=links_of(links, "access_url"),
        raw=d,
    )


def flavor(d: dict[str, Any]) -> CdnFlavor:
    from pkgcloud.models.cdn import CdnFlavor

    return CdnFlavor(id=str(d["id"]), providers=as_dicts(d.get("providers")), links=as_dicts(d.get("links")), raw=d)


def failure(service: Any) -> str | None:
    """Poppy's ``errors``, one message after the other."""
    messages = [str(e.get("message")) for e in getattr(service, "errors", None) or [] if e.get("message")]
    return "; ".join(messages) or None
