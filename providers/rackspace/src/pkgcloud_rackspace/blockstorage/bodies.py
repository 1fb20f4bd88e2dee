"""Cloud Block Storage request bodies: Cinder v1's ``display_name``/``display_description``, and the
documented sizes of Rackspace's two volume types, checked before anything is sent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pkgcloud.bodies import check_bool, check_metadata, fields, ref
from pkgcloud.errors import ValidationError
from pkgcloud_openstack.blockstorage.bodies import check_size, check_text

# the documented size range of each volume type, in GB (SATA is the default type)
SIZES: dict[str, tuple[int, int]] = {"SATA": (75, 1024), "SSD": (50, 1024)}
DEFAULT_TYPE = "SATA"


def volume_type_name(volume_type: Any) -> str:
    """``SATA`` or ``SSD`` (any case; a VolumeType model is read by its name)."""
    name = getattr(volume_type, "name", volume_type)
    if not isinstance(name, str) or name.upper() not in SIZES:
        raise ValidationError(f"Cloud Block Storage volume types are 'SATA' and 'SSD', not {volume_type!r}")
    return name.upper()


def check_type_size(size: Any, volume_type: str) -> int:
    found = check_size(size)
    low, high = SIZES[volume_type]
    if not low <= found <= high:
        raise ValidationError(f"a {volume_type} volume is {low} to {high} GB, not {found}")
    return found


def volume_create(
    size: Any,
    *,
    name: Any = None,
    description: Any = None,
    volume_type: Any = None,
    snapshot_id: Any = None,
    source_volume_id: Any = None,
    image_id: Any = None,
    availability_zone: Any = None,
    metadata: Any = None,
    **options: Any,
) -> dict[str, Any]:
    """``{"volume": {...}}`` as Cinder v1 takes it."""
    if options:
        unknown = sorted(options)[0]
        raise ValidationError(
            f"create_volume got an unknown option {unknown!r}; Cloud Block Storage takes name, description, "
            "volume_type, snapshot_id, source_volume_id, image_id, availability_zone, metadata, scheduler_hints"
        )
    type_name = None if volume_type is None else volume_type_name(volume_type)
    sources = {
        "snapshot_id": ref(snapshot_id, "snapshot", required=False),
        "source_volid": ref(source_volume_id, "source volume", required=False),
        "imageRef": ref(image_id, "image", required=False),
    }
    given = [k for k, v in sources.items() if v is not None]
    if len(given) > 1:
        raise ValidationError(
            "a volume is made from one source at most: snapshot_id, source_volume_id or image_id; "
            f"got {', '.join(given)}"
        )
    if size is None and not given:
        raise ValidationError("size is required for a blank volume: 75-1024 GB (SATA) or 50-1024 GB (SSD)")
    checked = None if size is None else check_type_size(size, type_name or DEFAULT_TYPE)
    body = fields(
        sources,
        size=checked,
        display_name=check_text(name, "name"),
        display_description=check_text(description, "description"),
        volume_type=type_name,
        availability_zone=availability_zone,
        metadata=None if metadata is None else check_metadata(metadata),
    )
    return {"volume": body}


def scheduler_hints(hints: Any) -> dict[str, Any]:
    if not isinstance(hints, Mapping):
        raise ValidationError(f"scheduler_hints must be a mapping, not {type(hints).__name__}")
    return dict(hints)


def named_update(operation: str, name: Any, description: Any) -> dict[str, Any]:
    if name is None and description is None:
        raise ValidationError(f"{operation} needs at least one field to change: name or description")
    return fields(display_name=check_text(name, "name"), display_description=check_text(description, "description"))


def snapshot_create(volume_id: str, *, name: Any, description: Any, force: Any, metadata: Any) -> dict[str, Any]:
    return fields(
        volume_id=volume_id,
        display_name=check_text(name, "name"),
        display_description=check_text(description, "description"),
        force=check_bool(force, "force"),
        metadata=None if metadata is None else check_metadata(metadata),
    )
