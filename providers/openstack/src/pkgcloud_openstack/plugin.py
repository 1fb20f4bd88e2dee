"""The plugin: registers the ``openstack`` provider and supplies its Keystone auth context.

Kept small on purpose: it is imported when the provider is first asked for, and service code is
named by import strings so that only the service asked for is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pkgcloud.plugins import Provider, hookimpl
from pkgcloud_openstack.options import OPTIONS

if TYPE_CHECKING:
    from pkgcloud.auth import AuthContext
    from pkgcloud.options import Options
    from pkgcloud.plugins.hookspecs import Hooks

NAME = "openstack"

SERVICES = {
    "compute": "pkgcloud_openstack.compute:NovaCompute",
    "storage": "pkgcloud_openstack.storage:SwiftStorage",
    "blockstorage": "pkgcloud_openstack.blockstorage:CinderBlockStorage",
    "network": "pkgcloud_openstack.network:NeutronNetwork",
    "orchestration": "pkgcloud_openstack.orchestration:HeatOrchestration",
    "cdn": "pkgcloud_openstack.cdn:PoppyCdn",
    "database": "pkgcloud_openstack.database:TroveDatabase",
}


def provider() -> Provider:
    return Provider(
        NAME,
        services=SERVICES,
        options=OPTIONS,
        configure="pkgcloud_openstack.config:configure",
        validate="pkgcloud_openstack.options:validate",
        description="OpenStack: Keystone v2.0/v3, Nova, Swift, Cinder, Neutron, Heat, Trove, Poppy",
    )


@hookimpl
def register_providers(register: Callable[[Provider], None]) -> None:
    register(provider())


@hookimpl
def auth_context(provider: str, options: Options, hooks: Hooks) -> AuthContext | None:
    if provider != NAME:
        return None
    from pkgcloud_openstack.identity import make_auth

    return make_auth(options, hooks)
