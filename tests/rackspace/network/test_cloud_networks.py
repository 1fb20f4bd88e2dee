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


def test_networks_subnets_and_security_groups_in_replay(cassette: Any) -> None:
    """Against the cassette built from the Rackspace Cloud Networks docs' samples."""
    from pkgcloud_rackspace.network import PUBLIC_NET, SERVICE_NET

    with cassette("rackspace/network/networks_subnets_groups", built=True):
        c = pkgcloud.network.create_client(
            provider="rackspace", username="MOCK-USERNAME", api_key="MOCK-API-KEY", region="DFW"
        )
        assert c.endpoint == "https://dfw.networks.api.rackspacecloud.com/v2.0"
        nets = list(c.list_networks())
        assert [n.id for n in nets[:2]] == [PUBLIC_NET, SERVICE_NET]
        assert nets[2].name == "RackNet"
        made = c.create_network(name="testnet-3", shared=False)
        assert (made.id, made.status) == ("4d4e772a-98e7-4409-8a3c-4fed4324da26", "ACTIVE")
        (subnet,) = c.list_subnets()
        assert subnet.cidr == "192.168.9.0/24"
        assert "default" in [g.name for g in c.list_security_groups()]
        group = c.create_security_group("new-webservers", description="security group for webservers")
        assert group.id == "10fb1612-f78f-4d35-b008-15133520debe"
