"""CDN answers: HEAD/PUT/POST headers and the JSON listing of CDN-enabled containers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pkgcloud.values import as_bool, as_int, as_str
from pkgcloud_openstack.storage.headers import decode_header
from pkgcloud_rackspace.storage.models import CdnContainer, StaticWebsite

# header name -> model field, for the HEAD/PUT/POST answers
_HEADERS = {
    "x-cdn-uri": "cdn_uri",
    "x-cdn-ssl-uri": "cdn_ssl_uri",
    "x-cdn-streaming-uri": "cdn_streaming_uri",
    "x-cdn-ios-uri": "cdn_ios_uri",
}


def _lower(headers: Mapping[str, str]) -> dict[str, str]:
    return {str(k).lower(): decode_header(v) for k, v in headers.items()}


def cdn_from_headers(name: str, headers: Mapping[str, str], *, enabled: bool | None = None) -> CdnContainer:
    """A container's CDN state from the headers of a CDN HEAD (or of the PUT/POST that changed it)."""
    low = _lower(headers)
    found = as_bool(low.get("x-cdn-enabled"))
    uris = {attr: as_str(low.get(header)) or None for header, attr in _HEADERS.items()}
    return CdnContainer(
        name=name,
        cdn_enabled=bool(found if found is not None else enabled),
        ttl=as_int(low.get("x-ttl")),
        log_retention=as_bool(low.get("x-log-retention")),
        raw=low,
        **uris,
    )


def not_enabled(name: str) -> CdnContainer:
    return CdnContainer(name=name, cdn_enabled=False)


def cdn_from_listing(entry: dict[str, Any]) -> CdnContainer:
    """One entry of the CDN listing (``format=json``); a name is required, the rest optional."""
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError("a CDN listing entry without a name")
    return CdnContainer(
        name=name,
        cdn_enabled=bool(as_bool(entry.get("cdn_enabled"))),
        ttl=as_int(entry.get("ttl")),
        log_retention=as_bool(entry.get("log_retention")),
        cdn_uri=as_str(entry.get("cdn_uri")),
        cdn_ssl_uri=as_str(entry.get("cdn_ssl_uri")),
        cdn_streaming_uri=as_str(entry.get("cdn_streaming_uri")),
        cdn_ios_uri=as_str(entry.get("cdn_ios_uri")),
        raw=entry,
    )


def website_from_metadata(container: str, metadata: Mapping[str, str]) -> StaticWebsite:
    """The ``web-*`` keys of a container's metadata (lower case, as the Swift client reads them)."""
    return StaticWebsite(
        container=container,
        index=metadata.get("web-index") or None,
        error=metadata.get("web-error") or None,
        listings=as_bool(metadata.get("web-listings")),
        listings_css=metadata.get("web-listings-css") or None,
        raw=dict(metadata),
    )
