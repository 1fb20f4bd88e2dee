"""Request bodies for Nova, checked before anything is sent.

Each builder returns the body and the features it uses (so the client can pick the microversion);
bad input raises :class:`~pkgcloud.errors.ValidationError` naming what was wrong and what is right.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pkgcloud.bodies import check_metadata, check_name, ref
from pkgcloud.errors import ValidationError
from pkgcloud_openstack.compute import features as F
from pkgcloud_openstack.microversion import Feature

# Nova's limits: user_data is at most 65535 bytes once base64-encoded; names and metadata 255 characters
MAX_USER_DATA = 65535
MAX_NAME = 255
_UUID = re.compile(r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")
NETWORK_KEYS = frozenset({"uuid", "port", "fixed_ip", "tag"})


def encode_text(value: Any, what: str) -> str:
    """Text or bytes, base64-encoded as Nova wants ``user_data`` and personality contents."""
    if isinstance(value, str):
        data = value.encode("utf-8")
    elif isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
    else:
        raise ValidationError(
            f"{what} must be text (str) or bytes, not {type(value).__name__}; the SDK base64-encodes it"
        )
    return base64.b64encode(data).decode("ascii")


def encode_user_data(value: Any) -> str:
    encoded = encode_text(value, "user_data")
    if len(encoded) > MAX_USER_DATA:
        raise ValidationError(
            f"user_data is {len(encoded)} bytes once base64-encoded; the compute API allows {MAX_USER_DATA} "
            f"(about {MAX_USER_DATA * 3 // 4} bytes before encoding)"
        )
    return encoded


def network_list(value: Any) -> tuple[Any, list[Feature]]:
    """``networks`` for a server create: None, ``"auto"``/``"none"``, or a list of ids and mappings."""
    if value is None:
        return None, [F.NETWORKS_DEFAULT]
    if isinstance(value, str):
        if value in ("auto", "none"):
            return value, [F.NETWORKS_AUTO_NONE]
        value = [value]  # one network id
    if not isinstance(value, Sequence) or isinstance(value, (bytes, bytearray)):
        raise ValidationError(
            f"networks must be 'auto', 'none' or a list of network ids or mappings, not {type(value).__name__}"
        )
    out: list[dict[str, Any]] = []
    used: list[Feature] = []
    for item in value:
        entry = _network(item)
        if "tag" in entry and F.DEVICE_TAGS not in used:
            used.append(F.DEVICE_TAGS)
        out.append(entry)
    return out, used


def _network(item: Any) -> dict[str, Any]:
    if isinstance(item, str) or getattr(item, "id", None):
        network_id = item if isinstance(item, str) else str(item.id)
        if network_id in ("auto", "none"):
            raise ValidationError(f"networks={network_id!r} stands alone, not inside a list")
        if not _UUID.match(network_id):
            raise ValidationError(
                f"unknown network {network_id!r}: networks are given by id (a UUID such as "
                "'3cb9bc59-5699-4588-a4b1-b87f96708bc6'), or as {'port': ...} or {'fixed_ip': ...}; "
                "look a network's id up by name with the network service"
            )
        return {"uuid": network_id}
    if not isinstance(item, Mapping):
        raise ValidationError(f"a network must be an id or a mapping, not {type(item).__name__}")
    unknown = sorted(set(item) - NETWORK_KEYS)
    if unknown:
        hint = " (Nova calls it 'uuid')" if any(k in ("net-id", "net_id", "id", "network") for k in unknown) else ""
        raise ValidationError(
            f"unknown network key {unknown[0]!r}{hint}: a network is described by {', '.join(sorted(NETWORK_KEYS))}"
        )
    if not any(item.get(k) for k in ("uuid", "port", "fixed_ip")):
        raise ValidationError("a network needs 'uuid', 'port' or 'fixed_ip'")
    uuid = item.get("uuid")
    if uuid is not None and not (isinstance(uuid, str) and _UUID.match(uuid)):
        raise ValidationError(f"unknown network {uuid!r}: 'uuid' must be a network id (a UUID)")
    return {k: v for k, v in item.items() if v is not None}


def security_group_list(value: Any) -> list[dict[str, str]]:
    if isinstance(value, str):  # one group, not its characters
        value = [value]
    if not isinstance(value, Iterable):
        raise ValidationError(f"security_groups must be a list of group names, not {type(value).__name__}")
    out = []
    for group in value:
        name = group.get("name") if isinstance(group, Mapping) else getattr(group, "name", group)
        if not isinstance(name, str) or not name:
            raise ValidationError(f"a security group is given by its name (a string), not {group!r}")
        out.append({"name": name})
    return out


def personality_files(value: Any) -> list[dict[str, str]]:
    """Files to inject: ``{path: contents}`` or ``[{"path": ..., "contents": ...}]`` (text or bytes)."""
    items: Iterable[Any]
    if isinstance(value, Mapping):
        items = [{"path": path, "contents": contents} for path, contents in value.items()]
    elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        items = value
    else:
        raise ValidationError("personality must be {path: contents} or a list of {'path': ..., 'contents': ...}")
    out = []
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get("path"), str) or "contents" not in item:
            raise ValidationError(f"a personality file needs 'path' (a string) and 'contents', not {item!r}")
        out.append({"path": item["path"], "contents": encode_text(item["contents"], f"personality {item['path']!r}")})
    return out


def boot_volume(image_id: str, size: Any, *, delete_on_termination: bool = True) -> list[dict[str, Any]]:
    """The block device mapping that boots from a new volume made from ``image_id``."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValidationError(f"boot_volume_size must be a whole number of GiB (1 or more), not {size!r}")
    return [
        {
            "boot_index": 0,
            "uuid": image_id,
            "source_type": "image",
            "destination_type": "volume",
            "volume_size": size,
            "delete_on_termination": delete_on_termination,
        }
    ]


def block_devices(value: Any) -> tuple[list[dict[str, Any]], list[Feature]]:
    if not isinstance(value, Sequence) or isinstance(value, (str, bytes)):
        raise ValidationError("block_device_mapping_v2 must be a list of mappings")
    used: list[Feature] = []
    out = []
    for item in value:
        if not isinstance(item, Mapping):
            raise ValidationError(f"a block device mapping must be a mapping, not {type(item).__name__}")
        if "tag" in item and F.DEVICE_TAGS not in used:
            used.append(F.DEVICE_TAGS)
        if "volume_type" in item and F.BDM_VOLUME_TYPE not in used:
            used.append(F.BDM_VOLUME_TYPE)
        out.append(dict(item))
    return out, used


def server_create(
    name: str,
    flavor: Any,
    image: Any = None,
    *,
    networks: Any = None,
    key_name: str | None = None,
    security_groups: Any = None,
    user_data: Any = None,
    metadata: Any = None,
    availability_zone: str | None = None,
    admin_pass: str | None = None,
    config_drive: bool | None = None,
    personality: Any = None,
    block_device_mapping_v2: Any = None,
    boot_volume_size: int | None = None,
    delete_volume_on_termination: bool = True,
    scheduler_hints: Mapping[str, Any] | None = None,
    tags: Sequence[str] | None = None,
    description: str | None = None,
    hostname: str | None = None,
    access_ipv4: str | None = None,
    access_ipv6: str | None = None,
    disk_config: str | None = None,
    min_count: int | None = None,
    max_count: int | None = None,
    trusted_image_certificates: Sequence[str] | None = None,
    host: str | None = None,
    hypervisor_hostname: str | None = None,
) -> tuple[dict[str, Any], list[Feature]]:
    """The ``POST /servers`` body (``{"server": {...}}`` plus scheduler hints) and the features used."""
    used: list[Feature] = []
    server: dict[str, Any] = {"name": check_name(name, "name")}
    image_id = ref(image, "image", required=False)
    server["flavorRef"] = ref(flavor, "flavor")
    if boot_volume_size is not None:
        if image_id is None:
            raise ValidationError("boot_volume_size needs an image to build the boot volume from")
        if block_device_mapping_v2 is not None:
            raise ValidationError("give boot_volume_size or block_device_mapping_v2, not both")
        server["block_device_mapping_v2"] = boot_volume(
            image_id, boot_volume_size, delete_on_termination=delete_volume_on_termination
        )
        image_id = None  # the image is the volume's source, not the server's
    elif block_device_mapping_v2 is not None:
        mapping, more = block_devices(block_device_mapping_v2)
        server["block_device_mapping_v2"] = mapping
        used += more
    elif image_id is None:
        raise ValidationError(
            "image is required (give an image model or its id), unless the server boots from a volume "
            "(boot_volume_size, or block_device_mapping_v2 with a boot_index 0 device)"
        )
    if image_id is not None:
        server["imageRef"] = image_id
    used += server_fields(
        server,
        admin_pass=admin_pass,
        access_ipv4=access_ipv4,
        access_ipv6=access_ipv6,
        disk_config=disk_config,
        metadata=metadata,
        personality=personality,
        description=description,
        hostname=hostname,
        trusted_image_certificates=trusted_image_certificates,
    )
    if availability_zone is not None:
        server["availability_zone"] = availability_zone
    if key_name is not None:
        server["key_name"] = check_name(key_name, "key_name")
    if security_groups is not None:
        server["security_groups"] = security_group_list(security_groups)
    if user_data is not None:
        server["user_data"] = encode_user_data(user_data)
    if config_drive is not None:
        if not isinstance(config_drive, bool):
            raise ValidationError(f"config_drive must be True or False, not {config_drive!r}")
        server["config_drive"] = config_drive
    nets, more = network_list(networks)
    if nets is not None:
        server["networks"] = nets
    used += more
    if tags is not None:
        if isinstance(tags, str) or not all(isinstance(t, str) for t in tags):
            raise ValidationError("tags must be a list of strings")
        server["tags"] = list(tags)
        used.append(F.CREATE_TAGS)
    if host is not None or hypervisor_hostname is not None:
        if host is not None:
            server["host"] = host
        if hypervisor_hostname is not None:
            server["hypervisor_hostname"] = hypervisor_hostname
        used.append(F.CREATE_ON_HOST)
    for key, count in (("min_count", min_count), ("max_count", max_count)):
        if count is not None:
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                raise ValidationError(f"{key} must be a whole number, 1 or more, not {count!r}")
            server[key] = count
    if min_count is not None and max_count is not None and min_count > max_count:
        raise ValidationError(
            f"min_count ({min_count}) is above max_count ({max_count}): Nova creates between min_count and "
            "max_count servers, so min_count must be at most max_count"
        )
    body: dict[str, Any] = {"server": server}
    if scheduler_hints:
        body["OS-SCH-HNT:scheduler_hints"] = dict(scheduler_hints)
    return body, used


def server_fields(
    body: dict[str, Any],
    *,
    admin_pass: str | None,
    access_ipv4: str | None,
    access_ipv6: str | None,
    disk_config: str | None,
    metadata: Any,
    personality: Any,
    description: str | None,
    hostname: str | None,
    trusted_image_certificates: Sequence[str] | None,
) -> list[Feature]:
    """The fields a server create and a rebuild share, checked the same way; returns the features used."""
    used: list[Feature] = []
    if admin_pass is not None:
        if not isinstance(admin_pass, str):
            raise ValidationError("admin_pass must be a string")
        body["adminPass"] = admin_pass
    if access_ipv4 is not None:
        body["accessIPv4"] = access_ipv4
    if access_ipv6 is not None:
        body["accessIPv6"] = access_ipv6
    if disk_config is not None:
        if disk_config not in ("AUTO", "MANUAL"):
            raise ValidationError(f"disk_config must be 'AUTO' or 'MANUAL', not {disk_config!r}")
        body["OS-DCF:diskConfig"] = disk_config
    if metadata is not None:
        body["metadata"] = check_metadata(metadata)
    if personality is not None:
        body["personality"] = personality_files(personality)
        used.append(F.PERSONALITY)
    if description is not None:
        body["description"] = description
        used.append(F.SERVER_DESCRIPTION)
    if hostname is not None:
        body["hostname"] = hostname
        used.append(F.HOSTNAME)
    if trusted_image_certificates is not None:
        body["trusted_image_certificates"] = list(trusted_image_certificates)
        used.append(F.TRUSTED_CERTS)
    return used


def rebuild(
    image_id: str,
    *,
    name: str | None = None,
    admin_pass: str | None = None,
    metadata: Any = None,
    personality: Any = None,
    user_data: Any = None,
    key_name: str | None = None,
    description: str | None = None,
    hostname: str | None = None,
    access_ipv4: str | None = None,
    access_ipv6: str | None = None,
    disk_config: str | None = None,
    preserve_ephemeral: bool | None = None,
    trusted_image_certificates: Sequence[str] | None = None,
) -> tuple[dict[str, Any], list[Feature]]:
    """The ``rebuild`` action body and the features it uses."""
    body: dict[str, Any] = {"imageRef": image_id}
    if name is not None:
        body["name"] = check_name(name)
    used = server_fields(
        body,
        admin_pass=admin_pass,
        access_ipv4=access_ipv4,
        access_ipv6=access_ipv6,
        disk_config=disk_config,
        metadata=metadata,
        personality=personality,
        description=description,
        hostname=hostname,
        trusted_image_certificates=trusted_image_certificates,
    )
    if preserve_ephemeral is not None:
        body["preserve_ephemeral"] = bool(preserve_ephemeral)
    if key_name is not None:
        body["key_name"] = check_name(key_name, "key_name")
        used.append(F.REBUILD_KEY_NAME)
    if user_data is not None:
        body["user_data"] = encode_user_data(user_data)
        used.append(F.REBUILD_USER_DATA)
    return {"rebuild": body}, used
