"""NeutronNetwork against a scripted Neutron: bodies, queries, paging, endpoints, errors, bad answers.

The scripted server is a real HTTP server on loopback (tests/harness/server.py): the SDK sends real
requests, and each test reads what arrived.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import pkgcloud
from pkgcloud.bodies import NULL
from pkgcloud.errors import (
    Conflict,
    MalformedResponse,
    NotFound,
    PreconditionFailed,
    UnsupportedOperation,
    ValidationError,
)
from pkgcloud.models.network import Network, Port, SecurityGroup
from pkgcloud.network import SecurityGroupRuleExists
from tests.harness.server import Reply, ScriptedServer, scripted_server, sequence

NET = "3cb9bc59-5699-4588-a4b1-b87f96708bc6"
SUB = "a0304c3a-4f08-4c43-88af-d796509c97d2"
PORT = "b3bbc5de-5e6b-4b2a-b2b7-b4d4ecc28b12"
RULE = "7b9a2e7f-8a6b-43e2-9a47-7d1c0f5d3d3e"


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server


def client(server: ScriptedServer, path: str = "", **options: Any) -> Any:
    return pkgcloud.network.create_client(
        provider="openstack", token="t", endpoint_override=f"{server.url}{path}", retries=0, **options
    )


def neutron_error(status: int, kind: str, message: str) -> Reply:
    return Reply(status, {"NeutronError": {"type": kind, "message": message, "detail": ""}})


def query(seen: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(seen.path).query, keep_blank_values=True)


def sent(server: ScriptedServer, method: str) -> Any:
    return server.requests(method)[-1].json()


# -- endpoints -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("catalog_path", "requested"),
    [("", "/v2.0/networks/"), ("/v2.0", "/v2.0/networks/"), ("/neutron", "/neutron/v2.0/networks/")],
)
def test_the_version_is_added_where_the_catalog_has_none_and_kept_where_it_has(srv, catalog_path, requested):
    """OpenStack publishes Neutron without a version; Rackspace Cloud Networks publishes ``.../v2.0``."""
    srv.route("GET", requested, Reply(200, {"network": {"id": NET, "name": "n"}}))
    net = client(srv, catalog_path).get_network(NET)
    assert net.id == NET
    assert [s.path for s in srv.requests("GET")] == [f"{requested}{NET}"]


# -- bodies ----------------------------------------------------------------------------------------


def test_falsy_values_are_sent_and_none_is_not(srv):
    srv.route("POST", "/v2.0/networks", Reply(201, {"network": {"id": NET}}))
    client(srv).create_network("", admin_state_up=False, shared=False, mtu=0, description="", qos_policy_id=None)
    assert sent(srv, "POST") == {
        "network": {"name": "", "admin_state_up": False, "shared": False, "mtu": 0, "description": ""}
    }


def test_null_gateway_means_no_gateway_and_empty_lists_are_sent(srv):
    srv.route("POST", "/v2.0/subnets", Reply(201, {"subnet": {"id": SUB, "gateway_ip": None}}))
    subnet = client(srv).create_subnet(
        Network(id=NET), "10.0.0.0/24", gateway_ip=NULL, dns_nameservers=[], host_routes=[], enable_dhcp=False
    )
    assert subnet.gateway_ip is None
    assert sent(srv, "POST") == {
        "subnet": {
            "network_id": NET,
            "ip_version": 4,
            "cidr": "10.0.0.0/24",
            "gateway_ip": None,
            "dns_nameservers": [],
            "host_routes": [],
            "enable_dhcp": False,
        }
    }


def test_a_subnet_from_a_pool_sends_no_cidr_and_takes_the_pools_version(srv):
    from pkgcloud.models.network import SubnetPool

    srv.route("POST", "/v2.0/subnets", Reply(201, {"subnet": {"id": SUB}}))
    client(srv).create_subnet(NET, subnetpool=SubnetPool(id="pool-1", ip_version=6), prefixlen=64)
    assert sent(srv, "POST") == {
        "subnet": {"network_id": NET, "ip_version": 6, "subnetpool_id": "pool-1", "prefixlen": 64}
    }


def test_neutrons_own_spellings_are_taken_too(srv):
    srv.route("POST", "/v2.0/", Reply(201, {"subnet": {"id": SUB}, "network": {"id": NET}}))
    c = client(srv)
    c.create_subnet(NET, subnetpool_id="pool-1")
    assert sent(srv, "POST") == {"subnet": {"network_id": NET, "ip_version": 4, "subnetpool_id": "pool-1"}}
    c.create_network("n", **{"router:external": True, "provider:network_type": "flat"})
    assert sent(srv, "POST") == {"network": {"name": "n", "router:external": True, "provider:network_type": "flat"}}


def test_port_bodies_use_neutrons_names_and_never_echo_read_only_fields(srv):
    srv.route("POST", "/v2.0/ports", Reply(201, {"port": {"id": PORT, "status": "DOWN"}}))
    srv.route("PUT", f"/v2.0/ports/{PORT}", Reply(200, {"port": {"id": PORT, "status": "DOWN"}}))
    c = client(srv)
    port = c.create_port(
        NET,
        security_groups=[SecurityGroup(id="sg-1"), "sg-2"],
        fixed_ips=[{"subnet_id": SUB}],
        vnic_type="direct",
        port_security_enabled=True,
        device_id="",
    )
    assert sent(srv, "POST") == {
        "port": {
            "network_id": NET,
            "security_groups": ["sg-1", "sg-2"],
            "fixed_ips": [{"subnet_id": SUB}],
            "binding:vnic_type": "direct",
            "port_security_enabled": True,
            "device_id": "",
        }
    }
    c.disable_port_security(port)
    assert sent(srv, "PUT") == {"port": {"port_security_enabled": False, "security_groups": []}}
    with pytest.raises(ValidationError, match="unknown option 'status'"):
        c.update_port(port, status="ACTIVE")
    assert len(srv.requests("PUT")) == 1


def test_admin_only_gateway_fields_go_only_when_set(srv):
    srv.route("GET", "/v2.0/networks", Reply(200, {"networks": [{"id": NET, "name": "public"}]}))
    srv.route("POST", "/v2.0/routers", Reply(201, {"router": {"id": "r1"}}))
    c = client(srv)
    c.create_router("r", external_network=NET)
    assert sent(srv, "POST") == {"router": {"name": "r", "external_gateway_info": {"network_id": NET}}}
    c.create_router("r", external_network="public", enable_snat=False, external_fixed_ips=[])
    assert sent(srv, "POST") == {
        "router": {
            "name": "r",
            "external_gateway_info": {"network_id": NET, "enable_snat": False, "external_fixed_ips": []},
        }
    }
    # the name was looked up among external networks only
    lookup = srv.requests("GET", "/v2.0/networks")[0]
    assert query(lookup)["name"] == ["public"] and query(lookup)["router:external"] == ["true"]


def test_disassociating_a_floating_ip_sends_an_explicit_null(srv):
    srv.route("PUT", "/v2.0/floatingips/f1", Reply(200, {"floatingip": {"id": "f1", "port_id": None}}))
    c = client(srv)
    assert c.disassociate_floating_ip("f1").port_id is None
    assert sent(srv, "PUT") == {"floatingip": {"port_id": None}}
    c.associate_floating_ip("f1", Port(id=PORT), fixed_ip_address="10.0.0.5")
    assert sent(srv, "PUT") == {"floatingip": {"port_id": PORT, "fixed_ip_address": "10.0.0.5"}}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.create_network("n", colour="red"), "unknown option 'colour'"),
        (lambda c: c.create_network("n", admin_state_up="false"), "admin_state_up must be True or False"),
        (lambda c: c.create_network("n", shared=NULL), "shared cannot be null"),
        (lambda c: c.create_subnet(NET, "10.0.0.1/24"), "host bits are set"),
        (lambda c: c.create_subnet(NET, "banana"), "cidr must be a network"),
        (lambda c: c.create_subnet(NET, "fd00::/64", ip_version=4), "IPv6 network, but ip_version is 4"),
        (lambda c: c.create_subnet(NET, "10.0.0.0/24", gateway_ip="fd00::1"), "IPv6 address in an IPv4 subnet"),
        (lambda c: c.create_subnet(NET), "needs a cidr"),
        (lambda c: c.create_subnet(NET, "10.0.0.0/24", allocation_pools=[{"start": "10.0.0.2"}]), "'end' is missing"),
        (lambda c: c.update_subnet(SUB, cidr="10.0.0.0/24"), "cidr can only be set when creating"),
        (lambda c: c.update_subnet(SUB), "needs at least one field"),
        (lambda c: c.create_port(None), "network is required"),
        (lambda c: c.create_port(NET, fixed_ips=[{"ip": "10.0.0.1"}]), "unknown key 'ip'"),
        (lambda c: c.create_security_group_rule("sg", port_range_min=80, port_range_max=22, protocol="tcp"), "above"),
        (lambda c: c.create_security_group_rule("sg", port_range_min=70000), "between 0 and 65535"),
        (lambda c: c.create_security_group_rule("sg", direction="in"), "direction must be one of"),
        (lambda c: c.create_security_group_rule("sg", ethertype="IPv4", remote_ip_prefix="fd00::/8"), "does not match"),
        (lambda c: c.add_router_interface("r"), "exactly one"),
        (lambda c: c.create_router("r", enable_snat=False), "need external_network"),
        (lambda c: c.update_network(NET, name="x", if_revision=-1), "if_revision must be at least 0"),
        (lambda c: c.list_networks(colour="red"), "unknown filter 'colour'"),
        (lambda c: c.list_networks(sort="name:up"), "'asc' or 'desc'"),
        (lambda c: c.list_networks(page_size=0), "page_size must be at least 1"),
        (lambda c: c.set_tags(Network(id=NET), "red"), "a list of tags"),
        (lambda c: c.add_tag(NET, "red"), "with kind="),
        (lambda c: c.add_tag(NET, "", kind="network"), "non-empty string"),
        (lambda c: c.get_tags(NET, kind="volume"), "kind must be one of"),
    ],
)
def test_bad_input_is_refused_before_any_request(srv, call, message):
    with pytest.raises(ValidationError, match=message):
        call(client(srv))
    assert srv.requests() == []


# -- lists -----------------------------------------------------------------------------------------


def test_lists_page_explicitly_and_keep_or_filters_across_pages(srv):
    base = "/v2.0/networks?name=a&name=b&limit=1"
    pages = sequence(
        Reply(
            200, {"networks": [{"id": "1"}], "networks_links": [{"rel": "next", "href": f"http://x{base}&marker=1"}]}
        ),
        Reply(200, {"networks": [{"id": "2"}], "networks_links": [{"rel": "previous", "href": "http://x/"}]}),
    )
    srv.route("GET", "/v2.0/networks", pages)
    found = list(client(srv).list_networks(name=["a", "b"], page_size=1, tags=["x", "y"], fields="name"))
    assert [n.id for n in found] == ["1", "2"]
    first, second = (query(s) for s in srv.requests("GET"))
    assert first == {"name": ["a", "b"], "limit": ["1"], "tags": ["x,y"], "fields": ["id", "name"]}
    assert second == {**first, "marker": ["1"]}


@pytest.mark.parametrize(
    ("method", "collection", "key"),
    [
        ("list_networks", "networks", "networks"),
        ("list_subnets", "subnets", "subnets"),
        ("list_ports", "ports", "ports"),
        ("list_security_groups", "security-groups", "security_groups"),
        ("list_security_group_rules", "security-group-rules", "security_group_rules"),
        ("list_routers", "routers", "routers"),
        ("list_floating_ips", "floatingips", "floatingips"),
        ("list_subnet_pools", "subnetpools", "subnetpools"),
    ],
)
def test_each_list_reads_its_own_collection_and_names_itself_in_errors(srv, method, collection, key):
    srv.route("GET", f"/v2.0/{collection}", Reply(200, {key: [{"id": "1"}]}))
    listing = getattr(client(srv), method)
    assert listing.__name__ == method and listing.__doc__
    assert [item.id for item in listing(limit=1)] == ["1"]
    assert query(srv.requests("GET")[0]) == {"limit": ["1"]}
    with pytest.raises(ValidationError, match=f"^{method} got an unknown filter .no_such_attribute."):
        listing(no_such_attribute="x")
    with pytest.raises(TypeError, match=method):
        listing("positional")


def test_without_a_page_size_a_default_limit_is_still_sent(srv):
    srv.route("GET", "/v2.0/ports", Reply(200, {"ports": []}))
    list(client(srv).list_ports(network=Network(id=NET), external=None))
    assert query(srv.requests("GET")[0]) == {"network_id": [NET], "limit": ["200"]}


def test_page_reverse_follows_previous_links_and_yields_the_last_first(srv):
    extensions = {"extensions": [{"alias": "pagination"}, {"alias": "sorting"}]}
    srv.route("GET", "/v2.0/extensions", Reply(200, extensions))
    previous = "http://x/v2.0/networks?limit=2&marker=3&page_reverse=True"
    pages = sequence(
        Reply(200, {"networks": [{"id": "3"}, {"id": "4"}], "networks_links": [{"rel": "previous", "href": previous}]}),
        Reply(200, {"networks": [{"id": "1"}, {"id": "2"}], "networks_links": []}),
    )
    srv.route("GET", "/v2.0/networks", pages)
    found = [n.id for n in client(srv).list_networks(page_size=2, page_reverse=True, sort=[("name", "desc"), "id"])]
    assert found == ["4", "3", "2", "1"]
    first, second = (query(s) for s in srv.requests("GET", "/v2.0/networks"))
    assert first["page_reverse"] == ["true"] and first["sort_key"] == ["name", "id"]
    assert first["sort_dir"] == ["desc", "asc"]
    assert second["marker"] == ["3"] and second["page_reverse"] == ["True"]


def test_sorting_and_page_reverse_need_their_extensions(srv):
    srv.route("GET", "/v2.0/extensions", Reply(200, {"extensions": [{"alias": "router"}]}))
    c = client(srv)
    with pytest.raises(UnsupportedOperation, match="sorting"):
        c.list_networks(sort="name")
    with pytest.raises(UnsupportedOperation, match="pagination"):
        c.list_networks(page_reverse=True)
    assert len(srv.requests("GET", "/v2.0/extensions")) == 1  # read once per client
    assert srv.requests("GET", "/v2.0/networks") == []


# -- revisions, errors -----------------------------------------------------------------------------


def test_if_revision_sends_if_match_and_a_mismatch_is_precondition_failed(srv):
    srv.route("PUT", f"/v2.0/networks/{NET}", neutron_error(412, "RevisionNumberConstraintFailed", "no"))
    srv.route("DELETE", f"/v2.0/networks/{NET}", Reply(204))
    c = client(srv)
    with pytest.raises(PreconditionFailed) as failed:
        c.update_network(NET, name="x", if_revision=3)
    assert failed.value.error_type == "RevisionNumberConstraintFailed"
    assert c.delete_network(NET, if_revision=4) is True
    assert srv.requests("PUT")[0].headers["If-Match"] == "revision_number=3"
    assert srv.requests("DELETE")[0].headers["If-Match"] == "revision_number=4"
    c.delete_network(NET)
    assert "If-Match" not in srv.requests("DELETE")[1].headers


@pytest.mark.parametrize("kind", ["IpAddressGenerationFailure", "InUse", "SubnetInUse"])
def test_neutrons_error_type_reaches_the_conflict(srv, kind):
    srv.route("POST", "/v2.0/ports", neutron_error(409, kind, "No more IP addresses available on network x."))
    with pytest.raises(Conflict) as conflict:
        client(srv).create_port(NET)
    assert conflict.value.error_type == kind
    assert conflict.value.message == "No more IP addresses available on network x."
    assert kind in str(conflict.value)


def test_an_existing_rule_is_named_in_the_typed_conflict(srv):
    message = f"Security group rule already exists. Rule id is {RULE}."
    srv.route("POST", "/v2.0/security-group-rules", neutron_error(409, "SecurityGroupRuleExists", message))
    with pytest.raises(SecurityGroupRuleExists) as exists:
        client(srv).create_security_group_rule("sg", direction="egress")
    assert exists.value.rule_id == RULE and exists.value.status == 409
    assert sent(srv, "POST") == {"security_group_rule": {"security_group_id": "sg", "direction": "egress"}}


def test_remove_default_rules_deletes_them_and_reads_the_group_back(srv):
    rules = [{"id": "r4", "direction": "egress"}, {"id": "r6", "direction": "egress"}]
    srv.route(
        "POST", "/v2.0/security-groups", Reply(201, {"security_group": {"id": "sg", "security_group_rules": rules}})
    )
    srv.route("DELETE", "/v2.0/security-group-rules/", Reply(204))
    srv.route(
        "GET", "/v2.0/security-groups/sg", Reply(200, {"security_group": {"id": "sg", "security_group_rules": []}})
    )
    group = client(srv).create_security_group("g", remove_default_rules=True)
    assert group.rules == []
    assert [s.path for s in srv.requests("DELETE")] == [
        "/v2.0/security-group-rules/r4",
        "/v2.0/security-group-rules/r6",
    ]


def test_a_name_that_no_external_network_has_lists_the_ones_there_are(srv):
    def networks(seen: Any) -> Reply:
        if "name" in query(seen):
            return Reply(200, {"networks": []})
        return Reply(200, {"networks": [{"id": NET, "name": "ext-a"}, {"id": SUB, "name": "ext-b"}]})

    srv.route("GET", "/v2.0/networks", networks)
    with pytest.raises(NotFound, match="no external network named 'public'; there are: 'ext-a', 'ext-b'"):
        client(srv).create_floating_ip("public")
    assert srv.requests("POST") == []


def test_two_external_networks_of_one_name_are_refused(srv):
    srv.route("GET", "/v2.0/networks", Reply(200, {"networks": [{"id": NET, "name": "p"}, {"id": SUB, "name": "p"}]}))
    with pytest.raises(ValidationError, match="2 networks are named 'p'"):
        client(srv).create_router("r", external_network="p")


def test_find_available_floating_ip_skips_associated_ones(srv):
    fips = [{"id": "f1", "port_id": PORT}, {"id": "f2", "port_id": None}]
    srv.route("GET", "/v2.0/floatingips", Reply(200, {"floatingips": fips}))
    assert client(srv).find_available_floating_ip(NET).id == "f2"
    assert query(srv.requests("GET")[0])["floating_network_id"] == [NET]


def test_tags_paths_follow_the_model_or_kind(srv):
    srv.route("PUT", "/v2.0/", Reply(200, {"tags": ["a b"]}))
    srv.route("GET", "/v2.0/", Reply(404, {"NeutronError": {"type": "TagNotFound", "message": "x"}}))
    c = client(srv)
    assert c.set_tags(Port(id=PORT), ["a b"]) == ["a b"]
    assert c.has_tag("f1", "a/b", kind="floating_ip") is False
    assert [s.path for s in srv.requests()] == [f"/v2.0/ports/{PORT}/tags", "/v2.0/floatingips/f1/tags/a%2Fb"]
    assert sent(srv, "PUT") == {"tags": ["a b"]}


def test_quotas_of_the_tokens_project_need_a_scoped_token(srv):
    srv.route(
        "GET", "/v2.0/quotas/p1/details", Reply(200, {"quota": {"network": {"limit": 10, "used": 2, "reserved": 0}}})
    )
    c = client(srv)
    with pytest.raises(ValidationError, match="give project="):
        c.get_quotas()
    quota = c.get_quotas("p1", details=True)
    assert (quota.project_id, quota.limits, quota.used, quota.reserved) == (
        "p1",
        {"network": 10},
        {"network": 2},
        {"network": 0},
    )


# -- answers the SDK cannot read -------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        Reply(200, {"networks": [{"name": "no id"}]}),
        Reply(200, {"network": {"id": NET}}),
        Reply(200, {"networks": {"id": NET}}),
        Reply(200, "<html>proxy</html>", {"Content-Type": "text/html"}),
        Reply(200, {"networks": [{"id": {"nested": 1}}]}),
    ],
)
def test_a_malformed_list_is_a_typed_error(srv, reply):
    srv.route("GET", "/v2.0/networks", reply)
    with pytest.raises(MalformedResponse) as bad:
        list(client(srv).list_networks())
    assert bad.value.service == "network"


def test_fields_of_the_wrong_type_are_unset_not_errors(srv):
    odd = {
        "id": NET,
        "admin_state_up": "maybe",
        "mtu": "big",
        "subnets": "s1",
        "tags": None,
        "router:external": "True",
        "created_at": "yesterday",
    }
    srv.route("GET", f"/v2.0/networks/{NET}", Reply(200, {"network": odd}))
    net = client(srv).get_network(NET)
    assert (net.admin_state_up, net.mtu, net.subnet_ids, net.tags, net.external, net.created) == (
        None,
        None,
        [],
        [],
        True,
        None,
    )


@pytest.mark.parametrize(
    "answer",
    [{"router_id": "x"}, ["a"], None],
)
def test_a_malformed_router_interface_answer_is_a_typed_error(srv, answer):
    srv.route(
        "PUT", "/v2.0/routers/r1/add_router_interface", Reply(200, json.dumps(answer) if answer is not None else b"")
    )
    with pytest.raises(MalformedResponse):
        client(srv).add_router_interface("r1", subnet=SUB)
    assert sent(srv, "PUT") == {"subnet_id": SUB}


@pytest.mark.parametrize("answer", [{"tags": "red"}, {"tag": []}, []])
def test_a_malformed_tags_answer_is_a_typed_error(srv, answer):
    srv.route("GET", "/v2.0/networks/n1/tags", Reply(200, answer))
    with pytest.raises(MalformedResponse):
        client(srv).get_tags("n1", kind="network")


def test_a_malformed_extension_list_is_a_typed_error(srv):
    srv.route("GET", "/v2.0/extensions", Reply(200, {"extensions": [{"name": "no alias"}]}))
    with pytest.raises(MalformedResponse):
        client(srv).has_extension("pagination")


def test_a_group_rule_without_an_id_is_left_out_and_the_group_still_read(srv):
    rules = [{"direction": "egress"}, {"id": RULE, "direction": "ingress", "port_range_min": "22"}, "junk"]
    srv.route(
        "GET", "/v2.0/security-groups/sg", Reply(200, {"security_group": {"id": "sg", "security_group_rules": rules}})
    )
    group = client(srv).get_security_group("sg")
    assert [(r.id, r.direction, r.port_range_min) for r in group.rules] == [(RULE, "ingress", 22)]
