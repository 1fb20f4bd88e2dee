"""Rackspace Cloud Networks: the Neutron client on Rackspace's ``cloudNetworks`` endpoint.

Rackspace publishes the endpoint with its version (``https://{region}.networks.api.rackspacecloud.com/v2.0``,
no tenant in the path), which the Neutron client uses as it is. Cloud Networks is a Neutron subset:
networks, subnets, ports, security groups and their rules, and floating IPs. It has no routers (a
Rackspace network is isolated; PublicNet ``00000000-0000-0000-0000-000000000000`` and ServiceNet
``11111111-1111-1111-1111-111111111111`` are the provider's), no subnet pools and no tags: those
methods raise :class:`~pkgcloud.errors.UnsupportedOperation` without sending anything.
"""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from pkgcloud.errors import UnsupportedOperation
from pkgcloud_openstack.network import NeutronNetwork

PUBLIC_NET = "00000000-0000-0000-0000-000000000000"
SERVICE_NET = "11111111-1111-1111-1111-111111111111"


def _unsupported(operation: str, what: str) -> NoReturn:
    raise UnsupportedOperation(f"{operation}: Rackspace Cloud Networks has no {what}")


class CloudNetworks(NeutronNetwork):
    """Rackspace Cloud Networks (catalog type ``network``, name ``cloudNetworks``)."""

    catalog_name: ClassVar[str | None] = "cloudNetworks"

    # -- no routers -----------------------------------------------------------------------------------

    def list_routers(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("list_routers", "routers")

    def get_router(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("get_router", "routers")

    def create_router(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("create_router", "routers")

    def update_router(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("update_router", "routers")

    def delete_router(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("delete_router", "routers")

    def set_router_gateway(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("set_router_gateway", "routers")

    def clear_router_gateway(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("clear_router_gateway", "routers")

    def add_router_interface(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("add_router_interface", "routers")

    def remove_router_interface(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("remove_router_interface", "routers")

    # -- no subnet pools ------------------------------------------------------------------------------

    def list_subnet_pools(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("list_subnet_pools", "subnet pools")

    def get_subnet_pool(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("get_subnet_pool", "subnet pools")

    def create_subnet_pool(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("create_subnet_pool", "subnet pools")

    def delete_subnet_pool(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("delete_subnet_pool", "subnet pools")

    # -- no tags --------------------------------------------------------------------------------------

    def get_tags(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("get_tags", "tags")

    def set_tags(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("set_tags", "tags")

    def add_tag(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("add_tag", "tags")

    def has_tag(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("has_tag", "tags")

    def remove_tag(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("remove_tag", "tags")

    def clear_tags(self, *args: Any, **kwargs: Any) -> NoReturn:
        _unsupported("clear_tags", "tags")
