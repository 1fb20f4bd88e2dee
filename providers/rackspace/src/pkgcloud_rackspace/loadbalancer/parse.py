"""Cloud Load Balancers JSON to pkgcloud's models (models are imported when a function runs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pkgcloud.values import as_bool, as_dict, as_dicts, as_int, as_str

if TYPE_CHECKING:
    from pkgcloud.models.loadbalancer import (
        AccessRule,
        ConnectionThrottle,
        HealthMonitor,
        LoadBalancer,
        Node,
        Protocol,
        SslTermination,
        VirtualIp,
    )


def _required_id(d: Mapping[str, Any]) -> str:
    found = as_str(d["id"])
    if not found:
        raise KeyError("id")
    return found


def _time(value: Any) -> Any:
    from pkgcloud.models.base import parse_time

    # {"time": "2010-11-30T03:23:42Z"}
    return parse_time(as_dict(value).get("time") if isinstance(value, Mapping) else value)


def metadata(value: Any) -> dict[str, str]:
    """``[{"id": 1, "key": "color", "value": "red"}]`` -> ``{"color": "red"}``."""
    out: dict[str, str] = {}
    for item in as_dicts(value):
        key = as_str(item.get("key"))
        if key is not None:
            out[key] = as_str(item.get("value")) or ""
    return out


def node(d: dict[str, Any]) -> Node:
    from pkgcloud.models.loadbalancer import Node

    return Node(
        id=_required_id(d),
        address=as_str(d.get("address")),
        port=as_int(d.get("port")),
        condition=as_str(d.get("condition")),
        type=as_str(d.get("type")),
        weight=as_int(d.get("weight")),
        status=as_str(d.get("status")),
        metadata=metadata(d.get("metadata")),
        raw=d,
    )


def virtual_ip(d: dict[str, Any]) -> VirtualIp:
    from pkgcloud.models.loadbalancer import VirtualIp

    return VirtualIp(
        id=_required_id(d),
        address=as_str(d.get("address")),
        type=as_str(d.get("type")),
        ip_version=as_str(d.get("ipVersion")),
        raw=d,
    )


def health_monitor(d: dict[str, Any]) -> HealthMonitor:
    from pkgcloud.models.loadbalancer import HealthMonitor

    return HealthMonitor(
        type=as_str(d.get("type")),
        delay=as_int(d.get("delay")),
        timeout=as_int(d.get("timeout")),
        attempts_before_deactivation=as_int(d.get("attemptsBeforeDeactivation")),
        path=as_str(d.get("path")),
        status_regex=as_str(d.get("statusRegex")),
        body_regex=as_str(d.get("bodyRegex")),
        host_header=as_str(d.get("hostHeader")),
        raw=d,
    )


def access_rule(d: dict[str, Any]) -> AccessRule:
    from pkgcloud.models.loadbalancer import AccessRule

    return AccessRule(id=as_str(d.get("id")), address=as_str(d.get("address")), type=as_str(d.get("type")), raw=d)


def connection_throttle(d: dict[str, Any]) -> ConnectionThrottle:
    from pkgcloud.models.loadbalancer import ConnectionThrottle

    return ConnectionThrottle(
        max_connections=as_int(d.get("maxConnections")),
        min_connections=as_int(d.get("minConnections")),
        max_connection_rate=as_int(d.get("maxConnectionRate")),
        rate_interval=as_int(d.get("rateInterval")),
        raw=d,
    )


def ssl_termination(d: dict[str, Any]) -> SslTermination:
    from pkgcloud.models.loadbalancer import SslTermination

    safe = {k: v for k, v in d.items() if k.lower() != "privatekey"}  # never kept, not even in raw
    return SslTermination(
        enabled=as_bool(d.get("enabled")),
        secure_port=as_int(d.get("securePort")),
        secure_traffic_only=as_bool(d.get("secureTrafficOnly")),
        certificate=as_str(d.get("certificate")),
        intermediate_certificate=as_str(d.get("intermediateCertificate")),
        raw=safe,
    )


def protocol(d: dict[str, Any]) -> Protocol:
    from pkgcloud.models.loadbalancer import Protocol

    name = as_str(d["name"])
    if not name:
        raise KeyError("name")
    return Protocol(name=name, port=as_int(d.get("port")), raw=d)


def load_balancer(d: dict[str, Any]) -> LoadBalancer:
    from pkgcloud.models.loadbalancer import LoadBalancer

    monitor = d.get("healthMonitor")
    throttle = d.get("connectionThrottle")
    ssl = d.get("sslTermination")
    persistence = as_dict(d.get("sessionPersistence")).get("persistenceType")
    raw = dict(d)
    if isinstance(ssl, Mapping):
        raw["sslTermination"] = {k: v for k, v in ssl.items() if str(k).lower() != "privatekey"}
    return LoadBalancer(
        id=_required_id(d),
        name=as_str(d.get("name")),
        status=as_str(d.get("status")),
        protocol=as_str(d.get("protocol")),
        port=as_int(d.get("port")),
        algorithm=as_str(d.get("algorithm")),
        timeout=as_int(d.get("timeout")),
        half_closed=as_bool(d.get("halfClosed")),
        https_redirect=as_bool(d.get("httpsRedirect")),
        nodes=[node(n) for n in as_dicts(d.get("nodes")) if as_str(n.get("id"))],
        node_count=as_int(d.get("nodeCount")),
        virtual_ips=[virtual_ip(v) for v in as_dicts(d.get("virtualIps")) if as_str(v.get("id"))],
        health_monitor=health_monitor(dict(monitor)) if isinstance(monitor, Mapping) and monitor else None,
        session_persistence=as_str(persistence),
        connection_logging=as_bool(as_dict(d.get("connectionLogging")).get("enabled")),
        content_caching=as_bool(as_dict(d.get("contentCaching")).get("enabled")),
        connection_throttle=connection_throttle(dict(throttle)) if isinstance(throttle, Mapping) and throttle else None,
        access_list=[access_rule(a) for a in as_dicts(d.get("accessList"))],
        ssl_termination=ssl_termination(dict(ssl)) if isinstance(ssl, Mapping) and ssl else None,
        metadata=metadata(d.get("metadata")),
        source_addresses={k: str(v) for k, v in as_dict(d.get("sourceAddresses")).items() if as_str(v)},
        cluster=as_str(as_dict(d.get("cluster")).get("name")),
        created=_time(d.get("created")),
        updated=_time(d.get("updated")),
        raw=raw,
    )
