"""Load balancers and their nodes. Offered by the Rackspace provider.

``pkgcloud.loadbalancer.create_client(provider="rackspace", ...)`` returns a :class:`LoadBalancerClient`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, cast

from pkgcloud import _factory
from pkgcloud.client import BaseClient, Waitable

SERVICE = "loadbalancer"


def create_client(provider: str, **options: Any) -> LoadBalancerClient:
    """A load balancer client for ``provider``, configured by ``options``."""
    return cast(LoadBalancerClient, _factory.create(SERVICE, provider, options))


class LoadBalancerClient(BaseClient, Waitable):
    """The portable load balancer operations."""

    service = SERVICE

    def list_load_balancers(self, *, limit: int | None = None) -> Iterator[Any]:
        raise self._unsupported("list_load_balancers")

    def get_load_balancer(self, load_balancer: str) -> Any:
        raise self._unsupported("get_load_balancer")

    def create_load_balancer(
        self, name: str, *, protocol: str, port: int, nodes: Sequence[Mapping[str, Any]] = (), **attributes: Any
    ) -> Any:
        raise self._unsupported("create_load_balancer")

    def delete_load_balancer(self, load_balancer: str) -> None:
        raise self._unsupported("delete_load_balancer")

    def list_nodes(self, load_balancer: str) -> Iterator[Any]:
        raise self._unsupported("list_nodes")

    def add_nodes(self, load_balancer: str, nodes: Sequence[Mapping[str, Any]]) -> list[Any]:
        raise self._unsupported("add_nodes")

    def remove_node(self, load_balancer: str, node: str) -> None:
        raise self._unsupported("remove_node")
