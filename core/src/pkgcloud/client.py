"""What every service client is built from: its context, and the base class; and ``create``, behind
each service module's ``create_client``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, cast

from pkgcloud.errors import UnsupportedOperation
from pkgcloud.http import Transport

if TYPE_CHECKING:
    from pkgcloud.auth import AuthContext
    from pkgcloud.options import Options
    from pkgcloud.plugins.hookspecs import Hooks
    from pkgcloud.plugins.provider import Provider


def create(service: str, provider: str, options: Mapping[str, Any]) -> Any:
    """The client of ``service`` from ``provider``, made by the plugin registry (imported here, on
    the first call, so that importing a service module does not load the plugin machinery)."""
    from pkgcloud.plugins.registry import registry

    return registry.create_client(service, provider, options)


class ClientContext:
    """Everything a provider's client class is given: provider, service, options, auth, hooks."""

    __slots__ = ("auth", "hooks", "options", "provider", "service")

    def __init__(
        self, provider: Provider, service: str, options: Options, auth: AuthContext, hooks: Hooks | None
    ) -> None:
        self.provider = provider
        self.service = service
        self.options = options
        self.auth = auth
        self.hooks = hooks

    def __repr__(self) -> str:
        return f"<ClientContext {self.provider.name}/{self.service}>"

    def transport(self) -> Transport:
        """A new HTTP transport configured from the options, wired to the ``prepare_request`` hook."""
        return Transport.from_options(self.options, request_hook=self._request_hook())

    def _request_hook(self) -> Callable[[str, str, dict[str, str]], None] | None:
        hooks = self.hooks
        if hooks is None or not cast(Any, hooks).prepare_request.get_hookimpls():
            return None
        provider, service = self.provider.name, self.service

        def hook(method: str, url: str, headers: dict[str, str]) -> None:
            hooks.prepare_request(provider=provider, service=service, method=method, url=url, headers=headers)

        return hook


class BaseClient:
    """Base of every service client: holds the context; closes its connections."""

    service: ClassVar[str] = ""

    def __init__(self, context: ClientContext) -> None:
        self.context = context
        self.options = context.options
        self.auth = context.auth
        self.provider = context.provider.name
        self._transports: list[Transport] = []

    def __repr__(self) -> str:
        return f"<{type(self).__name__} provider={self.provider!r}>"

    def __enter__(self) -> BaseClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _new_transport(self) -> Transport:
        transport = self.context.transport()
        self._transports.append(transport)
        return transport

    def close(self) -> None:
        """Close this client's connections (the shared auth context stays usable by other clients)."""
        for transport in self._transports:
            transport.close()

    def _unsupported(self, operation: str) -> UnsupportedOperation:
        return UnsupportedOperation(f"the {self.provider} {self.service} client does not support {operation}")


class Unsupported:
    """An operation a provider's cloud does not have, declared on its client class::

        list_routers = Unsupported("Rackspace Cloud Networks has no routers")

    Calling it raises :class:`~pkgcloud.errors.UnsupportedOperation` naming the operation and the
    reason, whatever the arguments, and sends nothing.
    """

    __slots__ = ("name", "reason")

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.name = "this operation"

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, client: object, owner: type | None = None) -> Callable[..., NoReturn]:
        message = f"{self.name}: {self.reason}"

        def unsupported(*args: Any, **kwargs: Any) -> NoReturn:
            raise UnsupportedOperation(message)

        unsupported.__name__ = unsupported.__qualname__ = self.name
        unsupported.__doc__ = f"Not supported: {self.reason}."
        return unsupported


class Waitable:
    """Adds ``wait_for`` to a client whose resources have a status (servers, volumes, stacks...).

    A service declares what its statuses mean: ``ready_status`` (what ``wait_for`` waits for when no
    status is given), ``error_statuses`` (reached: the wait fails), ``statuses`` (every status it can
    report, so that a wait for one it never reports is refused before the first poll; empty: not
    checked). It may override :meth:`failure_reason` (where the service says why a resource failed),
    :meth:`stalled` (why a target will not be reached without an error status), :meth:`settling` (a
    status from before the call that began the wait) and :meth:`event_source` (for services that
    stream events while a resource changes, such as Heat).
    """

    ready_status: ClassVar[str] = "RUNNING"
    error_statuses: ClassVar[tuple[str, ...]] = ("ERROR",)
    statuses: ClassVar[frozenset[str]] = frozenset()

    def refresh(self, resource: Any) -> Any:
        """The resource as the service sees it now (raises NotFound once it is gone)."""
        raise UnsupportedOperation(f"{type(self).__name__} cannot refresh {type(resource).__name__}")

    def failure_reason(self, resource: Any) -> str | None:
        """Why ``resource`` failed, in the service's words (its ``fault`` by default)."""
        fault = getattr(resource, "fault", None)
        return str(fault) if fault else None

    def stalled(self, resource: Any, target: str) -> str | None:
        """Why ``target`` will not be reached although no error status was (None: it still may be).
        Nova uses it for a resize that failed and put the server back to ``ACTIVE``."""
        return None

    def settling(self, resource: Any, target: str) -> bool:
        """True while ``resource`` may still show the status it had before the call that began this wait
        (Trove answers a restart or resize at once and changes the status later): a status matching
        ``target`` is then not taken for the end. Never, by default."""
        return False

    def event_source(self, resource: Any) -> Callable[[], Iterable[Any]] | None:
        """A callable returning the events that happened to ``resource`` since its previous call (None:
        this service has no events to stream)."""
        return None

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
    ) -> Any:
        """Poll until ``resource`` has ``status`` (a normalised status, or the service's own; the
        service's ``ready_status`` when not given).

        ``status="DELETED"`` waits until the resource is gone. ``callback`` sees each refreshed state,
        ``on_event`` each new event where the service streams them. Raises
        :class:`~pkgcloud.errors.ResourceFailed` with the service's reason when an error status is
        reached, :class:`~pkgcloud.errors.WaitTimeout` after ``timeout`` seconds, and
        :class:`~pkgcloud.errors.ValidationError` before any request for a status this service never
        reports or a timeout or interval that is not a positive number.
        """
        from pkgcloud.waiter import check_wait_arguments, wait_for_status

        target = check_wait_arguments(
            resource,
            self.ready_status if status is None else status,
            timeout=timeout,
            interval=interval,
            statuses=self.statuses,
            service=getattr(self, "service", "") or type(self).__name__,
        )
        events = None
        if on_event is not None:
            events = self.event_source(resource)
            if events is None:
                from pkgcloud.errors import ValidationError

                raise ValidationError(
                    f"on_event: the {self.service_name()} service has no events to stream; use callback"
                )
        return wait_for_status(
            lambda: self.refresh(resource),
            target,
            timeout=timeout,
            interval=interval,
            error_statuses=self.error_statuses if error_statuses is None else error_statuses,
            callback=callback,
            reason=self.failure_reason,
            stalled=lambda current: self.stalled(current, target),
            events=events,
            on_event=on_event,
            settling=lambda current: self.settling(current, target),
        )

    def service_name(self) -> str:
        return str(getattr(self, "service", "") or type(self).__name__)
