"""Heat's JSON to pkgcloud's models. Required fields are indexed (a missing one is a
``MalformedResponse``); the rest are read with :mod:`pkgcloud.values`.

Models are imported when a function runs, not when this module is imported (import cost rule).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pkgcloud.values import as_bool, as_dict, as_dicts, as_int, as_list, as_str

if TYPE_CHECKING:
    from pkgcloud.models.orchestration import (
        ResourceType,
        ResourceTypeSchema,
        Stack,
        StackEvent,
        StackOutput,
        StackResource,
        StackUpdatePreview,
        TemplateValidation,
        TemplateVersion,
    )

# parameters Heat adds to every stack's own
HEAT_PARAMETERS = frozenset({"OS::stack_id", "OS::stack_name", "OS::project_id"})


def _time(value: Any) -> Any:
    from pkgcloud.models.base import parse_time

    try:
        return parse_time(value) if isinstance(value, str) and value else None
    except (TypeError, ValueError):
        return None


def _required_str(d: Mapping[str, Any], key: str) -> str:
    value = d[key]
    if isinstance(value, (dict, list)) or value is None or value == "":
        raise ValueError(f"{key!r} is not an identifier")
    return str(value)


def link_path_segments(d: Mapping[str, Any], rel: str) -> list[str]:
    """The path segments of the link ``rel`` (``self``, ``stack``...), [] when there is none."""
    for link in as_dicts(d.get("links")):
        if link.get("rel") == rel and isinstance(link.get("href"), str):
            return [s for s in urlsplit(link["href"]).path.split("/") if s]
    return []


def stack_of_link(d: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(name, id) of the stack a resource or event's ``stack`` link points to."""
    segments = link_path_segments(d, "stack")
    if len(segments) >= 2 and "stacks" in segments[:-1]:
        at = len(segments) - 1 - segments[::-1].index("stacks")
        rest = segments[at + 1 :]
        if len(rest) >= 2:
            return rest[0], rest[1]
    return None, None


def output(d: dict[str, Any]) -> StackOutput:
    from pkgcloud.models.orchestration import StackOutput

    return StackOutput(
        key=_required_str(d, "output_key"),
        value=d.get("output_value"),
        description=as_str(d.get("description")),
        error=as_str(d.get("output_error")),
        raw=d,
    )


def stack(d: dict[str, Any]) -> Stack:
    from pkgcloud.models.orchestration import Stack

    parameters = {k: v for k, v in as_dict(d.get("parameters")).items() if k not in HEAT_PARAMETERS}
    outputs = []
    for item in as_dicts(d.get("outputs")):
        if item.get("output_key") not in (None, ""):
            outputs.append(output(item))
    name = as_str(d.get("stack_name"))
    if name is None:  # create answers only {"id", "links"}: the self link names the stack
        segments = link_path_segments(d, "self")
        if len(segments) >= 2 and segments[-1] == str(d.get("id")):
            name = segments[-2]
    parent = d.get("parent")
    return Stack(
        id=_required_str(d, "id"),
        name=name,
        status=as_str(d.get("stack_status")),
        status_reason=as_str(d.get("stack_status_reason")),
        description=as_str(d.get("description")),
        template_description=as_str(d.get("template_description")),
        parameters=parameters,
        outputs=outputs,
        timeout_mins=as_int(d.get("timeout_mins")),
        disable_rollback=as_bool(d.get("disable_rollback")),
        tags=[str(t) for t in as_list(d.get("tags")) if isinstance(t, (str, int))],
        capabilities=as_list(d.get("capabilities")),
        notification_topics=as_list(d.get("notification_topics")),
        parent_id=as_str(parent) if parent else None,
        project_id=as_str(d.get("project") or as_dict(d.get("parameters")).get("OS::project_id")),
        owner=as_str(d.get("stack_owner")),
        created=_time(d.get("creation_time")),
        updated=_time(d.get("updated_time")),
        deleted=_time(d.get("deletion_time")),
        resources=[resource(r) for r in _flat_dicts(d.get("resources")) if r.get("resource_name")],
        raw=d,
    )


def _flat_dicts(value: Any) -> list[dict[str, Any]]:
    """A preview's resources: a list of resources and lists of a nested stack's resources."""
    out: list[dict[str, Any]] = []
    for item in as_list(value):
        if isinstance(item, Mapping):
            out.append(dict(item))
        elif isinstance(item, list):
            out.extend(_flat_dicts(item))
    return out


def resource(d: dict[str, Any]) -> StackResource:
    from pkgcloud.models.orchestration import StackResource

    stack_name, stack_id = stack_of_link(d)
    identity = as_dict(d.get("stack_identity"))
    action, status = as_str(d.get("resource_action")), as_str(d.get("resource_status"))
    if action and status and not status.startswith(action):  # a preview's split form
        status = f"{action}_{status}"
    return StackResource(
        name=_required_str(d, "resource_name"),
        type=as_str(d.get("resource_type")),
        status=status,
        status_reason=as_str(d.get("resource_status_reason")),
        physical_id=as_str(d.get("physical_resource_id")) or None,
        logical_id=as_str(d.get("logical_resource_id")),
        required_by=[str(r) for r in as_list(d.get("required_by")) if isinstance(r, str)],
        description=as_str(d.get("description")),
        attributes=as_dict(d.get("attributes")),
        properties=as_dict(d.get("properties")),
        parent_resource=as_str(d.get("parent_resource")),
        stack_name=stack_name or as_str(d.get("stack_name")) or as_str(identity.get("stack_name")),
        stack_id=stack_id or as_str(identity.get("stack_id")),
        created=_time(d.get("creation_time")),
        updated=_time(d.get("updated_time")),
        raw=d,
    )


def event(d: dict[str, Any]) -> StackEvent:
    from pkgcloud.models.orchestration import StackEvent

    stack_name, stack_id = stack_of_link(d)
    return StackEvent(
        id=_required_str(d, "id"),
        resource_name=as_str(d.get("resource_name")),
        resource_type=as_str(d.get("resource_type")),
        status=as_str(d.get("resource_status")),
        status_reason=as_str(d.get("resource_status_reason")),
        physical_resource_id=as_str(d.get("physical_resource_id")),
        logical_resource_id=as_str(d.get("logical_resource_id")),
        stack_name=stack_name,
        stack_id=stack_id,
        root_stack_id=as_str(d.get("root_stack_id")),
        time=_time(d.get("event_time")),
        raw=d,
    )


def update_preview(d: dict[str, Any]) -> StackUpdatePreview:
    from pkgcloud.models.orchestration import StackUpdatePreview

    def group(key: str) -> list[StackResource]:
        return [resource(r) for r in _flat_dicts(d.get(key)) if r.get("resource_name")]

    return StackUpdatePreview(
        added=group("added"),
        deleted=group("deleted"),
        replaced=group("replaced"),
        updated=group("updated"),
        unchanged=group("unchanged"),
        raw=d,
    )


def resource_type(value: Any) -> ResourceType:
    """A listed type: a bare name, or ``{"resource_type", "description"}`` (``with_description``)."""
    from pkgcloud.models.orchestration import ResourceType

    if isinstance(value, str) and value:
        return ResourceType(name=value, raw={"resource_type": value})
    if isinstance(value, Mapping):
        d = dict(value)
        return ResourceType(name=_required_str(d, "resource_type"), description=as_str(d.get("description")), raw=d)
    raise ValueError("a resource type is a name or an object with 'resource_type'")


def resource_type_schema(d: dict[str, Any]) -> ResourceTypeSchema:
    from pkgcloud.models.orchestration import ResourceTypeSchema

    return ResourceTypeSchema(
        name=_required_str(d, "resource_type"),
        description=as_str(d.get("description")),
        properties=as_dict(d.get("properties")),
        attributes=as_dict(d.get("attributes")),
        support_status=as_dict(d.get("support_status")),
        raw=d,
    )


def template_version(d: dict[str, Any]) -> TemplateVersion:
    from pkgcloud.models.orchestration import TemplateVersion

    return TemplateVersion(
        version=_required_str(d, "version"),
        type=as_str(d.get("type")),
        aliases=[str(a) for a in as_list(d.get("aliases")) if isinstance(a, str)],
        raw=d,
    )


def validation(d: dict[str, Any]) -> TemplateValidation:
    from pkgcloud.models.orchestration import TemplateValidation

    return TemplateValidation(
        description=as_str(d.get("Description")),
        parameters=as_dict(d.get("Parameters")),
        parameter_groups=as_list(d.get("ParameterGroups")),
        environment=as_dict(d.get("Environment")),
        raw=d,
    )
