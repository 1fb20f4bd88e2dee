"""Network models: networks, subnets, ports, security groups, routers, floating IPs, subnet pools,
extensions and quotas. ``revision_number`` is what ``if_revision=`` compares with (Neutron)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attr import define, field

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
    availability_zone_hints: list[str] = field(factory=list)
    dns_domain: str | None = None
    qos_policy_id: str | None = None
    is_default: bool | None = None
    revision_number: int | None = None


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
    service_types: list[str] = field(factory=list)
    segment_id: str | None = None
    dns_publish_fixed_ip: bool | None = None
    revision_number: int | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


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
    binding_vnic_type: str | None = None
    binding_profile: dict[str, Any] = field(factory=dict)
    description: str | None = None
    project_id: str | None = None
    tags: list[str] = field(factory=list)
    dns_name: str | None = None
    extra_dhcp_opts: list[dict[str, Any]] = field(factory=list)
    qos_policy_id: str | None = None
    revision_number: int | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


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
    remote_address_group_id: str | None = None
    normalized_cidr: str | None = None
    description: str | None = None
    project_id: str | None = None
    revision_number: int | None = None


@define(kw_only=True)
class SecurityGroup(Model):
    id: str
    name: str | None = None
    description: str | None = None
    rules: list[SecurityGroupRule] = field(factory=list)
    stateful: bool | None = None
    shared: bool | None = None
    project_id: str | None = None
    tags: list[str] = field(factory=list)
    revision_number: int | None = None


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
    external_network_id: str | None = None
    availability_zones: list[str] = field(factory=list)
    availability_zone_hints: list[str] = field(factory=list)
    flavor_id: str | None = None
    tags: list[str] = field(factory=list)
    revision_number: int | None = None


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
    dns_domain: str | None = None
    description: str | None = None
    project_id: str | None = None
    qos_policy_id: str | None = None
    port_details: dict[str, Any] | None = None
    tags: list[str] = field(factory=list)
    revision_number: int | None = None


@define(kw_only=True)
class RouterInterface(Model):
    """What adding or removing a router interface answers: the router, its port and subnet."""

    router_id: str
    port_id: str | None = None
    subnet_id: str | None = None
    subnet_ids: list[str] = field(factory=list)
    network_id: str | None = None
    project_id: str | None = None


@define(kw_only=True)
class SubnetPool(Model):
    id: str
    name: str | None = None
    prefixes: list[str] = field(factory=list)
    ip_version: int | None = None
    default_prefixlen: int | None = None
    min_prefixlen: int | None = None
    max_prefixlen: int | None = None
    default_quota: int | None = None
    shared: bool | None = None
    is_default: bool | None = None
    address_scope_id: str | None = None
    description: str | None = None
    project_id: str | None = None
    tags: list[str] = field(factory=list)
    revision_number: int | None = None


@define(kw_only=True)
class Extension(Model):
    """An API extension the cloud has loaded: test a capability by its ``alias`` (``"pagination"``)."""

    alias: str
    name: str | None = None
    description: str | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class NetworkQuota(Model):
    """A project's network quotas: ``limits`` by resource (``-1``: unlimited); with details, also
    ``used`` and ``reserved``."""

    project_id: str | None = None
    limits: dict[str, int] = field(factory=dict)
    used: dict[str, int] = field(factory=dict)
    reserved: dict[str, int] = field(factory=dict)
