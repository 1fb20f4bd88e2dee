"""TroveDatabase against a scripted Trove: checks before any request, bodies, paging with our own
markers, waits (settling after an action, backups, operating status), root's password kept out of
sight, and answers the SDK cannot read.

The scripted server is a real HTTP server on loopback (tests/harness/server.py): the SDK sends real
requests, and each test reads what arrived.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import pkgcloud
from pkgcloud.bodies import NULL
from pkgcloud.errors import MalformedResponse, ResourceFailed, ValidationError
from pkgcloud.models.database import Database, DatabaseBackup, DatabaseInstance, DatabaseUser
from tests.harness.server import Reply, ScriptedServer, scripted_server, sequence

PROJECT = "9bbbeef89f43461d9aacee116a138992"
BASE = f"/v1.0/{PROJECT}"
INST = "d1f42a29-e339-44b8-85b4-3abe11e6f76e"
BACKUP = "a9832168-7541-4536-b8d9-a8a9b79cf1b4"
CONFIG = "1c8a4fdd-690c-4e6e-b2e1-148b8d738770"


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        server.route("POST", BASE, Reply(202, b""))
        server.route("PUT", BASE, Reply(202, b""))
        server.route("PATCH", BASE, Reply(202, b""))
        server.route("DELETE", BASE, Reply(202, b""))
        yield server


def client(server: ScriptedServer) -> Any:
    return pkgcloud.database.create_client(
        provider="openstack", token="t", endpoint_override=f"{server.url}{BASE}", retries=0
    )


def instance(status: str = "ACTIVE", operating: str = "HEALTHY", **more: Any) -> dict[str, Any]:
    return {"instance": {"id": INST, "name": "db", "status": status, "operating_status": operating, **more}}


def sent(server: ScriptedServer, method: str) -> Any:
    found = [s for s in server.requests() if s.method == method]
    assert found, f"no {method} was sent"
    return found[-1].json() if found[-1].body else None


# -- before any request --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.create_instance("db", "1", 0), "at least 1"),
        (lambda c: c.create_instance("db", "1", -2), "at least 1"),
        (lambda c: c.create_instance("db", "1", "2"), "whole number"),
        (lambda c: c.create_instance("db", "1", 2.5), "whole number"),
        (lambda c: c.create_instance("db", "1", True), "whole number"),
        (lambda c: c.create_instance("db", "1", None), "size is required"),
        (lambda c: c.create_instance("", "1", 1), "name must be a non-empty string"),
        (lambda c: c.create_instance("db", None, 1), "flavor is required"),
        (lambda c: c.create_instance("db", "1", 1, users=[{"name": "bob"}]), "user 'bob' has no password"),
        (lambda c: c.create_instance("db", "1", 1, users=[{"password": "pw"}]), "a user's name"),
        (lambda c: c.create_instance("db", "1", 1, users=[DatabaseUser(name="bob")]), "has no password"),
        (lambda c: c.create_instance("db", "1", 1, users=["bob"]), "a user is a DatabaseUser"),
        (lambda c: c.create_instance("db", "1", 1, users={"name": "bob"}), "users must be a list"),
        (lambda c: c.create_instance("db", "1", 1, databases="sales"), "databases must be a list"),
        (lambda c: c.create_instance("db", "1", 1, databases=[{"nam": "x"}]), "unknown key 'nam'"),
        (lambda c: c.create_instance("db", "1", 1, databases=[42]), "a database is its name"),
        (lambda c: c.create_instance("db", "1", 1, nics=[{"network_id": 7}]), "strings"),
        (lambda c: c.create_instance("db", "1", 1, nics=["net"]), "each entry of nics"),
        (lambda c: c.resize_volume(INST, 0), "at least 1"),
        (lambda c: c.resize_volume(INST, "3"), "whole number"),
        (lambda c: c.create_users(INST, [{"name": "bob", "pasword": "x"}]), "unknown key 'pasword'"),
        (lambda c: c.create_users(INST, []), "at least one user"),
        (lambda c: c.create_databases(INST, []), "at least one database"),
        (lambda c: c.create_user(INST, "bob", "pw", databases="sales"), "must be a list"),
        (lambda c: c.update_user(INST, "bob"), "at least one of name, password or new_host"),
        (lambda c: c.update_user(INST, "bob", password=7), "password must be a string"),
        (lambda c: c.get_user(INST, 7), "a user is a DatabaseUser or its name"),
        (lambda c: c.get_user(INST, "bob", host=""), "host must be a non-empty string"),
        (lambda c: c.grant_user_access(INST, "bob", []), "at least one database"),
        (lambda c: c.grant_user_access(INST, "bob", [{"name": ""}]), "a database name"),
        (lambda c: c.update_instance(INST), "needs name or configuration"),
        (lambda c: c.attach_configuration(INST, None), "needs a configuration group"),
        (lambda c: c.create_backup(INST, "b", incremental="yes"), "incremental must be True or False"),
        (lambda c: c.create_backup(INST, ""), "name must be a non-empty string"),
        (lambda c: c.create_configuration("c", [("a", 1)]), "values must be a mapping"),
        (lambda c: c.update_configuration(CONFIG, {1: 2}), "parameter names"),
        (lambda c: list(c.list_instances(limit=-1)), "limit must be"),
        (lambda c: list(c.list_instances(colour="red")), "unknown option 'colour'"),
        (lambda c: c.enable_root(INST, password=b"x"), "password must be a string"),
        (lambda c: c.wait_for(INST, "SPINNING"), "never reports status 'SPINNING'"),
    ],
)
def test_bad_input_is_refused_before_any_request(srv: ScriptedServer, call: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        call(client(srv))
    assert srv.requests() == []


# -- bodies --------------------------------------------------------------------------------------


def test_create_sends_databases_and_users_as_the_objects_trove_wants(srv: ScriptedServer) -> None:
    srv.route("POST", f"{BASE}/instances", Reply(200, instance("BUILD", "")))
    c = client(srv)
    made = c.create_instance(
        "db",
        "1",
        2,
        databases=["sales", Database(name="stock", character_set="utf8mb4"), {"name": "logs", "collate": "x"}],
        users=[
            DatabaseUser(name="alice", password="pw-a", databases=["sales"]),
            {"name": "bob", "password": "pw-b", "host": "10.0.0.%", "databases": [Database(name="stock"), "logs"]},
        ],
        datastore="mysql",
        datastore_version="8.0",
        volume_type="fast",
        nics=[{"network_id": "net-1"}],
        availability_zone="az1",
        backup=DatabaseBackup(id=BACKUP),
        configuration=CONFIG,
    )
    assert made.provider_status == "BUILD" and made.status == "PROVISIONING"
    assert sent(srv, "POST") == {
        "instance": {
            "name": "db",
            "flavorRef": "1",
            "volume": {"size": 2, "type": "fast"},
            "datastore": {"type": "mysql", "version": "8.0"},
            "databases": [
                {"name": "sales"},
                {"name": "stock", "character_set": "utf8mb4"},
                {"name": "logs", "collate": "x"},
            ],
            "users": [
                {"name": "alice", "password": "pw-a", "databases": [{"name": "sales"}]},
                {
                    "name": "bob",
                    "password": "pw-b",
                    "host": "10.0.0.%",
                    "databases": [{"name": "stock"}, {"name": "logs"}],
                },
            ],
            "nics": [{"network_id": "net-1"}],
            "availability_zone": "az1",
            "restorePoint": {"backupRef": BACKUP},
            "configuration": CONFIG,
        }
    }


def test_actions_and_updates_send_troves_bodies(srv: ScriptedServer) -> None:
    srv.route("GET", f"{BASE}/instances/{INST}", Reply(200, instance()))
    c = client(srv)
    c.resize_volume(INST, 4)
    assert sent(srv, "POST") == {"resize": {"volume": {"size": 4}}}
    c.resize_instance(INST, 7)
    assert sent(srv, "POST") == {"resize": {"flavorRef": "7"}}
    c.restart_instance(DatabaseInstance(id=INST))
    assert sent(srv, "POST") == {"restart": {}}
    c.update_instance(INST, name="renamed")
    assert sent(srv, "PATCH") == {"instance": {"name": "renamed"}}
    c.attach_configuration(INST, CONFIG)
    assert sent(srv, "PUT") == {"instance": {"configuration": CONFIG}}
    c.detach_configuration(INST)
    assert sent(srv, "PUT") == {"instance": {"configuration": None}}
    c.update_user(INST, DatabaseUser(name="bob", host="10.0.0.%"), new_host="%", password="pw")
    last = srv.requests("PUT")[-1]
    assert last.path == f"{BASE}/instances/{INST}/users/bob%4010.0.0.%25"
    assert last.json() == {"user": {"password": "pw", "host": "%"}}
    c.grant_user_access(INST, "bob", ["a", Database(name="b")], host="%")
    assert srv.requests("PUT")[-1].path.endswith("/users/bob%40%25/databases")
    assert sent(srv, "PUT") == {"databases": [{"name": "a"}, {"name": "b"}]}
    c.revoke_user_access(INST, "bob", "a")
    assert srv.requests("DELETE")[-1].path == f"{BASE}/instances/{INST}/users/bob/databases/a"
    c.update_configuration(CONFIG, {"connect_timeout": 0})
    assert sent(srv, "PATCH") == {"configuration": {"values": {"connect_timeout": 0}}}
    c.replace_configuration(CONFIG, {}, description="")
    assert sent(srv, "PUT") == {"configuration": {"values": {}, "description": ""}}


def test_a_backup_is_sent_with_incremental_as_trove_reads_it(srv: ScriptedServer) -> None:
    srv.route("POST", f"{BASE}/backups", Reply(202, {"backup": {"id": BACKUP, "status": "NEW"}}))
    c = client(srv)
    c.create_backup(INST, "b", incremental=False)
    assert sent(srv, "POST") == {"backup": {"name": "b", "instance": INST, "incremental": 0}}
    c.create_backup(DatabaseInstance(id=INST), "b2", parent=BACKUP, description="d")
    assert sent(srv, "POST") == {"backup": {"name": "b2", "instance": INST, "description": "d", "parent_id": BACKUP}}


# -- paging ---------------------------------------------------------------------------------------


def test_pages_are_asked_with_our_own_marker_never_with_troves_links(srv: ScriptedServer) -> None:
    """Trove's next links are https:// on another host, and a user's marker is encoded twice in them:
    the link only says that more follows; the next request is ours, with name@host encoded once."""
    first = {
        "users": [{"name": "alice", "host": "%"}, {"name": "carol", "host": "10.0.0.%"}],
        "links": [
            {"rel": "next", "href": "https://trove.internal:8779/v1.0/p/users?limit=2&marker=carol%254010.0.0.%2525"}
        ],
    }
    second = {"users": [{"name": "dave", "host": "%"}], "links": []}
    srv.route("GET", f"{BASE}/instances/{INST}/users", sequence(Reply(200, first), Reply(200, second)))
    users = list(client(srv).list_users(INST, page_size=2))
    assert [(u.name, u.host, u.instance_id) for u in users] == [
        ("alice", "%", INST),
        ("carol", "10.0.0.%", INST),
        ("dave", "%", INST),
    ]
    asked = [parse_qs(urlsplit(s.path).query) for s in srv.requests("GET")]
    assert asked == [{"limit": ["2"]}, {"limit": ["2"], "marker": ["carol@10.0.0.%"]}]
    assert "marker=carol%4010.0.0.%25" in srv.requests("GET")[1].path


def test_instances_page_by_id_and_stop_without_a_next_link(srv: ScriptedServer) -> None:
    page = {"instances": [{"id": "i1"}, {"id": "i2"}], "links": [{"rel": "next", "href": "https://x/?marker=bogus"}]}
    srv.route("GET", f"{BASE}/instances", sequence(Reply(200, page), Reply(200, {"instances": [{"id": "i3"}]})))
    assert [i.id for i in client(srv).list_instances()] == ["i1", "i2", "i3"]
    assert [parse_qs(urlsplit(s.path).query) for s in srv.requests("GET")] == [{}, {"marker": ["i2"]}]


@pytest.mark.parametrize(
    ("listing", "path", "key", "marker"),
    [
        (lambda c, m: c.list_instances(marker=m), "instances", "instances", "i0"),
        (lambda c, m: c.list_databases(INST, marker=m), f"instances/{INST}/databases", "databases", "shop"),
        (lambda c, m: c.list_users(INST, marker=m), f"instances/{INST}/users", "users", "clerk@%"),
    ],
)
def test_a_list_starts_after_the_marker_given(srv: ScriptedServer, listing: Any, path: str, key: str, marker: str):
    srv.route("GET", f"{BASE}/{path}", Reply(200, {key: [{"id": "i1", "name": "n1"}]}))
    assert len(list(listing(client(srv), marker))) == 1
    assert parse_qs(urlsplit(srv.requests("GET")[0].path).query) == {"marker": [marker]}
    with pytest.raises(ValidationError, match="marker must be a non-empty string"):
        list(listing(client(srv), ""))


# -- waits ----------------------------------------------------------------------------------------


def test_after_a_restart_the_wait_first_sees_the_status_leave_active(srv: ScriptedServer, fake_clock: Any) -> None:
    """Trove may answer the first poll after a restart with the ACTIVE from before: not the end."""
    answers = [instance(), instance("REBOOT", "SHUTDOWN"), instance()]
    srv.route("GET", f"{BASE}/instances/{INST}", sequence(*(Reply(200, a) for a in answers)))
    c = client(srv)
    c.restart_instance(INST)
    seen: list[str] = []
    done = c.wait_for(INST, interval=1, callback=lambda i: seen.append(i.provider_status))
    assert seen == ["ACTIVE", "REBOOT", "ACTIVE"] and done.status == "RUNNING"


def test_a_restart_that_never_shows_lasts_only_the_settling_time(srv: ScriptedServer, fake_clock: Any) -> None:
    srv.route("GET", f"{BASE}/instances/{INST}", Reply(200, instance()))
    c = client(srv)
    c.restart_instance(INST)
    c.wait_for(INST, interval=5, timeout=600)
    assert 30 <= sum(fake_clock.slept) <= 35
    c.wait_for(INST, interval=5)  # nothing pending: the ACTIVE instance is ready at once
    assert sum(fake_clock.slept) <= 35


def test_without_an_action_an_active_instance_is_ready_and_healthy_waits_for_the_operating_status(
    srv: ScriptedServer, fake_clock: Any
) -> None:
    answers = [instance("BUILD", ""), instance("ACTIVE", ""), instance("ACTIVE", "HEALTHY")]
    srv.route("GET", f"{BASE}/instances/{INST}", sequence(*(Reply(200, a) for a in answers)))
    c = client(srv)
    assert c.wait_for(INST, "HEALTHY", interval=1).operating_status == "HEALTHY"
    assert fake_clock.slept == [1, 1]


def test_an_instance_in_error_fails_the_wait_with_troves_fault(srv: ScriptedServer, fake_clock: Any) -> None:
    fault = {"message": "Failed to create volume for instance", "details": "trace", "created": "2026-12-01T00:00:00"}
    srv.route("GET", f"{BASE}/instances/{INST}", Reply(200, instance("ERROR", "", fault=fault)))
    with pytest.raises(ResourceFailed, match="status ERROR: Failed to create volume for instance") as failed:
        client(srv).wait_for(INST, interval=1)
    assert failed.value.resource.fault_details == "trace"


def test_a_backup_is_awaited_until_completed_and_fails_on_failed(srv: ScriptedServer, fake_clock: Any) -> None:
    states = [{"backup": {"id": BACKUP, "status": s}} for s in ("NEW", "BUILDING", "COMPLETED")]
    srv.route("GET", f"{BASE}/backups/{BACKUP}", sequence(*(Reply(200, s) for s in states)))
    c = client(srv)
    assert c.wait_for(DatabaseBackup(id=BACKUP), interval=1).status == "COMPLETED"
    srv.route("GET", f"{BASE}/backups/{BACKUP}", Reply(200, {"backup": {"id": BACKUP, "status": "FAILED"}}))
    with pytest.raises(ResourceFailed, match="status FAILED"):
        c.wait_for(DatabaseBackup(id=BACKUP), interval=1)


# -- root's password -----------------------------------------------------------------------------


def test_roots_password_is_returned_once_and_never_shown(srv: ScriptedServer, caplog: Any) -> None:
    secret = "q5BXXMUMbc8XBf5kkVToKZW4Kx3Egv5VjY0P"
    srv.route("POST", f"{BASE}/instances/{INST}/root", Reply(200, {"user": {"name": "root", "password": secret}}))
    srv.route("GET", f"{BASE}/instances/{INST}/root", Reply(200, {"rootEnabled": True}))
    caplog.set_level(logging.DEBUG)
    c = client(srv)
    root = c.enable_root(INST)
    assert root.password == secret and root.instance_id == INST
    assert secret not in repr(root) and secret not in caplog.text
    assert c.root_enabled(INST) is True
    assert sent(srv, "POST") is None  # no password asked for: no body
    c.enable_root(INST, password="mine-123")
    assert sent(srv, "POST") == {"password": "mine-123"}
    assert "mine-123" not in caplog.text


# -- answers that cannot be read -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "route", "answer"),
    [
        (lambda c: c.get_instance(INST), f"/instances/{INST}", {"instance": {"name": "no id"}}),
        (lambda c: c.get_instance(INST), f"/instances/{INST}", {"instances": []}),
        (lambda c: c.get_instance(INST), f"/instances/{INST}", "not json"),
        (lambda c: list(c.list_instances()), "/instances", {"instances": {"id": "x"}}),
        (lambda c: list(c.list_users(INST)), f"/instances/{INST}/users", {"users": [{"host": "%"}]}),
        (lambda c: list(c.list_databases(INST)), f"/instances/{INST}/databases", {"databases": ["sales"]}),
        (lambda c: c.root_enabled(INST), f"/instances/{INST}/root", {"rootEnabled": "yes"}),
        (lambda c: list(c.list_flavors()), "/flavors", {"flavors": [{"id": None, "name": "custom"}]}),
        (lambda c: c.get_configuration_parameter("v1", "x"), "/datastores/versions/v1/parameters/x", {"max": 1}),
        (lambda c: c.get_backup(BACKUP), f"/backups/{BACKUP}", []),
    ],
)
def test_an_answer_the_sdk_cannot_read_is_a_malformed_response(
    srv: ScriptedServer, call: Any, route: str, answer: Any
) -> None:
    srv.route("GET", f"{BASE}{route}", Reply(200, answer))
    with pytest.raises(MalformedResponse) as malformed:
        call(client(srv))
    assert malformed.value.service == "database"


def test_fields_of_the_wrong_type_are_left_unset(srv: ScriptedServer) -> None:
    odd = instance(
        "ACTIVE",
        None,
        volume="big",
        ip={"a": 1},
        addresses=["10.0.0.1"],
        datastore=["mysql"],
        flavor={"id": 6},
        fault="crashed",
        created="yesterday",
    )
    srv.route("GET", f"{BASE}/instances/{INST}", Reply(200, odd))
    found = client(srv).get_instance(INST)
    assert (found.volume_size, found.ip, found.addresses, found.datastore, found.fault) == (None, [], [], None, None)
    assert (found.flavor_id, found.created, found.operating_status, found.status) == ("6", None, None, "RUNNING")


def test_a_flavor_is_named_by_its_string_id(srv: ScriptedServer) -> None:
    flavors = {"flavors": [{"id": 1, "str_id": "1", "name": "m1.tiny"}, {"id": None, "str_id": "custom"}]}
    srv.route("GET", f"{BASE}/flavors", Reply(200, flavors))
    assert [f.id for f in client(srv).list_flavors()] == ["1", "custom"]


def test_null_detaches_and_only_null(srv: ScriptedServer) -> None:
    srv.route("GET", f"{BASE}/instances/{INST}", Reply(200, instance()))
    c = client(srv)
    c.update_instance(INST, configuration=NULL)
    assert sent(srv, "PUT") == {"instance": {"configuration": None}}
