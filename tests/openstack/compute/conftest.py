"""Fixtures of the Nova tests: a client on the sample cassettes' endpoint, the samples, sent headers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import pkgcloud

SAMPLE_CASSETTES = "openstack/compute/samples"
NOVA = "http://nova.devcloud.test/v2.1"


@pytest.fixture
def sample_client() -> Callable[..., Any]:
    """A Nova client with a known token on the canonical endpoint (no Keystone: the sample cassettes
    hold Nova's side only)."""

    def make(**options: Any) -> Any:
        return pkgcloud.compute.create_client(
            provider="openstack", token="PKGCLOUD-TOKEN-1", endpoint_override=NOVA, **options
        )

    return make


class SentHeaders:
    """The microversion each request went out with, in order: ``[(method, path, "2.79"), ...]``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str | None]] = []

    def versions(self, method: str | None = None) -> list[str | None]:
        # the version discovery (GET of the versioned root) carries none
        return [v for m, path, v in self.calls if path and (method is None or m == method)]


@pytest.fixture
def sent() -> Callable[[Any], SentHeaders]:
    """``seen = sent(client)`` records the microversion headers of the client's requests."""

    def attach(client: Any) -> SentHeaders:
        seen = SentHeaders()
        transport = client.api.transport
        original = transport.request

        def request(method: str, url: str, **kwargs: Any) -> Any:
            headers = kwargs.get("headers") or {}
            version = headers.get("OpenStack-API-Version")
            legacy = headers.get("X-OpenStack-Nova-API-Version")
            if version is not None:
                assert version == f"compute {legacy}", "both microversion headers must agree"
                version = version.split()[1]
            seen.calls.append((method, url.split("/v2.1", 1)[-1], version))
            return original(method, url, **kwargs)

        transport.request = request
        return seen

    return attach
