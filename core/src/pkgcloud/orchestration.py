"""Orchestration: stacks built from templates, their outputs, resources and events.

``pkgcloud.orchestration.create_client(provider="openstack", ...)`` returns an :class:`OrchestrationClient`.

A template is given as a mapping, as YAML or JSON text, or as the path of a local file (its
``get_file`` targets and nested templates are then sent along in ``files``); ``template_url`` names
one the service fetches itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pkgcloud.client import BaseClient, Waitable, create

if TYPE_CHECKING:
    import os

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

    # typing-only aliases (import them under TYPE_CHECKING)
    StackRef = str | Stack
    TemplateSource = Mapping[str, Any] | str | os.PathLike[str]

SERVICE = "orchestration"

ACTIONS = (
    "INIT",
    "CREATE",
    "UPDATE",
    "DELETE",
    "ROLLBACK",
    "SUSPEND",
    "RESUME",
    "CHECK",
    "SNAPSHOT",
    "RESTORE",
    "ADOPT",
)
STATES = ("IN_PROGRESS", "COMPLETE", "FAILED")
STACK_STATUSES = frozenset(f"{action}_{state}" for action in ACTIONS for state in STATES)


def create_client(provider: str, **options: Any) -> OrchestrationClient:
    """An orchestration client for ``provider``, configured by ``options``."""
    return cast(OrchestrationClient, create(SERVICE, provider, options))


class OrchestrationClient(BaseClient, Waitable):
    """The portable orchestration operations.

    Waiting: a stack is ready when the action it is going through reaches ``<ACTION>_COMPLETE``; any
    ``*_FAILED`` fails the wait, and so does ``ROLLBACK_COMPLETE`` unless a rollback was awaited.
    """

    service = SERVICE
    statuses: ClassVar[frozenset[str]] = STACK_STATUSES
    error_statuses: ClassVar[tuple[str, ...]] = (
        *sorted(s for s in STACK_STATUSES if s.endswith("_FAILED")),
        "ROLLBACK_COMPLETE",
    )

    # -- stacks ----------------------------------------------------------------------------------

    def list_stacks(self, *, limit: int | None = None, page_size: int | None = None, **filters: Any) -> Iterator[Stack]:
        raise self._unsupported("list_stacks")

    def get_stack(self, stack: StackRef, *, resolve_outputs: bool | None = None) -> Stack:
        raise self._unsupported("get_stack")

    def find_stack(self, stack: StackRef) -> Stack | None:
        """The stack, or None when there is none (by name, id or ``name/id``)."""
        raise self._unsupported("find_stack")

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
    ) -> Stack:
        raise self._unsupported("create_stack")

    def preview_stack(self, name: str, template: TemplateSource | None = None, **options: Any) -> Stack:
        raise self._unsupported("preview_stack")

    def update_stack(self, stack: StackRef, template: TemplateSource | None = None, **options: Any) -> None:
        raise self._unsupported("update_stack")

    def patch_stack(self, stack: StackRef, template: TemplateSource | None = None, **options: Any) -> None:
        raise self._unsupported("patch_stack")

    def preview_update_stack(
        self, stack: StackRef, template: TemplateSource | None = None, **options: Any
    ) -> StackUpdatePreview:
        raise self._unsupported("preview_update_stack")

    def delete_stack(self, stack: StackRef) -> None:
        raise self._unsupported("delete_stack")

    # -- actions ---------------------------------------------------------------------------------

    def check_stack(self, stack: StackRef) -> None:
        raise self._unsupported("check_stack")

    def suspend_stack(self, stack: StackRef) -> None:
        raise self._unsupported("suspend_stack")

    def resume_stack(self, stack: StackRef) -> None:
        raise self._unsupported("resume_stack")

    def cancel_update(self, stack: StackRef, *, rollback: bool = True) -> None:
        raise self._unsupported("cancel_update")

    # -- what a stack holds ----------------------------------------------------------------------

    def list_outputs(self, stack: StackRef) -> list[StackOutput]:
        raise self._unsupported("list_outputs")

    def get_output(self, stack: StackRef, key: str) -> StackOutput:
        raise self._unsupported("get_output")

    def get_template(self, stack: StackRef) -> dict[str, Any]:
        raise self._unsupported("get_template")

    def get_environment(self, stack: StackRef) -> dict[str, Any]:
        raise self._unsupported("get_environment")

    def get_files(self, stack: StackRef) -> dict[str, str]:
        raise self._unsupported("get_files")

    def list_resources(
        self, stack: StackRef, *, nested_depth: int | None = None, **filters: Any
    ) -> Iterator[StackResource]:
        raise self._unsupported("list_resources")

    def get_resource(self, stack: StackRef, resource_name: str) -> StackResource:
        raise self._unsupported("get_resource")

    def list_events(
        self,
        stack: StackRef,
        *,
        resource_name: str | None = None,
        limit: int | None = None,
        page_size: int | None = None,
        **filters: Any,
    ) -> Iterator[StackEvent]:
        raise self._unsupported("list_events")

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
        """Ask the service whether a template (with its files and environment) is valid."""
        raise self._unsupported("validate_template")

    def list_resource_types(self, **filters: Any) -> list[ResourceType]:
        raise self._unsupported("list_resource_types")

    def get_resource_type(self, type_name: str) -> ResourceTypeSchema:
        raise self._unsupported("get_resource_type")

    def list_template_versions(self) -> list[TemplateVersion]:
        raise self._unsupported("list_template_versions")
