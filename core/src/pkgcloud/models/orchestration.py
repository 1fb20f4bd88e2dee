"""Orchestration models: stacks, their resources and events."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attrs import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class Stack(Model):
    """A stack. ``status`` is the service's (``CREATE_COMPLETE``, ``UPDATE_FAILED``...)."""

    id: str
    name: str | None = None
    status: str | None = None
    status_reason: str | None = None
    description: str | None = None
    parameters: dict[str, Any] = field(factory=dict)
    outputs: list[dict[str, Any]] = field(factory=list)
    timeout_mins: int | None = None
    disable_rollback: bool | None = None
    tags: list[str] = field(factory=list)
    parent_id: str | None = None
    project_id: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class StackResource(Model):
    name: str
    type: str | None = None
    status: str | None = None
    status_reason: str | None = None
    physical_id: str | None = None
    logical_id: str | None = None
    required_by: list[str] = field(factory=list)
    updated: _dt.datetime | None = None


@define(kw_only=True)
class StackEvent(Model):
    id: str
    resource_name: str | None = None
    resource_type: str | None = None
    status: str | None = None
    status_reason: str | None = None
    physical_resource_id: str | None = None
    logical_resource_id: str | None = None
    time: _dt.datetime | None = None
