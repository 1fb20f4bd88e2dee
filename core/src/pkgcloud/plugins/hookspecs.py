"""The hooks a pkgcloud plugin may implement.

Mark implementations with ``pkgcloud.plugins.hookimpl``; an implementation may take any subset of
a spec's arguments. A hook implementation whose name matches no spec is an error at registration.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from pkgcloud.plugins import hookspec

if TYPE_CHECKING:
    from pkgcloud.auth import AuthContext, AuthState
    from pkgcloud.options import Options
    from pkgcloud.plugins.provider import Provider


class Hooks(Protocol):
    """The hooks as callables (keyword arguments only), whichever dispatcher is in use."""

    def register_providers(self, *, register: Callable[[Provider], None]) -> list[Any]: ...

    def auth_context(self, *, provider: str, options: Options, hooks: Hooks) -> AuthContext | None: ...

    def load_auth_state(self, *, cache_id: str) -> str | None: ...

    def store_auth_state(self, *, cache_id: str, state: str) -> list[Any]: ...

    def token_issued(self, *, cache_id: str, state: AuthState, renewed: bool) -> list[Any]: ...

    def token_invalidated(self, *, cache_id: str, state: AuthState, reason: str) -> list[Any]: ...

    def prepare_request(
        self, *, provider: str, service: str, method: str, url: str, headers: dict[str, str]
    ) -> list[Any]: ...


# -- registration ---------------------------------------------------------------------------------


@hookspec(historic=True)
def register_providers(register: Callable[[Provider], None]) -> None:
    """Register providers by calling ``register(Provider(...))`` once for each.

    Historic: a plugin loaded late (providers load when first asked for) is still called.
    """


# -- the auth context -----------------------------------------------------------------------------


@hookspec(firstresult=True)
def auth_context(provider: str, options: Options, hooks: Hooks) -> AuthContext | None:
    """Return the auth context for clients of ``provider`` made with ``options``, or None.

    The first non-None answer wins. The context must expose a ``cache_id`` that is equal for equal
    credentials; clients whose contexts have the same ``cache_id`` share one context, so one token.
    A ``cache_id`` derived from credentials is to be kept as private as the tokens it keys.
    ``hooks`` is the hook caller to pass on to :class:`pkgcloud.auth.TokenAuth` so that token events
    reach plugins. A provider whose identity is another's (Rackspace on Keystone v2) answers here for
    its own name with its own credentials.
    """


@hookspec(firstresult=True)
def load_auth_state(cache_id: str) -> str | None:
    """Return a previously stored auth state (the JSON from ``store_auth_state``) for ``cache_id``.

    Called under the context's lock before a token request; a fresh state returned here is used
    instead of asking the identity service, which is how processes share a token.
    """


@hookspec
def store_auth_state(cache_id: str, state: str) -> None:
    """A new token was issued for ``cache_id``; ``state`` is its JSON (it contains the token)."""


@hookspec
def token_issued(cache_id: str, state: AuthState, renewed: bool) -> None:
    """A token was issued (``renewed``: it replaces an earlier one of the same context)."""


@hookspec
def token_invalidated(cache_id: str, state: AuthState, reason: str) -> None:
    """A token was dropped, typically because a service answered 401 to it."""


# -- requests -------------------------------------------------------------------------------------


@hookspec
def prepare_request(provider: str, service: str, method: str, url: str, headers: dict[str, str]) -> None:
    """Decorate an outgoing request by changing ``headers`` in place (tracing ids, extra headers).

    Called for every request a client sends, after authentication headers are set. Keep it cheap.
    """
