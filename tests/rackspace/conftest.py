"""A Rackspace identity and catalog on the scripted server, for the DNS and load balancer fault tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.harness.server import Reply, ScriptedServer, scripted_server


def token_doc(base: str) -> dict[str, Any]:
    return {
        "access": {
            "token": {"id": "rax-token", "expires": "2099-12-31T23:59:59Z", "tenant": {"id": "1", "name": "1"}},
            "user": {"id": "u", "name": "MOCK-USERNAME"},
            "serviceCatalog": [
                {
                    "name": "cloudDNS",
                    "type": "rax:dns",
                    "endpoints": [{"tenantId": "1", "publicURL": f"{base}/v1.0/1"}],
                },
                {
                    "name": "cloudLoadBalancers",
                    "type": "rax:load-balancer",
                    "endpoints": [{"region": "DFW", "tenantId": "1", "publicURL": f"{base}/v1.0/1"}],
                },
            ],
        }
    }


@pytest.fixture
def rax() -> Iterator[ScriptedServer]:
    """A scripted server answering Rackspace API-key authentication, its catalog pointing at itself."""
    with scripted_server() as server:
        server.route("POST", "/v2.0/tokens", lambda seen: Reply(200, token_doc(server.url)))
        yield server


def rax_options(server: ScriptedServer, **extra: Any) -> dict[str, Any]:
    options: dict[str, Any] = {
        "username": "MOCK-USERNAME",
        "api_key": "k",
        "region": "DFW",
        "auth_url": f"{server.url}/v2.0",
        "retries": 0,
    }
    options.update(extra)
    return options


def service_requests(server: ScriptedServer) -> list[Any]:
    return [seen for seen in server.requests() if not seen.path.startswith("/v2.0/")]
