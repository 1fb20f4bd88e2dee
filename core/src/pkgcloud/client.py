"""What every service client is built from: its context, and the base class."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pkgcloud.errors import UnsupportedOperation
from pkgcloud.http import Transport

if TYPE_CHECKING:
    from pkgcloud.auth import AuthContext
    from pkgcloud.options import Options
    from pkgcloud.plugins.provider import Provider
    from pkgcloud.plugins.registry import Hooks


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


class Waitable:
    """Adds ``wait_for`` to a client whose resources have a status (servers, volumes, stacks...)."""

    # statuses meaning "this will never get there"; services may widen it
    error_statuses: ClassVar[tuple[str, ...]] = ("ERROR",)

    def refresh(self, resource: Any) -> Any:
        """The resource as the service sees it now (raises NotFound once it is gone)."""
        raise UnsupportedOperation(f"{type(self).__name__} cannot refresh {type(resource).__name__}")

    def wait_for(
        self,
        resource: Any,
        status: str = "RUNNING",
        *,
        timeout: float = 600.0,
        interval: float = 5.0,
        error_statuses: tuple[str, ...] | None = None,
        callback: Callable[[Any], None] | None = None,
    ) -> Any:
        """Poll until ``resource`` has ``status`` (a normalised status, or the service's own).

        ``status="DELETED"`` waits until the resource is gone. Raises
        :class:`~pkgcloud.errors.ResourceFailed` with the service's fault message when an error status
        is reached, :class:`~pkgcloud.errors.WaitTimeout` after ``timeout`` seconds.
        """
        from pkgcloud.waiter import wait_for_status

        return wait_for_status(
            lambda: self.refresh(resource),
            status,
            timeout=timeout,
            interval=interval,
            error_statuses=self.error_statuses if error_statuses is None else error_statuses,
            callback=callback,
        )
