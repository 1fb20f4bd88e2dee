"""The service catalog: normalised from Keystone v2.0 or v3, and endpoint selection.

Both versions are stored in one shape (v3's): ``[{"type", "name", "id", "endpoints": [{"interface",
"region", "url"}]}]``. Selection is by service type (with the known aliases, newest first), interface,
region and service name; when nothing matches, the error lists what the catalog does offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pkgcloud.auth import EndpointQuery
from pkgcloud.errors import EndpointNotFound

# Service types and their aliases, newest first (after os-service-types).
SERVICE_TYPES: dict[str, tuple[str, ...]] = {
    "compute": ("compute",),
    "object-store": ("object-store",),
    "block-storage": ("block-storage", "volumev3", "volumev2", "volume", "block-store"),
    "network": ("network",),
    "orchestration": ("orchestration",),
    "database": ("database",),
    "cdn": ("cdn",),
    "identity": ("identity",),
    "image": ("image",),
    "placement": ("placement",),
}

# the spellings of the project placeholder that catalogs use
_TEMPLATES = tuple(
    form.format(name=name)
    for name in ("tenant_id", "project_id")
    for form in ("%({name})s", "$({name})s", "{{{name}}}")
)


def aliases(service_type: str) -> tuple[str, ...]:
    """The service type and its aliases, newest first."""
    for official, names in SERVICE_TYPES.items():
        if service_type == official or service_type in names:
            return names
    return (service_type,)


def from_v3(catalog: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for service in catalog or []:
        out.append(
            {
                "type": service.get("type"),
                "name": service.get("name"),
                "id": service.get("id"),
                "endpoints": [
                    {
                        "interface": ep.get("interface"),
                        "region": ep.get("region_id") or ep.get("region"),
                        "url": ep.get("url"),
                    }
                    for ep in service.get("endpoints") or []
                ],
            }
        )
    return out


def from_v2(catalog: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for service in catalog or []:
        endpoints = []
        for ep in service.get("endpoints") or []:
            for interface in ("public", "internal", "admin"):
                url = ep.get(f"{interface}URL")
                if url:
                    endpoints.append({"interface": interface, "region": ep.get("region"), "url": url})
        out.append({"type": service.get("type"), "name": service.get("name"), "id": None, "endpoints": endpoints})
    return out


def resolve_template(url: str, project_id: str | None) -> str:
    """Fill ``%(tenant_id)s``, ``$(project_id)s`` and ``{tenant_id}`` from the token's project."""
    if project_id is None:
        return url
    for template in _TEMPLATES:
        if template in url:
            url = url.replace(template, project_id)
    return url


def _summary(catalog: Sequence[Mapping[str, Any]]) -> str:
    if not catalog:
        return "the catalog is empty (an unscoped or domain-scoped token has no catalog: scope it to a project)"
    parts = []
    for service in catalog:
        eps = service.get("endpoints") or []
        interfaces = sorted({str(e.get("interface")) for e in eps})
        regions = sorted({str(e.get("region")) for e in eps if e.get("region")})
        name = f" '{service.get('name')}'" if service.get("name") else ""
        region_text = f"; regions {', '.join(regions)}" if regions else ""
        parts.append(f"{service.get('type')}{name} ({', '.join(interfaces)}{region_text})")
    return "the catalog has: " + "; ".join(parts)


def select(catalog: Sequence[Mapping[str, Any]], query: EndpointQuery, project_id: str | None = None) -> str:
    """The endpoint URL for ``query``; :class:`EndpointNotFound` (listing the catalog) otherwise."""
    if query.override:
        return resolve_template(query.override, project_id)
    wanted = query.service_types
    for service_type in wanted:  # newest alias first
        services = [s for s in catalog if s.get("type") == service_type]
        if query.service_name:
            services = [s for s in services if s.get("name") == query.service_name]
        if not services:
            continue
        candidates = [
            ep
            for s in services
            for ep in s.get("endpoints") or []
            if ep.get("interface") == query.interface and ep.get("url")
        ]
        if query.region:
            # the region's own endpoints first; a region-less (global) endpoint serves every region
            exact = [ep for ep in candidates if ep.get("region") == query.region]
            candidates = exact or [ep for ep in candidates if not ep.get("region")]
        else:
            regions = sorted({str(ep.get("region")) for ep in candidates if ep.get("region")})
            if len(regions) > 1:
                raise EndpointNotFound(
                    f"{service_type} has {query.interface} endpoints in several regions ({', '.join(regions)}); "
                    "choose one with the 'region' option"
                )
        if candidates:
            return resolve_template(str(candidates[0]["url"]), project_id)
    described = " or ".join(wanted)
    filters = [f"interface {query.interface!r}"]
    if query.region:
        filters.append(f"region {query.region!r}")
    if query.service_name:
        filters.append(f"service name {query.service_name!r}")
    raise EndpointNotFound(f"no endpoint for service type {described} with {', '.join(filters)}; {_summary(catalog)}")
