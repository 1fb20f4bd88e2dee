"""Cloud Servers extras on the scripted server: os-networksv2 and virtual interfaces (deleted by the
interface's id), bad input before any request, malformed answers typed."""

from __future__ import annotations

import json
from typing import Any

import pytest

import pkgcloud.compute
from pkgcloud.errors import MalformedResponse, ValidationError
from pkgcloud_rackspace.compute import CloudServers
from tests.harness.server import Reply, ScriptedServer, scripted_server
from tests.rackspace.conftest import rax_options

V2 = "/v2/1"


@pytest.fixture
def server() -> Any:
    def token(seen: Any) -> Reply:
        return Reply(
            200,
            {
                "access": {
                    "token": {"id": "t", "expires": "2099-12-31T23:59:59Z", "tenant": {"id": "1", "name": "1"}},
                    "user": {"id": "u", "name": "MOCK-USERNAME"},
                    "serviceCatalog": [
                        {
                            "name": "cloudServers",
                            "type": "compute",
                            "endpoints": [{"tenantId": "1", "publicURL": f"{found.url}/v1.0/1"}],
                        },
                        {
                            "name": "cloudServersOpenStack",
                            "type": "compute",
                            "endpoints": [{"region": "DFW", "tenantId": "1", "publicURL": f"{found.url}{V2}"}],
                        },
                    ],
                }
            },
        )

    with scripted_server() as found:
        found.route("POST", "/v2.0/tokens", token)
        found.route("GET", "/v2/", Reply(200, {"version": {"id": "v2.0", "status": "CURRENT", "links": []}}))
        yield found


def client(server: ScriptedServer) -> CloudServers:
    found = pkgcloud.compute.create_client(provider="rackspace", **rax_options(server))
    assert isinstance(found, CloudServers)
    return found


def calls(server: ScriptedServer) -> list[tuple[str, str]]:
    return [(s.method, s.path) for s in server.requests() if s.path.startswith(V2 + "/")]


NET = {"cidr": "192.168.0.0/24", "id": "1ff4489e-db0e-45a6-8c9f-4616c6ef5db1", "label": "superprivate"}
VIF = {
    "id": "045f195f-3347-487b-8e80-8ee3390eda56",
    "mac_address": "FE:ED:FA:00:08:93",
    "ip_addresses": [{"address": "192.168.0.1", "network_id": NET["id"], "network_label": "superprivate"}],
}


def test_networks_list_get_create_delete(server: ScriptedServer) -> None:
    server.route("GET", f"{V2}/os-networksv2/", Reply(200, {"network": NET}))
    server.route("GET", f"{V2}/os-networksv2", Reply(200, {"networks": [NET, {"id": "0" * 8, "label": "public"}]}))
    server.route("POST", f"{V2}/os-networksv2", Reply(200, {"network": NET}))
    server.route("DELETE", f"{V2}/os-networksv2/", Reply(202, ""))
    c = client(server)
    assert [(n.label, n.cidr) for n in c.list_networks()] == [("superprivate", "192.168.0.0/24"), ("public", None)]
    assert c.get_network(NET["id"]).label == "superprivate"
    created = c.create_network("superprivate", "192.168.0.0/24")
    assert created.id == NET["id"]
    c.delete_network(created)
    (post,) = server.requests("POST", f"{V2}/os-networksv2")
    assert json.loads(post.body) == {"network": {"label": "superprivate", "cidr": "192.168.0.0/24"}}
    assert ("DELETE", f"{V2}/os-networksv2/{NET['id']}") in calls(server)


def test_virtual_interfaces_are_deleted_by_the_interface_id(server: ScriptedServer) -> None:
    path = f"{V2}/servers/s1/os-virtual-interfacesv2"
    server.route("POST", path, Reply(200, {"virtual_interfaces": [VIF]}))
    server.route("GET", path, Reply(200, {"virtual_interfaces": [VIF]}))
    server.route("DELETE", f"{path}/", Reply(200, ""))
    c = client(server)
    vif = c.create_virtual_interface("s1", NET["id"])
    assert vif.network_ids == [NET["id"]]
    assert [v.mac_address for v in c.list_virtual_interfaces("s1")] == ["FE:ED:FA:00:08:93"]
    c.delete_virtual_interface("s1", vif)
    (post,) = server.requests("POST", path)
    assert json.loads(post.body) == {"virtual_interface": {"network_id": NET["id"]}}
    assert calls(server)[-1] == ("DELETE", f"{path}/{VIF['id']}")


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.create_network("", "192.168.0.0/24"), "label"),
        (lambda c: c.create_network("n", "192.168.0.1/24"), "host bits"),
        (lambda c: c.create_network("n", "192.168.0.0"), "prefix length"),
        (lambda c: c.create_network("n", "not a net"), "CIDR notation"),
        (lambda c: c.create_network("n", 24), "CIDR notation"),
        (lambda c: c.create_virtual_interface("s1", None), "network"),
        (lambda c: c.delete_virtual_interface("s1", ""), "virtual interface"),
    ],
)
def test_bad_input_is_refused_before_any_request(server: ScriptedServer, call: Any, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        call(client(server))
    assert calls(server) == []


@pytest.mark.parametrize(
    "body",
    [
        {"virtual_interfaces": []},
        {"virtual_interfaces": [VIF, VIF]},
        {"virtual_interface": VIF},
        {"virtual_interfaces": [{"mac_address": "x"}]},
    ],
)
def test_a_malformed_create_answer_is_typed(server: ScriptedServer, body: Any) -> None:
    server.route("POST", f"{V2}/servers/s1/os-virtual-interfacesv2", Reply(200, body))
    with pytest.raises(MalformedResponse):
        client(server).create_virtual_interface("s1", "n1")


@pytest.mark.parametrize("body", [{"networks": {}}, {"networks": [{"label": "x"}]}, {"network": []}, "text"])
def test_a_malformed_network_answer_is_typed(server: ScriptedServer, body: Any) -> None:
    server.route("GET", f"{V2}/os-networksv2", Reply(200, body))
    with pytest.raises(MalformedResponse):
        list(client(server).list_networks())


def test_networks_and_interfaces_in_replay(cassette: Any) -> None:
    """Against the cassette built from the Rackspace Cloud Servers docs' samples."""
    with cassette("rackspace/compute/networks_and_interfaces", built=True):
        c = pkgcloud.compute.create_client(
            provider="rackspace", username="MOCK-USERNAME", api_key="MOCK-API-KEY", region="ORD"
        )
        assert isinstance(c, CloudServers)
        labels = [n.label for n in c.list_networks()]
        assert labels == ["new_network", "public", "private"]
        net = c.create_network("superprivate", "192.168.0.0/24")
        assert (net.id, net.cidr) == ("1ff4489e-db0e-45a6-8c9f-4616c6ef5db1", "192.168.0.0/24")
        assert c.get_network("f212726e-6321-4210-9bae-a13f5a33f83f").label == "superprivate_xml"
        server = "a1061a57-0136-4c29-aac1-8b1a646a3001"
        vif = c.create_virtual_interface(server, "196a0246-86cc-46fa-9ecf-850f67c2cb7c")
        assert (vif.id, vif.ip_addresses[0].address) == ("045f195f-3347-487b-8e80-8ee3390eda56", "192.168.0.1")
        listed = list(c.list_virtual_interfaces(server))
        assert [v.ip_addresses[0].network_label for v in listed] == ["public", "superprivate_xml", "private"]
        c.delete_virtual_interface(server, vif)
        c.delete_network(net)
