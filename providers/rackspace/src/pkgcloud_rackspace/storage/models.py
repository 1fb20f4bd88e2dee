"""Cloud Files CDN models: a container's CDN state and its static website settings."""

from __future__ import annotations

from attr import define

from pkgcloud.models.base import Model


@define(kw_only=True)
class CdnContainer(Model):
    """A container as the CDN sees it.

    ``cdn_enabled`` is False (and the rest None) for a container the CDN has never published:
    the CDN answers 404 for it, which is a state, not an error. ``ttl`` is in seconds;
    ``log_retention`` says whether CDN access logs go to the ``.CDN_ACCESS_LOGS`` container.
    The streaming and iOS URIs were discontinued on 2022-07-31 and are kept only when sent.
    """

    name: str
    cdn_enabled: bool = False
    ttl: int | None = None
    log_retention: bool | None = None
    cdn_uri: str | None = None
    cdn_ssl_uri: str | None = None
    cdn_streaming_uri: str | None = None
    cdn_ios_uri: str | None = None


@define(kw_only=True)
class StaticWebsite(Model):
    """A container's static website settings (Swift's staticweb ``X-Container-Meta-Web-*``)."""

    container: str
    index: str | None = None
    error: str | None = None
    listings: bool | None = None
    listings_css: str | None = None
