"""Request bodies and list queries for Neutron, checked before anything is sent.

Each resource declares its writable fields once (:class:`Field`): the Python keyword, Neutron's name
(``external`` is ``router:external``, ``vnic_type`` is ``binding:vnic_type``), the check, and whether
it can only be given at creation. A body carries exactly what the caller set (``None`` is not sent;
``False``, ``0``, ``[]`` and ``""`` are; :data:`~pkgcloud.bodies.NULL` is an explicit ``null``), so
read-only fields (a port's ``status``) and policy-restricted ones (``enable_snat``,
``external_fixed_ips``, ``binding:*``) never go out unless asked for.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pkgcloud.bodies import MAX_NAME, NULL, check_known, query_value, ref, ref_id
from pkgcloud.errors import ValidationError

Check = Callable[[Any, str], Any]


class Field:
    """One writable attribute: its keyword, Neutron's name, its check; ``create_only`` fields are
    refused by updates; ``nullable`` ones take :data:`NULL`."""

    __slots__ = ("api", "check", "create_only", "name", "nullable")

    def __init__(
        self, name: str, check: Check, *, api: str | None = None, create_only: bool = False, nullable: bool = False
    ) -> None:
        self.name = name
        self.api = api or name
        self.check = check
        self.create_only = create_only
        self.nullable = nullable


# -- checks --------------------------------------------------------------------------------------


def text(value: Any, what: str) -> str:
    """A string (empty allowed: Neutron names and descriptions may be empty) of at most 255 characters."""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be a string, not {type(value).__name__}")
    if len(value) > MAX_NAME:
        raise ValidationError(f"{what} is {len(value)} characters long; Neutron allows {MAX_NAME}")
    return value


def long_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be a string, not {type(value).__name__}")
    return value


def boolean(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(f"{what} must be True or False, not {value!r}")
    return value


def integer(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{what} must be a whole number, not {value!r}")
    return value


def an_id(value: Any, what: str) -> str:
    return ref_id(value, what.removesuffix("_id"))


def strings(value: Any, what: str) -> list[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError(f"{what} must be a list of strings, not {type(value).__name__}")
    out = list(value)
    for item in out:
        if not isinstance(item, str):
            raise ValidationError(f"{what} must be a list of strings; {item!r} is a {type(item).__name__}")
    return out


def ids(value: Any, what: str) -> list[str]:
    """A list of models or ids (``security_groups``)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError(f"{what} must be a list of models or ids, not {type(value).__name__}")
    return [ref_id(item, what.rstrip("s")) for item in value]


def ip_address(value: Any, what: str) -> str:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise ValidationError(f"{what} must be an IP address such as '10.0.0.1' or 'fd00::1', not {value!r}") from None


def ip_addresses(value: Any, what: str) -> list[str]:
    return [ip_address(item, f"an item of {what}") for item in strings(value, what)]


def cidr(value: Any, what: str = "cidr") -> str:
    """A network in CIDR notation (``10.0.0.0/24``); one with host bits set names the right network."""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be a network such as '10.0.0.0/24', not {type(value).__name__}")
    try:
        return str(ipaddress.ip_network(value, strict=True))
    except ValueError:
        pass
    try:
        loose = ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise ValidationError(f"{what} must be a network such as '10.0.0.0/24' or 'fd00::/64', not {value!r}") from None
    raise ValidationError(f"{what} {value!r} is not a network (its host bits are set): the network is {str(loose)!r}")


def dicts(keys: Iterable[str], required: Iterable[str] = (), checks: Mapping[str, Check] | None = None) -> Check:
    """A list of mappings with these keys (``allocation_pools``: ``start`` and ``end``)."""
    allowed = frozenset(keys)
    needed = tuple(required)
    per_key = dict(checks or {})

    def check(value: Any, what: str) -> list[dict[str, Any]]:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
            raise ValidationError(f"{what} must be a list of mappings with {', '.join(sorted(allowed))}")
        out = []
        for item in value:
            if not isinstance(item, Mapping):
                raise ValidationError(f"each item of {what} must be a mapping, not {type(item).__name__}")
            check_known(item, allowed, what, kind="key")
            missing = [k for k in needed if item.get(k) is None]
            if missing:
                raise ValidationError(f"each item of {what} needs {', '.join(needed)}; {missing[0]!r} is missing")
            entry = {}
            for key, inner in item.items():
                if inner is None:
                    continue
                entry[key] = per_key[key](inner, f"{what}[].{key}") if key in per_key else inner
            out.append(entry)
        return out

    return check


def one_of(*choices: Any) -> Check:
    def check(value: Any, what: str) -> Any:
        if isinstance(value, bool) or value not in choices:
            raise ValidationError(f"{what} must be one of {', '.join(map(repr, choices))}, not {value!r}")
        return value

    return check


def mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(f"{what} must be a mapping, not {type(value).__name__}")
    return dict(value)


def port_number(value: Any, what: str) -> int:
    number = integer(value, what)
    if not 0 <= number <= 65535:
        raise ValidationError(f"{what} must be between 0 and 65535, not {number}")
    return number


def subnet_ref(value: Any, what: str) -> str:
    return ref_id(value, "subnet")


# -- the resources' fields -------------------------------------------------------------------------

_STANDARD = (Field("description", long_text), Field("project_id", an_id, create_only=True))

NETWORK = (
    Field("name", text),
    Field("admin_state_up", boolean),
    Field("shared", boolean),
    Field("external", boolean, api="router:external"),
    Field("port_security_enabled", boolean),
    Field("mtu", integer),
    Field("dns_domain", text),
    Field("availability_zone_hints", strings, create_only=True),
    Field("qos_policy_id", an_id, nullable=True),
    Field("is_default", boolean),
    Field("network_type", text, api="provider:network_type"),
    Field("physical_network", text, api="provider:physical_network"),
    Field("segmentation_id", integer, api="provider:segmentation_id"),
    Field("segments", dicts(("provider:network_type", "provider:physical_network", "provider:segmentation_id"))),
    *_STANDARD,
)

_POOLS = dicts(("start", "end"), ("start", "end"), {"start": ip_address, "end": ip_address})
_ROUTES = dicts(("destination", "nexthop"), ("destination", "nexthop"), {"destination": cidr, "nexthop": ip_address})
_IPV6_MODES = ("slaac", "dhcpv6-stateful", "dhcpv6-stateless")

SUBNET = (
    Field("name", text),
    Field("ip_version", one_of(4, 6), create_only=True),
    Field("cidr", cidr, create_only=True),
    Field("gateway_ip", ip_address, nullable=True),
    Field("enable_dhcp", boolean),
    Field("dns_nameservers", ip_addresses),
    Field("allocation_pools", _POOLS),
    Field("host_routes", _ROUTES),
    Field("ipv6_ra_mode", one_of(*_IPV6_MODES), create_only=True),
    Field("ipv6_address_mode", one_of(*_IPV6_MODES), create_only=True),
    Field("subnetpool", an_id, api="subnetpool_id", create_only=True),
    Field("prefixlen", integer, create_only=True),
    Field("use_default_subnetpool", boolean, create_only=True),
    Field("service_types", strings),
    Field("segment_id", an_id, nullable=True),
    Field("dns_publish_fixed_ip", boolean),
    *_STANDARD,
)

_FIXED_IPS = dicts(("subnet_id", "ip_address"), (), {"subnet_id": subnet_ref, "ip_address": ip_address})
_PAIRS = dicts(("ip_address", "mac_address"), ("ip_address",))

PORT = (
    Field("name", text),
    Field("admin_state_up", boolean),
    Field("mac_address", text),
    Field("fixed_ips", _FIXED_IPS),
    Field("device_id", text),
    Field("device_owner", text),
    Field("security_groups", ids),
    Field("allowed_address_pairs", _PAIRS),
    Field("port_security_enabled", boolean),
    Field("vnic_type", text, api="binding:vnic_type"),
    Field("host_id", text, api="binding:host_id"),
    Field("binding_profile", mapping, api="binding:profile"),
    Field("dns_name", text),
    Field("dns_domain", text),
    Field("extra_dhcp_opts", dicts(("opt_name", "opt_value", "ip_version"), ("opt_name",))),
    Field("qos_policy_id", an_id, nullable=True),
    Field("propagate_uplink_status", boolean),
    Field("numa_affinity_policy", text, nullable=True),
    *_STANDARD,
)

SECURITY_GROUP = (
    Field("name", text),
    Field("stateful", boolean),
    *_STANDARD,
)

RULE = (
    Field("direction", one_of("ingress", "egress")),
    Field("ethertype", one_of("IPv4", "IPv6")),
    Field("protocol", text),
    Field("port_range_min", port_number),
    Field("port_range_max", port_number),
    Field("remote_ip_prefix", cidr),
    Field("remote_group", an_id, api="remote_group_id"),
    Field("remote_address_group", an_id, api="remote_address_group_id"),
    *_STANDARD,
)

_GATEWAY_IPS = dicts(("subnet_id", "ip_address"), (), {"subnet_id": subnet_ref, "ip_address": ip_address})

ROUTER = (
    Field("name", text),
    Field("admin_state_up", boolean),
    Field("distributed", boolean),
    Field("ha", boolean),
    Field("availability_zone_hints", strings, create_only=True),
    Field("flavor_id", an_id, create_only=True),
    Field("routes", _ROUTES),
    *_STANDARD,
)

FLOATING_IP = (
    Field("port", an_id, api="port_id", nullable=True),
    Field("fixed_ip_address", ip_address, nullable=True),
    Field("floating_ip_address", ip_address, create_only=True),
    Field("subnet", subnet_ref, api="subnet_id", create_only=True),
    Field("dns_name", text, create_only=True),
    Field("dns_domain", text, create_only=True),
    Field("qos_policy_id", an_id, nullable=True),
    *_STANDARD,
)

SUBNET_POOL = (
    Field("name", text),
    Field("prefixes", lambda v, w: [cidr(p, f"an item of {w}") for p in strings(v, w)]),
    Field("default_prefixlen", integer),
    Field("min_prefixlen", integer),
    Field("max_prefixlen", integer),
    Field("default_quota", integer),
    Field("shared", boolean, create_only=True),
    Field("is_default", boolean),
    Field("address_scope_id", an_id, nullable=True),
    *_STANDARD,
)


def body(
    fields: tuple[Field, ...], given: Mapping[str, Any], operation: str, *, update: bool = False
) -> dict[str, Any]:
    """The body of ``operation`` from the keywords ``given``: unknown ones refused, each checked."""
    table = {f.name: f for f in fields}
    # Neutron's own spelling is accepted too (``**{"router:external": True}``)
    by_api = {f.api: f for f in fields if f.api != f.name}
    names = [by_api[k].name if k in by_api else k for k in given]
    check_known(names, table, operation)
    out: dict[str, Any] = {}
    for key, value in given.items():
        if value is None:
            continue
        spec = by_api.get(key) or table[key]
        if update and spec.create_only:
            raise ValidationError(f"{operation}: {spec.name} can only be set when creating, not changed")
        if value is NULL:
            if not spec.nullable:
                raise ValidationError(f"{operation}: {spec.name} cannot be null (NULL is for fields Neutron can clear)")
            out[spec.api] = None
            continue
        out[spec.api] = spec.check(value, spec.name)
    return out


def check_subnet(
    cidr_value: str | None, ip_version: Any, gateway_ip: Any, pool: Any, default_pool: Any
) -> tuple[str | None, int]:
    """A subnet's ``cidr`` and ``ip_version`` agree, and it has an address source."""
    network = cidr(cidr_value) if cidr_value is not None else None
    if network is None and pool is None and not default_pool:
        raise ValidationError(
            "create_subnet needs a cidr ('10.0.0.0/24'), or subnetpool= (a subnet pool, with prefixlen= "
            "optionally) or use_default_subnetpool=True"
        )
    version = ip_version
    if version is None:
        if network is not None:
            version = ipaddress.ip_network(network).version
        else:
            version = getattr(pool, "ip_version", None) or 4
    if version not in (4, 6) or isinstance(version, bool):
        raise ValidationError(f"ip_version must be 4 or 6, not {version!r}")
    if network is not None and ipaddress.ip_network(network).version != version:
        raise ValidationError(
            f"cidr {network!r} is an IPv{ipaddress.ip_network(network).version} network, but ip_version is {version}"
        )
    if isinstance(gateway_ip, str):
        gateway = ipaddress.ip_address(ip_address(gateway_ip, "gateway_ip"))
        if gateway.version != version:
            raise ValidationError(
                f"gateway_ip {gateway_ip!r} is an IPv{gateway.version} address in an IPv{version} subnet"
            )
    return network, int(version)


def check_port_range(low: Any, high: Any, protocol: Any) -> None:
    if (
        isinstance(low, int)
        and isinstance(high, int)
        and low > high
        and protocol not in ("icmp", "ipv6-icmp", "1", "58")
    ):
        raise ValidationError(f"port_range_min ({low}) is above port_range_max ({high})")


def gateway(network_id: str, enable_snat: Any = None, external_fixed_ips: Any = None) -> dict[str, Any]:
    """``external_gateway_info``: ``enable_snat`` and ``external_fixed_ips`` only when set (admin-only
    by default policy, even at their default values)."""
    info: dict[str, Any] = {"network_id": network_id}
    if enable_snat is not None:
        info["enable_snat"] = boolean(enable_snat, "enable_snat")
    if external_fixed_ips is not None:
        info["external_fixed_ips"] = _GATEWAY_IPS(external_fixed_ips, "external_fixed_ips")
    return info


# -- list queries ----------------------------------------------------------------------------------

# attributes every standard resource can be filtered by, beside its writable fields
_READ = ("id", "project_id", "tenant_id", "revision_number", "created_at", "updated_at", "description")
TAG_FILTERS = {"tags": "tags", "tags_any": "tags-any", "not_tags": "not-tags", "not_tags_any": "not-tags-any"}

FILTERS: dict[str, tuple[str, ...]] = {
    "networks": (
        *_READ,
        "name",
        "status",
        "admin_state_up",
        "shared",
        "router:external",
        "mtu",
        "is_default",
        "provider:network_type",
        "provider:physical_network",
        "provider:segmentation_id",
        "port_security_enabled",
        "qos_policy_id",
        "availability_zone_hints",
        "dns_domain",
    ),
    "subnets": (
        *_READ,
        "name",
        "network_id",
        "cidr",
        "ip_version",
        "gateway_ip",
        "enable_dhcp",
        "ipv6_ra_mode",
        "ipv6_address_mode",
        "subnetpool_id",
        "segment_id",
        "dns_publish_fixed_ip",
        "service_types",
        "router:external",
    ),
    "ports": (
        *_READ,
        "name",
        "network_id",
        "status",
        "admin_state_up",
        "mac_address",
        "device_id",
        "device_owner",
        "fixed_ips",
        "security_groups",
        "binding:host_id",
        "binding:vnic_type",
        "binding:vif_type",
        "port_security_enabled",
        "dns_name",
        "qos_policy_id",
        "ip_allocation",
    ),
    "security-groups": (*_READ, "name", "stateful", "shared"),
    "security-group-rules": (
        *_READ,
        "security_group_id",
        "direction",
        "ethertype",
        "protocol",
        "port_range_min",
        "port_range_max",
        "remote_ip_prefix",
        "remote_group_id",
        "remote_address_group_id",
        "normalized_cidr",
    ),
    "routers": (
        *_READ,
        "name",
        "status",
        "admin_state_up",
        "distributed",
        "ha",
        "flavor_id",
        "enable_snat",
        "external_gateway_info",
    ),
    "floatingips": (
        *_READ,
        "floating_ip_address",
        "fixed_ip_address",
        "floating_network_id",
        "port_id",
        "router_id",
        "status",
        "dns_name",
        "dns_domain",
        "qos_policy_id",
    ),
    "subnetpools": (
        *_READ,
        "name",
        "ip_version",
        "shared",
        "is_default",
        "address_scope_id",
        "default_prefixlen",
        "min_prefixlen",
        "max_prefixlen",
        "default_quota",
    ),
}
# Python spellings of filters whose Neutron names are not identifiers, and models given for ids
FILTER_NAMES = {
    "external": "router:external",
    "network": "network_id",
    "subnetpool": "subnetpool_id",
    "security_group": "security_group_id",
    "floating_network": "floating_network_id",
    "port": "port_id",
    "router": "router_id",
    "remote_group": "remote_group_id",
    "network_type": "provider:network_type",
    "physical_network": "provider:physical_network",
    "segmentation_id": "provider:segmentation_id",
    "host_id": "binding:host_id",
    "vnic_type": "binding:vnic_type",
}
_SORT_DIRS = ("asc", "desc")


def _filter_value(value: Any, what: str) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_filter_value(v, what) for v in value]  # repeated key: OR
    if isinstance(value, (str, int, float, bool)):
        return query_value(value)
    return ref(value, what)


def list_query(
    collection: str,
    filters: Mapping[str, Any],
    *,
    raw: Mapping[str, Any] | None = None,
    fields: Any = None,
    sort: Any = None,
    page_reverse: Any = None,
    operation: str,
) -> dict[str, Any]:
    """A Neutron list query: known filters by name (a list is OR: ``name=a&name=b``), the tag filters
    comma-joined, ``fields`` (``id`` always added, the SDK needs it), ``sort`` as ``sort_key``/``sort_dir``
    pairs; ``raw`` passes other attributes (an extension's) as they are."""
    known = FILTERS[collection]
    params: dict[str, Any] = {}
    for key, value in filters.items():
        if value is None:
            continue
        name = FILTER_NAMES.get(key, key)
        if key in TAG_FILTERS:
            tags = [value] if isinstance(value, str) else strings(value, key)
            params[TAG_FILTERS[key]] = ",".join(tags)
            continue
        if name not in known:
            allowed = sorted({*known, *(k for k, v in FILTER_NAMES.items() if v in known), *TAG_FILTERS})
            raise ValidationError(
                f"{operation} got an unknown filter {key!r}; it filters by {', '.join(allowed)} "
                "(pass other attributes, such as an extension's, in filters={...})"
            )
        params[name] = _filter_value(value, key)
    for key, value in (raw or {}).items():
        if not isinstance(key, str) or not key:
            raise ValidationError(f"filters= keys must be attribute names, not {key!r}")
        if value is not None:
            params[key] = _filter_value(value, key)
    if fields is not None:
        chosen = [fields] if isinstance(fields, str) else strings(fields, "fields")
        params["fields"] = list(dict.fromkeys(["id", *chosen])) if "id" not in chosen else chosen
    if sort is not None:
        keys, dirs = sort_pairs(sort)
        params["sort_key"], params["sort_dir"] = keys, dirs
    if page_reverse is not None:
        params["page_reverse"] = query_value(boolean(page_reverse, "page_reverse"))
    return params


def sort_pairs(sort: Any) -> tuple[list[str], list[str]]:
    """``"name"``, ``"name:desc"``, ``("name", "desc")`` or a list of them, as equal-length key and dir lists."""
    items = [sort] if isinstance(sort, (str, tuple)) else sort
    if not isinstance(items, Iterable):
        raise ValidationError(f"sort must be 'key', 'key:desc', ('key', 'desc') or a list of them, not {sort!r}")
    keys, dirs = [], []
    for item in items:
        if isinstance(item, str):
            key, _, direction = item.partition(":")
        elif isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
            key, direction = item
        else:
            raise ValidationError(f"a sort item is 'key', 'key:desc' or ('key', 'desc'), not {item!r}")
        direction = direction or "asc"
        if not key or direction not in _SORT_DIRS:
            raise ValidationError(f"sort {item!r}: the direction is 'asc' or 'desc', and the key is not empty")
        keys.append(key)
        dirs.append(direction)
    if not keys:
        raise ValidationError("sort needs at least one key")
    return keys, dirs
