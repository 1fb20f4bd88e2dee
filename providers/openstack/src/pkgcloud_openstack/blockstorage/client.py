"""Cinder: the OpenStack block storage client (v3, microversions negotiated per request; v2 without).

Every Cinder resource is a :class:`~pkgcloud.resource.Resource`; volume actions go through
``Resource.action``. Each request carries the microversion it needs (see ``features.py``).

Attaching and detaching are the compute client's (Nova's ``os-volume_attachments``): Nova reserves
the volume, connects the host and records the attachment in Cinder. Cinder's own bookkeeping actions
(``os-reserve``, ``os-attach``, ``os-detach``, ``os-initialize_connection``...) and the attachments
API (3.27) exist for Nova and os-brick; called by a user they change Cinder's record without
connecting or disconnecting anything (a volume shown ``available`` while a server still writes to
it), so they are not exposed.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from pkgcloud import clock
from pkgcloud.blockstorage import BlockStorageClient
from pkgcloud.bodies import check_bool, check_metadata, check_name, fields, find_by_name, query, ref_id
from pkgcloud.errors import BadRequest, Forbidden, NotFound, PkgcloudError, ValidationError
from pkgcloud.resource import SINGLE, Resource
from pkgcloud_openstack.blockstorage import bodies, parse
from pkgcloud_openstack.blockstorage import features as F
from pkgcloud_openstack.microversion import Feature, Negotiator
from pkgcloud_openstack.service import EndpointVersion, Microversions, OpenStackClient

if TYPE_CHECKING:
    from pkgcloud.blockstorage import BackupRef, SnapshotRef, TransferRef, VolumeRef, VolumeTypeRef
    from pkgcloud.models.blockstorage import (
        AvailabilityZone,
        Backup,
        BackupRestore,
        Limits,
        Message,
        QuotaSet,
        Snapshot,
        Volume,
        VolumeTransfer,
        VolumeType,
    )

VOLUMES = Resource("volumes", key="volume", parse=parse.volume, list_path="volumes/detail", metadata="metadata")
SNAPSHOTS = Resource(
    "snapshots", key="snapshot", parse=parse.snapshot, list_path="snapshots/detail", metadata="metadata"
)
BACKUPS = Resource("backups", key="backup", parse=parse.backup, list_path="backups/detail")
RESTORES = Resource("backups", key="restore", parse=parse.restore, noun="backup restore")
# /volume-transfers from 3.55; /os-volume-transfer before (and on v2)
TRANSFERS = Resource(
    "volume-transfers",
    key="transfer",
    plural="transfers",
    parse=parse.transfer,
    list_path="volume-transfers/detail",
    noun="transfer",
)
LEGACY_TRANSFERS = Resource(
    "os-volume-transfer",
    key="transfer",
    plural="transfers",
    parse=parse.transfer,
    list_path="os-volume-transfer/detail",
    noun="transfer",
)
VOLUME_TYPES = Resource(
    "types", key="volume_type", plural="volume_types", parse=parse.volume_type, paging=SINGLE, noun="volume type"
)
LIMITS = Resource("limits", key="limits", parse=parse.limits, paging=SINGLE)
QUOTAS = Resource("os-quota-sets/{project_id}", key="quota_set", parse=parse.quota_set, paging=SINGLE, noun="quota set")
AVAILABILITY_ZONES = Resource(
    "os-availability-zone",
    key="availabilityZoneInfo",
    plural="availabilityZoneInfo",
    parse=parse.availability_zone,
    paging=SINGLE,
    noun="availability zone",
)
MESSAGES = Resource("messages", key="message", parse=parse.message, list_path="messages")

# how often, and how far apart, the user messages are asked for a resource that failed
MESSAGE_ATTEMPTS = 3
MESSAGE_RETRY_SECONDS = 1.0

# list filters that carry a feature
_TIME_FILTERS = frozenset({"created_at", "updated_at"})


def _filters(filters: Mapping[str, Any]) -> tuple[dict[str, Any], list[Feature]]:
    """List filters as Cinder reads them: ``metadata`` as a JSON object, bools ``true``/``false``,
    models given for ids replaced by their ids; ``name~`` (3.34) and the time filters (3.60) gated."""
    used: list[Feature] = []
    plain: dict[str, Any] = {}
    for key, value in filters.items():
        if value is None:
            continue
        if key.endswith("~") and F.LIKE_FILTERS not in used:
            used.append(F.LIKE_FILTERS)
        if key in _TIME_FILTERS and F.TIME_FILTERS not in used:
            used.append(F.TIME_FILTERS)
        if key == "metadata":
            if not isinstance(value, Mapping):
                raise ValidationError(f"the metadata filter is a mapping of keys to values, not {type(value).__name__}")
            value = json.dumps(dict(value), sort_keys=True)
        plain[key] = value
    return query(plain), used


class CinderBlockStorage(OpenStackClient, BlockStorageClient):
    """OpenStack Block Storage (Cinder) v3, with microversions negotiated per request (v2: none)."""

    catalog_type: ClassVar[str] = "block-storage"
    catalog_aliases: ClassVar[tuple[str, ...]] = ("block-storage", "volumev3", "volumev2", "volume")
    microversions: ClassVar[Microversions | None] = Microversions(
        F.SERVICE, default=F.DEFAULT_MICROVERSION, base=F.BASE
    )
    # a catalog URL without a version (http://host:8776/) gets /v3/<project_id>
    api_version: ClassVar[EndpointVersion | None] = EndpointVersion("v3", with_project=True)
    ready_status: ClassVar[str] = "available"
    error_statuses: ClassVar[tuple[str, ...]] = F.ERROR_STATUSES
    statuses: ClassVar[frozenset[str]] = F.STATUSES
    negotiator: Negotiator

    volumes = VOLUMES
    snapshots = SNAPSHOTS
    backups = BACKUPS
    transfers = TRANSFERS
    legacy_transfers = LEGACY_TRANSFERS
    volume_types = VOLUME_TYPES
    limits = LIMITS
    quotas = QUOTAS
    availability_zones = AVAILABILITY_ZONES
    messages = MESSAGES

    # -- plumbing --------------------------------------------------------------------------------

    @property
    def microversion(self) -> str | None:
        """The microversion sent by default (None when the API has none); discovers it on first use."""
        if not self.negotiator.discover().versioned:
            return None
        return str(self.negotiator.choose())

    def refresh(self, resource: Any) -> Any:
        """The volume, snapshot or backup as Cinder sees it now; a string is taken as a volume id."""
        from pkgcloud.models.blockstorage import Backup, Snapshot

        if isinstance(resource, Snapshot):
            return self.get_snapshot(resource)
        if isinstance(resource, Backup):
            return self.get_backup(resource)
        return self.get_volume(resource)

    def failure_reason(self, resource: Any) -> str | None:
        """Why ``resource`` went to an error status: a backup's ``fail_reason``, else the newest user
        message Cinder recorded for it (``GET /messages?resource_uuid=<id>``, 3.3); None when Cinder
        recorded none (or the messages cannot be read: the wait still fails, without a reason)."""
        reason = getattr(resource, "fail_reason", None)
        if reason:
            return str(reason)
        resource_id = getattr(resource, "id", None)
        if not resource_id or not self.negotiator.allows(F.MESSAGES):
            return None
        # Cinder records the message just after it sets the status: ask again, briefly, if none yet
        for attempt in range(MESSAGE_ATTEMPTS):
            if attempt:
                clock.sleep(MESSAGE_RETRY_SECONDS)
            try:
                found = self._messages_of(str(resource_id))
            except PkgcloudError:
                return None
            oldest = _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)
            found.sort(key=lambda m: m.created or oldest, reverse=True)
            texts = [m.user_message for m in found if m.user_message]
            if texts:
                return texts[0]
        return None

    def _messages_of(self, resource_id: str) -> list[Message]:
        """The user messages about one resource. A cloud whose resource filters leave out
        ``resource_uuid`` refuses the filter (400) for non-administrators: then every message is
        read and the resource's are kept here."""
        try:
            return list(self.list_messages(resource_uuid=resource_id))
        except BadRequest:
            return [m for m in self.list_messages() if m.resource_uuid == resource_id]

    def _action(self, volume: VolumeRef, body: Mapping[str, Any], *features: Feature) -> Any:
        return self.volumes.action(volume, body, features=features)

    # -- volumes ---------------------------------------------------------------------------------

    def list_volumes(
        self, *, limit: int | None = None, page_size: int | None = None, **filters: Any
    ) -> Iterator[Volume]:
        """Volumes with details, page after page. Filters as Cinder names them: ``name``, ``status``,
        ``metadata`` (a mapping), ``bootable``, ``availability_zone``, ``volume_type``, ``sort``
        (``"name:asc,created_at:desc"``) or ``sort_key``/``sort_dir``, ``marker``, ``all_tenants``
        (administrators), ``**{"name~": "web"}`` (3.34), ``created_at``/``updated_at``
        (``"gt:2026-01-01T00:00:00"``, 3.60)."""
        params, used = _filters(filters)
        return self.volumes.list(params, limit=limit, page_size=page_size, features=used)

    def get_volume(self, volume: VolumeRef) -> Volume:
        return self.volumes.get(volume)

    def find_volume(self, name: str) -> Volume:
        """The volume named ``name`` (NotFound lists the names there are)."""
        check_name(name)
        try:
            return find_by_name(self.list_volumes(name=name), name, "volume")
        except BadRequest:  # a cloud whose resource filters leave out "name": look through them all
            return find_by_name(self.list_volumes(), name, "volume")

    def create_volume(
        self,
        size: int | None = None,
        *,
        name: str | None = None,
        description: str | None = None,
        volume_type: VolumeTypeRef | None = None,
        snapshot_id: SnapshotRef | None = None,
        source_volume_id: VolumeRef | None = None,
        image_id: str | None = None,
        backup_id: BackupRef | None = None,
        availability_zone: str | None = None,
        metadata: Mapping[str, str] | None = None,
        **options: Any,
    ) -> Volume:
        """Create a volume (it is then being made: ``wait_for(volume)`` until it is ``available``).

        ``size`` in GiB is required for a blank volume; from a snapshot (``snapshot_id``), another
        volume (``source_volume_id``: a clone), an image (``image_id``) or a backup (``backup_id``,
        3.47) it defaults to the source's. ``volume_type`` is a type's name or id (or model); a name
        the cloud does not list is refused before the volume is requested. Options:
        ``scheduler_hints``, ``multiattach``, ``group_id``, ``consistencygroup_id``.
        """
        type_name = self._known_volume_type(volume_type) if volume_type is not None else None
        body, used = bodies.volume_create(
            size,
            name=name,
            description=description,
            volume_type=type_name,
            snapshot_id=snapshot_id,
            source_volume_id=source_volume_id,
            image_id=image_id,
            backup_id=backup_id,
            availability_zone=availability_zone,
            metadata=metadata,
            **options,
        )
        return self.volumes.create(body, wrap=False, features=used)

    def _known_volume_type(self, volume_type: Any) -> str:
        """The type's name or id, checked against the types this project can use (when it may list them)."""
        if not isinstance(volume_type, str):
            return ref_id(volume_type, "volume type")
        if not volume_type:
            raise ValidationError("volume_type must be a volume type's name or id, not ''")
        try:
            known = list(self.list_volume_types())
        except (Forbidden, NotFound):  # the list is not ours to read: Cinder checks the name itself
            return volume_type
        if any(volume_type in (t.name, t.id) for t in known):
            return volume_type
        names = ", ".join(sorted(repr(t.name) for t in known if t.name)) or "none"
        raise ValidationError(f"unknown volume type {volume_type!r}; this cloud offers: {names}")

    def update_volume(self, volume: VolumeRef, *, name: str | None = None, description: str | None = None) -> Volume:
        """Change the name and/or the description (``""`` clears it)."""
        body = bodies.named_update("update_volume", name, description)
        return self.volumes.update(volume, body)

    def rename_volume(self, volume: VolumeRef, name: str) -> Volume:
        return self.update_volume(volume, name=name)

    def extend_volume(self, volume: VolumeRef, size: int) -> None:
        """Grow a volume to ``size`` GiB (``wait_for(volume)`` or ``"in-use"`` until done).

        The volume is read first: a size that is not larger is refused, and an in-use volume needs
        microversion 3.42 (refused with ``MicroversionUnsupported`` before sending below it; the
        cloud's policy and hypervisor must allow it too)."""
        new_size = bodies.check_size(size, "the new size")
        current = self.get_volume(volume)
        if current.size is not None and new_size <= current.size:
            raise ValidationError(
                f"volume {current.id} is already {current.size} GiB; extend it to more than that, not {new_size}"
                " (a volume cannot shrink)"
            )
        used = [F.EXTEND_IN_USE] if current.status == "in-use" else []
        self._action(current.id, {"os-extend": {"new_size": new_size}}, *used)

    def delete_volume(self, volume: VolumeRef, *, cascade: bool | None = None) -> None:
        """Delete a volume (``cascade=True``: with its snapshots). A volume Cinder is already deleting
        is not an error: ``wait_for(volume, "DELETED")`` then waits for it to go."""
        check_bool(cascade, "cascade")
        params = None if cascade is None else query({"cascade": cascade})
        try:
            self.volumes.delete(volume, params=params)
        except BadRequest:
            try:
                now = self.get_volume(volume)
            except NotFound:
                return
            if now.status == "deleting":
                return
            raise

    def set_volume_bootable(self, volume: VolumeRef, bootable: bool = True) -> None:
        if not isinstance(bootable, bool):
            raise ValidationError(f"bootable must be True or False, not {bootable!r}")
        self._action(volume, {"os-set_bootable": {"bootable": bootable}})

    def revert_volume_to_snapshot(self, volume: VolumeRef, snapshot: SnapshotRef) -> None:
        """Revert a volume to its latest snapshot (3.40; the volume must be ``available``)."""
        body = {"revert": {"snapshot_id": ref_id(snapshot, "snapshot")}}
        self._action(volume, body, F.REVERT)

    def get_volume_metadata(self, volume: VolumeRef) -> dict[str, str]:
        return self.volumes.metadata(volume).read()

    def set_volume_metadata(self, volume: VolumeRef, metadata: Mapping[str, str]) -> dict[str, str]:
        """Replace the whole metadata; returns it as Cinder now has it."""
        return self.volumes.metadata(volume).replace(check_metadata(metadata))

    def update_volume_metadata(self, volume: VolumeRef, metadata: Mapping[str, str]) -> dict[str, str]:
        """Add or change these keys, keeping the others; returns the whole metadata."""
        return self.volumes.metadata(volume).merge(check_metadata(metadata))

    def get_volume_metadata_item(self, volume: VolumeRef, key: str) -> str:
        return str(self.volumes.metadata(volume).get(key))

    def set_volume_metadata_item(self, volume: VolumeRef, key: str, value: str) -> dict[str, str]:
        check_metadata({key: value})
        return self.volumes.metadata(volume).set(key, value)

    def delete_volume_metadata(self, volume: VolumeRef, key: str) -> None:
        self.volumes.metadata(volume).delete(key)

    # -- snapshots -------------------------------------------------------------------------------

    def list_snapshots(
        self, *, limit: int | None = None, page_size: int | None = None, **filters: Any
    ) -> Iterator[Snapshot]:
        """Snapshots with details. Filters: ``volume_id``, ``name``, ``status``, ``metadata``, ``sort``..."""
        params, used = _filters(filters)
        return self.snapshots.list(params, limit=limit, page_size=page_size, features=used)

    def get_snapshot(self, snapshot: SnapshotRef) -> Snapshot:
        return self.snapshots.get(snapshot)

    def create_snapshot(
        self,
        volume: VolumeRef,
        *,
        name: str | None = None,
        description: str | None = None,
        force: bool | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Snapshot:
        """Snapshot a volume (``wait_for(snapshot)`` until it is ``available``).

        Below microversion 3.66 Cinder snapshots an in-use volume only with ``force``: left None, it
        is sent (true) when the volume is in use, which is read first. From 3.66 ``force`` is never
        sent (Cinder snapshots in-use volumes without it, and refuses a false one)."""
        volume_id = self.volumes.id_of(volume)
        check_bool(force, "force")
        if self.negotiator.choose() >= F.SNAPSHOT_WITHOUT_FORCE_SINCE:
            force = None
        elif force is None:
            force = True if self.get_volume(volume_id).status == "in-use" else None
        body = bodies.snapshot_create(volume_id, name=name, description=description, force=force, metadata=metadata)
        return self.snapshots.create(body)

    def update_snapshot(
        self, snapshot: SnapshotRef, *, name: str | None = None, description: str | None = None
    ) -> Snapshot:
        body = bodies.named_update("update_snapshot", name, description)
        return self.snapshots.update(snapshot, body)

    def delete_snapshot(self, snapshot: SnapshotRef) -> None:
        self.snapshots.delete(snapshot)

    def get_snapshot_metadata(self, snapshot: SnapshotRef) -> dict[str, str]:
        return self.snapshots.metadata(snapshot).read()

    def set_snapshot_metadata(self, snapshot: SnapshotRef, metadata: Mapping[str, str]) -> dict[str, str]:
        return self.snapshots.metadata(snapshot).replace(check_metadata(metadata))

    def update_snapshot_metadata(self, snapshot: SnapshotRef, metadata: Mapping[str, str]) -> dict[str, str]:
        return self.snapshots.metadata(snapshot).merge(check_metadata(metadata))

    def delete_snapshot_metadata(self, snapshot: SnapshotRef, key: str) -> None:
        self.snapshots.metadata(snapshot).delete(key)

    # -- backups ---------------------------------------------------------------------------------

    def list_backups(
        self, *, limit: int | None = None, page_size: int | None = None, **filters: Any
    ) -> Iterator[Backup]:
        """Backups with details. Filters: ``volume_id``, ``name``, ``status``, ``sort``..."""
        params, used = _filters(filters)
        return self.backups.list(params, limit=limit, page_size=page_size, features=used)

    def get_backup(self, backup: BackupRef) -> Backup:
        return self.backups.get(backup)

    def create_backup(self, volume: VolumeRef, **options: Any) -> Backup:
        """Back a volume up (``wait_for(backup)`` until it is ``available``). Options: ``name``,
        ``description``, ``container``, ``incremental``, ``force`` (an in-use volume),
        ``snapshot_id`` (back up that snapshot of the volume), ``availability_zone``, ``metadata``
        (3.43). Needs a cloud that runs a backup service."""
        body, used = bodies.backup_create(self.volumes.id_of(volume), options)
        return self.backups.create(body, features=used)

    def update_backup(self, backup: BackupRef, *, name: str | None = None, description: str | None = None) -> Backup:
        """Change a backup's name and/or description (3.9)."""
        body = bodies.named_update("update_backup", name, description)
        return self.backups.update(backup, body, features=[F.BACKUP_UPDATE])

    def delete_backup(self, backup: BackupRef) -> None:
        self.backups.delete(backup)

    def restore_backup(
        self, backup: BackupRef, *, volume: VolumeRef | None = None, name: str | None = None
    ) -> BackupRestore:
        """Restore a backup into ``volume`` (overwritten), or into a new volume (named ``name``).
        Returns where it goes; ``wait_for(restore.volume_id)`` until that volume is ``available``."""
        backup_id = self.backups.id_of(backup)
        body = {
            "restore": fields(
                volume_id=None if volume is None else ref_id(volume, "volume"),
                name=bodies.check_text(name, "name"),
            )
        }
        path = f"{BACKUPS.item_path(backup_id)}/restore"
        answer = self.backups.action(backup_id, body, path="restore")
        return RESTORES.one(answer, self.api, "POST", path)

    # -- transfers -------------------------------------------------------------------------------

    def _transfers(self, *features: Feature) -> Any:
        """``/volume-transfers`` where the cloud has it (3.55), else ``/os-volume-transfer``."""
        if self.negotiator.allows(F.TRANSFERS):
            return self.transfers, [F.TRANSFERS, *features]
        if features:
            self.negotiator.choose([F.TRANSFERS, *features])  # raises, naming what is missing
        return self.legacy_transfers, []

    def create_transfer(self, volume: VolumeRef, *, name: str | None = None, **options: Any) -> VolumeTransfer:
        """Offer a volume to another project. The answer's ``auth_key`` is shown this once: give it,
        with the transfer's id, to the project that accepts it. Option: ``no_snapshots=True``
        (3.55: transfer the volume without its snapshots)."""
        unknown = sorted(set(options) - {"no_snapshots"})
        if unknown:
            raise ValidationError(f"create_transfer got an unknown option {unknown[0]!r}; it takes no_snapshots")
        no_snapshots = check_bool(options.get("no_snapshots"), "no_snapshots")
        resource, used = self._transfers(*([F.TRANSFERS] if no_snapshots is not None else []))
        body = fields(volume_id=self.volumes.id_of(volume), name=bodies.transfer_name(name), no_snapshots=no_snapshots)
        created: VolumeTransfer = resource.create(body, features=used)
        return created

    def list_transfers(self, *, limit: int | None = None) -> Iterator[VolumeTransfer]:
        resource, used = self._transfers()
        found: Iterator[VolumeTransfer] = resource.list(limit=limit, features=used)
        return found

    def get_transfer(self, transfer: TransferRef) -> VolumeTransfer:
        resource, used = self._transfers()
        found: VolumeTransfer = resource.get(transfer, features=used)
        return found

    def accept_transfer(self, transfer: TransferRef, auth_key: str) -> VolumeTransfer:
        """Take a volume offered to this project (the volume is then this project's)."""
        if not isinstance(auth_key, str) or not auth_key:
            raise ValidationError("auth_key must be the transfer's key (a string), as create_transfer returned it")
        resource, used = self._transfers()
        transfer_id = resource.id_of(transfer)
        answer = resource.action(transfer_id, {"accept": {"auth_key": auth_key}}, path="accept", features=used)
        path = f"{resource.resource.item_path(transfer_id)}/accept"
        accepted: VolumeTransfer = resource.resource.one(answer, self.api, "POST", path)
        return accepted

    def delete_transfer(self, transfer: TransferRef) -> None:
        """Withdraw an offer that has not been accepted."""
        resource, used = self._transfers()
        resource.delete(transfer, features=used)

    # -- volume types ----------------------------------------------------------------------------

    def list_volume_types(self) -> Iterator[VolumeType]:
        return self.volume_types.list()

    def get_volume_type(self, volume_type: VolumeTypeRef) -> VolumeType:
        """A volume type by id (or model); by name: :meth:`find_volume_type`."""
        return self.volume_types.get(volume_type)

    def find_volume_type(self, name: str) -> VolumeType:
        return find_by_name(self.list_volume_types(), name, "volume type")

    def get_volume_type_extra_specs(self, volume_type: VolumeTypeRef) -> dict[str, Any]:
        """A type's extra specs (the backend capabilities it asks for; the cloud's policy may keep
        them to administrators: Forbidden)."""
        path = f"{VOLUME_TYPES.item_path(self.volume_types.id_of(volume_type))}/extra_specs"
        return dict(self.api.member("GET", path, "extra_specs", dict, headers=self.request_headers()))

    # -- the account and the service -------------------------------------------------------------

    def get_limits(self) -> Limits:
        """This project's limits and usage (``absolute``: ``maxTotalVolumes``, ``totalGigabytesUsed``...)."""
        return self.limits.read()

    def get_quotas(self, *, usage: bool = False, project: str | None = None) -> QuotaSet:
        """This project's quotas (``usage=True``: with what is in use and reserved). ``project``
        reads another project's (an administrator's call)."""
        check_bool(usage, "usage")
        project_id = project or getattr(self.auth, "project_id", None)
        if not project_id:
            raise ValidationError("get_quotas needs the project: authenticate with a project scope or pass project=")
        params = {"usage": "true"} if usage else None
        return self.quotas.read(parents={"project_id": project_id}, params=params)

    def list_availability_zones(self) -> list[AvailabilityZone]:
        return list(self.availability_zones.list())

    def list_messages(self, *, limit: int | None = None, **filters: Any) -> Iterator[Message]:
        """User messages (3.3): what went wrong with this project's resources, in Cinder's words.
        Filters: ``resource_uuid``, ``resource_type``, ``event_id``, ``message_level``, ``sort``..."""
        params, used = _filters(filters)
        return self.messages.list(params, limit=limit, features=[F.MESSAGES, *used])

    def get_message(self, message: str | Message) -> Message:
        return self.messages.get(message, features=[F.MESSAGES])

    def delete_message(self, message: str | Message) -> None:
        self.messages.delete(message, features=[F.MESSAGES])
