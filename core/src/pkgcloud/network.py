"""Networking: networks, subnets, ports, security groups and rules, routers, floating IPs, subnet pools,
tags, extensions and quotas.

``pkgcloud.network.create_client(provider="openstack", ...)`` returns a :class:`NetworkClient`.
Each resource has ``list_*`` (a generator over every page, with the service's filters), ``get_*``
(a model or an id), ``create_*``, ``update_*`` (only the fields given are sent) and ``delete_*``.
A provider implements what its service offers; the rest raises
:class:`~pkgcloud.errors.UnsupportedOperation` (Rackspace Cloud Networks has no routers).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from pkgcloud.client import BaseClient, create
from pkgcloud.errors import Conflict

if TYPE_CHECKING:
    from pkgcloud.models.network import (
        Extension,
        FloatingIp,
        Network,
        NetworkQuota,
        Port,
        Router,
        RouterInterface,
        SecurityGroup,
        SecurityGroupRule,
        Subnet,
        SubnetPool,
    )

    NetworkRef = Network | str
    SubnetRef = Subnet | str
    PortRef = Port | str
    SecurityGroupRef = SecurityGroup | str
    RuleRef = SecurityGroupRule | str
    RouterRef = Router | str
    FloatingIpRef = FloatingIp | str
    SubnetPoolRef = SubnetPool | str

SERVICE = "network"


class SecurityGroupRuleExists(Conflict):
    """Creating a rule the group already has (a new group's default egress rules, for instance):
    ``rule_id`` is the existing rule's id, as the service named it."""

    rule_id: str | None = None


def create_client(provider: str, **options: Any) -> NetworkClient:
    """A network client for ``provider``, configured by ``options``."""
    return cast(NetworkClient, create(SERVICE, provider, options))


class NetworkClient(BaseClient):
    """The portable networking operations."""

    service = SERVICE

    # -- networks --------------------------------------------------------------------------------

    def list_networks(self, *, limit: int | None = None, **filters: Any) -> Iterator[Network]:
        raise self._unsupported("list_networks")

    def get_network(self, network: NetworkRef) -> Network:
        raise self._unsupported("get_network")

    def create_network(self, name: str | None = None, **attributes: Any) -> Network:
        raise self._unsupported("create_network")

    def update_network(self, network: NetworkRef, **attributes: Any) -> Network:
        raise self._unsupported("update_network")

    def delete_network(
        self, network: NetworkRef, *, if_revision: int | None = None, ignore_missing: bool = False
    ) -> bool:
        raise self._unsupported("delete_network")

    # -- subnets ---------------------------------------------------------------------------------

    def list_subnets(self, *, limit: int | None = None, **filters: Any) -> Iterator[Subnet]:
        raise self._unsupported("list_subnets")

    def get_subnet(self, subnet: SubnetRef) -> Subnet:
        raise self._unsupported("get_subnet")

    def create_subnet(self, network: NetworkRef, cidr: str | None = None, **attributes: Any) -> Subnet:
        """A subnet of ``network``: from ``cidr``, or allocated from a subnet pool (``subnetpool=``)."""
        raise self._unsupported("create_subnet")

    def update_subnet(self, subnet: SubnetRef, **attributes: Any) -> Subnet:
        raise self._unsupported("update_subnet")

    def delete_subnet(self, subnet: SubnetRef, *, if_revision: int | None = None, ignore_missing: bool = False) -> bool:
        raise self._unsupported("delete_subnet")

    # -- ports -----------------------------------------------------------------------------------

    def list_ports(self, *, limit: int | None = None, **filters: Any) -> Iterator[Port]:
        raise self._unsupported("list_ports")

    def get_port(self, port: PortRef) -> Port:
        raise self._unsupported("get_port")

    def create_port(self, network: NetworkRef, **attributes: Any) -> Port:
        raise self._unsupported("create_port")

    def update_port(self, port: PortRef, **attributes: Any) -> Port:
        raise self._unsupported("update_port")

    def delete_port(self, port: PortRef, *, if_revision: int | None = None, ignore_missing: bool = False) -> bool:
        raise self._unsupported("delete_port")

    # -- security groups and rules ---------------------------------------------------------------

    def list_security_groups(self, *, limit: int | None = None, **filters: Any) -> Iterator[SecurityGroup]:
        raise self._unsupported("list_security_groups")

    def get_security_group(self, security_group: SecurityGroupRef) -> SecurityGroup:
        raise self._unsupported("get_security_group")

    def create_security_group(
        self,
        name: str,
        *,
        description: str | None = None,
        stateful: bool | None = None,
        project_id: str | None = None,
        remove_default_rules: bool = False,
    ) -> SecurityGroup:
        raise self._unsupported("create_security_group")

    def update_security_group(self, security_group: SecurityGroupRef, **attributes: Any) -> SecurityGroup:
        raise self._unsupported("update_security_group")

    def delete_security_group(
        self, security_group: SecurityGroupRef, *, if_revision: int | None = None, ignore_missing: bool = False
    ) -> bool:
        raise self._unsupported("delete_security_group")

    def list_security_group_rules(self, *, limit: int | None = None, **filters: Any) -> Iterator[SecurityGroupRule]:
        raise self._unsupported("list_security_group_rules")

    def get_security_group_rule(self, rule: RuleRef) -> SecurityGroupRule:
        raise self._unsupported("get_security_group_rule")

    def create_security_group_rule(self, security_group: SecurityGroupRef, **attributes: Any) -> SecurityGroupRule:
        raise self._unsupported("create_security_group_rule")

    def delete_security_group_rule(
        self, rule: RuleRef, *, if_revision: int | None = None, ignore_missing: bool = False
    ) -> bool:
        raise self._unsupported("delete_security_group_rule")

    # -- routers ---------------------------------------------------------------------------------

    def list_routers(self, *, limit: int | None = None, **filters: Any) -> Iterator[Router]:
        raise self._unsupported("list_routers")

    def get_router(self, router: RouterRef) -> Router:
        raise self._unsupported("get_router")

    def create_router(self, name: str | None = None, **attributes: Any) -> Router:
        raise self._unsupported("create_router")

    def update_router(self, router: RouterRef, **attributes: Any) -> Router:
        raise self._unsupported("update_router")

    def delete_router(self, router: RouterRef, *, if_revision: int | None = None, ignore_missing: bool = False) -> bool:
        raise self._unsupported("delete_router")

    def set_router_gateway(
        self,
        router: RouterRef,
        network: NetworkRef,
        *,
        enable_snat: bool | None = None,
        external_fixed_ips: Iterable[Any] | None = None,
    ) -> Router:
        raise self._unsupported("set_router_gateway")

    def clear_router_gateway(self, router: RouterRef) -> Router:
        raise self._unsupported("clear_router_gateway")

    def add_router_interface(
        self, router: RouterRef, *, subnet: SubnetRef | None = None, port: PortRef | None = None
    ) -> RouterInterface:
        raise self._unsupported("add_router_interface")

    def remove_router_interface(
        self, router: RouterRef, *, subnet: SubnetRef | None = None, port: PortRef | None = None
    ) -> RouterInterface:
        raise self._unsupported("remove_router_interface")

    # -- floating IPs ----------------------------------------------------------------------------

    def list_floating_ips(self, *, limit: int | None = None, **filters: Any) -> Iterator[FloatingIp]:
        raise self._unsupported("list_floating_ips")

    def get_floating_ip(self, floating_ip: FloatingIpRef) -> FloatingIp:
        raise self._unsupported("get_floating_ip")

    def create_floating_ip(self, network: NetworkRef, **attributes: Any) -> FloatingIp:
        """A floating IP on the external ``network`` (a model, an id or its name)."""
        raise self._unsupported("create_floating_ip")

    def update_floating_ip(self, floating_ip: FloatingIpRef, **attributes: Any) -> FloatingIp:
        raise self._unsupported("update_floating_ip")

    def associate_floating_ip(
        self, floating_ip: FloatingIpRef, port: PortRef, *, fixed_ip_address: str | None = None
    ) -> FloatingIp:
        raise self._unsupported("associate_floating_ip")

    def disassociate_floating_ip(self, floating_ip: FloatingIpRef) -> FloatingIp:
        raise self._unsupported("disassociate_floating_ip")

    def find_available_floating_ip(self, network: NetworkRef | None = None) -> FloatingIp | None:
        raise self._unsupported("find_available_floating_ip")

    def delete_floating_ip(
        self, floating_ip: FloatingIpRef, *, if_revision: int | None = None, ignore_missing: bool = False
    ) -> bool:
        raise self._unsupported("delete_floating_ip")

    # -- subnet pools ----------------------------------------------------------------------------

    def list_subnet_pools(self, *, limit: int | None = None, **filters: Any) -> Iterator[SubnetPool]:
        raise self._unsupported("list_subnet_pools")

    def get_subnet_pool(self, subnet_pool: SubnetPoolRef) -> SubnetPool:
        raise self._unsupported("get_subnet_pool")

    # -- tags, extensions, quotas ----------------------------------------------------------------

    def get_tags(self, resource: Any, *, kind: str | None = None) -> list[str]:
        raise self._unsupported("get_tags")

    def set_tags(self, resource: Any, tags: Iterable[str], *, kind: str | None = None) -> list[str]:
        raise self._unsupported("set_tags")

    def add_tag(self, resource: Any, tag: str, *, kind: str | None = None) -> None:
        raise self._unsupported("add_tag")

    def remove_tag(self, resource: Any, tag: str, *, kind: str | None = None) -> None:
        raise self._unsupported("remove_tag")

    def clear_tags(self, resource: Any, *, kind: str | None = None) -> None:
        raise self._unsupported("clear_tags")

    def list_extensions(self) -> list[Extension]:
        raise self._unsupported("list_extensions")

    def has_extension(self, alias: str) -> bool:
        raise self._unsupported("has_extension")

    def get_quotas(self, project: str | None = None, *, details: bool = False) -> NetworkQuota:
        raise self._unsupported("get_quotas")
