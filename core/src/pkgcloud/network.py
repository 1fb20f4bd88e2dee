"""Networking: networks, subnets, ports, security groups, routers and floating IPs.

``pkgcloud.network.create_client(provider="openstack", ...)`` returns a :class:`NetworkClient`.
Each resource has ``list_*`` (a generator), ``get_*``, ``create_*``, ``update_*`` and ``delete_*``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from pkgcloud import _factory
from pkgcloud.client import BaseClient

if TYPE_CHECKING:
    from pkgcloud.models.network import (
        FloatingIp,
        Network,
        Port,
        Router,
        SecurityGroup,
        SecurityGroupRule,
        Subnet,
    )

SERVICE = "network"


def create_client(provider: str, **options: Any) -> NetworkClient:
    """A network client for ``provider``, configured by ``options``."""
    return cast(NetworkClient, _factory.create(SERVICE, provider, options))


class NetworkClient(BaseClient):
    """The portable networking operations."""

    service = SERVICE

    def list_networks(self, *, limit: int | None = None, **filters: Any) -> Iterator[Network]:
        raise self._unsupported("list_networks")

    def get_network(self, network: str) -> Network:
        raise self._unsupported("get_network")

    def create_network(self, *, name: str | None = None, **attributes: Any) -> Network:
        raise self._unsupported("create_network")

    def update_network(self, network: str, **attributes: Any) -> Network:
        raise self._unsupported("update_network")

    def delete_network(self, network: str) -> None:
        raise self._unsupported("delete_network")

    def list_subnets(self, *, limit: int | None = None, **filters: Any) -> Iterator[Subnet]:
        raise self._unsupported("list_subnets")

    def get_subnet(self, subnet: str) -> Subnet:
        raise self._unsupported("get_subnet")

    def create_subnet(self, network: str, cidr: str, *, ip_version: int = 4, **attributes: Any) -> Subnet:
        raise self._unsupported("create_subnet")

    def update_subnet(self, subnet: str, **attributes: Any) -> Subnet:
        raise self._unsupported("update_subnet")

    def delete_subnet(self, subnet: str) -> None:
        raise self._unsupported("delete_subnet")

    def list_ports(self, *, limit: int | None = None, **filters: Any) -> Iterator[Port]:
        raise self._unsupported("list_ports")

    def get_port(self, port: str) -> Port:
        raise self._unsupported("get_port")

    def create_port(self, network: str, **attributes: Any) -> Port:
        raise self._unsupported("create_port")

    def update_port(self, port: str, **attributes: Any) -> Port:
        raise self._unsupported("update_port")

    def delete_port(self, port: str) -> None:
        raise self._unsupported("delete_port")

    def list_security_groups(self, *, limit: int | None = None, **filters: Any) -> Iterator[SecurityGroup]:
        raise self._unsupported("list_security_groups")

    def get_security_group(self, security_group: str) -> SecurityGroup:
        raise self._unsupported("get_security_group")

    def create_security_group(self, name: str, *, description: str | None = None) -> SecurityGroup:
        raise self._unsupported("create_security_group")

    def delete_security_group(self, security_group: str) -> None:
        raise self._unsupported("delete_security_group")

    def create_security_group_rule(self, security_group: str, **attributes: Any) -> SecurityGroupRule:
        raise self._unsupported("create_security_group_rule")

    def delete_security_group_rule(self, rule: str) -> None:
        raise self._unsupported("delete_security_group_rule")

    def list_routers(self, *, limit: int | None = None, **filters: Any) -> Iterator[Router]:
        raise self._unsupported("list_routers")

    def create_router(self, *, name: str | None = None, **attributes: Any) -> Router:
        raise self._unsupported("create_router")

    def delete_router(self, router: str) -> None:
        raise self._unsupported("delete_router")

    def list_floating_ips(self, *, limit: int | None = None, **filters: Any) -> Iterator[FloatingIp]:
        raise self._unsupported("list_floating_ips")

    def create_floating_ip(self, floating_network_id: str, **attributes: Any) -> FloatingIp:
        raise self._unsupported("create_floating_ip")

    def delete_floating_ip(self, floating_ip: str) -> None:
        raise self._unsupported("delete_floating_ip")
