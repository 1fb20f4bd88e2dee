"""Rackspace Cloud Networks: the Neutron client on Rackspace's ``cloudNetworks`` endpoint.

Rackspace publishes the endpoint with its version (``https://{region}.networks.api.rackspacecloud.com/v2.0``,
no tenant in the path), which the Neutron client uses as it is. Cloud Networks is a Neutron subset:
networks, subnets, ports, security groups and their rules, and floating IPs. It has no routers (a
Rackspace network is isolated; PublicNet ``00000000-0000-0000-0000-000000000000`` and ServiceNet
``11111111-1111-1111-1111-111111111111`` are the provider's), no subnet pools and no tags: those
methods raise :class:`~pkgcloud.errors.UnsupportedOperation` without sending anything.
"""

from __future__ import annotations

from typing import ClassVar

from pkgcloud.client import Unsupported
from pkgcloud_openstack.network import NeutronNetwork

PUBLIC_NET = "00000000-0000-0000-0000-000000000000"
SERVICE_NET = "11111111-1111-1111-1111-111111111111"


NO_ROUTERS = "Rackspace Cloud Networks has no routers"
NO_SUBNET_POOLS = "Rackspace Cloud Networks has no subnet pools"
NO_TAGS = "Rackspace Cloud Networks has no tags"


class CloudNetworks(NeutronNetwork):
    """Rackspace Cloud Networks (catalog type ``network``, name ``cloudNetworks``)."""

    catalog_name: ClassVar[str | None] = "cloudNetworks"

    # -- no routers -----------------------------------------------------------------------------------

    list_routers = Unsupported(NO_ROUTERS)
    get_router = Unsupported(NO_ROUTERS)
    create_router = Unsupported(NO_ROUTERS)
    update_router = Unsupported(NO_ROUTERS)
    delete_router = Unsupported(NO_ROUTERS)
    set_router_gateway = Unsupported(NO_ROUTERS)
    clear_router_gateway = Unsupported(NO_ROUTERS)
    add_router_interface = Unsupported(NO_ROUTERS)
    remove_router_interface = Unsupported(NO_ROUTERS)

    # -- no subnet pools ------------------------------------------------------------------------------

    list_subnet_pools = Unsupported(NO_SUBNET_POOLS)
    get_subnet_pool = Unsupported(NO_SUBNET_POOLS)
    create_subnet_pool = Unsupported(NO_SUBNET_POOLS)
    delete_subnet_pool = Unsupported(NO_SUBNET_POOLS)

    # -- no tags --------------------------------------------------------------------------------------

    get_tags = Unsupported(NO_TAGS)
    set_tags = Unsupported(NO_TAGS)
    add_tag = Unsupported(NO_TAGS)
    has_tag = Unsupported(NO_TAGS)
    remove_tag = Unsupported(NO_TAGS)
    clear_tags = Unsupported(NO_TAGS)
