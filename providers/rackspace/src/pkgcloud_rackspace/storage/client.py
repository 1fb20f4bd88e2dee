"""Cloud Files: Swift with Rackspace's CDN (``rax:object-cdn``), static websites and archive extraction.

The CDN is managed through its own endpoint (catalog name ``cloudFilesCDN``, type ``rax:object-cdn``,
public only): a HEAD/PUT/POST there reads and changes a container's CDN state, a GET lists the
CDN-enabled containers and a DELETE purges an object from the edge caches. **A purge is a DELETE of
the object's path: sent to the storage endpoint it deletes the object.** So every CDN request goes
through a session bound to the ``rax:object-cdn`` endpoint only; ``endpoint_override`` (which names
the storage endpoint) is never used for it, a catalog without that endpoint is refused with
:class:`~pkgcloud.errors.EndpointNotFound` before anything is sent, and a CDN endpoint that turns
out to be the storage one is refused too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from pkgcloud.api import ApiSession
from pkgcloud.auth import EndpointQuery
from pkgcloud.bodies import check_bool, check_int
from pkgcloud.errors import ClientError, EndpointNotFound, Forbidden, HttpError, NotFound, ValidationError
from pkgcloud.paging import check_limit, marker_pages, paginate
from pkgcloud_openstack.storage import SwiftStorage
from pkgcloud_openstack.storage.headers import header_value
from pkgcloud_openstack.storage.names import container_path, object_path
from pkgcloud_rackspace.storage import parse

if TYPE_CHECKING:
    from pkgcloud.storage import ContainerRef, ObjectRef
    from pkgcloud_rackspace.storage.models import CdnContainer, StaticWebsite

CDN_TYPE = "rax:object-cdn"
MIN_TTL = 900  # 15 minutes
MAX_TTL = 31_536_000  # one year
DEFAULT_TTL = 259_200  # three days: what the CDN applies when no TTL is sent
CDN_LISTING_LIMIT = 10_000
MAX_PURGE_EMAILS = 25  # the purge-notification list the CDN accepts


class PurgeLimitExceeded(ClientError):
    """498: the account's daily CDN purge allowance is used up (25 objects a day). Not retried:
    the allowance comes back the next day, not after a short wait."""

    status = 498


class CloudFiles(SwiftStorage):
    """Rackspace Cloud Files (catalog name ``cloudFiles``): Swift, plus the CDN and static websites."""

    catalog_name: ClassVar[str | None] = "cloudFiles"

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        o = self.options
        # the CDN has public endpoints only (ServiceNet reaches storage, not CDN management); never
        # the storage endpoint_override, whatever it says
        query = EndpointQuery((CDN_TYPE,), interface="public", region=o.get("region"), service_name=None)
        self.cdn_api = ApiSession(
            self.api.transport, self.auth, query, headers=self.default_headers(), service="storage (CDN)"
        )

    # -- the CDN endpoint ------------------------------------------------------------------------

    @property
    def cdn_endpoint(self) -> str:
        """The ``rax:object-cdn`` endpoint (EndpointNotFound if the catalog has none)."""
        return self._cdn_base()

    def _cdn_base(self) -> str:
        try:
            base = self.cdn_api.base_url
        except EndpointNotFound as exc:
            raise EndpointNotFound(
                f"the catalog has no Cloud Files CDN endpoint ({CDN_TYPE}): CDN operations need it, "
                f"and a purge is never sent to the storage endpoint (there it would delete the object). {exc}"
            ) from None
        if base.rstrip("/") == self.endpoint.rstrip("/"):
            raise EndpointNotFound(
                f"the {CDN_TYPE} endpoint {base} is the storage endpoint: refusing to send CDN requests "
                "there (a purge would delete the object)"
            )
        return base

    def _cdn(self, method: str, path: str, **kwargs: Any) -> Any:
        self._cdn_base()  # checked before anything is sent
        return self.cdn_api.request(method, path, **kwargs)

    # -- CDN -------------------------------------------------------------------------------------

    def list_cdn_containers(
        self,
        *,
        enabled_only: bool = False,
        limit: int | None = None,
        marker: str | None = None,
        end_marker: str | None = None,
    ) -> Iterator[CdnContainer]:
        """The containers the CDN knows (only the enabled ones with ``enabled_only``), marker paged."""
        check_limit(limit)
        if check_bool(enabled_only, "enabled_only") is None:
            raise ValidationError("enabled_only must be True or False, not None")
        for value, what in ((marker, "marker"), (end_marker, "end_marker")):
            if value is not None and not isinstance(value, str):
                raise ValidationError(f"{what} must be a container name (str), not {value!r}")
        self._cdn_base()
        query: dict[str, Any] = {"format": "json", "marker": marker, "end_marker": end_marker}
        if enabled_only:
            query["enabled_only"] = "true"

        def get_page(page_query: dict[str, Any]) -> list[dict[str, Any]]:
            response = self.cdn_api.request("GET", "", params=page_query)
            if response.status_code == 204:
                return []
            entries = self.cdn_api.decode(response, "GET")
            if entries is None:
                return []
            if not isinstance(entries, list) or not all(isinstance(e, dict) and "name" in e for e in entries):
                raise self.cdn_api.malformed("expected a list of containers with names", "GET", response.url)
            return entries

        def read(entry: dict[str, Any]) -> CdnContainer:
            try:
                return parse.cdn_from_listing(entry)
            except (TypeError, ValueError) as exc:
                raise self.cdn_api.malformed(f"a CDN listing entry the SDK cannot read ({exc})", "GET") from None

        fetch = marker_pages(get_page, lambda e: str(e["name"]))
        return map(read, paginate(fetch, query, limit=limit, page_size=CDN_LISTING_LIMIT))

    def get_cdn_container(self, container: ContainerRef) -> CdnContainer:
        """A container's CDN state; one the CDN does not know (404) is ``cdn_enabled=False``."""
        name = self.container_name(container)
        try:
            response = self._cdn("HEAD", container_path(name))
        except (NotFound, Forbidden):
            return parse.not_enabled(name)
        return parse.cdn_from_headers(name, response.headers)

    def enable_cdn(self, container: ContainerRef, *, ttl: int | None = None) -> CdnContainer:
        """Publish a container on the CDN (201 new, 202 already enabled with its TTL adjusted).

        ``ttl`` in seconds, 900 (15 minutes) to 31536000 (a year); unset, the CDN uses 259200 (3 days).
        """
        name = self.container_name(container)
        headers: dict[str, str] = {"X-Cdn-Enabled": "True"}
        checked = _check_ttl(ttl)
        if checked is not None:
            headers["X-Ttl"] = str(checked)
        response = self._cdn("PUT", container_path(name), headers=headers)
        found = parse.cdn_from_headers(name, response.headers, enabled=True)
        if found.cdn_uri is None:  # a 204 without the URIs: read them
            return self.get_cdn_container(name)
        return found

    def disable_cdn(self, container: ContainerRef) -> CdnContainer:
        """Stop publishing a container (objects already cached stay until their TTL runs out)."""
        return self.update_cdn_container(container, enabled=False)

    def update_cdn_container(
        self,
        container: ContainerRef,
        *,
        ttl: int | None = None,
        log_retention: bool | None = None,
        enabled: bool | None = None,
    ) -> CdnContainer:
        """Change a CDN-enabled container's TTL, log retention or enabled state (POST)."""
        name = self.container_name(container)
        headers: dict[str, str] = {}
        checked = _check_ttl(ttl)
        if checked is not None:
            headers["X-Ttl"] = str(checked)
        if check_bool(log_retention, "log_retention") is not None:
            headers["X-Log-Retention"] = "True" if log_retention else "False"
        if check_bool(enabled, "enabled") is not None:
            headers["X-Cdn-Enabled"] = "True" if enabled else "False"
        if not headers:
            raise ValidationError("update_cdn_container needs at least one of ttl, log_retention, enabled")
        self._cdn("POST", container_path(name), headers=headers)
        return self.get_cdn_container(name)

    def purge_cdn_object(
        self, container: ContainerRef, name: ObjectRef, *, email: str | Iterable[str] | None = None
    ) -> None:
        """Remove an object from the CDN's edge caches (DELETE on the CDN endpoint, never storage's).

        ``email``: one address or several, told when the purge is done. The CDN allows 25 purges a
        day per account; past that it answers 498, raised as :class:`PurgeLimitExceeded` (not retried).
        """
        cname = self.container_name(container)
        oname = self.object_name(name)
        headers: dict[str, str | bytes] = {}
        addresses = _emails(email)
        if addresses:
            headers["X-Purge-Email"] = header_value(", ".join(addresses), "email")
        self._cdn_base()
        try:
            self.cdn_api.request("DELETE", object_path(cname, oname), headers=headers)  # type: ignore[arg-type]
        except HttpError as exc:
            if exc.status == 498:
                raise PurgeLimitExceeded(
                    method=exc.method,
                    url=exc.url,
                    status=exc.status,
                    message=exc.message or "the daily CDN purge limit is reached",
                    request_id=exc.request_id,
                    details=exc.details,
                    headers=exc.headers,
                    error_type=exc.error_type,
                ) from None
            raise

    # -- static websites (on the storage endpoint: Swift's staticweb) ---------------------------

    def get_static_website(self, container: ContainerRef) -> StaticWebsite:
        found = self.get_container(container)
        return parse.website_from_metadata(found.name, found.metadata)

    def set_static_website(
        self,
        container: ContainerRef,
        *,
        index: str | None = None,
        error: str | None = None,
        listings: bool | None = None,
        listings_css: str | None = None,
    ) -> StaticWebsite:
        """Serve a container as a website: ``index`` page, ``error`` page suffix (``error.html`` serves
        ``404error.html``), directory ``listings`` and their CSS. "" removes a setting."""
        name = self.container_name(container)
        set_headers: dict[str, str | bytes] = {}
        for key, value in (("Index", index), ("Error", error), ("Listings-Css", listings_css)):
            if value is None:
                continue
            if value == "":
                set_headers[f"X-Remove-Container-Meta-Web-{key}"] = "x"
            else:
                set_headers[f"X-Container-Meta-Web-{key}"] = header_value(value, key.lower().replace("-", "_"))
        if check_bool(listings, "listings") is not None:
            set_headers["X-Container-Meta-Web-Listings"] = "true" if listings else "false"
        if not set_headers:
            raise ValidationError("set_static_website needs at least one of index, error, listings, listings_css")
        self.api.request("POST", container_path(name), headers=set_headers)  # type: ignore[arg-type]
        return self.get_static_website(name)

    def remove_static_website(self, container: ContainerRef) -> None:
        """Stop serving a container as a website: its ``web-*`` settings are removed (Node:
        ``removeStaticWebsite``)."""
        name = self.container_name(container)
        headers = {f"X-Remove-Container-Meta-Web-{key}": "x" for key in ("Index", "Error", "Listings", "Listings-Css")}
        self.api.request("POST", container_path(name), headers=headers)


def _check_ttl(ttl: Any) -> int | None:
    if ttl is None:
        return None
    if isinstance(ttl, bool) or not isinstance(ttl, int):
        raise ValidationError(f"ttl must be whole seconds ({MIN_TTL} to {MAX_TTL}), not {ttl!r}")
    if not MIN_TTL <= ttl <= MAX_TTL:
        raise ValidationError(f"ttl must be between {MIN_TTL} (15 minutes) and {MAX_TTL} (a year) seconds, not {ttl}")
    return check_int(ttl, "ttl")


def _emails(email: str | Iterable[str] | None) -> list[str]:
    if email is None:
        return []
    found = [email] if isinstance(email, str) else list(email) if isinstance(email, Iterable) else None
    if found is None or not all(isinstance(e, str) for e in found):
        raise ValidationError(f"email must be an address or a list of addresses, not {email!r}")
    for address in found:
        local, at, domain = address.partition("@")
        if not (local and at and "." in domain) or "," in address or " " in address.strip():
            raise ValidationError(f"{address!r} is not an e-mail address")
    if len(found) > MAX_PURGE_EMAILS:
        raise ValidationError(f"a purge notifies at most {MAX_PURGE_EMAILS} addresses, not {len(found)}")
    return [a.strip() for a in found]
