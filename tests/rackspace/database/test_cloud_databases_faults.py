"""Rackspace Cloud Databases on the scripted server: the account header on every request, what
Rackspace has not refused before any request, bodies that keep falsy values, Rackspace's statuses
(no operating_status: waits end on ACTIVE), our own limit/marker paging, 413s, malformed answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import pkgcloud.database
from pkgcloud.bodies import NULL
from pkgcloud.errors import (
    MalformedResponse,
    RequestEntityTooLarge,
    ResourceFailed,
    UnsupportedOperation,
    ValidationError,
)
from pkgcloud.models.base import Status
from pkgcloud_rackspace.database import ACCOUNT_HEADER, CloudDatabases
from tests.harness.server import Reply, ScriptedServer, scripted_server, sequence
from tests.rackspace.conftest import rax_options, service_requests

BASE = "/v1.0/1"
INST = f"{BASE}/instances/i1"


def token_doc(base: str) -> dict[str, Any]:
    return {
        "access": {
            "token": {"id": "rax-token", "expires": "2099-12-31T23:59:59Z", "tenant": {"id": "1", "name": "1"}},
            "user": {"id": "u", "name": "MOCK-USERNAME"},
            "serviceCatalog": [
                {
                    "name": "cloudDatabases",
                    "type": "rax:database",
                    "endpoints": [{"region": "DFW", "tenantId": "1", "publicURL": f"{base}{BASE}"}],
                }
            ],
        }
    }


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        server.route("POST", "/v2.0/tokens", lambda seen: Reply(200, token_doc(server.url)))
        yield server


def client(server: ScriptedServer, **extra: Any) -> CloudDatabases:
    found = pkgcloud.database.create_client(provider="rackspace", **rax_options(server, **extra))
    assert isinstance(found, CloudDatabases)
    return found


def instance(status: str, **extra: Any) -> dict[str, Any]:
    return {"instance": {"id": "i1", "name": "db", "status": status, "volume": {"size": 1}, **extra}}


# -- the account header ------------------------------------------------------------------------------


def test_every_request_carries_the_account_number(srv: ScriptedServer) -> None:
    srv.route("GET", INST, Reply(200, instance("ACTIVE")))
    srv.route("POST", f"{INST}/action", Reply(202))
    srv.route("GET", f"{BASE}/flavors", Reply(200, {"flavors": [{"id": 1, "name": "m1.tiny", "ram": 512}]}))
    c = client(srv)
    c.get_instance("i1")
    c.restart_instance("i1")
    assert [f.id for f in c.list_flavors()] == ["1"]
    seen = service_requests(srv)
    assert len(seen) == 3
    assert all(s.headers.get(ACCOUNT_HEADER) == "1" for s in seen)
    assert all(s.headers.get("X-Auth-Token") == "rax-token" for s in seen)


# -- refused before any request ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.create_instance("db", 1, 1, nics=[{"network_id": "n"}]), "no option 'nics'"),
        (lambda c: c.create_instance("db", 1, 1, volume_type="ssd"), "no option 'volume_type'"),
        (lambda c: c.create_instance("db", 1, 1, availability_zone="az"), "no option 'availability_zone'"),
        (lambda c: c.create_instance("db", 1, 0), "at least 1"),
        (lambda c: c.create_instance("", 1, 1), "name"),
        (lambda c: list(c.list_instances(include_clustered=True)), "unknown option 'include_clustered'"),
        (lambda c: list(c.list_instances(marker="")), "marker must be a non-empty string"),
        (lambda c: list(c.list_instances(include_ha="yes")), "include_ha must be True or False"),
        (lambda c: c.enable_root("i1", password="mine"), "makes the root password itself"),
        (lambda c: list(c.list_users("i1", marker=3)), "marker must be a non-empty string"),
        (lambda c: c.create_backup("i1", "b", incremental=True), "parent=<backup>"),
        (lambda c: c.create_backup("i1", "b", swift_container="c"), "no swift_container"),
        (lambda c: c.wait_for("i1", "HEALTHY"), "never reports status 'HEALTHY'"),
        (lambda c: c.update_instance("i1", name=5, configuration=NULL), "name must be a string"),
        (lambda c: c.create_users("i1", [{"name": "u"}]), "no password"),
    ],
)
def test_bad_input_is_refused_before_any_request(srv: ScriptedServer, call: Any, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        call(client(srv))
    assert service_requests(srv) == []


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.disable_root("i1"), "disable_root: Rackspace Cloud Databases documents no way"),
        (lambda c: c.get_datastore_version("v1"), "within its datastore"),
    ],
)
def test_what_rackspace_has_not_is_unsupported(srv: ScriptedServer, call: Any, match: str) -> None:
    with pytest.raises(UnsupportedOperation, match=match):
        call(client(srv))
    assert service_requests(srv) == []


# -- bodies ----------------------------------------------------------------------------------------------


def test_falsy_values_survive_in_bodies(srv: ScriptedServer) -> None:
    srv.route("POST", f"{BASE}/instances", Reply(200, instance("BUILD")))
    srv.route("POST", f"{INST}/databases", Reply(202))
    srv.route("PUT", f"{INST}/users/u", Reply(202))
    srv.route("POST", f"{BASE}/backups", Reply(202, {"backup": {"id": "b1", "status": "NEW"}}))
    srv.route("PATCH", f"{BASE}/configurations/g", Reply(200))
    c = client(srv)
    c.create_instance("db", 1, 1, databases=[], users=[])
    c.create_database("i1", "d", character_set="", collate="")
    c.update_user("i1", "u", password="")
    c.create_backup("i1", "b", description="")
    c.update_configuration("g", {"max_connections": 0, "autocommit": False, "init_connect": ""})
    bodies = [s.json() for s in service_requests(srv)]
    assert bodies == [
        {"instance": {"name": "db", "flavorRef": "1", "volume": {"size": 1}, "databases": [], "users": []}},
        {"databases": [{"name": "d", "character_set": "", "collate": ""}]},
        {"user": {"password": ""}},
        {"backup": {"name": "b", "instance": "i1", "description": ""}},
        {"configuration": {"values": {"max_connections": 0, "autocommit": False, "init_connect": ""}}},
    ]


def test_a_configuration_group_is_detached_with_an_empty_string(srv: ScriptedServer) -> None:
    srv.route("PUT", INST, Reply(202))
    srv.route("PATCH", INST, Reply(202))
    srv.route("GET", INST, Reply(200, instance("ACTIVE")))
    c = client(srv)
    assert c.detach_configuration("i1").id == "i1"
    c.update_instance("i1", name="renamed", configuration=NULL)
    sent = [(s.method, s.json()) for s in service_requests(srv) if s.method != "GET"]
    assert sent == [
        ("PUT", {"instance": {"configuration": ""}}),
        ("PATCH", {"instance": {"name": "renamed"}}),
        ("PUT", {"instance": {"configuration": ""}}),
    ]


def test_an_incremental_backup_names_its_parent(srv: ScriptedServer) -> None:
    srv.route("POST", f"{BASE}/backups", Reply(202, {"backup": {"id": "b2", "parent_id": "b1", "status": "NEW"}}))
    client(srv).create_backup("i1", "inc", parent="b1")
    (seen,) = srv.requests("POST", f"{BASE}/backups")
    assert seen.json() == {"backup": {"name": "inc", "instance": "i1", "parent_id": "b1"}}


# -- statuses and waits -------------------------------------------------------------------------------


def test_a_wait_ends_on_active_without_an_operating_status(srv: ScriptedServer, fake_clock: Any) -> None:
    srv.route("GET", INST, sequence(Reply(200, instance("BUILD")), Reply(200, instance("ACTIVE"))))
    found = client(srv).wait_for("i1", interval=1)
    assert (found.provider_status, found.status, found.operating_status) == ("ACTIVE", Status.RUNNING, None)
    assert len(srv.requests("GET", INST)) == 2


@pytest.mark.parametrize(
    ("rackspace", "normalised"),
    [
        ("RESTART", Status.REBOOT),
        ("REPLICATION_ERROR", Status.ERROR),
        ("CONVERT_TO_HA", Status.UPDATING),
        ("DETACH_REPLICA", Status.UPDATING),
        ("DELETION_PENDING", Status.UPDATING),
        ("BLOCKED", Status.UNKNOWN),
        ("SHUTDOWN", Status.STOPPED),
    ],
)
def test_rackspaces_own_statuses_are_normalised(srv: ScriptedServer, rackspace: str, normalised: Status) -> None:
    srv.route("GET", INST, Reply(200, instance(rackspace)))
    found = client(srv).get_instance("i1")
    assert (found.provider_status, found.status) == (rackspace, normalised)


def test_a_replication_error_fails_the_wait(srv: ScriptedServer, fake_clock: Any) -> None:
    srv.route("GET", INST, sequence(Reply(200, instance("BUILD")), Reply(200, instance("REPLICATION_ERROR"))))
    with pytest.raises(ResourceFailed, match="REPLICATION_ERROR|ERROR"):
        client(srv).wait_for("i1", interval=1)


def test_after_a_restart_the_wait_first_sees_the_status_leave_active(srv: ScriptedServer, fake_clock: Any) -> None:
    srv.route("POST", f"{INST}/action", Reply(202))
    srv.route(
        "GET",
        INST,
        sequence(Reply(200, instance("ACTIVE")), Reply(200, instance("RESTART")), Reply(200, instance("ACTIVE"))),
    )
    c = client(srv)
    c.restart_instance("i1")
    assert c.wait_for("i1", interval=1).provider_status == "ACTIVE"
    assert len(srv.requests("GET", INST)) == 3


# -- paging ----------------------------------------------------------------------------------------------


def test_lists_page_with_our_own_marker_whatever_the_next_link_says(srv: ScriptedServer) -> None:
    users = f"{INST}/users"
    first = {
        "users": [{"name": "a", "databases": []}, {"name": "b", "databases": []}],
        "links": [{"rel": "next", "href": "https://elsewhere.example/v1.0/9/instances/i1/users?marker=zzz&limit=2"}],
    }
    last = {"users": [{"name": "c", "host": "10.0.0.1", "databases": []}]}
    srv.route("GET", users, sequence(Reply(200, first), Reply(200, last)))
    names = [u.name for u in client(srv).list_users("i1", page_size=2, marker="start")]
    assert names == ["a", "b", "c"]
    paths = [s.path for s in srv.requests("GET", users)]
    assert paths == [f"{users}?marker=start&limit=2", f"{users}?marker=b&limit=2"]


def test_the_instance_list_takes_rackspaces_filters(srv: ScriptedServer) -> None:
    srv.route("GET", f"{BASE}/instances", Reply(200, {"instances": []}))
    assert list(client(srv).list_instances(include_replicas=False, include_ha=True)) == []
    (seen,) = srv.requests("GET", f"{BASE}/instances")
    assert seen.path == f"{BASE}/instances?include_replicas=false&include_ha=true"


# -- 413s --------------------------------------------------------------------------------------------------


def test_a_413_with_retry_after_is_waited_out_and_one_without_is_a_limit(srv: ScriptedServer, fake_clock: Any) -> None:
    over = {"overLimit": {"code": 413, "message": "OverLimit Retry..."}}
    srv.route("GET", INST, sequence(Reply(413, over, {"Retry-After": "3"}), Reply(200, instance("ACTIVE"))))
    quota = {"overLimit": {"code": 413, "message": "Quota exceeded for instances"}}
    srv.route("POST", f"{BASE}/instances", Reply(413, quota))
    c = client(srv, retries=2)
    assert c.get_instance("i1").provider_status == "ACTIVE"
    assert 3.0 in fake_clock.slept
    with pytest.raises(RequestEntityTooLarge):
        c.create_instance("db", 1, 1)
    assert len(srv.requests("POST", f"{BASE}/instances")) == 1


# -- malformed answers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "reply", "call"),
    [
        (INST, Reply(200, {"instance": {"name": "no id"}}), lambda c: c.get_instance("i1")),
        (INST, Reply(200, "<html>not json</html>", {"Content-Type": "text/html"}), lambda c: c.get_instance("i1")),
        (f"{BASE}/instances", Reply(200, {"instances": "none"}), lambda c: list(c.list_instances())),
        (f"{INST}/root", Reply(200, {"rootEnabled": "maybe"}), lambda c: c.root_enabled("i1")),
    ],
)
def test_a_malformed_answer_is_a_typed_error(srv: ScriptedServer, path: str, reply: Reply, call: Any) -> None:
    srv.route("GET", path, reply)
    with pytest.raises(MalformedResponse):
        call(client(srv))


# -- the catalog ---------------------------------------------------------------------------------------


def test_use_internal_picks_a_servicenet_url_where_the_catalog_has_one() -> None:
    # Rackspace's captured catalogs give cloudDatabases public URLs only (tests/rackspace/test_catalog.py);
    # where an account's catalog has an internalURL, use_internal takes it, in the region asked
    with scripted_server() as server:
        doc = token_doc(server.url)
        doc["access"]["serviceCatalog"][0]["endpoints"] = [
            {
                "region": "DFW",
                "tenantId": "1",
                "publicURL": "https://dfw.example/v1.0/1",
                "internalURL": f"{server.url}/snet/v1.0/1",
            },
            {
                "region": "ORD",
                "tenantId": "1",
                "publicURL": "https://ord.example/v1.0/1",
                "internalURL": "https://snet-ord.example/v1.0/1",
            },
        ]
        server.route("POST", "/v2.0/tokens", Reply(200, doc))
        server.route("GET", "/snet/v1.0/1/instances/i1", Reply(200, instance("ACTIVE")))
        c = client(server, use_internal=True)
        assert c.endpoint == f"{server.url}/snet/v1.0/1"
        assert c.get_instance("i1").id == "i1"
        assert client(server, region="ORD").endpoint == "https://ord.example/v1.0/1"
