"""Request bodies for Cinder, checked before anything is sent.

Every body holds what the caller set and nothing else (``None`` is not sent; ``False``, ``0`` and
``""`` are): from 3.53 Cinder refuses a key it does not know, and the Node library's habit of
sending every field made requests fail there. Builders return the body and the features it uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pkgcloud.bodies import MAX_NAME, check_bool, check_int, check_metadata, check_name, fields, ref
from pkgcloud.errors import ValidationError
from pkgcloud_openstack.blockstorage import features as F
from pkgcloud_openstack.microversion import Feature

# Cinder's limit on a volume's size is the backend's; here only "a whole number of GiB, at least 1"
MIN_SIZE = 1


def check_size(size: Any, what: str = "size") -> int:
    found = check_int(size, f"{what} (GiB)", minimum=MIN_SIZE)
    if found is None:
        raise ValidationError(f"{what} is required: a whole number of GiB, at least {MIN_SIZE}")
    return found


def check_text(value: Any, what: str) -> str | None:
    """A name or description: None (not sent) or a string (``""`` is sent: it clears the field)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be a string, not {type(value).__name__}")
    if len(value) > MAX_NAME:
        raise ValidationError(f"{what} is {len(value)} characters long; Cinder allows {MAX_NAME}")
    return value


VOLUME_OPTIONS = frozenset({"scheduler_hints", "multiattach", "group_id", "consistencygroup_id"})


def volume_create(
    size: Any,
    *,
    name: Any = None,
    description: Any = None,
    volume_type: str | None = None,
    snapshot_id: Any = None,
    source_volume_id: Any = None,
    image_id: Any = None,
    backup_id: Any = None,
    availability_zone: Any = None,
    metadata: Any = None,
    **options: Any,
) -> tuple[dict[str, Any], list[Feature]]:
    """``{"volume": {...}}`` (and ``OS-SCH-HNT:scheduler_hints`` beside it) and the features used."""
    unknown = sorted(set(options) - VOLUME_OPTIONS)
    if unknown:
        raise ValidationError(
            f"create_volume got an unknown option {unknown[0]!r}; it takes name, description, volume_type, "
            f"snapshot_id, source_volume_id, image_id, backup_id, availability_zone, metadata, "
            f"{', '.join(sorted(VOLUME_OPTIONS))}"
        )
    sources = {
        "snapshot_id": ref(snapshot_id, "snapshot", required=False),
        "source_volid": ref(source_volume_id, "source volume", required=False),
        "imageRef": ref(image_id, "image", required=False),
        "backup_id": ref(backup_id, "backup", required=False),
    }
    given = [k for k, v in sources.items() if v is not None]
    if len(given) > 1:
        raise ValidationError(
            "a volume is made from one source at most: snapshot_id, source_volume_id, image_id or backup_id; "
            f"got {', '.join(given)}"
        )
    if size is None and not given:
        raise ValidationError(f"size is required for a blank volume: a whole number of GiB, at least {MIN_SIZE}")
    used: list[Feature] = [F.VOLUME_FROM_BACKUP] if sources["backup_id"] else []
    body = fields(
        sources,
        size=None if size is None else check_size(size),
        name=check_text(name, "name"),
        description=check_text(description, "description"),
        volume_type=volume_type,
        availability_zone=availability_zone,
        metadata=None if metadata is None else check_metadata(metadata),
        multiattach=check_bool(options.get("multiattach"), "multiattach"),
        group_id=options.get("group_id"),
        consistencygroup_id=options.get("consistencygroup_id"),
    )
    out: dict[str, Any] = {"volume": body}
    hints = options.get("scheduler_hints")
    if hints is not None:
        if not isinstance(hints, Mapping):
            raise ValidationError(f"scheduler_hints must be a mapping, not {type(hints).__name__}")
        out["OS-SCH-HNT:scheduler_hints"] = dict(hints)
    return out, used


def named_update(operation: str, name: Any, description: Any) -> dict[str, Any]:
    """``name`` and ``description`` for an update; at least one (Cinder 3.53 refuses an empty body)."""
    if name is None and description is None:
        raise ValidationError(f"{operation} needs at least one field to change: name or description")
    return fields(name=check_text(name, "name"), description=check_text(description, "description"))


def snapshot_create(
    volume_id: str, *, name: Any, description: Any, force: bool | None, metadata: Any
) -> dict[str, Any]:
    return fields(
        volume_id=volume_id,
        name=check_text(name, "name"),
        description=check_text(description, "description"),
        force=check_bool(force, "force"),
        metadata=None if metadata is None else check_metadata(metadata),
    )


BACKUP_OPTIONS = frozenset(
    {"name", "description", "container", "incremental", "force", "snapshot_id", "availability_zone", "metadata"}
)


def backup_create(volume_id: str, options: Mapping[str, Any]) -> tuple[dict[str, Any], list[Feature]]:
    unknown = sorted(set(options) - BACKUP_OPTIONS)
    if unknown:
        raise ValidationError(
            f"create_backup got an unknown option {unknown[0]!r}; it takes {', '.join(sorted(BACKUP_OPTIONS))}"
        )
    metadata = options.get("metadata")
    used = [F.BACKUP_METADATA] if metadata is not None else []
    body = fields(
        volume_id=volume_id,
        name=check_text(options.get("name"), "name"),
        description=check_text(options.get("description"), "description"),
        container=check_text(options.get("container"), "container"),
        incremental=check_bool(options.get("incremental"), "incremental"),
        force=check_bool(options.get("force"), "force"),
        snapshot_id=ref(options.get("snapshot_id"), "snapshot", required=False),
        availability_zone=options.get("availability_zone"),
        metadata=None if metadata is None else check_metadata(metadata),
    )
    return body, used


def transfer_name(name: Any) -> str | None:
    return None if name is None else check_name(name, "transfer name")
