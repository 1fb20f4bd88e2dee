"""The core token lifecycle: lazy auth, renewal within the margin, single flight, 401 replay, sharing."""

from __future__ import annotations

import io
import threading
from typing import Any

import pytest

from pkgcloud import clock
from pkgcloud.api import ApiSession
from pkgcloud.auth import AuthState, EndpointQuery, TokenAuth
from pkgcloud.errors import ReauthenticationImpossible, Unauthorized
from pkgcloud.http import Transport
from pkgcloud.plugins import hookimpl
from pkgcloud.plugins.registry import registry
from tests.harness.fake_keystone import FakeKeystone
from tests.harness.server import Reply, ScriptedServer, scripted_server


class CountingAuth(TokenAuth):
    """A TokenAuth whose identity service is the FakeKeystone (v3 password)."""

    def __init__(self, keystone: FakeKeystone, **kwargs: Any) -> None:
        super().__init__(transport=Transport(), cache_id="test-cache-id", **kwargs)
        self.keystone = keystone

    def _issue(self) -> AuthState:
        body = {
            "auth": {"identity": {"methods": ["password"], "password": {"user": {"id": "u1", "password": "secret-pw"}}}}
        }
        response = self.transport.request("POST", self.keystone.server.url + "/v3/auth/tokens", json=body)
        from pkgcloud.dates import epoch

        return AuthState(response.headers["X-Subject-Token"], epoch(response.json()["token"]["expires_at"]))


@pytest.fixture
def server() -> ScriptedServer:
    with scripted_server() as srv:
        yield srv  # type: ignore[misc]


def test_authentication_is_lazy_and_happens_once(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server)
    auth = CountingAuth(keystone)
    assert keystone.token_requests == 0
    assert auth.token == "tok-1"
    assert auth.token == "tok-1"
    assert auth().token == "tok-1", "client.auth() authenticates if needed, as in the Node library"
    assert keystone.token_requests == 1


def test_a_token_within_the_margin_is_renewed_before_use(server: ScriptedServer, fake_clock: clock.FakeClock) -> None:
    keystone = FakeKeystone(server, lifetime=600, now=fake_clock.time)
    auth = CountingAuth(keystone, margin=120)
    assert auth.token == "tok-1"
    fake_clock.advance(400)  # 200 s left: still fresh
    assert auth.token == "tok-1"
    fake_clock.advance(100)  # 100 s left: inside the margin
    assert auth.token == "tok-2"
    assert keystone.token_requests == 2


def test_ensure_fresh_renews_for_a_long_operation(server: ScriptedServer, fake_clock: clock.FakeClock) -> None:
    keystone = FakeKeystone(server, lifetime=3600, now=fake_clock.time)
    auth = CountingAuth(keystone)
    auth.token  # noqa: B018
    fake_clock.advance(3000)
    assert auth.ensure_fresh(min_remaining=300).token == "tok-1"
    assert auth.ensure_fresh(min_remaining=1800).token == "tok-2"


def test_32_threads_on_a_cold_client_send_one_token_request(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server, delay=0.2)  # a slow Keystone widens the race window
    auth = CountingAuth(keystone)
    barrier = threading.Barrier(32)
    tokens: list[str] = []

    def worker() -> None:
        barrier.wait()
        tokens.append(auth.token)

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert keystone.token_requests == 1
    assert set(tokens) == {"tok-1"} and len(tokens) == 32


def test_invalidate_only_drops_the_token_that_failed(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server)
    auth = CountingAuth(keystone)
    first = auth.token
    assert auth.invalidate(first) is True
    second = auth.token
    assert second != first
    assert auth.invalidate(first) is False, "a late 401 for the old token must not drop the new one"
    assert auth.token == second


def session(server: ScriptedServer, auth: TokenAuth) -> ApiSession:
    return ApiSession(Transport(), auth, EndpointQuery(["object-store"], override=server.url + "/svc"))


def test_a_401_renews_once_and_replays(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server)
    keystone.guard("PUT", "/svc/", Reply(201, ""))
    auth = CountingAuth(keystone)
    api = session(server, auth)
    keystone.revoke(auth.token)  # the service will refuse tok-1 once
    api.request("PUT", "obj", data=b"payload")
    puts = server.requests("PUT", "/svc/")
    assert [p.headers["X-Auth-Token"] for p in puts] == ["tok-1", "tok-2"]
    assert [p.body for p in puts] == [b"payload", b"payload"]
    assert keystone.token_requests == 2


def test_a_burst_of_401s_causes_one_renewal(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server, delay=0.05)
    keystone.guard("GET", "/svc/", Reply(200, "ok"))
    auth = CountingAuth(keystone)
    api = session(server, auth)
    keystone.revoke(auth.token)
    barrier = threading.Barrier(16)

    def worker() -> None:
        barrier.wait()
        api.request("GET", "x")

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert keystone.token_requests == 2, "one token at start, one renewal for the whole burst"


def test_a_seekable_stream_is_replayed_from_its_start(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server)
    keystone.guard("PUT", "/svc/", Reply(201, ""))
    auth = CountingAuth(keystone)
    keystone.revoke(auth.token)
    session(server, auth).request("PUT", "obj", data=io.BytesIO(b"0123456789"))
    assert [p.body for p in server.requests("PUT", "/svc/")] == [b"0123456789", b"0123456789"]


def test_a_one_shot_stream_cannot_be_replayed_and_says_why(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server)
    keystone.guard("PUT", "/svc/", Reply(201, ""))
    auth = CountingAuth(keystone)
    keystone.revoke(auth.token)
    with pytest.raises(ReauthenticationImpossible, match="one-shot stream"):
        session(server, auth).request("PUT", "obj", data=iter([b"abc"]))


def test_a_one_shot_stream_starts_with_a_token_that_will_last(
    server: ScriptedServer, fake_clock: clock.FakeClock
) -> None:
    keystone = FakeKeystone(server, lifetime=600, now=fake_clock.time)
    keystone.guard("PUT", "/svc/", Reply(201, ""))
    auth = CountingAuth(keystone, margin=120)
    api = session(server, auth)
    assert auth.token == "tok-1"
    fake_clock.advance(400)  # 200 s left: fresh for a small request, not for a stream that cannot be replayed
    api.request("PUT", "small", data=b"abc")
    assert keystone.token_requests == 1
    api.request("PUT", "stream", data=iter([b"abc"]))
    assert keystone.token_requests == 2
    sent = [seen.headers.get("X-Auth-Token") for seen in server.requests("PUT", "/svc/")]
    assert sent == ["tok-1", "tok-2"]


def test_a_second_401_after_renewal_is_raised(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server)
    server.route("GET", "/svc/", Reply(401, "no"))
    auth = CountingAuth(keystone)
    with pytest.raises(Unauthorized):
        session(server, auth).request("GET", "x")
    assert keystone.token_requests == 2


def test_token_events_reach_plugins_and_state_can_be_shared(server: ScriptedServer) -> None:
    events: list[tuple[str, str, bool | str]] = []
    store: dict[str, str] = {}

    class Observer:
        @hookimpl
        def token_issued(self, cache_id: str, state: AuthState, renewed: bool) -> None:
            events.append(("issued", state.token, renewed))

        @hookimpl
        def token_invalidated(self, cache_id: str, state: AuthState, reason: str) -> None:
            events.append(("invalidated", state.token, reason))

        @hookimpl
        def store_auth_state(self, cache_id: str, state: str) -> None:
            store[cache_id] = state

        @hookimpl
        def load_auth_state(self, cache_id: str) -> str | None:
            return store.get(cache_id)

    keystone = FakeKeystone(server)
    registry.register(Observer(), name="observer")
    try:
        first = CountingAuth(keystone, hooks=registry.hooks)
        token = first.token
        first.invalidate(token, reason="test")
        token2 = first.token
        # another "process": a new context with the same cache id adopts the stored token
        second = CountingAuth(keystone, hooks=registry.hooks)
        assert second.token == token2
    finally:
        registry.unregister("observer")
    assert events == [("issued", "tok-1", False), ("invalidated", "tok-1", "test"), ("issued", "tok-2", True)]
    assert keystone.token_requests == 2


def test_export_and_import_state(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server)
    one = CountingAuth(keystone)
    exported = one.export_state()
    assert exported is None
    one.token  # noqa: B018
    exported = one.export_state()
    assert exported is not None
    two = CountingAuth(keystone)
    assert two.import_state(exported) is True
    assert two.token == "tok-1"
    assert keystone.token_requests == 1


def test_repr_never_shows_the_token(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server)
    auth = CountingAuth(keystone)
    token = auth.token
    assert token not in repr(auth)
    assert auth.state is not None and token not in repr(auth.state)
