"""Network models: networks, subnets, ports, security groups, routers, floating IPs."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attrs import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class Network(Model):
    id: str
    name: str | None = None
    status: str | None = None
    admin_state_up: bool | None = None
    shared: bool | None = None
    external: bool | None = None
    subnet_ids: list[str] = field(factory=list)
    mtu: int | None = None
    port_security_enabled: bool | None = None
    network_type: str | None = None
    physical_network: str | None = None
    segmentation_id: int | None = None
    availability_zones: list[str] = field(factory=list)
    description: str | None = None
    project_id: str | None = None
    tags: list[str] = field(factory=list)
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class Subnet(Model):
    id: str
    name: str | None = None
    network_id: str | None = None
    cidr: str | None = None
    ip_version: int | None = None
    gateway_ip: str | None = None
    enable_dhcp: bool | None = None
    dns_nameservers: list[str] = field(factory=list)
    allocation_pools: list[dict[str, str]] = field(factory=list)
    host_routes: list[dict[str, str]] = field(factory=list)
    ipv6_ra_mode: str | None = None
    ipv6_address_mode: str | None = None
    subnetpool_id: str | None = None
    description: str | None = None
    project_id: str | None = None
    tags: list[str] = field(factory=list)


@define(kw_only=True)
class Port(Model):
    id: str
    name: str | None = None
    network_id: str | None = None
    status: str | None = None
    admin_state_up: bool | None = None
    mac_address: str | None = None
    fixed_ips: list[dict[str, str]] = field(factory=list)
    device_id: str | None = None
    device_owner: str | None = None
    security_group_ids: list[str] = field(factory=list)
    allowed_address_pairs: list[dict[str, str]] = field(factory=list)
    port_security_enabled: bool | None = None
    binding_host_id: str | None = None
    binding_vif_type: str | None = None
    description: str | None = None
    project_id: str | None = None
    tags: list[str] = field(factory=list)


@define(kw_only=True)
class SecurityGroupRule(Model):
    id: str
    security_group_id: str | None = None
    direction: str | None = None
    ethertype: str | None = None
    protocol: str | None = None
    port_range_min: int | None = None
    port_range_max: int | None = None
    remote_ip_prefix: str | None = None
    remote_group_id: str | None = None
    description: str | None = None
    project_id: str | None = None


@define(kw_only=True)
class SecurityGroup(Model):
    id: str
    name: str | None = None
    description: str | None = None
    rules: list[SecurityGroupRule] = field(factory=list)
    stateful: bool | None = None
    project_id: str | None = None
    tags: list[str] = field(factory=list)


@define(kw_only=True)
class Router(Model):
    id: str
    name: str | None = None
    status: str | None = None
    admin_state_up: bool | None = None
    external_gateway_info: dict[str, Any] | None = None
    routes: list[dict[str, str]] = field(factory=list)
    distributed: bool | None = None
    ha: bool | None = None
    description: str | None = None
    project_id: str | None = None


@define(kw_only=True)
class FloatingIp(Model):
    id: str
    floating_ip_address: str | None = None
    fixed_ip_address: str | None = None
    floating_network_id: str | None = None
    port_id: str | None = None
    router_id: str | None = None
    status: str | None = None
    dns_name: str | None = None
    description: str | None = None
    project_id: str | None = None
