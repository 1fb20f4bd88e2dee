"""What every OpenStack service client shares: its endpoint query and its API session."""

from __future__ import annotations

from typing import ClassVar

from pkgcloud.api import ApiSession
from pkgcloud.auth import EndpointQuery
from pkgcloud.client import BaseClient, ClientContext
from pkgcloud_openstack.identity.catalog import aliases


class OpenStackService(BaseClient):
    """Base of the OpenStack service clients.

    A subclass names its catalog ``service_type`` (aliases are tried newest first); the options
    ``service_type``, ``service_name``, ``interface``, ``region`` and ``endpoint_override`` refine it.
    ``default_service_name`` lets a provider built on this one (Rackspace) pick among same-typed services.
    """

    service_type: ClassVar[str] = ""
    default_service_name: ClassVar[str | None] = None

    def __init__(self, context: ClientContext) -> None:
        super().__init__(context)
        self.api = ApiSession(
            self._new_transport(),
            context.auth,
            self.endpoint_query(),
            headers=self.default_headers(),
            service=context.service,
        )

    def endpoint_query(self) -> EndpointQuery:
        o = self.options
        types = (o["service_type"],) if o.get("service_type") else aliases(self.service_type)
        return EndpointQuery(
            types,
            interface=o.get("interface") or "public",
            region=o.get("region"),
            service_name=o.get("service_name") or self.default_service_name,
            override=o.get("endpoint_override"),
        )

    def default_headers(self) -> dict[str, str]:
        """Headers sent with every request of this service (microversions, content negotiation)."""
        return {"Accept": "application/json"}

    @property
    def endpoint(self) -> str:
        """The service endpoint in use (authenticates first if the catalog is needed)."""
        return self.api.base_url
