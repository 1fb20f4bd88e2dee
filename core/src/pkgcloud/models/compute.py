"""Compute models: servers and what they are made from."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attr import define, field

from pkgcloud.models.base import Model
from pkgcloud.models.status import Status


@define(kw_only=True)
class Server(Model):
    """A server. ``status`` is normalised (RUNNING, PROVISIONING...); ``provider_status`` is the cloud's.

    ``addresses`` is normalised into ``{"public": [...], "private": [...]}`` (both keys always present);
    ``networks`` keeps every address by network name. ``fault`` is the cloud's reason for an ERROR.
    ``flavor_id`` may be None where the cloud only describes the flavor (then ``flavor_name`` is set).
    """

    id: str
    name: str | None = None
    status: Status = Status.UNKNOWN
    provider_status: str | None = None
    progress: int | None = None
    image_id: str | None = None
    flavor_id: str | None = None
    flavor_name: str | None = None
    addresses: dict[str, list[str]] = field(factory=lambda: {"public": [], "private": []})
    networks: dict[str, list[str]] = field(factory=dict)
    metadata: dict[str, str] = field(factory=dict)
    key_name: str | None = None
    security_groups: list[str] = field(factory=list)
    availability_zone: str | None = None
    host_id: str | None = None
    hostname: str | None = None
    description: str | None = None
    project_id: str | None = None
    user_id: str | None = None
    access_ipv4: str | None = None
    access_ipv6: str | None = None
    task_state: str | None = None
    vm_state: str | None = None
    power_state: int | None = None
    locked: bool | None = None
    locked_reason: str | None = None
    config_drive: bool | None = None
    volume_ids: list[str] = field(factory=list)
    tags: list[str] = field(factory=list)
    fault: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None
    launched: _dt.datetime | None = None
    admin_pass: str | None = field(default=None, repr=False)


@define(kw_only=True)
class Flavor(Model):
    """A hardware profile. ``ram`` in MiB, ``disk``/``ephemeral`` in GiB, ``swap`` in MiB."""

    id: str
    name: str | None = None
    ram: int | None = None
    disk: int | None = None
    vcpus: int | None = None
    ephemeral: int | None = None
    swap: int | None = None
    is_public: bool | None = None
    description: str | None = None
    extra_specs: dict[str, str] = field(factory=dict)


@define(kw_only=True)
class Image(Model):
    """An image as the compute API shows it. ``size`` in bytes; ``min_disk`` GiB, ``min_ram`` MiB.

    ``status`` is the cloud's (``ACTIVE``, ``SAVING``...); ``server_id`` names the server a snapshot
    was taken from.
    """

    id: str
    name: str | None = None
    status: str | None = None
    progress: int | None = None
    size: int | None = None
    min_disk: int | None = None
    min_ram: int | None = None
    server_id: str | None = None
    metadata: dict[str, Any] = field(factory=dict)
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class Keypair(Model):
    """An SSH key pair. ``private_key`` is only set when the cloud generated the pair (never shown)."""

    name: str
    fingerprint: str | None = None
    public_key: str | None = None
    type: str | None = None
    user_id: str | None = None
    created: _dt.datetime | None = None
    private_key: str | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.name


@define(kw_only=True)
class Limits(Model):
    """Quotas and usage (``absolute``, e.g. ``maxTotalInstances``) and rate limits."""

    absolute: dict[str, int] = field(factory=dict)
    rate: list[dict[str, Any]] = field(factory=list)


@define(kw_only=True)
class AvailabilityZone(Model):
    name: str
    available: bool = True
    hosts: dict[str, Any] | None = None


@define(kw_only=True)
class VolumeAttachment(Model):
    """A volume attached to a server, as the compute API shows it.

    ``id`` is the attachment's id in the compute API (some clouds use the volume id for it);
    ``attachment_id`` is the block-storage attachment where the cloud says it.
    """

    id: str | None = None
    server_id: str | None = None
    volume_id: str
    device: str | None = None
    tag: str | None = None
    delete_on_termination: bool | None = None
    attachment_id: str | None = None


@define(kw_only=True)
class ServerGroup(Model):
    """A group of servers placed by a policy (``affinity``, ``anti-affinity``, ``soft-...``)."""

    id: str
    name: str | None = None
    policy: str | None = None
    rules: dict[str, Any] = field(factory=dict)
    members: list[str] = field(factory=list)
    project_id: str | None = None
    user_id: str | None = None


@define(kw_only=True)
class ApiVersion(Model):
    """A service's API version: ``id`` (``v2.1``), ``status`` and the microversion range it accepts.

    ``version`` is the highest microversion and ``min_version`` the lowest; both are None for an API
    without microversions.
    """

    id: str
    status: str | None = None
    version: str | None = None
    min_version: str | None = None
    updated: _dt.datetime | None = None
