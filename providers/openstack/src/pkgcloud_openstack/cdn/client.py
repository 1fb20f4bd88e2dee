"""Poppy: the OpenStack CDN client (and Rackspace CDN's, ``rax:cdn``, which is the same API).

Poppy's answers are the objects themselves (no ``{"service": ...}`` wrapper), so its resources are
declared with ``key=""``. Every request carries ``X-Project-Id`` (Poppy refuses one without it).
A create answers 202 with a ``Location`` of ``{host}/v1.0/services/{id}``: no project id, and its
host may be an internal one, so only the id is taken from it and the service is read through our
endpoint. Updates and purges wait until the service is settled first: Poppy refuses both (400) while
it is being created, updated or deleted.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from pkgcloud.bodies import check_bool, check_int, ref_id
from pkgcloud.cdn import CdnClient, ServiceNotDeployed
from pkgcloud.errors import BadRequest, ServiceUnavailable, ValidationError
from pkgcloud.resource import SINGLE, Resource
from pkgcloud.values import as_dicts
from pkgcloud_openstack.cdn import bodies, parse
from pkgcloud_openstack.service import EndpointVersion, OpenStackClient

if TYPE_CHECKING:
    from pkgcloud.cdn import FlavorRef, ServiceRef
    from pkgcloud.models.cdn import CdnFlavor, CdnService

SERVICES = Resource("services", key="", noun="service", plural="services", parse=parse.service)
FLAVORS = Resource("flavors", key="", noun="flavor", plural="flavors", parse=parse.flavor, paging=SINGLE)

# what Poppy reports (poppy/model/service.py), and "disabled" when an operator disabled the service
STATUSES = frozenset(
    {"CREATE_IN_PROGRESS", "DEPLOYED", "UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS", "FAILED", "DISABLED"}
)
MAX_PAGE_SIZE = 20  # Poppy's max_services_per_page: a larger limit is a 400
# Poppy's words when it refuses to change or purge a service that is not settled
_NOT_SETTLED = ("neither deployed nor failed", "is not deployed")


class PoppyCdn(OpenStackClient, CdnClient):
    """OpenStack CDN (Poppy) v1.0."""

    catalog_type: ClassVar[str] = "cdn"
    api_version: ClassVar[EndpointVersion | None] = EndpointVersion("v1.0")
    ready_status: ClassVar[str] = "deployed"
    error_statuses: ClassVar[tuple[str, ...]] = ("failed", "disabled")
    statuses: ClassVar[frozenset[str]] = STATUSES

    services = SERVICES
    flavors = FLAVORS

    _project: str | None = None

    # -- plumbing --------------------------------------------------------------------------------

    def request_headers(self, *features: Any) -> dict[str, str]:
        project = self.project_id
        return {"X-Project-Id": project} if project else {}

    @property
    def project_id(self) -> str | None:
        """The project Poppy is told about (``X-Project-Id``): the token's, the ``tenant_id`` option, or
        the segment after ``v1.0`` in the endpoint (``/v1.0/{project_id}``, as catalogs publish it)."""
        if self._project is None:
            found = getattr(self.auth, "project_id", None) or self.options.get("tenant_id")
            if not found:
                segments = [s for s in urlsplit(self.api.base_url).path.split("/") if s]
                if "v1.0" in segments[:-1]:
                    found = segments[segments.index("v1.0") + 1]
            self._project = str(found) if found else None
        return self._project

    def _service_id(self, service: Any) -> str:
        """The id of a model, an id, or a service URL (its last segment: the URL is never followed)."""
        if isinstance(service, str) and service.startswith(("http://", "https://")):
            segments = [s for s in urlsplit(service).path.split("/") if s]
            service = segments[-1] if segments else ""
        return bodies.check_service_id(ref_id(service, "service"))

    def refresh(self, resource: Any) -> Any:
        return self.get_service(resource)

    def failure_reason(self, resource: Any) -> str | None:
        reason = parse.failure(resource)
        if reason is None and str(getattr(resource, "status", "")).lower() == "disabled":
            return "the service was disabled by the operator"
        return reason

    def _refused(self, exc: BadRequest) -> BadRequest:
        """Poppy's 400 in its own words: the schema's messages when it sends them as
        ``{"message": {"errors": [{"message": ...}]}}``, and :class:`ServiceNotDeployed` for a service
        that is not settled."""
        message = exc.message or ""
        inner = exc.details.get("message") if isinstance(exc.details, dict) else None
        found = (
            [e.get("message") for e in as_dicts(inner.get("errors")) if e.get("message")]
            if isinstance(inner, dict)
            else []
        )
        if found:
            message = "; ".join(str(m) for m in found)
        settled = not any(words in message for words in _NOT_SETTLED)
        if settled and message == exc.message:
            return exc
        kind = BadRequest if settled else ServiceNotDeployed
        if not settled:
            message += " (wait until it is deployed: client.wait_for(service))"
        return kind(
            method=exc.method,
            url=exc.url,
            status=exc.status,
            message=message,
            request_id=exc.request_id,
            details=exc.details,
            headers=exc.headers,
            error_type=exc.error_type,
        )

    def _settled(self, service_id: str, accept: tuple[str, ...], wait: Any, timeout: Any, interval: Any) -> CdnService:
        """The service once its status is one of ``accept`` (read once when ``wait`` is False)."""
        from pkgcloud.waiter import check_seconds, wait_until

        if check_bool(wait, "wait") is False:
            return self.get_service(service_id)
        timeout = check_seconds(timeout, "wait_timeout")
        interval = check_seconds(interval, "interval")

        def failed(current: CdnService) -> str | None:
            status = (current.status or "").upper()
            if status in accept or status not in ("FAILED", "DISABLED"):
                return None
            return f"status {current.status}" + (
                f": {self.failure_reason(current)}" if self.failure_reason(current) else ""
            )

        return wait_until(
            lambda: self.get_service(service_id),
            lambda current: (current.status or "").upper() in accept,
            failed=failed,
            timeout=timeout,
            interval=interval,
            what=f"CDN service {service_id}",
        )

    # -- the API ---------------------------------------------------------------------------------

    def ping(self) -> bool:
        """True when Poppy answers its health check (204), False when it says it is unwell (503)."""
        try:
            self.api.request("GET", "ping", headers=self.request_headers(), retry=False).close()
        except ServiceUnavailable:
            return False
        return True

    def get_home_document(self) -> dict[str, Any]:
        """The API's home document (its resources and their URL templates)."""
        body = self.api.get("", headers=self.request_headers())
        if not isinstance(body, dict):
            raise self.api.malformed("expected the home document, an object", "GET", self.api.url(""))
        return body

    # -- services --------------------------------------------------------------------------------

    def list_services(
        self, *, limit: int | None = None, page_size: int | None = None, marker: str | None = None
    ) -> Iterator[CdnService]:
        """Services, page after page (``page_size`` at most 20: Poppy's limit); ``marker`` is the id of
        the service to start after."""
        size = check_int(page_size, "page_size", minimum=1, maximum=MAX_PAGE_SIZE) or MAX_PAGE_SIZE
        params = {"marker": bodies.check_service_id(marker)} if marker is not None else None
        return self.services.list(params, limit=limit, page_size=size)

    def get_service(self, service: ServiceRef) -> CdnService:
        """A service by model, id, or URL (only its id is used)."""
        return self.services.get(self._service_id(service))

    def create_service(
        self,
        name: str,
        *,
        domains: Sequence[Mapping[str, Any]],
        origins: Sequence[Mapping[str, Any]],
        flavor_id: str,
        caching: Sequence[Mapping[str, Any]] | None = None,
        restrictions: Sequence[Mapping[str, Any]] | None = None,
        log_delivery: bool | Mapping[str, Any] | None = None,
    ) -> CdnService:
        """Create a service; returns it as Poppy then has it (``create_in_progress``: ``wait_for(service)``
        until it is deployed).

        ``domains``: ``{"domain", "protocol": "http"|"https", "certificate": "shared"|"san"|"sni"|"custom"}``;
        ``origins``: ``{"origin", "port": 80|443, "ssl", "rules": [{"name", "request_url"}],
        "hostheadertype", "hostheadervalue"}`` (origins after the first need rules); ``caching``:
        ``{"name", "ttl", "rules"}``; ``restrictions``: ``{"name", "access": "whitelist"|"blacklist",
        "rules": [{"name", "referrer"|"geography"|"client_ip", "request_url"}]}``; ``log_delivery``:
        True, False or ``{"enabled": ...}``.
        """
        body = bodies.service_create(name, domains, origins, flavor_id, caching, restrictions, log_delivery)
        try:
            response = self.api.request("POST", "services", json=body, headers=self.request_headers())
        except BadRequest as exc:
            raise self._refused(exc) from None
        location = response.headers.get("Location", "")
        response.close()
        found = self.api.relative_location(location, tail=1) if location else None
        try:
            service_id = bodies.check_service_id(found or "")
        except ValidationError:
            raise self.api.malformed(
                f"the create answer's Location does not name a service ({location[:80]!r})",
                "POST",
                self.api.url("services"),
            ) from None
        return self.get_service(service_id)

    def diff_services(
        self, old: CdnService | Mapping[str, Any], new: CdnService | Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """The JSON-Patch operations that turn ``old`` into ``new`` (models or mappings), over what a
        patch may change: name, domains, origins, caching, restrictions, flavor_id, log_delivery."""
        import jsonpatch

        return list(jsonpatch.make_patch(bodies.patchable(old), bodies.patchable(new)).patch)

    def update_service(
        self,
        service: ServiceRef,
        operations: Sequence[Mapping[str, Any]] | None = None,
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
        interval: float = 5.0,
    ) -> CdnService:
        """Change a service with JSON-Patch ``operations`` (sent as given: ``[{"op": "add", "path":
        "/domains/-", "value": {...}}]``), or, without them, with the changes made to the ``service``
        model since Poppy last saw it (a :meth:`diff_services` against the service as Poppy has it).

        First waits (``wait_timeout``, ``interval``) until the service is deployed or failed: Poppy
        refuses a patch otherwise (:class:`~pkgcloud.cdn.ServiceNotDeployed` when ``wait=False``).
        A patch that does not apply to the service, or would leave it invalid, is refused before it is
        sent. Returns the service as Poppy then has it (``update_in_progress``).
        """
        from pkgcloud.models.cdn import CdnService

        service_id = self._service_id(service)
        if operations is None and not isinstance(service, CdnService):
            raise ValidationError(
                "update_service needs JSON-Patch operations, or a CdnService model whose changes to send"
            )
        ops = bodies.check_operations(operations) if operations is not None else None
        current = self._settled(service_id, ("DEPLOYED", "FAILED"), wait, wait_timeout, interval)
        if ops is None:
            ops = self.diff_services(current, service)  # type: ignore[arg-type]  # a CdnService here
            if not ops:
                return current
        self._check_patch(current, ops)
        path = self.services.resource.item_path(service_id)
        try:
            self.api.request("PATCH", path, json=ops, headers=self.request_headers()).close()
        except BadRequest as exc:
            raise self._refused(exc) from None
        return self.get_service(service_id)

    def _check_patch(self, current: CdnService, ops: list[dict[str, Any]]) -> None:
        """Apply the patch here as Poppy will, and check the result (unless the service as it stands
        would not pass the check itself: one made under older rules is left to Poppy to judge)."""
        import jsonpatch
        import jsonpointer

        before = bodies.patchable(current)
        try:
            bodies.check_service(before)
        except ValidationError:
            return
        try:
            after = jsonpatch.apply_patch(before, ops)
        except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException) as exc:
            raise ValidationError(f"update_service: the patch does not apply to the service: {exc}") from None
        if not isinstance(after, Mapping):
            raise ValidationError("update_service: the patch replaces the whole service; patch its fields")
        bodies.check_service(after, "update_service: the service after this patch")

    def delete_service(self, service: ServiceRef, *, ignore_missing: bool = False) -> bool:
        """Delete a service (Poppy answers at once; ``wait_for(service, "DELETED")`` until it is gone);
        False when ``ignore_missing`` and it was already gone."""
        return self.services.delete(self._service_id(service), ignore_missing=ignore_missing)

    def purge_cached_assets(
        self,
        service: ServiceRef,
        url: str | None = None,
        *,
        hard: bool = True,
        wait: bool = True,
        wait_timeout: float = 600.0,
        interval: float = 5.0,
    ) -> None:
        """Purge the cached copy of ``url`` (a path such as ``/images/logo.png``), or of everything the
        service has cached when ``url`` is None. ``hard=False`` only marks them stale (a soft purge).

        First waits until the service is deployed: Poppy refuses a purge otherwise
        (:class:`~pkgcloud.cdn.ServiceNotDeployed` when ``wait=False``).
        """
        service_id = self._service_id(service)
        check_bool(hard, "hard")
        if url is not None:
            if not isinstance(url, str) or not url:
                raise ValidationError(f"url must be the path of a cached asset, or None for all, not {url!r}")
            if not url.isascii():
                raise ValidationError(f"url must be ASCII (Poppy refuses others; percent-encode it): {url!r}")
        params = {"url": url} if url is not None else {"all": "true"}
        params["hard"] = "true" if hard else "false"
        self._settled(service_id, ("DEPLOYED",), wait, wait_timeout, interval)
        path = f"{self.services.resource.item_path(service_id)}/assets"
        try:
            self.api.request("DELETE", path, params=params, headers=self.request_headers()).close()
        except BadRequest as exc:
            raise self._refused(exc) from None

    # -- flavors ---------------------------------------------------------------------------------

    def list_flavors(self) -> Iterator[CdnFlavor]:
        return self.flavors.list()

    def get_flavor(self, flavor: FlavorRef) -> CdnFlavor:
        return self.flavors.get(ref_id(flavor, "flavor"))
