"""The auth context: the token lifecycle every provider shares.

A provider subclasses :class:`TokenAuth` and implements :meth:`TokenAuth._issue` (send the token
request, return an :class:`AuthState`) and, if its tokens come with a service catalog,
:meth:`TokenAuth.endpoint`. Everything else lives here, once:

* lazy authentication on first use, renewal before use when the token is within ``margin`` seconds
  of expiry (at most a quarter of the token's lifetime: a token shorter than the margin is still
  used for three quarters of its life, not renewed at every request), and
  :meth:`~TokenAuth.ensure_fresh` for callers about to start a long operation;
* single flight: one lock per context, so however many threads find the token missing or stale,
  one token request is sent and the others use its result;
* :meth:`~TokenAuth.invalidate` under that same lock, and only if the rejected token is still the
  current one, so a burst of 401s causes one renewal;
* export and import of the state (token, expiry, catalog) by ``cache_id``, for sharing between
  clients and processes through the ``load_auth_state``/``store_auth_state`` hooks;
* the ``token_issued``/``token_invalidated`` hooks for plugins that observe tokens.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pkgcloud import clock
from pkgcloud.errors import EndpointNotFound

# the share of a token's lifetime that renewal before expiry may take: the margin is capped by it
MARGIN_SHARE = 0.25

if TYPE_CHECKING:
    from pkgcloud.http import Transport
    from pkgcloud.plugins.hookspecs import Hooks


class AuthState:
    """What the identity service issued: the token, its expiry and the provider's data (catalog, ids).

    ``expires_at`` is epoch seconds (None: never expires, or unknown). ``data`` is JSON-serialisable.
    The token never shows in ``repr``.
    """

    __slots__ = ("data", "expires_at", "issued_at", "token")

    def __init__(
        self,
        token: str,
        expires_at: float | None = None,
        data: Mapping[str, Any] | None = None,
        issued_at: float | None = None,
    ) -> None:
        self.token = token
        self.expires_at = expires_at
        self.issued_at = clock.time() if issued_at is None else issued_at
        self.data: dict[str, Any] = dict(data or {})

    def __repr__(self) -> str:
        return f"AuthState(token=***, expires_at={self.expires_at!r}, keys={sorted(self.data)!r})"

    def remaining(self) -> float:
        """Seconds until expiry (infinite if it does not expire)."""
        if self.expires_at is None:
            return float("inf")
        return self.expires_at - clock.time()

    def lifetime(self) -> float | None:
        """Seconds from issue to expiry (None: it does not expire, or the expiry is unknown)."""
        if self.expires_at is None:
            return None
        return max(0.0, self.expires_at - self.issued_at)

    def fresh(self, margin: float) -> bool:
        return self.remaining() > margin

    def effective_margin(self, margin: float) -> float:
        """``margin``, capped at a quarter of this token's lifetime (:data:`MARGIN_SHARE`)."""
        life = self.lifetime()
        return margin if life is None else min(margin, MARGIN_SHARE * life)

    def capped_need(self, need: float) -> float:
        """``need`` seconds of validity, or what a token like this one can give at best.

        A new token lives as long as this one did: asking for more than it can give would renew at
        every call. A token with three quarters of its life left counts as new.
        """
        life = self.lifetime()
        return need if life is None else min(need, (1.0 - MARGIN_SHARE) * life)

    def to_json(self) -> str:
        return json.dumps(
            {"token": self.token, "expires_at": self.expires_at, "issued_at": self.issued_at, "data": self.data}
        )

    @classmethod
    def from_json(cls, text: str) -> AuthState:
        doc = json.loads(text)
        return cls(doc["token"], doc.get("expires_at"), doc.get("data") or {}, doc.get("issued_at"))


class EndpointQuery:
    """What a service client asks the catalog for.

    ``service_types`` in order of preference (the newest first); ``interface``, ``region`` and
    ``service_name`` narrow the match; ``override`` short-circuits the catalog.
    """

    __slots__ = ("interface", "override", "region", "service_name", "service_types")

    def __init__(
        self,
        service_types: Sequence[str],
        *,
        interface: str = "public",
        region: str | None = None,
        service_name: str | None = None,
        override: str | None = None,
    ) -> None:
        self.service_types = tuple(service_types)
        self.interface = interface
        self.region = region
        self.service_name = service_name
        self.override = override

    def __repr__(self) -> str:
        return (
            f"EndpointQuery({list(self.service_types)!r}, interface={self.interface!r}, "
            f"region={self.region!r}, service_name={self.service_name!r})"
        )


class AuthContext:
    """How a client authenticates. The base is anonymous: no token, no catalog."""

    cache_id: str = ""
    can_reauthenticate = False
    margin: float = 0.0  # seconds before expiry at which a token counts as expired

    @property
    def share_key(self) -> str:
        """Contexts with equal keys are one: clients made with them share it (and its token)."""
        return self.cache_id

    def __call__(self) -> AuthState | None:
        """``client.auth()``: authenticate now if not already (the Node library's ``client.auth``)."""
        return None

    def headers(self) -> dict[str, str]:
        """Headers that authenticate a request (authenticating first if needed)."""
        return self.request_headers()[0]

    def request_headers(self) -> tuple[dict[str, str], str | None]:
        """The auth headers and the token they carry (so a 401 can invalidate exactly that token)."""
        return {}, None

    def current_token(self) -> str | None:
        return None

    def invalidate(self, token: str | None = None, reason: str = "") -> bool:
        return False

    def ensure_fresh(self, min_remaining: float | None = None) -> AuthState | None:
        """Renew now unless the token stays valid for ``min_remaining`` seconds (nothing to renew here)."""
        return None

    def endpoint(self, query: EndpointQuery) -> str:
        if query.override:
            return query.override
        raise EndpointNotFound(
            f"no endpoint for {'/'.join(query.service_types)}: this client has no service catalog; "
            "give the endpoint with the endpoint_override option"
        )

    def close(self) -> None:
        """Release the context's own connections."""


class TokenAuth(AuthContext):
    """Token lifecycle shared by every token-based provider; subclasses implement ``_issue``."""

    can_reauthenticate = True
    header_name = "X-Auth-Token"

    def __init__(
        self,
        *,
        transport: Transport,
        cache_id: str,
        margin: float = 120.0,
        hooks: Hooks | None = None,
    ) -> None:
        self.transport = transport
        self.cache_id = cache_id
        self.margin = float(margin)
        self.hooks = hooks
        self._state: AuthState | None = None
        self._rejected: str | None = None  # the last token a service refused: never adopt it again
        self._lock = threading.Lock()
        self.issued_count = 0

    def __repr__(self) -> str:
        state = "no token" if self._state is None else f"token expires in {self._state.remaining():.0f}s"
        # no cache_id: it is a hash of the credentials, and a short one would help guess a password
        return f"<{type(self).__name__} {state}>"

    # -- what subclasses provide ----------------------------------------------------------------

    def _issue(self) -> AuthState:
        """Ask the identity service for a new token."""
        raise NotImplementedError

    # -- the lifecycle ---------------------------------------------------------------------------

    @property
    def state(self) -> AuthState | None:
        """The current state, without authenticating (None before the first token)."""
        return self._state

    @property
    def token(self) -> str:
        """A valid token (authenticating or renewing first if needed)."""
        return self.get_state().token

    @property
    def expires_at(self) -> float | None:
        return self.get_state().expires_at

    @property
    def share_key(self) -> str:
        """The credentials, and what this context does with them: its margin and its HTTP settings
        (timeouts, retries, backoff) for the identity service. Clients that differ in those get
        contexts of their own rather than the first client's settings."""
        t = self.transport
        settings = (self.margin, t.timeout, t.retries, t.backoff, t.max_backoff)
        return f"{self.cache_id}|{settings!r}"

    def current_token(self) -> str | None:
        state = self._state
        return state.token if state is not None else None

    def _need(self, state: AuthState, min_remaining: float | None) -> float:
        if min_remaining is None:
            return state.effective_margin(self.margin)
        return state.capped_need(float(min_remaining))

    def get_state(self, min_remaining: float | None = None) -> AuthState:
        """A state valid for at least ``min_remaining`` seconds (default: the margin).

        The default margin is capped at a quarter of the token's lifetime, and ``min_remaining`` at
        three quarters of it (:meth:`AuthState.capped_need`): no token could give more.
        """
        state = self._state
        if state is not None and state.fresh(self._need(state, min_remaining)):
            return state
        with self._lock:
            state = self._state  # another thread may have renewed while we waited
            if state is not None and state.fresh(self._need(state, min_remaining)):
                return state
            return self._renew_locked(state, min_remaining)

    def __call__(self) -> AuthState:
        return self.get_state()

    def ensure_fresh(self, min_remaining: float | None = None) -> AuthState:
        """Renew now unless the token stays valid for ``min_remaining`` seconds (default: the margin)."""
        return self.get_state(min_remaining)

    def authenticate(self) -> AuthState:
        """Get a new token now, whatever the state of the current one."""
        with self._lock:
            return self._renew_locked(self._state, None)

    def invalidate(self, token: str | None = None, reason: str = "") -> bool:
        """Drop the current token if it is ``token`` (or unconditionally when ``token`` is None).

        Returns True if a token was dropped. Concurrent callers that saw the same rejected token
        cause one invalidation: the second finds the token already replaced and does nothing.
        """
        with self._lock:
            state = self._state
            if state is None or (token is not None and state.token != token):
                return False
            self._state = None
            self._rejected = state.token
        if self.hooks is not None:
            self.hooks.token_invalidated(cache_id=self.cache_id, state=state, reason=reason or "invalidated")
        return True

    def request_headers(self) -> tuple[dict[str, str], str | None]:
        token = self.get_state().token
        return {self.header_name: token}, token

    def _renew_locked(self, previous: AuthState | None, need: float | None) -> AuthState:
        if self.hooks is not None:
            shared = self.hooks.load_auth_state(cache_id=self.cache_id)
            if shared:
                try:
                    candidate = AuthState.from_json(shared)
                except (ValueError, KeyError, TypeError):
                    candidate = None
                if (
                    candidate is not None
                    and candidate.fresh(self._need(candidate, need))
                    and candidate.token != self._rejected
                    and (previous is None or candidate.token != previous.token)
                ):
                    self._state = candidate
                    return candidate
        new = self._issue()
        self.issued_count += 1
        self._state = new
        if self.hooks is not None:
            self.hooks.token_issued(cache_id=self.cache_id, state=new, renewed=self.issued_count > 1)
            self.hooks.store_auth_state(cache_id=self.cache_id, state=new.to_json())
        return new

    # -- sharing ---------------------------------------------------------------------------------

    def export_state(self) -> str | None:
        """The current state as JSON (it contains the token: store it as you would a password)."""
        state = self._state
        return state.to_json() if state is not None else None

    def import_state(self, text: str) -> bool:
        """Adopt an exported state if it is still fresh; returns whether it was adopted."""
        state = AuthState.from_json(text)
        if not state.fresh(state.effective_margin(self.margin)):
            return False
        with self._lock:
            self._state = state
        return True

    def close(self) -> None:
        self.transport.close()


class StaticTokenAuth(AuthContext):
    """A token given by the caller, used as is; it cannot be renewed, so a 401 is final."""

    def __init__(self, token: str, header_name: str = "X-Auth-Token", cache_id: str = "") -> None:
        self._token = token
        self.header_name = header_name
        self.cache_id = cache_id

    def __repr__(self) -> str:
        return f"<{type(self).__name__} token=***>"

    def request_headers(self) -> tuple[dict[str, str], str | None]:
        return {self.header_name: self._token}, self._token

    def current_token(self) -> str | None:
        return self._token
