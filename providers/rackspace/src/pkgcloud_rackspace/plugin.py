"""The plugin: registers the ``rackspace`` provider and plugs its identity into the auth context."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pkgcloud.options import Option, http_url
from pkgcloud.plugins import Provider, hookimpl

if TYPE_CHECKING:
    from pkgcloud.auth import AuthContext
    from pkgcloud.options import Options
    from pkgcloud.plugins.hookspecs import Hooks

NAME = "rackspace"
REGIONS = ("DFW", "ORD", "IAD", "LON", "SYD", "HKG")

SERVICES = {
    "compute": "pkgcloud_rackspace.compute:CloudServers",
    "storage": "pkgcloud_rackspace.storage:CloudFiles",
    "dns": "pkgcloud_rackspace.dns:CloudDNS",
    "loadbalancer": "pkgcloud_rackspace.loadbalancer:CloudLoadBalancers",
    "blockstorage": "pkgcloud_rackspace.blockstorage:CloudBlockStorage",
    "network": "pkgcloud_rackspace.network:CloudNetworks",
    "orchestration": "pkgcloud_rackspace.orchestration:CloudOrchestration",
    "cdn": "pkgcloud_rackspace.services:RackspaceCdn",
    "database": "pkgcloud_rackspace.database:CloudDatabases",
}

OPTIONS = [
    Option("username", str, required=True),
    Option("api_key", str, secret=True, help="the account's API key (or give password)"),
    Option("password", str, secret=True),
    Option("region", str, choices=REGIONS, help="DFW, ORD, IAD, LON, SYD or HKG"),
    Option("auth_url", str, valid=http_url, help="identity endpoint (default: the US one, or the UK one for LON)"),
    Option("tenant_id", str, aliases=("project_id",), help="the account number (optional)"),
    Option("interface", str, default="public", aliases=("endpoint_type",)),
    Option("use_internal", bool, default=False, help="ServiceNet: the internal endpoints"),
    Option("service_name", str, help="catalog service name to use instead of the default"),
    Option("endpoint_override", str, aliases=("endpoint",), valid=http_url),
    Option("expiry_margin", (int, float), default=120.0, aliases=("token_margin",)),
]


@hookimpl
def register_providers(register: Callable[[Provider], None]) -> None:
    register(
        Provider(
            NAME,
            services=SERVICES,
            options=OPTIONS,
            validate="pkgcloud_rackspace.identity:validate",
            description=(
                "Rackspace: API-key identity, Cloud Servers, Cloud Files, Cloud Block Storage, Cloud Networks, "
                "Orchestration, CDN, Cloud DNS, Cloud Load Balancers, Cloud Databases"
            ),
        )
    )


@hookimpl
def auth_context(provider: str, options: Options, hooks: Hooks) -> AuthContext | None:
    if provider != NAME:
        return None
    from pkgcloud_rackspace.identity import make_auth

    return make_auth(options, hooks)
