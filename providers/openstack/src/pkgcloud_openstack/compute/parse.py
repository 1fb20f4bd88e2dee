"""Nova's JSON to pkgcloud's models: status normalised, addresses sorted into public and private.

Models are imported when a function runs, not when this module is imported (import cost rule).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pkgcloud.values import as_bool, as_int, linked_id

if TYPE_CHECKING:
    from pkgcloud.models.compute import (
        ApiVersion,
        AvailabilityZone,
        Flavor,
        Image,
        Keypair,
        Limits,
        Server,
        ServerGroup,
        VolumeAttachment,
    )
    from pkgcloud.models.status import Status

# Nova status -> normalised status (as the Node library mapped them); anything else is UNKNOWN
STATUS_MAP = {
    "BUILD": "PROVISIONING",
    "BUILDING": "PROVISIONING",
    "REBUILD": "PROVISIONING",
    "ACTIVE": "RUNNING",
    "SHUTOFF": "STOPPED",
    "SUSPENDED": "STOPPED",
    "REBOOT": "REBOOT",
    "HARD_REBOOT": "REBOOT",
    "RESIZE": "UPDATING",
    "VERIFY_RESIZE": "UPDATING",
    "REVERT_RESIZE": "UPDATING",
    "MIGRATING": "UPDATING",
    "QUEUE_RESIZE": "UPDATING",
    "PREP_RESIZE": "UPDATING",
    "PASSWORD": "UPDATING",
    "ERROR": "ERROR",
}

# networks whose fixed addresses are public whatever their range
PUBLIC_NETWORK_NAMES = frozenset({"public", "external", "ext-net", "internet"})
PRIVATE_NETWORK_NAMES = frozenset({"private", "internal"})
# ranges that are never public: RFC 1918, carrier-grade NAT, link-local, loopback, IPv6 ULA and link-local
_PRIVATE_RANGES = (
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
    "169.254.0.0/16",
    "127.0.0.0/8",
    "fc00::/7",
    "fe80::/10",
    "::1/128",
)
_private_networks: list[Any] = []


def normalise_status(nova_status: str | None) -> Status:
    from pkgcloud.models.status import Status

    if not nova_status:
        return Status.UNKNOWN
    return Status(STATUS_MAP.get(str(nova_status).upper(), "UNKNOWN"))


def is_private_address(address: str) -> bool:
    """True for addresses that cannot be reached from the internet (RFC 1918, ULA, link-local...)."""
    import ipaddress

    if not _private_networks:
        _private_networks.extend(ipaddress.ip_network(r) for r in _PRIVATE_RANGES)
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return any(ip.version == net.version and ip in net for net in _private_networks)


def address_kind(network: str, entry: Mapping[str, Any]) -> str:
    """``"public"`` or ``"private"`` for one address Nova lists under ``network``.

    A floating address is public; a fixed one on a network named public/external is public, on one
    named private/internal is private; otherwise its range decides (RFC 1918 and the like: private).
    """
    address = str(entry.get("addr") or "")
    kind = str(entry.get("OS-EXT-IPS:type") or "").lower()
    if kind == "floating":
        return "public"
    name = network.lower()
    if name in PUBLIC_NETWORK_NAMES:
        return "public"
    if name in PRIVATE_NETWORK_NAMES:
        return "private"
    return "private" if is_private_address(address) else "public"


def split_addresses(raw: Any) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Nova's ``addresses`` -> (``{"public": [...], "private": [...]}``, ``{network: [...]}``)."""
    normalised: dict[str, list[str]] = {"public": [], "private": []}
    by_network: dict[str, list[str]] = {}
    if not isinstance(raw, Mapping):
        return normalised, by_network
    for network, entries in raw.items():
        listed = by_network.setdefault(str(network), [])
        for entry in entries or []:
            if isinstance(entry, str):  # some clouds list bare addresses
                entry = {"addr": entry}
            if not isinstance(entry, Mapping) or not entry.get("addr"):
                continue
            address = str(entry["addr"])
            listed.append(address)
            bucket = normalised[address_kind(str(network), entry)]
            if address not in bucket:
                bucket.append(address)
    return normalised, by_network


def server(d: dict[str, Any]) -> Server:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.compute import Server

    normalised, by_network = split_addresses(d.get("addresses"))
    flavor = d.get("flavor")
    groups: list[str] = []
    for group in d.get("security_groups") or []:
        name = group.get("name") if isinstance(group, Mapping) else group
        if name and name not in groups:
            groups.append(str(name))
    fault = d.get("fault")
    fault_message = None
    if isinstance(fault, Mapping):
        fault_message = str(fault.get("message") or fault.get("details") or "") or None
    metadata = d.get("metadata")
    return Server(
        id=str(d["id"]),
        name=d.get("name"),
        status=normalise_status(d.get("status")),
        provider_status=d.get("status"),
        progress=as_int(d.get("progress")),
        image_id=linked_id(d.get("image")),
        flavor_id=linked_id(flavor),
        flavor_name=flavor.get("original_name") if isinstance(flavor, Mapping) else None,
        addresses=normalised,
        networks=by_network,
        metadata=dict(metadata) if isinstance(metadata, Mapping) else {},
        key_name=d.get("key_name"),
        security_groups=groups,
        availability_zone=d.get("OS-EXT-AZ:availability_zone"),
        host_id=d.get("hostId") or None,
        hostname=d.get("hostname") or d.get("OS-EXT-SRV-ATTR:hostname"),
        description=d.get("description"),
        project_id=d.get("tenant_id") or d.get("project_id"),
        user_id=d.get("user_id"),
        access_ipv4=d.get("accessIPv4") or None,
        access_ipv6=d.get("accessIPv6") or None,
        task_state=d.get("OS-EXT-STS:task_state"),
        vm_state=d.get("OS-EXT-STS:vm_state"),
        power_state=as_int(d.get("OS-EXT-STS:power_state")),
        locked=d.get("locked"),
        locked_reason=d.get("locked_reason"),
        config_drive=as_bool(d.get("config_drive")),
        volume_ids=[str(v["id"]) for v in d.get("os-extended-volumes:volumes_attached") or [] if v.get("id")],
        tags=list(d.get("tags") or []),
        fault=fault_message,
        created=parse_time(d.get("created")),
        updated=parse_time(d.get("updated")),
        launched=parse_time(d.get("OS-SRV-USG:launched_at")),
        admin_pass=d.get("adminPass"),
        raw=d,
    )


def flavor(d: dict[str, Any]) -> Flavor:
    from pkgcloud.models.compute import Flavor

    public = d.get("os-flavor-access:is_public")
    specs = d.get("extra_specs")
    return Flavor(
        id=str(d["id"]),
        name=d.get("name"),
        ram=as_int(d.get("ram")),
        disk=as_int(d.get("disk")),
        vcpus=as_int(d.get("vcpus")),
        ephemeral=as_int(d.get("OS-FLV-EXT-DATA:ephemeral")),
        swap=as_int(d.get("swap")) or 0 if "swap" in d else None,
        is_public=public if isinstance(public, bool) else None,
        description=d.get("description"),
        extra_specs={str(k): str(v) for k, v in specs.items()} if isinstance(specs, Mapping) else {},
        raw=d,
    )


def image(d: dict[str, Any]) -> Image:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.compute import Image

    metadata = d.get("metadata")
    return Image(
        id=str(d["id"]),
        name=d.get("name"),
        status=d.get("status"),
        progress=as_int(d.get("progress")),
        size=as_int(d.get("OS-EXT-IMG-SIZE:size")),
        min_disk=as_int(d.get("minDisk")),
        min_ram=as_int(d.get("minRam")),
        server_id=linked_id(d.get("server")),
        metadata=dict(metadata) if isinstance(metadata, Mapping) else {},
        created=parse_time(d.get("created")),
        updated=parse_time(d.get("updated")),
        raw=d,
    )


def keypair(d: dict[str, Any]) -> Keypair:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.compute import Keypair

    # list items are wrapped once more: {"keypair": {...}}
    inner = d.get("keypair")
    if isinstance(inner, Mapping):
        d = dict(inner)
    return Keypair(
        name=str(d["name"]),
        fingerprint=d.get("fingerprint"),
        public_key=d.get("public_key"),
        type=d.get("type"),
        user_id=d.get("user_id"),
        created=parse_time(d.get("created_at")),
        private_key=d.get("private_key"),
        raw=d,
    )


def limits(d: dict[str, Any]) -> Limits:
    from pkgcloud.models.compute import Limits

    absolute = d.get("absolute") or {}
    return Limits(
        absolute={str(k): int(v) for k, v in absolute.items() if isinstance(v, int)},
        rate=list(d.get("rate") or []),
        raw=d,
    )


def availability_zone(d: dict[str, Any]) -> AvailabilityZone:
    from pkgcloud.models.compute import AvailabilityZone

    state = d.get("zoneState") or {}
    hosts = d.get("hosts")
    return AvailabilityZone(
        name=str(d.get("zoneName")),
        available=bool(state.get("available", True)),
        hosts=dict(hosts) if isinstance(hosts, Mapping) else None,
        raw=d,
    )


def volume_attachment(d: dict[str, Any]) -> VolumeAttachment:
    from pkgcloud.models.compute import VolumeAttachment

    return VolumeAttachment(
        id=d.get("id") or d.get("attachment_id"),
        server_id=d.get("serverId"),
        volume_id=str(d["volumeId"]),
        device=d.get("device"),
        tag=d.get("tag"),
        delete_on_termination=d.get("delete_on_termination"),
        attachment_id=d.get("attachment_id"),
        raw=d,
    )


def server_group(d: dict[str, Any]) -> ServerGroup:
    from pkgcloud.models.compute import ServerGroup

    policy = d.get("policy")
    if policy is None and d.get("policies"):
        policy = d["policies"][0]
    rules = d.get("rules")
    return ServerGroup(
        id=str(d["id"]),
        name=d.get("name"),
        policy=policy,
        rules=dict(rules) if isinstance(rules, Mapping) else {},
        members=[str(m) for m in d.get("members") or []],
        project_id=d.get("project_id"),
        user_id=d.get("user_id"),
        raw=d,
    )


def api_version(d: dict[str, Any]) -> ApiVersion:
    from pkgcloud.models.base import parse_time
    from pkgcloud.models.compute import ApiVersion

    return ApiVersion(
        id=str(d.get("id") or ""),
        status=d.get("status"),
        version=d.get("version") or None,
        min_version=d.get("min_version") or None,
        updated=parse_time(d.get("updated")),
        raw=d,
    )
