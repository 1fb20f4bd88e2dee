"""Load balancer models: the balancer, its nodes, virtual IPs and the settings it carries."""

from __future__ import annotations

import datetime as _dt

from attr import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class Node(Model):
    """A back-end node. ``condition`` is ENABLED, DISABLED or DRAINING; ``type`` PRIMARY or SECONDARY;
    ``status`` (ONLINE, OFFLINE...) is what the health monitor sees."""

    id: str
    address: str | None = None
    port: int | None = None
    condition: str | None = None
    type: str | None = None
    weight: int | None = None
    status: str | None = None
    metadata: dict[str, str] = field(factory=dict)


@define(kw_only=True)
class VirtualIp(Model):
    """A virtual IP: ``type`` PUBLIC or SERVICENET, ``ip_version`` IPV4 or IPV6."""

    id: str
    address: str | None = None
    type: str | None = None
    ip_version: str | None = None


@define(kw_only=True)
class HealthMonitor(Model):
    """How nodes are checked: ``type`` CONNECT, HTTP or HTTPS (the HTTP fields only for the last two).
    An empty monitor (none configured) has ``type`` None."""

    type: str | None = None
    delay: int | None = None
    timeout: int | None = None
    attempts_before_deactivation: int | None = None
    path: str | None = None
    status_regex: str | None = None
    body_regex: str | None = None
    host_header: str | None = None


@define(kw_only=True)
class AccessRule(Model):
    """One access-list entry: ``address`` (an IP or a CIDR) and ``type`` ALLOW or DENY."""

    id: str | None = None
    address: str | None = None
    type: str | None = None


@define(kw_only=True)
class ConnectionThrottle(Model):
    """Connection limits per source IP (all None: no throttle configured)."""

    max_connections: int | None = None
    min_connections: int | None = None
    max_connection_rate: int | None = None
    rate_interval: int | None = None


@define(kw_only=True)
class SslTermination(Model):
    """SSL termination: ``certificate`` is public; the private key is never kept in the model."""

    enabled: bool | None = None
    secure_port: int | None = None
    secure_traffic_only: bool | None = None
    certificate: str | None = None
    intermediate_certificate: str | None = None


@define(kw_only=True)
class Protocol(Model):
    """A protocol a load balancer may use, with its default port (0: none)."""

    name: str
    port: int | None = None


@define(kw_only=True)
class LoadBalancer(Model):
    """A load balancer. ``status`` is ACTIVE, BUILD, PENDING_UPDATE, PENDING_DELETE, DELETED, ERROR or
    SUSPENDED; a list shows fewer fields than a get (``node_count`` instead of ``nodes``)."""

    id: str
    name: str | None = None
    status: str | None = None
    protocol: str | None = None
    port: int | None = None
    algorithm: str | None = None
    timeout: int | None = None
    half_closed: bool | None = None
    https_redirect: bool | None = None
    nodes: list[Node] = field(factory=list)
    node_count: int | None = None
    virtual_ips: list[VirtualIp] = field(factory=list)
    health_monitor: HealthMonitor | None = None
    session_persistence: str | None = None
    connection_logging: bool | None = None
    content_caching: bool | None = None
    connection_throttle: ConnectionThrottle | None = None
    access_list: list[AccessRule] = field(factory=list)
    ssl_termination: SslTermination | None = None
    metadata: dict[str, str] = field(factory=dict)
    source_addresses: dict[str, str] = field(factory=dict)
    cluster: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None
