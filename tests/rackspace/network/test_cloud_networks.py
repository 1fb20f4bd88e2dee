"""Rackspace Cloud Networks: the Neutron client on the catalog's ``/v2.0`` URL; what Rackspace has not
(routers, subnet pools, tags) refused as unsupported before any request."""

from __future__ import annotations

from typing import Any

import pytest

import pkgcloud.network
from pkgcloud.errors import UnsupportedOperation
from pkgcloud_rackspace.network import CloudNetworks
from tests.harness.server import Reply, ScriptedServer, scripted_server
from tests.rackspace.conftest import rax_options


def catalog(base: str) -> dict[str, Any]:
    return {
        "access": {
            "token": {"id": "rax-token", "expires": "2099-12-31T23:59:59Z", "tenant": {"id": "1", "name": "1"}},
            "user": {"id": "u", "name": "MOCK-USERNAME"},
            "serviceCatalog": [
                {
                    "name": "cloudNetworks",
                    "type": "network",
                    "endpoints": [{"region": "DFW", "tenantId": "1", "publicURL": f"{base}/v2.0"}],
                }
            ],
        }
    }


@pytest.fixture
def server() -> Any:
    with scripted_server() as found:
        found.route("POST", "/v2.0/tokens", lambda seen: Reply(200, catalog(found.url)))
        yield found


def client(server: ScriptedServer) -> CloudNetworks:
    found = pkgcloud.network.create_client(provider="rackspace", **rax_options(server))
    assert isinstance(found, CloudNetworks)
    return found


def test_networks_are_listed_on_the_catalog_url_as_it_is(server: ScriptedServer) -> None:
    body = {"networks": [{"id": "00000000-0000-0000-0000-000000000000", "name": "public", "status": "ACTIVE"}]}
    server.route("GET", "/v2.0/networks", Reply(200, body))
    (net,) = client(server).list_networks()
    assert net.name == "public"
    (seen,) = server.requests("GET", "/v2.0/networks")
    assert seen.path.startswith("/v2.0/networks")


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.list_routers(),
        lambda c: c.create_router("r"),
        lambda c: c.add_router_interface("r", subnet="s"),
        lambda c: c.set_router_gateway("r", "n"),
        lambda c: c.delete_router("r"),
        lambda c: c.list_subnet_pools(),
        lambda c: c.create_subnet_pool("p", ["10.0.0.0/8"]),
        lambda c: c.set_tags("n", ["a"]),
        lambda c: c.add_tag("n", "a"),
    ],
)
def test_what_rackspace_has_not_is_unsupported_before_any_request(server: ScriptedServer, call: Any) -> None:
    with pytest.raises(UnsupportedOperation, match="Rackspace Cloud Networks has no"):
        call(client(server))
    assert [s for s in server.requests() if not s.path.startswith("/v2.0/tokens")] == []
