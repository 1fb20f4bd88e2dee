"""Load balancers and their nodes. Offered by the Rackspace provider.

``pkgcloud.loadbalancer.create_client(provider="rackspace", ...)`` returns a :class:`LoadBalancerClient`.

A load balancer takes one change at a time: while one is applied its status is ``PENDING_UPDATE``
(``BUILD`` after a create) and it refuses others. The client serialises the changes it sends to one
load balancer, and by default (``wait=True``) waits after each until the balancer is ``ACTIVE``
again; ``ERROR`` and ``SUSPENDED`` end a wait with :class:`~pkgcloud.errors.ResourceFailed`.
Wherever a load balancer or node is taken, its model or its id will do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from pkgcloud.client import BaseClient, Waitable, create

if TYPE_CHECKING:
    from pkgcloud.models.loadbalancer import LoadBalancer, Node, VirtualIp

    LoadBalancerRef = str | int | LoadBalancer
    NodeRef = str | int | Node

SERVICE = "loadbalancer"


def create_client(provider: str, **options: Any) -> LoadBalancerClient:
    """A load balancer client for ``provider``, configured by ``options``."""
    return cast(LoadBalancerClient, create(SERVICE, provider, options))


class LoadBalancerClient(BaseClient, Waitable):
    """The portable load balancer operations. Mutators return the load balancer once it is ACTIVE
    again (None with ``wait=False``) unless they make something (nodes, a virtual IP)."""

    service = SERVICE
    ready_status = "ACTIVE"

    def list_load_balancers(self, *, limit: int | None = None, **filters: Any) -> Iterator[LoadBalancer]:
        raise self._unsupported("list_load_balancers")

    def get_load_balancer(self, load_balancer: LoadBalancerRef) -> LoadBalancer:
        raise self._unsupported("get_load_balancer")

    def create_load_balancer(
        self, name: str, *, protocol: str, port: int, nodes: Sequence[Mapping[str, Any]] = (), **attributes: Any
    ) -> LoadBalancer:
        raise self._unsupported("create_load_balancer")

    def update_load_balancer(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0, **changes: Any
    ) -> LoadBalancer | None:
        raise self._unsupported("update_load_balancer")

    def delete_load_balancer(
        self, load_balancer: LoadBalancerRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> None:
        raise self._unsupported("delete_load_balancer")

    def list_nodes(self, load_balancer: LoadBalancerRef) -> list[Node]:
        raise self._unsupported("list_nodes")

    def get_node(self, load_balancer: LoadBalancerRef, node: NodeRef) -> Node:
        raise self._unsupported("get_node")

    def add_nodes(
        self,
        load_balancer: LoadBalancerRef,
        nodes: Sequence[Mapping[str, Any]],
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> list[Node]:
        raise self._unsupported("add_nodes")

    def update_node(
        self,
        load_balancer: LoadBalancerRef,
        node: NodeRef,
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
        **changes: Any,
    ) -> LoadBalancer | None:
        raise self._unsupported("update_node")

    def remove_node(
        self, load_balancer: LoadBalancerRef, node: NodeRef, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        raise self._unsupported("remove_node")

    def remove_nodes(
        self,
        load_balancer: LoadBalancerRef,
        nodes: Sequence[NodeRef],
        *,
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> LoadBalancer | None:
        raise self._unsupported("remove_nodes")

    def list_virtual_ips(self, load_balancer: LoadBalancerRef) -> list[VirtualIp]:
        raise self._unsupported("list_virtual_ips")

    def add_virtual_ip(
        self,
        load_balancer: LoadBalancerRef,
        *,
        type: str = "PUBLIC",
        ip_version: str = "IPV6",
        wait: bool = True,
        wait_timeout: float = 600.0,
    ) -> VirtualIp:
        raise self._unsupported("add_virtual_ip")

    def remove_virtual_ip(
        self, load_balancer: LoadBalancerRef, virtual_ip: Any, *, wait: bool = True, wait_timeout: float = 600.0
    ) -> LoadBalancer | None:
        raise self._unsupported("remove_virtual_ip")
