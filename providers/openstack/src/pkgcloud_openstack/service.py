"""The base of every OpenStack service client: a service *declares* what differs, this does the rest.

A client class states, as class variables:

* ``catalog_type`` and, where the catalog has used other names, ``catalog_aliases`` (newest first;
  ``block-storage``, ``volumev3``, ``volumev2``, ``volume`` for Cinder). ``catalog_name`` picks one of
  several services of one type by name (Rackspace's ``cloudServersOpenStack``).
* ``microversions``: the header's service name, the SDK's default and the legacy header, for the
  services that have them (Nova, Cinder); None for the others.
* ``api_version``: how the endpoint's version segment is found (see :class:`EndpointVersion`).

and declares its REST resources (:class:`~pkgcloud.resource.Resource`) as class attributes, which then
come bound to each client (``self.volumes.get(volume)``). Every request goes through ``self.api``
(:class:`~pkgcloud.api.ApiSession`): authentication, retries, typed errors and the malformed-answer
rule come from there. ``request_headers(*features)`` gives a request the microversion its features need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from pkgcloud.api import ApiSession
from pkgcloud.auth import EndpointQuery
from pkgcloud.client import BaseClient, ClientContext
from pkgcloud_openstack.identity.catalog import aliases

if TYPE_CHECKING:
    from pkgcloud_openstack.microversion import Negotiator


def is_path_version(segment: str) -> bool:
    """``v2``, ``v2.1``, ``v3``: a version segment of an endpoint path."""
    major, _, minor = segment[1:].partition(".")
    return segment.startswith("v") and major.isdigit() and (not minor or minor.isdigit()) and segment[-1] != "."


class Microversions:
    """What a service's microversions are called and which one the SDK prefers.

    ``header_name`` goes into ``OpenStack-API-Version: <header_name> X.Y``; ``legacy_header`` is the
    older per-service header some releases still read (Nova's ``X-OpenStack-Nova-API-Version``);
    ``base`` is the version an endpoint without microversions behaves as.
    """

    __slots__ = ("base", "default", "header_name", "legacy_header")

    def __init__(self, header_name: str, *, default: str, base: str, legacy_header: str | None = None) -> None:
        self.header_name = header_name
        self.default = default
        self.base = base
        self.legacy_header = legacy_header

    def __repr__(self) -> str:
        return f"Microversions({self.header_name!r}, default={self.default!r}, base={self.base!r})"


class EndpointVersion:
    """How a service's endpoint names its API version.

    ``segment`` is the version's path segment (``v2.0``, ``v3``, ``v1``). A catalog URL that already
    has a version segment is used as it is (``/v2.0``, ``/v3/{project_id}``, bare ``/v3``). One that
    has none (Neutron on OpenStack publishes ``http://host:9696``) gets ``segment`` appended, after
    the service's version document is asked where it lives when ``discover`` is set (the link's path
    is kept, never its host); ``with_project`` then appends the token's project id as well (Heat and
    Trove want ``/v1/{project_id}``).
    """

    __slots__ = ("discover", "segment", "with_project")

    def __init__(self, segment: str, *, discover: bool = False, with_project: bool = False) -> None:
        if not is_path_version(segment):
            raise ValueError(f"an API version segment looks like 'v2.0' or 'v3', not {segment!r}")
        self.segment = segment
        self.discover = discover
        self.with_project = with_project

    def __repr__(self) -> str:
        return f"EndpointVersion({self.segment!r}, discover={self.discover}, with_project={self.with_project})"


class OpenStackClient(BaseClient):
    """Base of the OpenStack service clients (and of the Rackspace ones built on them).

    The options ``service_type``, ``service_name``, ``interface``, ``region`` and ``endpoint_override``
    refine what the class declares.
    """

    catalog_type: ClassVar[str] = ""
    catalog_aliases: ClassVar[tuple[str, ...]] = ()
    catalog_name: ClassVar[str | None] = None
    microversions: ClassVar[Microversions | None] = None
    api_version: ClassVar[EndpointVersion | None] = None

    def __init__(self, context: ClientContext) -> None:
        super().__init__(context)
        self.api = ApiSession(
            self._new_transport(),
            context.auth,
            self.endpoint_query(),
            headers=self.default_headers(),
            service=context.service,
            resolve=self.resolve_endpoint if self.api_version is not None else None,
        )
        spec = self.microversions
        self.negotiator: Negotiator | None = None
        if spec is not None:
            from pkgcloud_openstack.microversion import Negotiator

            self.negotiator = Negotiator(
                self.api,
                spec.header_name,
                default=spec.default,
                base=spec.base,
                pinned=self.options.get("microversion"),
                legacy_header=spec.legacy_header,
            )

    def endpoint_query(self) -> EndpointQuery:
        o = self.options
        if o.get("service_type"):
            types: tuple[str, ...] = (o["service_type"],)
        else:
            types = self.catalog_aliases or aliases(self.catalog_type)
        return EndpointQuery(
            types,
            interface=o.get("interface") or "public",
            region=o.get("region"),
            service_name=o.get("service_name") or self.catalog_name,
            override=o.get("endpoint_override"),
        )

    def default_headers(self) -> dict[str, str]:
        """Headers sent with every request of this service (content negotiation)."""
        return {"Accept": "application/json"}

    def request_headers(self, *features: Any) -> dict[str, str]:
        """The headers a request using ``features`` needs: its microversion (none without microversions)."""
        if self.negotiator is None:
            return {}
        return self.negotiator.headers(features)

    @property
    def endpoint(self) -> str:
        """The service endpoint in use (authenticates first if the catalog is needed)."""
        return self.api.base_url

    # -- the endpoint's version --------------------------------------------------------------------

    def resolve_endpoint(self, url: str) -> str:
        """The catalog URL with its version segment (see :class:`EndpointVersion`)."""
        version = self.api_version
        assert version is not None
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if any(is_path_version(s) for s in segments):
            return url
        found = self._discovered_path(url, version) if version.discover else None
        path = found or "/".join([*segments, version.segment])
        if version.with_project:
            project = getattr(self.auth, "project_id", None)
            if project:
                path = f"{path.rstrip('/')}/{project}"
        return urlunsplit((parts.scheme, parts.netloc, "/" + path.strip("/"), "", ""))

    def _discovered_path(self, url: str, version: EndpointVersion) -> str | None:
        """The path of the version document's link for ``version`` (its host is not trusted)."""
        from pkgcloud.errors import PkgcloudError

        try:
            response = self.api.transport.request(
                "GET", url, headers={"Accept": "application/json"}, raise_for_status=False
            )
            body = response.json() if response.status_code in (200, 300) and response.content else None
        except (PkgcloudError, ValueError):
            return None
        entries = body.get("versions") if isinstance(body, dict) else None
        if isinstance(entries, dict):  # Keystone's {"versions": {"values": [...]}}
            entries = entries.get("values")
        major = version.segment.split(".")[0]
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or str(entry.get("id", "")).split(".")[0] != major:
                continue
            for link in entry.get("links") or []:
                if isinstance(link, dict) and link.get("rel") == "self" and link.get("href"):
                    path = urlsplit(str(link["href"])).path.strip("/")
                    return path or None
        return None
