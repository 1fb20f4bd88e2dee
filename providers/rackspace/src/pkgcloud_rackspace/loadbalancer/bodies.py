"""Cloud Load Balancers request bodies, checked before anything is sent.

The limits are the API's (Cloud Load Balancers v1.0 developer guide): names of at most 128
characters, node weights 1-100, at most 25 nodes per load balancer, bulk deletes of at most 10 ids,
at most 100 access-list entries per request; the protocols and algorithms it lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pkgcloud.bodies import check_bool, check_int, check_known, check_name, fields, require_some
from pkgcloud.errors import ValidationError

MAX_NAME = 128
MAX_NODES = 25
MAX_BULK_DELETE = 10
MAX_ACCESS_RULES = 100
MAX_PAGE = 100

PROTOCOLS = (
    "DNS_TCP", "DNS_UDP", "FTP", "HTTP", "HTTPS", "IMAPS", "IMAPv2", "IMAPv3", "IMAPv4", "LDAP", "LDAPS",
    "MYSQL", "POP3", "POP3S", "SFTP", "SMTP", "TCP", "TCP_CLIENT_FIRST", "UDP", "UDP_STREAM",
)  # fmt: skip
ALGORITHMS = ("LEAST_CONNECTIONS", "RANDOM", "ROUND_ROBIN", "WEIGHTED_LEAST_CONNECTIONS", "WEIGHTED_ROUND_ROBIN")
CONDITIONS = ("ENABLED", "DISABLED", "DRAINING")
NODE_TYPES = ("PRIMARY", "SECONDARY")
VIP_TYPES = ("PUBLIC", "SERVICENET")
IP_VERSIONS = ("IPV4", "IPV6")
MONITOR_TYPES = ("CONNECT", "HTTP", "HTTPS")
PERSISTENCE_TYPES = ("HTTP_COOKIE", "SOURCE_IP")
ACCESS_TYPES = ("ALLOW", "DENY")

NODE_FIELDS = ("address", "port", "condition", "type", "weight")
NODE_UPDATE_FIELDS = ("condition", "type", "weight")


def one_of(value: Any, choices: Sequence[str], what: str) -> str | None:
    if value is None:
        return None
    if value not in choices:
        raise ValidationError(f"{what} must be one of {', '.join(choices)}, not {value!r}")
    return str(value)


def check_lb_name(name: Any) -> str:
    return check_name(name, "load balancer name", max_length=MAX_NAME)


def check_port(port: Any, what: str = "port") -> int | None:
    return check_int(port, what, minimum=1, maximum=65535)


def check_weight(weight: Any) -> int | None:
    return check_int(weight, "node weight", minimum=1, maximum=100)


def check_ids(items: Sequence[Any], what: str) -> None:
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Sequence) or not items:
        raise ValidationError(f"{what} must be a non-empty list")


def node(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A node to add: ``address`` and ``port`` (required), ``condition``, ``type``, ``weight``."""
    if not isinstance(spec, Mapping):
        raise ValidationError(f"a node is a mapping of {', '.join(NODE_FIELDS)}, not {type(spec).__name__}")
    check_known(spec, NODE_FIELDS, "a node", kind="field")
    port = check_port(spec.get("port"), "node port")
    if port is None:
        raise ValidationError("a node needs a port (1-65535)")
    return fields(
        address=check_name(spec.get("address"), "node address"),
        port=port,
        condition=one_of(spec.get("condition"), CONDITIONS, "node condition"),
        type=one_of(spec.get("type"), NODE_TYPES, "node type"),
        weight=check_weight(spec.get("weight")),
    )


def nodes(specs: Sequence[Mapping[str, Any]], *, allow_empty: bool = False) -> list[dict[str, Any]]:
    if isinstance(specs, (str, bytes, Mapping)) or not isinstance(specs, Sequence):
        raise ValidationError(f"nodes must be a list of mappings, not {type(specs).__name__}")
    if not specs and not allow_empty:
        raise ValidationError("nodes must not be empty")
    if len(specs) > MAX_NODES:
        raise ValidationError(f"{len(specs)} nodes; a load balancer takes at most {MAX_NODES}")
    return [node(s) for s in specs]


def node_update(spec: Mapping[str, Any]) -> dict[str, Any]:
    for fixed in ("address", "port", "id"):
        if fixed in spec:
            raise ValidationError(f"a node's {fixed} cannot be changed: remove the node and add a new one")
    check_known(spec, NODE_UPDATE_FIELDS, "update_node", kind="field")
    require_some({k: spec.get(k) for k in NODE_UPDATE_FIELDS}, "update_node")
    return fields(
        condition=one_of(spec.get("condition"), CONDITIONS, "node condition"),
        type=one_of(spec.get("type"), NODE_TYPES, "node type"),
        weight=check_weight(spec.get("weight")),
    )


def virtual_ip(spec: Any) -> dict[str, Any]:
    """``"PUBLIC"``/``"SERVICENET"``, ``{"type": ..., "ip_version": ...}``, or ``{"id": n}`` (a shared VIP)."""
    if isinstance(spec, str):
        return {"type": one_of(spec, VIP_TYPES, "virtual IP type")}
    if not isinstance(spec, Mapping):
        raise ValidationError(f"a virtual IP is 'PUBLIC', 'SERVICENET' or a mapping, not {type(spec).__name__}")
    check_known(spec, ("id", "type", "ip_version"), "a virtual IP", kind="field")
    if spec.get("id") is not None:
        if spec.get("type") is not None or spec.get("ip_version") is not None:
            raise ValidationError("a shared virtual IP is given by its id alone")
        vip_id = check_int(spec["id"], "virtual IP id", minimum=1)
        return {"id": vip_id}
    kind = one_of(spec.get("type"), VIP_TYPES, "virtual IP type")
    if kind is None:
        raise ValidationError("a virtual IP needs a type: PUBLIC or SERVICENET")
    return fields(type=kind, ipVersion=one_of(spec.get("ip_version"), IP_VERSIONS, "ip_version"))


def metadata(values: Mapping[str, Any]) -> list[dict[str, str]]:
    if not isinstance(values, Mapping):
        raise ValidationError(f"metadata must be a mapping of keys to values, not {type(values).__name__}")
    out = []
    for key, value in values.items():
        check_name(key, "metadata key", max_length=256)
        if not isinstance(value, str):
            raise ValidationError(f"metadata value of {key!r} must be a string, not {value!r}")
        if len(value) > 256:
            raise ValidationError(f"metadata value of {key!r} is {len(value)} characters long; the API allows 256")
        out.append({"key": key, "value": value})
    return out


def health_monitor(
    type: Any,
    *,
    delay: Any,
    timeout: Any,
    attempts_before_deactivation: Any,
    path: Any = None,
    status_regex: Any = None,
    body_regex: Any = None,
    host_header: Any = None,
) -> dict[str, Any]:
    kind = one_of(type, MONITOR_TYPES, "health monitor type")
    if kind is None:
        raise ValidationError("a health monitor needs a type: CONNECT, HTTP or HTTPS")
    http = {"path": path, "statusRegex": status_regex, "bodyRegex": body_regex, "hostHeader": host_header}
    if kind == "CONNECT" and any(v is not None for v in http.values()):
        raise ValidationError("path, status_regex, body_regex and host_header are for HTTP and HTTPS monitors")
    if kind != "CONNECT" and (path is None or status_regex is None):
        raise ValidationError(f"an {kind} health monitor needs path and status_regex")
    body = fields(
        type=kind,
        delay=check_int(delay, "delay", minimum=1, maximum=3600),
        timeout=check_int(timeout, "timeout", minimum=1, maximum=300),
        attemptsBeforeDeactivation=check_int(
            attempts_before_deactivation, "attempts_before_deactivation", minimum=1, maximum=10
        ),
    )
    for key in ("delay", "timeout", "attemptsBeforeDeactivation"):
        if key not in body:
            raise ValidationError("a health monitor needs delay, timeout and attempts_before_deactivation")
    for key, value in http.items():
        if value is not None:
            body[key] = check_name(value, key)
    return body


def connection_throttle(
    *,
    max_connections: Any = None,
    min_connections: Any = None,
    max_connection_rate: Any = None,
    rate_interval: Any = None,
) -> dict[str, Any]:
    body = fields(
        maxConnections=check_int(max_connections, "max_connections", minimum=0, maximum=100000),
        minConnections=check_int(min_connections, "min_connections", minimum=0, maximum=1000),
        maxConnectionRate=check_int(max_connection_rate, "max_connection_rate", minimum=0, maximum=100000),
        rateInterval=check_int(rate_interval, "rate_interval", minimum=1, maximum=3600),
    )
    require_some(body, "set_connection_throttle")
    return body


def access_rules(rules: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(rules, (str, bytes, Mapping)) or not isinstance(rules, Sequence) or not rules:
        raise ValidationError("access rules must be a non-empty list of {'address': ..., 'type': 'ALLOW'|'DENY'}")
    if len(rules) > MAX_ACCESS_RULES:
        raise ValidationError(f"{len(rules)} access rules; the API takes at most {MAX_ACCESS_RULES}")
    out = []
    for rule in rules:
        if not isinstance(rule, Mapping):
            raise ValidationError(f"an access rule is a mapping of address and type, not {type(rule).__name__}")
        check_known(rule, ("address", "type"), "an access rule", kind="field")
        kind = one_of(rule.get("type"), ACCESS_TYPES, "access rule type")
        if kind is None:
            raise ValidationError("an access rule needs a type: ALLOW or DENY")
        out.append({"address": check_name(rule.get("address"), "access rule address"), "type": kind})
    return out


def ssl_termination(
    *,
    certificate: Any,
    private_key: Any,
    intermediate_certificate: Any = None,
    enabled: Any = None,
    secure_port: Any = None,
    secure_traffic_only: Any = None,
) -> dict[str, Any]:
    for what, value in (("certificate", certificate), ("private_key", private_key)):
        if not isinstance(value, str) or "-----BEGIN" not in value:
            raise ValidationError(f"{what} must be PEM text ('-----BEGIN ...'), not {type(value).__name__}")
    if intermediate_certificate is not None and (
        not isinstance(intermediate_certificate, str) or "-----BEGIN" not in intermediate_certificate
    ):
        raise ValidationError("intermediate_certificate must be PEM text ('-----BEGIN ...')")
    return fields(
        certificate=certificate,
        privatekey=private_key,
        intermediateCertificate=intermediate_certificate,
        enabled=check_bool(enabled, "enabled"),
        securePort=check_port(secure_port, "secure_port"),
        secureTrafficOnly=check_bool(secure_traffic_only, "secure_traffic_only"),
    )


LB_UPDATE_FIELDS = ("name", "algorithm", "protocol", "port", "timeout", "half_closed", "https_redirect")


def load_balancer_update(spec: Mapping[str, Any]) -> dict[str, Any]:
    check_known(spec, LB_UPDATE_FIELDS, "update_load_balancer", kind="field")
    require_some({k: spec.get(k) for k in LB_UPDATE_FIELDS}, "update_load_balancer")
    name = spec.get("name")
    return fields(
        name=check_lb_name(name) if name is not None else None,
        algorithm=one_of(spec.get("algorithm"), ALGORITHMS, "algorithm"),
        protocol=one_of(spec.get("protocol"), PROTOCOLS, "protocol"),
        port=check_port(spec.get("port")),
        timeout=check_int(spec.get("timeout"), "timeout (seconds)", minimum=30, maximum=120),
        halfClosed=check_bool(spec.get("half_closed"), "half_closed"),
        httpsRedirect=check_bool(spec.get("https_redirect"), "https_redirect"),
    )


def load_balancer_create(
    name: Any,
    *,
    protocol: Any,
    port: Any,
    virtual_ips: Sequence[Any],
    nodes_: Sequence[Mapping[str, Any]] | None,
    algorithm: Any = None,
    timeout: Any = None,
    half_closed: Any = None,
    https_redirect: Any = None,
    metadata_: Mapping[str, Any] | None = None,
    health_monitor_: Mapping[str, Any] | None = None,
    session_persistence: Any = None,
    connection_logging: Any = None,
    content_caching: Any = None,
    connection_throttle_: Mapping[str, Any] | None = None,
    access_list: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    proto = one_of(protocol, PROTOCOLS, "protocol")
    if proto is None:
        raise ValidationError(f"a load balancer needs a protocol: one of {', '.join(PROTOCOLS)}")
    the_port = check_port(port)
    if the_port is None:
        raise ValidationError("a load balancer needs a port (1-65535)")
    if isinstance(virtual_ips, (str, bytes, Mapping)) or not isinstance(virtual_ips, Sequence) or not virtual_ips:
        raise ValidationError("virtual_ips must be a non-empty list ('PUBLIC', 'SERVICENET', {'id': n}...)")
    body = fields(
        name=check_lb_name(name),
        protocol=proto,
        port=the_port,
        virtualIps=[virtual_ip(v) for v in virtual_ips],
        nodes=nodes(nodes_, allow_empty=True) if nodes_ is not None else None,
        algorithm=one_of(algorithm, ALGORITHMS, "algorithm"),
        timeout=check_int(timeout, "timeout (seconds)", minimum=30, maximum=120),
        halfClosed=check_bool(half_closed, "half_closed"),
        httpsRedirect=check_bool(https_redirect, "https_redirect"),
        metadata=metadata(metadata_) if metadata_ is not None else None,
        connectionLogging={"enabled": check_bool(connection_logging, "connection_logging")}
        if connection_logging is not None
        else None,
        contentCaching={"enabled": check_bool(content_caching, "content_caching")}
        if content_caching is not None
        else None,
        accessList=access_rules(access_list) if access_list is not None else None,
    )
    if health_monitor_ is not None:
        spec = dict(health_monitor_)
        check_known(spec, _MONITOR_FIELDS, "health_monitor", kind="field")
        body["healthMonitor"] = health_monitor(
            spec.pop("type", None),
            delay=spec.pop("delay", None),
            timeout=spec.pop("timeout", None),
            attempts_before_deactivation=spec.pop("attempts_before_deactivation", None),
            **spec,
        )
    if session_persistence is not None:
        kind = one_of(session_persistence, PERSISTENCE_TYPES, "session_persistence")
        body["sessionPersistence"] = {"persistenceType": kind}
    if connection_throttle_ is not None:
        spec = dict(connection_throttle_)
        check_known(spec, _THROTTLE_FIELDS, "connection_throttle", kind="field")
        body["connectionThrottle"] = connection_throttle(**spec)
    return body


_MONITOR_FIELDS = (
    "type", "delay", "timeout", "attempts_before_deactivation", "path", "status_regex", "body_regex", "host_header",
)  # fmt: skip
_THROTTLE_FIELDS = ("max_connections", "min_connections", "max_connection_rate", "rate_interval")
