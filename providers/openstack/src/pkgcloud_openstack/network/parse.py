"""Neutron's JSON to pkgcloud's models.

Required fields (``id``; an extension's ``alias``; an interface's router ``id``) are indexed directly,
so a missing one becomes :class:`~pkgcloud.errors.MalformedResponse`; every other field is read with
:mod:`pkgcloud.values`, so a value of the wrong type leaves the field unset. Models are imported when
a function runs (import cost rule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pkgcloud.dates import parse_time
from pkgcloud.values import as_bool, as_dict, as_dicts, as_int, as_list, as_str

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


def _id(d: dict[str, Any]) -> str:
    found = d["id"]
    if not isinstance(found, (str, int)) or isinstance(found, bool) or found == "":
        raise ValueError(f"an id must be a string, not {type(found).__name__}")
    return str(found)


def _strs(value: Any) -> list[str]:
    return [str(v) for v in as_list(value) if isinstance(v, (str, int)) and not isinstance(v, bool)]


def _project(d: dict[str, Any]) -> str | None:
    return as_str(d.get("project_id")) or as_str(d.get("tenant_id"))


def _time(value: Any) -> Any:
    try:
        return parse_time(value)
    except (TypeError, ValueError):
        return None


def _common(d: dict[str, Any]) -> dict[str, Any]:
    """The standard attributes most Neutron resources share."""
    return {
        "raw": d,
        "id": _id(d),
        "description": as_str(d.get("description")),
        "project_id": _project(d),
        "tags": _strs(d.get("tags")),
        "revision_number": as_int(d.get("revision_number")),
    }


def network(d: dict[str, Any]) -> Network:
    from pkgcloud.models.network import Network

    return Network(
        **_common(d),
        name=as_str(d.get("name")),
        status=as_str(d.get("status")),
        admin_state_up=as_bool(d.get("admin_state_up")),
        shared=as_bool(d.get("shared")),
        external=as_bool(d.get("router:external")),
        subnet_ids=_strs(d.get("subnets")),
        mtu=as_int(d.get("mtu")),
        port_security_enabled=as_bool(d.get("port_security_enabled")),
        network_type=as_str(d.get("provider:network_type")),
        physical_network=as_str(d.get("provider:physical_network")),
        segmentation_id=as_int(d.get("provider:segmentation_id")),
        availability_zones=_strs(d.get("availability_zones")),
        availability_zone_hints=_strs(d.get("availability_zone_hints")),
        dns_domain=as_str(d.get("dns_domain")),
        qos_policy_id=as_str(d.get("qos_policy_id")),
        is_default=as_bool(d.get("is_default")),
        created=_time(d.get("created_at")),
        updated=_time(d.get("updated_at")),
    )


def subnet(d: dict[str, Any]) -> Subnet:
    from pkgcloud.models.network import Subnet

    return Subnet(
        **_common(d),
        name=as_str(d.get("name")),
        network_id=as_str(d.get("network_id")),
        cidr=as_str(d.get("cidr")),
        ip_version=as_int(d.get("ip_version")),
        gateway_ip=as_str(d.get("gateway_ip")),
        enable_dhcp=as_bool(d.get("enable_dhcp")),
        dns_nameservers=_strs(d.get("dns_nameservers")),
        allocation_pools=as_dicts(d.get("allocation_pools")),
        host_routes=as_dicts(d.get("host_routes")),
        ipv6_ra_mode=as_str(d.get("ipv6_ra_mode")),
        ipv6_address_mode=as_str(d.get("ipv6_address_mode")),
        subnetpool_id=as_str(d.get("subnetpool_id")),
        service_types=_strs(d.get("service_types")),
        segment_id=as_str(d.get("segment_id")),
        dns_publish_fixed_ip=as_bool(d.get("dns_publish_fixed_ip")),
        created=_time(d.get("created_at")),
        updated=_time(d.get("updated_at")),
    )


def port(d: dict[str, Any]) -> Port:
    from pkgcloud.models.network import Port

    return Port(
        **_common(d),
        name=as_str(d.get("name")),
        network_id=as_str(d.get("network_id")),
        status=as_str(d.get("status")),
        admin_state_up=as_bool(d.get("admin_state_up")),
        mac_address=as_str(d.get("mac_address")),
        fixed_ips=as_dicts(d.get("fixed_ips")),
        device_id=as_str(d.get("device_id")),
        device_owner=as_str(d.get("device_owner")),
        security_group_ids=_strs(d.get("security_groups")),
        allowed_address_pairs=as_dicts(d.get("allowed_address_pairs")),
        port_security_enabled=as_bool(d.get("port_security_enabled")),
        binding_host_id=as_str(d.get("binding:host_id")),
        binding_vif_type=as_str(d.get("binding:vif_type")),
        binding_vnic_type=as_str(d.get("binding:vnic_type")),
        binding_profile=as_dict(d.get("binding:profile")),
        dns_name=as_str(d.get("dns_name")),
        extra_dhcp_opts=as_dicts(d.get("extra_dhcp_opts")),
        qos_policy_id=as_str(d.get("qos_policy_id")),
        created=_time(d.get("created_at")),
        updated=_time(d.get("updated_at")),
    )


def security_group_rule(d: dict[str, Any]) -> SecurityGroupRule:
    from pkgcloud.models.network import SecurityGroupRule

    return SecurityGroupRule(
        raw=d,
        id=_id(d),
        security_group_id=as_str(d.get("security_group_id")),
        direction=as_str(d.get("direction")),
        ethertype=as_str(d.get("ethertype")),
        protocol=as_str(d.get("protocol")),
        port_range_min=as_int(d.get("port_range_min")),
        port_range_max=as_int(d.get("port_range_max")),
        remote_ip_prefix=as_str(d.get("remote_ip_prefix")),
        remote_group_id=as_str(d.get("remote_group_id")),
        remote_address_group_id=as_str(d.get("remote_address_group_id")),
        normalized_cidr=as_str(d.get("normalized_cidr")),
        description=as_str(d.get("description")),
        project_id=_project(d),
        revision_number=as_int(d.get("revision_number")),
    )


def security_group(d: dict[str, Any]) -> SecurityGroup:
    from pkgcloud.models.network import SecurityGroup

    rules = []
    for item in as_dicts(d.get("security_group_rules")):
        try:
            rules.append(security_group_rule(item))
        except (KeyError, ValueError):  # a rule without an id is left out, the group is still read
            continue
    return SecurityGroup(
        **_common(d),
        name=as_str(d.get("name")),
        rules=rules,
        stateful=as_bool(d.get("stateful")),
        shared=as_bool(d.get("shared")),
    )


def router(d: dict[str, Any]) -> Router:
    from pkgcloud.models.network import Router

    gateway = d.get("external_gateway_info")
    gateway = dict(gateway) if isinstance(gateway, dict) else None
    return Router(
        **_common(d),
        name=as_str(d.get("name")),
        status=as_str(d.get("status")),
        admin_state_up=as_bool(d.get("admin_state_up")),
        external_gateway_info=gateway,
        external_network_id=as_str(gateway.get("network_id")) if gateway else None,
        routes=as_dicts(d.get("routes")),
        distributed=as_bool(d.get("distributed")),
        ha=as_bool(d.get("ha")),
        availability_zones=_strs(d.get("availability_zones")),
        availability_zone_hints=_strs(d.get("availability_zone_hints")),
        flavor_id=as_str(d.get("flavor_id")),
    )


def floating_ip(d: dict[str, Any]) -> FloatingIp:
    from pkgcloud.models.network import FloatingIp

    details = d.get("port_details")
    return FloatingIp(
        **_common(d),
        floating_ip_address=as_str(d.get("floating_ip_address")),
        fixed_ip_address=as_str(d.get("fixed_ip_address")),
        floating_network_id=as_str(d.get("floating_network_id")),
        port_id=as_str(d.get("port_id")),
        router_id=as_str(d.get("router_id")),
        status=as_str(d.get("status")),
        dns_name=as_str(d.get("dns_name")),
        dns_domain=as_str(d.get("dns_domain")),
        qos_policy_id=as_str(d.get("qos_policy_id")),
        port_details=dict(details) if isinstance(details, dict) else None,
    )


def router_interface(d: dict[str, Any]) -> RouterInterface:
    from pkgcloud.models.network import RouterInterface

    return RouterInterface(
        raw=d,
        router_id=_id(d),
        port_id=as_str(d.get("port_id")),
        subnet_id=as_str(d.get("subnet_id")),
        subnet_ids=_strs(d.get("subnet_ids")),
        network_id=as_str(d.get("network_id")),
        project_id=_project(d),
    )


def subnet_pool(d: dict[str, Any]) -> SubnetPool:
    from pkgcloud.models.network import SubnetPool

    return SubnetPool(
        **_common(d),
        name=as_str(d.get("name")),
        prefixes=_strs(d.get("prefixes")),
        ip_version=as_int(d.get("ip_version")),
        default_prefixlen=as_int(d.get("default_prefixlen")),
        min_prefixlen=as_int(d.get("min_prefixlen")),
        max_prefixlen=as_int(d.get("max_prefixlen")),
        default_quota=as_int(d.get("default_quota")),
        shared=as_bool(d.get("shared")),
        is_default=as_bool(d.get("is_default")),
        address_scope_id=as_str(d.get("address_scope_id")),
    )


def extension(d: dict[str, Any]) -> Extension:
    from pkgcloud.models.network import Extension

    alias = d["alias"]
    if not isinstance(alias, str) or not alias:
        raise ValueError("an extension's alias must be a non-empty string")
    return Extension(
        raw=d,
        alias=alias,
        name=as_str(d.get("name")),
        description=as_str(d.get("description")),
        updated=_time(d.get("updated")),
    )


def quota(d: dict[str, Any]) -> NetworkQuota:
    """``{"network": 100, ...}``, or with details ``{"network": {"limit": 100, "used": 1, "reserved": 0}}``."""
    from pkgcloud.models.network import NetworkQuota

    limits: dict[str, int] = {}
    used: dict[str, int] = {}
    reserved: dict[str, int] = {}
    for name, value in d.items():
        if isinstance(value, dict):
            for target, key in ((limits, "limit"), (used, "used"), (reserved, "reserved")):
                number = as_int(value.get(key))
                if number is not None:
                    target[name] = number
        else:
            number = as_int(value)
            if number is not None:
                limits[name] = number
    return NetworkQuota(raw=d, project_id=as_str(d.get("project_id")), limits=limits, used=used, reserved=reserved)
