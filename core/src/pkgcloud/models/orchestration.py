"""Orchestration models: stacks, their outputs, resources and events, resource types, templates."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from attr import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class StackOutput(Model):
    """One output of a stack: ``value`` once resolved, ``error`` when it could not be."""

    key: str
    value: Any = None
    description: str | None = None
    error: str | None = None


@define(kw_only=True)
class Stack(Model):
    """A stack. ``status`` is the service's (``CREATE_COMPLETE``, ``UPDATE_FAILED``...), ``action`` its
    first word (``CREATE``). ``parameters`` are the stack's own (Heat's ``OS::stack_id``,
    ``OS::stack_name`` and ``OS::project_id`` are left out; ``raw`` has them). ``path`` is
    ``name/id``, how the API names a stack without a lookup."""

    id: str
    name: str | None = None
    status: str | None = None
    status_reason: str | None = None
    description: str | None = None
    template_description: str | None = None
    parameters: dict[str, Any] = field(factory=dict)
    outputs: list[StackOutput] = field(factory=list)
    timeout_mins: int | None = None
    disable_rollback: bool | None = None
    tags: list[str] = field(factory=list)
    capabilities: list[Any] = field(factory=list)
    notification_topics: list[Any] = field(factory=list)
    parent_id: str | None = None
    project_id: str | None = None
    owner: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None
    deleted: _dt.datetime | None = None
    # a preview's resources (``preview_stack``); empty for a real stack
    resources: list[Any] = field(factory=list)

    @property
    def action(self) -> str | None:
        """The action of ``status`` (``CREATE`` of ``CREATE_IN_PROGRESS``)."""
        if not self.status or "_" not in self.status:
            return None
        return self.status.rsplit("_", 2)[0] if self.status.endswith("_IN_PROGRESS") else self.status.rsplit("_", 1)[0]

    @property
    def path(self) -> str | None:
        """``name/id`` (None when the name is not known)."""
        return f"{self.name}/{self.id}" if self.name and self.id else None

    def output(self, key: str) -> Any:
        """The value of output ``key`` as this stack was read (KeyError if it has none such)."""
        for out in self.outputs:
            if out.key == key:
                return out.value
        raise KeyError(key)


@define(kw_only=True)
class StackResource(Model):
    """A resource of a stack. ``stack_name``/``stack_id`` say which stack it is in (a nested one,
    when listed with ``nested_depth``); ``parent_resource`` is the resource of the parent stack that
    holds that nested stack."""

    name: str
    type: str | None = None
    status: str | None = None
    status_reason: str | None = None
    physical_id: str | None = None
    logical_id: str | None = None
    required_by: list[str] = field(factory=list)
    description: str | None = None
    attributes: dict[str, Any] = field(factory=dict)
    properties: dict[str, Any] = field(factory=dict)
    parent_resource: str | None = None
    stack_name: str | None = None
    stack_id: str | None = None
    created: _dt.datetime | None = None
    updated: _dt.datetime | None = None


@define(kw_only=True)
class StackEvent(Model):
    """An event: a change of status of the stack itself (``resource_name`` is the stack's name and
    ``physical_resource_id`` its id) or of one of its resources."""

    id: str
    resource_name: str | None = None
    resource_type: str | None = None
    status: str | None = None
    status_reason: str | None = None
    physical_resource_id: str | None = None
    logical_resource_id: str | None = None
    stack_name: str | None = None
    stack_id: str | None = None
    root_stack_id: str | None = None
    time: _dt.datetime | None = None

    def is_stack_event(self, stack: Any) -> bool:
        """True when this event is about ``stack`` itself (a :class:`Stack`), not one of its resources."""
        stack_id = getattr(stack, "id", stack)
        return bool(stack_id) and self.physical_resource_id == stack_id


@define(kw_only=True)
class StackUpdatePreview(Model):
    """What an update would do, resource by resource."""

    added: list[StackResource] = field(factory=list)
    deleted: list[StackResource] = field(factory=list)
    replaced: list[StackResource] = field(factory=list)
    updated: list[StackResource] = field(factory=list)
    unchanged: list[StackResource] = field(factory=list)


@define(kw_only=True)
class ResourceType(Model):
    """A resource type the service offers (``description`` when listed ``with_description``)."""

    name: str
    description: str | None = None


@define(kw_only=True)
class ResourceTypeSchema(Model):
    """A resource type's schema: its properties and attributes as the service describes them."""

    name: str
    description: str | None = None
    properties: dict[str, Any] = field(factory=dict)
    attributes: dict[str, Any] = field(factory=dict)
    support_status: dict[str, Any] = field(factory=dict)


@define(kw_only=True)
class TemplateVersion(Model):
    """A template format the service reads (``heat_template_version.2018-08-31``, ``hot``)."""

    version: str
    type: str | None = None
    aliases: list[str] = field(factory=list)


@define(kw_only=True)
class TemplateValidation(Model):
    """The answer to a template validation: its description, parameters and environment."""

    description: str | None = None
    parameters: dict[str, Any] = field(factory=dict)
    parameter_groups: list[Any] = field(factory=list)
    environment: dict[str, Any] = field(factory=dict)
