"""Orchestration: stacks built from templates, their resources and events.

``pkgcloud.orchestration.create_client(provider="openstack", ...)`` returns an :class:`OrchestrationClient`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pkgcloud import _factory
from pkgcloud.client import BaseClient, Waitable

if TYPE_CHECKING:
    from pkgcloud.models.orchestration import Stack, StackEvent, StackResource

    # typing-only aliases (import them under TYPE_CHECKING)
    StackRef = str | Stack

SERVICE = "orchestration"


def create_client(provider: str, **options: Any) -> OrchestrationClient:
    """An orchestration client for ``provider``, configured by ``options``."""
    return cast(OrchestrationClient, _factory.create(SERVICE, provider, options))


class OrchestrationClient(BaseClient, Waitable):
    """The portable orchestration operations."""

    service = SERVICE
    error_statuses: ClassVar[tuple[str, ...]] = (
        "CREATE_FAILED",
        "UPDATE_FAILED",
        "DELETE_FAILED",
        "ROLLBACK_COMPLETE",
        "ROLLBACK_FAILED",
    )

    def list_stacks(self, *, limit: int | None = None, **filters: Any) -> Iterator[Stack]:
        raise self._unsupported("list_stacks")

    def get_stack(self, stack: StackRef) -> Stack:
        raise self._unsupported("get_stack")

    def create_stack(
        self,
        name: str,
        template: Mapping[str, Any] | str,
        *,
        parameters: Mapping[str, Any] | None = None,
        environment: Mapping[str, Any] | None = None,
        files: Mapping[str, str] | None = None,
        timeout_mins: int | None = None,
        disable_rollback: bool = True,
        tags: list[str] | None = None,
    ) -> Stack:
        raise self._unsupported("create_stack")

    def update_stack(self, stack: StackRef, template: Mapping[str, Any] | str, **options: Any) -> None:
        raise self._unsupported("update_stack")

    def delete_stack(self, stack: StackRef) -> None:
        raise self._unsupported("delete_stack")

    def list_resources(self, stack: StackRef) -> Iterator[StackResource]:
        raise self._unsupported("list_resources")

    def get_resource(self, stack: StackRef, resource_name: str) -> StackResource:
        raise self._unsupported("get_resource")

    def list_events(self, stack: StackRef, *, resource_name: str | None = None) -> Iterator[StackEvent]:
        raise self._unsupported("list_events")

    def get_template(self, stack: StackRef) -> dict[str, Any]:
        raise self._unsupported("get_template")

    def validate_template(self, template: Mapping[str, Any] | str) -> dict[str, Any]:
        raise self._unsupported("validate_template")
