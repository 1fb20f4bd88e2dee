"""Answers the SDK did not expect, from Keystone, Nova, Swift and Trove on real sockets: always one typed
error naming service, method and URL, never a JSONDecodeError, KeyError or AttributeError. And waits
whose arguments are wrong on their face send nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import pkgcloud
from pkgcloud.errors import MalformedResponse, ValidationError
from tests.harness.fake_keystone import FakeKeystone
from tests.harness.server import Reply, ScriptedServer, scripted_server
from tests.openstack.compute.test_nova_client import SERVER_ID, nova
from tests.openstack.storage.conftest import SWIFT, Swift

TRUNCATED = Reply(200, b'{"server": {"id": "5046e2f2', {"Content-Type": "application/json"})
HTML = Reply(200, b"<html><head><title>Maintenance</title></head></html>", {"Content-Type": "text/html"})


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server


def compute(server: ScriptedServer) -> Any:
    return pkgcloud.compute.create_client(
        provider="openstack", token="t", endpoint_override=f"{server.url}/v2.1", retries=0
    )


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (TRUNCATED, "expected JSON, got 27 bytes of application/json"),
        (HTML, "bytes of text/html: <html><head><title>Maintenance"),
        (Reply(200, {"servers": []}), "expected an object {'server'"),
        (Reply(200, [{"id": SERVER_ID}]), "got a list of 1"),
        (Reply(200, {"server": {"name": "no id"}}), "no 'id'"),
        (Reply(200, {"server": {"id": SERVER_ID, "addresses": [], "metadata": "x", "flavor": 3}}), None),
    ],
)
def test_nova_get_server(srv, answer, reason):
    nova(srv)
    srv.route("GET", f"/v2.1/servers/{SERVER_ID}", answer)
    if reason is None:  # fields of the wrong type are left unset, the server is still read
        assert compute(srv).get_server(SERVER_ID).id == SERVER_ID
        return
    with pytest.raises(MalformedResponse, match=reason) as caught:
        compute(srv).get_server(SERVER_ID)
    error = caught.value
    assert (error.service, error.method) == ("compute", "GET")
    assert error.url.endswith(f"/v2.1/servers/{SERVER_ID}")
    assert "compute service sent an answer the SDK cannot read to GET" in str(error)


@pytest.mark.parametrize(
    ("call", "route", "answer", "reason"),
    [
        (
            lambda c: list(c.list_servers()),
            "/v2.1/servers/detail",
            Reply(200, {"server": {}}),
            "{'servers': \\[...\\]}",
        ),
        (
            lambda c: list(c.list_servers()),
            "/v2.1/servers/detail",
            Reply(200, {"servers": {"id": 1}}),
            "a list of servers",
        ),
        (lambda c: c.list_server_tags(SERVER_ID), f"/v2.1/servers/{SERVER_ID}/tags", Reply(200, ["a"]), "{'tags'"),
        (lambda c: c.get_limits(), "/v2.1/limits", Reply(200, {"absolute": {}}), "{'limits'"),
        (lambda c: c.get_server_metadata(SERVER_ID), f"/v2.1/servers/{SERVER_ID}/metadata", Reply(200, []), "metadata"),
        (lambda c: c.get_server_addresses(SERVER_ID), f"/v2.1/servers/{SERVER_ID}/ips", HTML, "text/html"),
        (lambda c: c.get_flavor("1"), "/v2.1/flavors/1", Reply(200, {"flavor": "m1.small"}), "{'flavor'"),
    ],
)
def test_nova_reads_of_the_wrong_shape(srv, call, route, answer, reason):
    nova(srv)
    srv.route("GET", route, answer)
    with pytest.raises(MalformedResponse, match=reason):
        call(compute(srv))


TROVE = "/v1.0/p1"
INSTANCE_ID = "d1f42a29-e339-44b8-85b4-3abe11e6f76e"


@pytest.mark.parametrize(
    ("call", "route", "answer", "reason"),
    [
        (lambda c: c.get_instance(INSTANCE_ID), f"/instances/{INSTANCE_ID}", TRUNCATED, "expected JSON"),
        (lambda c: c.get_instance(INSTANCE_ID), f"/instances/{INSTANCE_ID}", HTML, "text/html"),
        (lambda c: c.get_instance(INSTANCE_ID), f"/instances/{INSTANCE_ID}", Reply(200, {"instance": []}), "instance"),
        (lambda c: list(c.list_instances()), "/instances", Reply(200, {"instances": [{"name": "x"}]}), "no 'id'"),
        (lambda c: list(c.list_users(INSTANCE_ID)), f"/instances/{INSTANCE_ID}/users", Reply(200, {}), "'users'"),
        (lambda c: c.root_enabled(INSTANCE_ID), f"/instances/{INSTANCE_ID}/root", Reply(200, []), "rootEnabled"),
        (lambda c: list(c.list_datastores()), "/datastores", Reply(200, {"datastores": [1]}), "datastore object"),
    ],
)
def test_trove_reads_of_the_wrong_shape(srv, call, route, answer, reason):
    srv.route("GET", f"{TROVE}{route}", answer)
    client = pkgcloud.database.create_client(
        provider="openstack", token="t", endpoint_override=f"{srv.url}{TROVE}", retries=0
    )
    with pytest.raises(MalformedResponse, match=reason) as caught:
        call(client)
    assert (caught.value.service, caught.value.method) == ("database", "GET")
    assert TROVE in caught.value.url


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": "AVAILABLE"}, "never reports status 'AVAILABLE'"),
        ({"status": None, "timeout": -5}, "timeout must be a positive number"),
        ({"interval": "5"}, "interval must be a number of seconds"),
        ({"status": 3}, "status must be a status name"),
    ],
)
def test_a_nova_wait_with_wrong_arguments_sends_nothing(srv, kwargs, message):
    nova(srv)
    client = compute(srv)
    with pytest.raises(ValidationError, match=message):
        client.wait_for(SERVER_ID, **kwargs)
    assert srv.requests() == []


def test_a_nova_wait_without_a_status_waits_for_running(srv, fake_clock):
    nova(srv)
    states = iter(["BUILD", "ACTIVE"])
    srv.route(
        "GET",
        f"/v2.1/servers/{SERVER_ID}",
        lambda _s: Reply(200, {"server": {"id": SERVER_ID, "status": next(states)}}),
    )
    assert compute(srv).wait_for(SERVER_ID, interval=1).provider_status == "ACTIVE"


# -- Keystone ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (
            Reply(201, b'{"token": {"expires_at": "20', {"X-Subject-Token": "tok", "Content-Type": "application/json"}),
            "not JSON",
        ),
        (Reply(201, {"tokens": {}}, {"X-Subject-Token": "tok"}), "no 'token' object"),
        (Reply(201, {"token": {"project": "p", "catalog": []}}, {"X-Subject-Token": "tok"}), "cannot read"),
    ],
)
def test_a_keystone_token_answer_that_cannot_be_read(srv, answer, reason):
    srv.route("POST", "/v3/auth/tokens", answer)
    client = pkgcloud.compute.create_client(
        provider="openstack",
        auth_url=f"{srv.url}/v3",
        username="u",
        password="secret-pw",
        project_name="p",
        domain_name="Default",
        retries=0,
    )
    with pytest.raises(MalformedResponse, match=reason) as caught:
        client.auth.authenticate()
    assert caught.value.service == "identity" and "secret-pw" not in str(caught.value)


def test_a_keystone_v2_token_without_an_id_is_not_a_token_of_none(srv):
    srv.route("POST", "/v2.0/tokens", Reply(200, {"access": {"token": {"expires": "2099-01-01T00:00:00Z"}}}))
    client = pkgcloud.compute.create_client(
        provider="openstack", auth_url=f"{srv.url}/v2.0", username="u", password="pw", tenant_name="t", retries=0
    )
    with pytest.raises(MalformedResponse, match="no token id"):
        client.auth.authenticate()


# -- Swift ------------------------------------------------------------------------------------------


@pytest.fixture
def swift(fake_clock: Any) -> Iterator[Swift]:
    with scripted_server() as server:
        yield Swift(server, FakeKeystone(server, now=fake_clock.time))


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (HTML, "text/html"),
        (Reply(200, b'[{"name": "a", "count": 1}, {"na', {"Content-Type": "application/json"}), "expected JSON"),
        (Reply(200, {"name": "a"}), "expected a listing"),
        (Reply(200, [{"count": 1}]), "expected a listing"),
        (Reply(200, [{"name": "c", "count": "x", "bytes": [], "last_modified": 5}]), None),
    ],
)
def test_swift_container_listing(swift, answer, reason):
    swift.route("GET", "", answer)
    client = swift.client(retries=0)
    if reason is None:  # fields of the wrong type inside an entry are left unset
        (container,) = client.list_containers()
        assert (container.name, container.count, container.bytes, container.last_modified) == ("c", None, None, None)
        return
    with pytest.raises(MalformedResponse, match=reason) as caught:
        list(client.list_containers())
    assert caught.value.service == "storage" and caught.value.method == "GET"
    assert SWIFT in caught.value.url


def test_swift_object_listing_entries_of_the_wrong_type(swift):
    swift.route("GET", "/c", Reply(200, [{"name": "o", "bytes": 1, "last_modified": 1700000000}]))
    client = swift.client(retries=0)
    objects = list(client.list_objects("c"))
    assert objects[0].name == "o" and objects[0].last_modified is None


def test_swift_info_that_is_not_json_means_default_capabilities(swift):
    swift.server.route("GET", "/swift/RegionOne/info", HTML)
    assert swift.client(retries=0).get_capabilities() == {}


@pytest.mark.parametrize("swift_caps", ["not a mapping", {"max_meta_count": "lots", "max_container_name_length": None}])
def test_swift_capabilities_of_the_wrong_type_mean_swift_s_defaults(swift, swift_caps):
    swift.info({"swift": swift_caps})
    swift.route("PUT", "/photos", Reply(201, b""))
    swift.route("HEAD", "/photos", Reply(204, b"", {"X-Container-Object-Count": "0"}))
    client = swift.client(retries=0)
    client.get_capabilities()
    client.create_container("photos", metadata={"owner": "me"})
    sent = {k.lower(): v for k, v in swift.seen("PUT", "/photos")[0].headers.items()}
    assert sent["x-container-meta-owner"] == "me"
