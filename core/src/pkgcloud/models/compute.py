"""Compute models: servers and what they are made from."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attrs import define, field

from pkgcloud.models.base import Model, Status


@define(kw_only=True)
class Server(Model):
    """A server. ``status`` is normalised (RUNNING, PROVISIONING...); ``provider_status`` is the cloud's.

    ``addresses`` is normalised into ``{"public": [...], "private": [...]}``; ``networks`` keeps the
    addresses by network name.
    """

    id: str
    name: str | None = None
    status: Status = Status.UNKNOWN
    provider_status: str | None = None
    progress: int | None = None
    image_id: str | None = None
    flavor_id: str | None = None
    addresses: dict[str, list[str]] = field(factory=dict)
    networks: dict[str, list[str]] = field(factory=dict)
    metadata: dict[str, str] = field(factory=dict)
    key_name: str | None = None
    security_groups: list[str] = field(factory=list)
    availability_zone: str | None = None
    host_id: str | None = None
    project_id: str | None = None
    user_id: str | None = None
    access_ipv4: str | None = None
    access_ipv6: str | None = None
    task_state: str | None = None
    power_state: int | None = None
    locked: bool | None = None
    tags: list[str] = field(factory=list)
    fault: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None
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
    """An image as the compute API shows it. ``size`` in bytes; ``min_disk`` GiB, ``min_ram`` MiB."""

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
    """A volume attached to a server, as the compute API shows it."""

    id: str | None = None
    server_id: str | None = None
    volume_id: str
    device: str | None = None
    tag: str | None = None
    delete_on_termination: bool | None = None


@define(kw_only=True)
class ServerGroup(Model):
    id: str
    name: str | None = None
    policy: str | None = None
    rules: dict[str, Any] = field(factory=dict)
    members: list[str] = field(factory=list)
    project_id: str | None = None
    user_id: str | None = None
