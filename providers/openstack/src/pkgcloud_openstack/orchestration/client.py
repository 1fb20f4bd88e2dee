"""Heat: the OpenStack orchestration client.

A stack is named on the API by ``{name}/{id}``. A model that has both, or a ``"name/id"`` string, is
used as it is; a bare name or id is looked up once (Heat answers ``GET /stacks/{x}`` with a 302 whose
``Location`` may name an internal host: only its last two path segments are kept, on our endpoint).

Waits follow events: a call that starts an action (update, patch, check, suspend, resume, cancel,
delete) first takes the id of the stack's last event, so that ``wait_for`` streams what happens
after it and does not take a ``*_COMPLETE`` left from before the call for the end of the new action.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import unquote

from attrs import evolve

from pkgcloud.bodies import check_int, check_known, fields, query
from pkgcloud.errors import NotFound, PkgcloudError, ResourceFailed, ValidationError, WaitTimeout
from pkgcloud.orchestration import OrchestrationClient
from pkgcloud.resource import MARKER, SINGLE, Resource, Segments
from pkgcloud_openstack.orchestration import bodies, parse
from pkgcloud_openstack.service import EndpointVersion, OpenStackClient

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
    from pkgcloud.orchestration import StackRef, TemplateSource

STACKS = Resource("stacks", key="stack", parse=parse.stack, paging=MARKER)
RESOURCES = Resource("stacks/{stack}/resources", key="resource", parse=parse.resource, paging=SINGLE)
EVENTS = Resource("stacks/{stack}/events", key="event", parse=parse.event, paging=MARKER)
RESOURCE_EVENTS = Resource("stacks/{stack}/resources/{resource}/events", key="event", parse=parse.event, paging=MARKER)
OUTPUTS = Resource("stacks/{stack}/outputs", key="output", parse=parse.output, paging=SINGLE)
TEMPLATE_VERSIONS = Resource(
    "template_versions", key="template_version", parse=parse.template_version, paging=SINGLE, noun="template version"
)

_REDIRECTS = (301, 302, 303, 307, 308)
DELETED = "DELETED"
# how deep the failure summary looks into nested stacks
FAILURE_DEPTH = 5
# events asked per page while waiting: a shorter page is the last (no request for an empty one)
EVENT_PAGE = 100

STACK_FILTERS = frozenset(
    {
        "name",
        "status",
        "action",
        "id",
        "tenant",
        "username",
        "owner_id",
        "parent",
        "tags",
        "tags_any",
        "not_tags",
        "not_tags_any",
        "sort_keys",
        "sort_dir",
        "marker",
        "show_deleted",
        "show_nested",
        "show_hidden",
        "global_tenant",
        "with_count",
    }
)
RESOURCE_FILTERS = frozenset({"type", "status", "name", "action", "id", "physical_resource_id", "with_detail"})
EVENT_FILTERS = frozenset(
    {
        "marker",
        "sort_dir",
        "sort_keys",
        "resource_status",
        "resource_action",
        "resource_name",
        "resource_type",
        "nested_depth",
    }
)
RESOURCE_TYPE_FILTERS = frozenset({"name", "version", "support_status", "with_description"})
TEMPLATE_KEYS = frozenset(
    {"template_url", "parameters", "environment", "environment_files", "files", "base_dir", "fetch_url"}
)
STACK_KEYS = frozenset({"timeout_mins", "disable_rollback", "tags"})
UPDATE_KEYS = TEMPLATE_KEYS | STACK_KEYS | {"converge"}
PATCH_KEYS = UPDATE_KEYS | {"clear_parameters"}


class _Pending:
    """An action this client started on a stack: what it was and the last event before it."""

    __slots__ = ("action", "fresh", "marker")

    def __init__(self, action: str, marker: str | None, *, fresh: bool = False) -> None:
        self.action = action
        self.marker = marker
        self.fresh = fresh


def _filters(given: Mapping[str, Any], allowed: Iterable[str], operation: str) -> dict[str, Any]:
    check_known(given, allowed, operation, kind="filter")
    return query(given)


def _until_empty_page(items: Iterator[StackEvent]) -> Iterator[StackEvent]:
    """A resource's events: Heat answers 404 "No events found" for the page after the last one."""
    seen = False
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except NotFound:
            if seen:
                return
            raise
        seen = True
        yield item


class HeatOrchestration(OpenStackClient, OrchestrationClient):
    """OpenStack Orchestration (Heat) v1."""

    catalog_type: ClassVar[str] = "orchestration"
    api_version: ClassVar[EndpointVersion | None] = EndpointVersion("v1", with_project=True)

    stacks = STACKS
    resources = RESOURCES
    events = EVENTS
    resource_events = RESOURCE_EVENTS
    outputs = OUTPUTS
    template_versions = TEMPLATE_VERSIONS

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self._pending: dict[str, _Pending] = {}

    # -- naming a stack --------------------------------------------------------------------------

    def stack_path(self, stack: StackRef | Segments) -> Segments:
        """``(name, id)`` of a stack: from the model or a ``"name/id"`` string, else looked up once."""
        from pkgcloud.models.orchestration import Stack

        if isinstance(stack, Segments):
            return stack
        if isinstance(stack, Stack):
            if stack.name and stack.id:
                return Segments(stack.name, stack.id)
            return self._lookup(stack.id)
        if isinstance(stack, str) and stack.strip() == stack and stack:
            name, slash, stack_id = stack.partition("/")
            if slash:
                if not name or not stack_id or "/" in stack_id:
                    raise ValidationError(f"a stack is named by its name, its id or 'name/id', not {stack!r}")
                return Segments(name, stack_id)
            return self._lookup(stack)
        raise ValidationError(f"a stack is a Stack, its name, its id or 'name/id', not {stack!r}")

    def _lookup(self, ref: str) -> Segments:
        path = STACKS.item_path(ref)
        response = self.api.request("GET", path, headers=self.request_headers())
        if response.status_code in _REDIRECTS:
            location = response.headers.get("Location", "")
            response.close()
            found = self.api.relative_location(location, tail=2)
            parts = [unquote(p) for p in (found or "").split("/")]
            if len(parts) != 2 or not all(parts):
                raise self.api.malformed("a stack lookup redirected without 'name/id' in its Location", "GET", path)
            return Segments(parts[0], parts[1])
        found_stack = STACKS.one(self.api.decode(response, "GET"), self.api, "GET", path)
        if not found_stack.name:
            raise self.api.malformed("a stack without its stack_name", "GET", path)
        return Segments(found_stack.name, found_stack.id)

    def _not_found(self, what: str, path: str) -> NotFound:
        return NotFound(method="GET", url=self.api.url(path), status=404, message=f"{what} could not be found")

    # -- stacks ----------------------------------------------------------------------------------

    def list_stacks(self, *, limit: int | None = None, page_size: int | None = None, **filters: Any) -> Iterator[Stack]:
        """Stacks, page after page (marker paging). Filters as Heat names them: ``name``, ``status``,
        ``action``, ``tags``/``tags_any``/``not_tags``/``not_tags_any`` (lists), ``sort_keys``,
        ``sort_dir``, ``show_nested``, ``show_deleted``, ``show_hidden``, ``global_tenant``, ``marker``..."""
        check_int(page_size, "page_size", minimum=1)
        params = _filters(filters, STACK_FILTERS, "list_stacks")
        return self.stacks.list(params, limit=limit, page_size=page_size)

    def get_stack(self, stack: StackRef | Segments, *, resolve_outputs: bool | None = None) -> Stack:
        """The stack by model, name, id or ``name/id``; a deleted stack (``DELETE_COMPLETE``) is NotFound.
        ``resolve_outputs=False`` skips resolving the outputs (quicker)."""
        from pkgcloud.bodies import check_bool

        check_bool(resolve_outputs, "resolve_outputs")
        params = None if resolve_outputs is None else {"resolve_outputs": "true" if resolve_outputs else "false"}
        known = self._known_path(stack)
        if known is not None:
            path = STACKS.item_path(known)
            body = self.api.get(path, params=params, headers=self.request_headers())
        else:
            assert isinstance(stack, str)
            # Location ends in stacks/{name}/{id}: those three segments, on our endpoint
            response, path = self.api.redirected(
                "GET", STACKS.item_path(stack), tail=3, params=params, headers=self.request_headers()
            )
            body = self.api.decode(response, "GET")
        found = STACKS.one(body, self.api, "GET", path)
        if found.status == "DELETE_COMPLETE":
            raise self._not_found(f"stack {found.name or found.id} (deleted)", path)
        return found

    def _known_path(self, stack: Any) -> Segments | None:
        """The ``(name, id)`` when the reference holds both (no lookup needed); else None, and a bare
        string is then looked up by the caller."""
        from pkgcloud.models.orchestration import Stack

        if isinstance(stack, (Segments, Stack)) or (isinstance(stack, str) and "/" in stack):
            return self.stack_path(stack)
        if not isinstance(stack, str) or not stack or stack.strip() != stack:
            raise ValidationError(f"a stack is a Stack, its name, its id or 'name/id', not {stack!r}")
        return None

    def find_stack(self, stack: StackRef) -> Stack | None:
        try:
            return self.get_stack(stack)
        except NotFound:
            return None

    def create_stack(
        self,
        name: str,
        template: TemplateSource | None = None,
        *,
        template_url: str | None = None,
        parameters: Mapping[str, Any] | None = None,
        environment: Mapping[str, Any] | str | None = None,
        environment_files: Sequence[str | os.PathLike[str]] | None = None,
        files: Mapping[str, str] | None = None,
        timeout_mins: int | None = None,
        disable_rollback: bool | None = None,
        tags: Sequence[str] | None = None,
        base_dir: str | os.PathLike[str] | None = None,
        fetch_url: Callable[[str], str] | None = None,
    ) -> Stack:
        """Create a stack; returns it with its id and name (``wait_for(stack)`` until CREATE_COMPLETE).

        ``template``: a mapping, YAML/JSON text, or a local file's path (its ``get_file`` targets and
        nested templates are added to ``files``; relative references in a mapping or text resolve
        against ``base_dir``); or ``template_url`` for one Heat fetches. ``disable_rollback`` unset is
        Heat's default (true). A parameter the template does not declare is refused before sending.
        """
        body = self._create_body(
            name,
            template,
            template_url=template_url,
            parameters=parameters,
            environment=environment,
            environment_files=environment_files,
            files=files,
            timeout_mins=timeout_mins,
            disable_rollback=disable_rollback,
            tags=tags,
            base_dir=base_dir,
            fetch_url=fetch_url,
        )
        created = self.stacks.create(body, wrap=False)
        created = evolve(created, name=created.name or name)
        self._pending[created.id] = _Pending("CREATE", None, fresh=True)
        return created

    def _create_body(
        self, name: str, template: Any, *, operation: str = "create_stack", **options: Any
    ) -> dict[str, Any]:
        stack_opts = {k: options.pop(k) for k in list(options) if k in STACK_KEYS}
        body = {"stack_name": bodies.check_stack_name(name)}
        body.update(bodies.template_part(template, operation=operation, **options))
        body.update(bodies.stack_options(**stack_opts))
        return body

    def preview_stack(self, name: str, template: TemplateSource | None = None, **options: Any) -> Stack:
        """What creating this stack would make (its ``resources``), without making it; the options
        are those of :meth:`create_stack`."""
        check_known(options, TEMPLATE_KEYS | STACK_KEYS, "preview_stack")
        body = self._create_body(name, template, operation="preview_stack", **options)
        path = "stacks/preview"
        return STACKS.one(self.api.post(path, json=body, headers=self.request_headers()), self.api, "POST", path)

    def _update_body(self, template: Any, options: dict[str, Any], *, patch: bool, operation: str) -> dict[str, Any]:
        check_known(options, PATCH_KEYS if patch else UPDATE_KEYS, operation)
        stack_opts = {k: options.pop(k) for k in list(options) if k in STACK_KEYS | {"converge"}}
        clear = bodies.clear_parameters(options.pop("clear_parameters", None))
        body = bodies.template_part(
            template,
            required=not patch,
            operation=operation,
            **{k: options.get(k) for k in TEMPLATE_KEYS},
        )
        body.update(bodies.stack_options(**stack_opts))
        body.update(fields(clear_parameters=clear))
        if patch and not body:
            raise ValidationError(f"{operation} needs something to change (a parameter, the template, an option...)")
        return body

    def update_stack(self, stack: StackRef, template: TemplateSource | None = None, **options: Any) -> None:
        """Replace the stack's template (PUT): parameters not given return to their defaults. Options:
        ``template_url``, ``parameters``, ``environment``, ``environment_files``, ``files``,
        ``base_dir``, ``timeout_mins``, ``disable_rollback``, ``tags``, ``converge``. Then
        ``wait_for(stack)`` waits for UPDATE_COMPLETE (following the events that come after this call)."""
        body = self._update_body(template, dict(options), patch=False, operation="update_stack")
        self._start("UPDATE", stack, "PUT", "", body)

    def patch_stack(self, stack: StackRef, template: TemplateSource | None = None, **options: Any) -> None:
        """Change some of the stack (PATCH): the template, environment and parameters not mentioned are
        kept; ``clear_parameters`` returns the named ones to their defaults. Options: those of
        :meth:`update_stack` and ``clear_parameters``."""
        body = self._update_body(template, dict(options), patch=True, operation="patch_stack")
        self._start("UPDATE", stack, "PATCH", "", body)

    def preview_update_stack(
        self, stack: StackRef, template: TemplateSource | None = None, *, patch: bool | None = None, **options: Any
    ) -> StackUpdatePreview:
        """What an update would change, resource by resource. ``patch`` (default: when no template or
        template_url is given) previews a PATCH, else a PUT."""
        if patch is None:
            patch = template is None and options.get("template_url") is None
        operation = "preview_update_stack"
        body = self._update_body(template, dict(options), patch=bool(patch), operation=operation)
        path = f"{STACKS.item_path(self.stack_path(stack))}/preview"
        method = "PATCH" if patch else "PUT"
        changes = self.api.member(method, path, "resource_changes", dict, json=body, headers=self.request_headers())
        return parse.update_preview(changes)

    def delete_stack(self, stack: StackRef) -> None:
        """Delete the stack (``wait_for(stack, "DELETED")`` until it is gone)."""
        self._start("DELETE", stack, "DELETE", "", None)

    # -- actions ---------------------------------------------------------------------------------

    def check_stack(self, stack: StackRef) -> None:
        self._start("CHECK", stack, "POST", "/actions", {"check": None})

    def suspend_stack(self, stack: StackRef) -> None:
        self._start("SUSPEND", stack, "POST", "/actions", {"suspend": None})

    def resume_stack(self, stack: StackRef) -> None:
        self._start("RESUME", stack, "POST", "/actions", {"resume": None})

    def cancel_update(self, stack: StackRef, *, rollback: bool = True) -> None:
        """Cancel an update in progress: rolled back (``wait_for`` then awaits ROLLBACK_COMPLETE), or with
        ``rollback=False`` left as it is (the update then ends UPDATE_FAILED)."""
        from pkgcloud.bodies import check_bool

        check_bool(rollback, "rollback")
        if rollback:
            self._start("ROLLBACK", stack, "POST", "/actions", {"cancel_update": None})
        else:
            self._start("UPDATE", stack, "POST", "/actions", {"cancel_without_rollback": None})

    def _start(self, action: str, stack: StackRef, method: str, suffix: str, body: Any) -> None:
        """Send a call that starts ``action``, having taken the last event's id first."""
        segments = self.stack_path(stack)
        marker = self._last_event_id(segments)
        path = STACKS.item_path(segments) + suffix
        self.api.request(method, path, json=body, headers=self.request_headers())
        self._pending[segments[1]] = _Pending(action, marker)

    def _last_event_id(self, segments: Segments) -> str | None:
        try:
            latest = list(self.events.list({"sort_dir": "desc", "limit": 1}, parents={"stack": segments}, limit=1))
        except NotFound:
            return None
        return latest[0].id if latest else None

    # -- what a stack holds ----------------------------------------------------------------------

    def list_outputs(self, stack: StackRef) -> list[StackOutput]:
        """The stack's outputs: their keys and descriptions (``get_output`` resolves one)."""
        return list(self.outputs.list(parents={"stack": self.stack_path(stack)}))

    def get_output(self, stack: StackRef, key: str) -> StackOutput:
        """One output, resolved: its ``value``, or its ``error`` when it could not be resolved."""
        if not isinstance(key, str) or not key:
            raise ValidationError(f"an output key is a non-empty string, not {key!r}")
        return self.outputs.get(key, parents={"stack": self.stack_path(stack)})

    def _read(self, stack: StackRef, what: str) -> dict[str, Any]:
        path = f"{STACKS.item_path(self.stack_path(stack))}/{what}"
        answer = self.api.get(path, headers=self.request_headers())
        if not isinstance(answer, dict):
            raise self.api.malformed(
                f"expected the stack's {what} as an object, got {type(answer).__name__}", "GET", self.api.url(path)
            )
        return answer

    def get_template(self, stack: StackRef) -> dict[str, Any]:
        return self._read(stack, "template")

    def get_environment(self, stack: StackRef) -> dict[str, Any]:
        return self._read(stack, "environment")

    def get_files(self, stack: StackRef) -> dict[str, str]:
        return {str(k): v for k, v in self._read(stack, "files").items() if isinstance(v, str)}

    def list_resources(
        self, stack: StackRef, *, nested_depth: int | None = None, **filters: Any
    ) -> Iterator[StackResource]:
        """The stack's resources (and its nested stacks' to ``nested_depth`` levels). Heat does not
        page this list: it is one request. Filters: ``type``, ``status``, ``name``, ``action``, ``id``,
        ``physical_resource_id``, ``with_detail``."""
        check_int(nested_depth, "nested_depth", minimum=0)
        params = _filters(filters, RESOURCE_FILTERS, "list_resources")
        if nested_depth is not None:
            params["nested_depth"] = nested_depth
        return self.resources.list(params, parents={"stack": self.stack_path(stack)})

    def get_resource(self, stack: StackRef, resource_name: str) -> StackResource:
        if not isinstance(resource_name, str) or not resource_name:
            raise ValidationError(f"a resource is named by a non-empty string, not {resource_name!r}")
        return self.resources.get(resource_name, parents={"stack": self.stack_path(stack)})

    def list_events(
        self,
        stack: StackRef,
        *,
        resource_name: str | None = None,
        limit: int | None = None,
        page_size: int | None = None,
        **filters: Any,
    ) -> Iterator[StackEvent]:
        """The stack's events (one resource's with ``resource_name``), oldest first unless ``sort_dir``
        says otherwise, page after page. Filters: ``marker`` (events after this one), ``sort_dir``,
        ``resource_status``, ``resource_action``, ``resource_type``, ``nested_depth``."""
        check_int(page_size, "page_size", minimum=1)
        check_int(filters.get("nested_depth"), "nested_depth", minimum=0)
        params = _filters(filters, EVENT_FILTERS, "list_events")
        params.setdefault("sort_dir", "asc")  # Heat's own default is newest first
        segments = self.stack_path(stack)
        if resource_name is not None:
            if not isinstance(resource_name, str) or not resource_name:
                raise ValidationError(f"a resource is named by a non-empty string, not {resource_name!r}")
            parents: dict[str, Any] = {"stack": segments, "resource": resource_name}
            pages = self.resource_events.list(params, parents=parents, limit=limit, page_size=page_size)
            return _until_empty_page(pages)
        return self.events.list(params, parents={"stack": segments}, limit=limit, page_size=page_size)

    def get_event(self, stack: StackRef, resource_name: str, event_id: str) -> StackEvent:
        """One event of one resource (the stack's own events are under its name as the resource)."""
        for what, value in (("a resource", resource_name), ("an event", event_id)):
            if not isinstance(value, str) or not value:
                raise ValidationError(f"{what} is named by a non-empty string, not {value!r}")
        parents = {"stack": self.stack_path(stack), "resource": resource_name}
        return self.resource_events.get(event_id, parents=parents)

    # -- templates and types ---------------------------------------------------------------------

    def validate_template(
        self,
        template: TemplateSource | None = None,
        *,
        template_url: str | None = None,
        environment: Mapping[str, Any] | str | None = None,
        environment_files: Sequence[str | os.PathLike[str]] | None = None,
        files: Mapping[str, str] | None = None,
        parameters: Mapping[str, Any] | None = None,
        base_dir: str | os.PathLike[str] | None = None,
        show_nested: bool | None = None,
        ignore_errors: Sequence[str] | None = None,
    ) -> TemplateValidation:
        """Ask Heat to validate a template (with its files and environment, as for :meth:`create_stack`)."""
        body = bodies.template_part(
            template,
            template_url=template_url,
            parameters=parameters,
            environment=environment,
            environment_files=environment_files,
            files=files,
            base_dir=base_dir,
            operation="validate_template",
        )
        params = query({"show_nested": show_nested, "ignore_errors": ignore_errors})
        answer = self.api.post("validate", json=body, params=params or None, headers=self.request_headers())
        if not isinstance(answer, dict):
            raise self.api.malformed("expected the validation as an object", "POST", self.api.url("validate"))
        return parse.validation(answer)

    def list_resource_types(self, **filters: Any) -> list[ResourceType]:
        """The resource types this Heat offers. Filters: ``name`` (a regular expression), ``version``,
        ``support_status``, ``with_description``."""
        params = _filters(filters, RESOURCE_TYPE_FILTERS, "list_resource_types")
        items = self.api.member("GET", "resource_types", "resource_types", list, params=params or None)
        out = []
        for item in items:
            try:
                out.append(parse.resource_type(item))
            except (KeyError, ValueError):
                raise self.api.malformed(
                    "a resource type the SDK cannot read", "GET", self.api.url("resource_types")
                ) from None
        return out

    def get_resource_type(self, type_name: str) -> ResourceTypeSchema:
        """A resource type's schema: its properties and attributes."""
        if not isinstance(type_name, str) or not type_name:
            raise ValidationError(f"a resource type is named by a non-empty string, not {type_name!r}")
        path = f"resource_types/{type_name}"
        answer = self.api.get(path, headers=self.request_headers())
        if not isinstance(answer, dict):
            raise self.api.malformed("expected a resource type's schema", "GET", self.api.url(path))
        try:
            return parse.resource_type_schema(answer)
        except (KeyError, ValueError):
            raise self.api.malformed(
                "a resource type schema without its resource_type", "GET", self.api.url(path)
            ) from None

    def get_resource_type_template(self, type_name: str, *, template_type: str = "hot") -> dict[str, Any]:
        """A template that makes one resource of this type (``template_type`` ``"hot"`` or ``"cfn"``),
        its properties as parameters."""
        if not isinstance(type_name, str) or not type_name:
            raise ValidationError(f"a resource type is named by a non-empty string, not {type_name!r}")
        if template_type not in ("hot", "cfn"):
            raise ValidationError(f"template_type must be 'hot' or 'cfn', not {template_type!r}")
        path = f"resource_types/{type_name}/template"
        answer = self.api.get(path, params={"template_type": template_type}, headers=self.request_headers())
        if not isinstance(answer, dict):
            raise self.api.malformed("expected a template object", "GET", self.api.url(path))
        return answer

    def get_build_info(self) -> dict[str, Any]:
        """The API's and the engine's build revisions, as the service reports them."""
        answer = self.api.get("build_info", headers=self.request_headers())
        if not isinstance(answer, dict):
            raise self.api.malformed("expected the build info as an object", "GET", self.api.url("build_info"))
        return answer

    def list_template_versions(self) -> list[TemplateVersion]:
        return list(self.template_versions.list())

    # -- waiting ---------------------------------------------------------------------------------

    def refresh(self, resource: Any) -> Any:
        return self.get_stack(resource, resolve_outputs=False)

    def failure_reason(self, resource: Any) -> str | None:
        """``stack_status_reason``, then the failed resources (nested ones first, deepest first) with
        their reasons."""
        reason = getattr(resource, "status_reason", None)
        parts = [str(reason)] if reason else []
        failed = self.failed_resources(resource)
        if failed:
            listed = "; ".join(
                f"{r.name} ({r.type or 'unknown type'}"
                + (
                    f" in stack {r.stack_name}"
                    if r.stack_name and r.stack_name != getattr(resource, "name", None)
                    else ""
                )
                + f"): {r.status_reason or r.status}"
                for r in failed
            )
            parts.append(f"failed resources: {listed}")
        return " — ".join(parts) or None

    def failed_resources(self, stack: Any) -> list[StackResource]:
        """The resources of ``stack`` (and its nested stacks) in a ``*_FAILED`` state, deepest first."""
        try:
            listed = list(self.list_resources(stack, nested_depth=FAILURE_DEPTH))
        except PkgcloudError:
            return []
        by_name = {r.name: r for r in listed}

        def depth(item: StackResource, seen: int = 0) -> int:
            if not item.parent_resource or seen > FAILURE_DEPTH:
                return 0
            parent = by_name.get(item.parent_resource)
            return 1 + (depth(parent, seen + 1) if parent is not None else 0)

        failed = [r for r in listed if (r.status or "").endswith("_FAILED")]
        return sorted(failed, key=lambda r: -depth(r))

    def event_source(self, resource: Any) -> Callable[[], list[StackEvent]]:
        """A callable returning the stack's events since its previous call, starting after the last
        event before the action this client started on it (or after the events there are now)."""
        segments = self.stack_path(resource)
        pending = self._pending.get(segments[1])
        return self._event_stream(segments, pending.marker if pending else self._last_event_id(segments))

    def _event_stream(
        self, segments: Segments, marker: str | None, nested_depth: int | None = None
    ) -> Callable[[], list[StackEvent]]:
        state = {"marker": marker}

        def new_events() -> list[StackEvent]:
            params: dict[str, Any] = {"sort_dir": "asc"}
            if state["marker"]:
                params["marker"] = state["marker"]
            if nested_depth:
                params["nested_depth"] = nested_depth
            try:
                found = list(self.events.list(params, parents={"stack": segments}, page_size=EVENT_PAGE))
            except NotFound:
                return []
            if found:
                state["marker"] = found[-1].id
            return found

        return new_events

    def wait_for(
        self,
        resource: Any,
        status: str | None = None,
        *,
        timeout: float = 600.0,
        interval: float = 5.0,
        error_statuses: tuple[str, ...] | None = None,
        callback: Callable[[Any], None] | None = None,
        on_event: Callable[[Any], None] | None = None,
        nested_depth: int | None = None,
    ) -> Any:
        """Wait until the stack finishes the action it is going through: ``<ACTION>_COMPLETE`` of the
        action this client started on it (create, update, check...), or of the one its status shows,
        or ``status`` when given (``"DELETED"``: gone, or DELETE_COMPLETE).

        Events after the call that started the action go to ``on_event`` as they come (with
        ``nested_depth``, the nested stacks' too), and a status older than that call is not taken
        for its end. Any ``*_FAILED`` (and ``ROLLBACK_COMPLETE`` unless a rollback is awaited) raises
        :class:`~pkgcloud.errors.ResourceFailed` listing the failed resources and their reasons.
        Returns the stack (with its outputs), or ``"DELETED"``.
        """
        from pkgcloud.waiter import check_seconds, check_wait_arguments, wait_until

        if status is not None:
            check_wait_arguments(
                resource, status, timeout=timeout, interval=interval, statuses=self.statuses, service=self.service
            )
        else:
            if resource is None:
                raise ValidationError("wait_for needs the stack to wait for (a Stack, its name, id or 'name/id')")
            check_seconds(timeout, "timeout")
            check_seconds(interval, "interval")
        check_int(nested_depth, "nested_depth", minimum=0)
        for what, fn in (("callback", callback), ("on_event", on_event)):
            if fn is not None and not callable(fn):
                raise ValidationError(f"{what} must be callable, not {fn!r}")
        target = status.strip().upper() if status else None
        try:
            segments = self.stack_path(resource)
        except NotFound:
            if target == DELETED:
                return DELETED
            raise
        pending = self._pending.pop(segments[1], None)
        if pending is None:
            pending = _Pending("", self._last_event_id(segments) if on_event is not None else None, fresh=True)
        if target is None:
            target = (
                DELETED if pending.action == "DELETE" else (f"{pending.action}_COMPLETE" if pending.action else None)
            )
        stream = self._event_stream(segments, pending.marker, nested_depth)
        watch: dict[str, Any] = {"fresh": pending.fresh, "target": target, "last": None}
        stack_id = segments[1]

        def refresh() -> Any:
            if on_event is not None or not watch["fresh"]:
                for event in stream():
                    if event.physical_resource_id == stack_id:
                        watch["fresh"] = True
                    if on_event is not None:
                        on_event(event)
            try:
                current = self.get_stack(segments, resolve_outputs=False)
            except NotFound:
                if watch["target"] == DELETED:
                    return DELETED
                raise
            if (current.status or "").endswith("_IN_PROGRESS"):
                watch["fresh"] = True
            if watch["target"] is None:  # awaiting whatever action the stack is going through
                action = current.action or "CREATE"
                watch["target"] = DELETED if action == "DELETE" else f"{action}_COMPLETE"
            watch["last"] = current
            return current

        def effective(current: Any) -> str | None:
            return current.status if watch["fresh"] else None

        def done(current: Any) -> bool:
            if current == DELETED:
                return True
            if watch["target"] == DELETED and current.status == "DELETE_COMPLETE":
                return True
            return bool(effective(current) == watch["target"])

        def errors() -> set[str]:
            if error_statuses is not None:
                chosen = {s.upper() for s in error_statuses}
            else:
                chosen = {s for s in self.statuses if s.endswith("_FAILED")} | {"ROLLBACK_COMPLETE"}
                if str(watch["target"]).startswith("ROLLBACK_"):
                    chosen.discard("ROLLBACK_COMPLETE")
            return chosen - {str(watch["target"])}

        def failed(current: Any) -> str | None:
            state = effective(current)
            if current == DELETED or state not in errors():
                return None
            why = self.failure_reason(current)
            return f"status {state}" + (f": {why}" if why else "")

        def report(current: Any) -> None:
            if callback is not None and current != DELETED:
                callback(current)

        what = f"stack {segments[0]!r}"
        try:
            final = wait_until(
                refresh, done, failed=failed, timeout=timeout, interval=interval, what=what, callback=report
            )
        except WaitTimeout:
            last = watch["last"]
            seen = getattr(last, "status", None) or "unknown"
            raise WaitTimeout(
                f"{what} did not reach {watch['target']} within {timeout:g}s (last status: {seen})", last=last
            ) from None
        except ResourceFailed as exc:
            raise ResourceFailed(
                f"{what} failed while waiting for {watch['target']}: {exc.fault}",
                resource=exc.resource,
                fault=exc.fault,
            ) from None
        if on_event is not None:  # what happened between the last poll's events and its status
            for event in stream():
                on_event(event)
        if final == DELETED or watch["target"] == DELETED:
            return DELETED
        return self.get_stack(segments)
