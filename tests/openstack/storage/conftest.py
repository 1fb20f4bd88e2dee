"""Fixtures for the Swift tests: a scripted Swift behind a fake Keystone, on real sockets."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import pkgcloud
from pkgcloud import clock
from tests.harness.fake_keystone import FakeKeystone
from tests.harness.server import Reply, ScriptedServer, Seen, scripted_server

# where FakeKeystone's catalog puts Swift for project p1
SWIFT = "/swift/RegionOne/v1/AUTH_p1"
INFO = "/swift/RegionOne/info"


def data_of(size: int, seed: int = 1) -> bytes:
    """Deterministic pseudo-random bytes (no compression, no patterns that hide off-by-one errors)."""
    return random.Random(seed).randbytes(size)


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


class Swift:
    """The scripted server, its fake Keystone, and a client factory."""

    def __init__(self, server: ScriptedServer, keystone: FakeKeystone) -> None:
        self.server = server
        self.keystone = keystone

    def client(self, **extra: Any) -> Any:
        options: dict[str, Any] = {
            "auth_url": f"{self.server.url}/v3",
            "username": "demo",
            "password": "secret-pw",
            "tenant_name": "demo",
            "domain_name": "Default",
        }
        options.update(extra)
        return pkgcloud.storage.create_client(provider="openstack", **options)

    def route(self, method: str, path: str, handler: Callable[[Seen], Reply] | Reply, *, guard: bool = True) -> None:
        """Route ``SWIFT + path`` (token-checked like keystonemiddleware unless ``guard=False``)."""
        if guard:
            self.keystone.guard(method, SWIFT + path, handler)
        else:
            self.server.route(method, SWIFT + path, handler)

    def info(self, caps: dict[str, Any]) -> None:
        self.server.route("GET", INFO, Reply(200, caps))

    def seen(self, method: str | None = None, path: str = "") -> list[Seen]:
        return self.server.requests(method, SWIFT + path)


@pytest.fixture
def swift(fake_clock: clock.FakeClock) -> Iterator[Swift]:
    with scripted_server() as server:
        keystone = FakeKeystone(server, now=fake_clock.time)
        yield Swift(server, keystone)
