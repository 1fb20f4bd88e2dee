"""The token lifecycle against the real Keystone and Swift of the dev cloud (integration, not replay)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from pkgcloud.api import ApiSession
from pkgcloud.auth import EndpointQuery
from pkgcloud.plugins.registry import registry
from pkgcloud_openstack.identity import make_auth
from pkgcloud_openstack.identity.keystone import KeystoneAuth
from tests.harness import devcloud

pytestmark = pytest.mark.devcloud


def auth_for(**given: Any) -> KeystoneAuth:
    auth = make_auth(registry.provider("openstack").resolve_options(given, "storage"), registry.hooks)
    assert isinstance(auth, KeystoneAuth)
    return auth


def token_lifetime() -> int:
    return int((devcloud.facts() or {}).get("token_expiration") or 3600)


@pytest.mark.short_tokens
def test_a_client_works_across_several_real_expiries_without_a_failed_call(
    live_options: Callable[..., dict[str, Any]],
) -> None:
    lifetime = token_lifetime()
    if lifetime > 30:
        pytest.skip(f"the dev cloud's tokens live {lifetime}s; run: python3 -m devcloud up --token-expiration 6")
    auth = auth_for(**live_options("demo"), expiry_margin=1.5)
    api = ApiSession(auth.transport, auth, EndpointQuery(["object-store"], region="RegionOne"))
    tokens: set[str] = set()
    deadline = time.monotonic() + 3.5 * lifetime
    calls = 0
    while time.monotonic() < deadline:
        response = api.request("HEAD")  # the account; raises on any error status
        assert response.status_code in (200, 204)
        tokens.add(auth.token)
        calls += 1
        time.sleep(0.4)
    assert len(tokens) >= 3, f"{calls} calls over {3.5 * lifetime:.0f}s used only {len(tokens)} token(s)"


def test_threads_on_a_cold_client_share_one_real_token(live_options: Callable[..., dict[str, Any]]) -> None:
    auth = auth_for(**live_options("demo"), share_auth=False)
    api = ApiSession(auth.transport, auth, EndpointQuery(["object-store"], region="RegionOne"))
    barrier = threading.Barrier(16)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            api.request("HEAD")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert auth.issued_count == 1
