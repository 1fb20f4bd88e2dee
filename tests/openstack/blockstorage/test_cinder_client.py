"""CinderBlockStorage against a scripted Cinder: microversions, bodies, gates, waits, malformed answers.

The scripted server is a real HTTP server on loopback (tests/harness/server.py): the SDK sends real
requests, and each test reads what arrived.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import pkgcloud
from pkgcloud.errors import BadRequest, MalformedResponse, NotFound, ResourceFailed, ValidationError, WaitTimeout
from pkgcloud_openstack.microversion import MicroversionUnsupported
from tests.harness.fake_keystone import FakeKeystone
from tests.harness.server import Reply, ScriptedServer, scripted_server, sequence

PROJECT = "9bbbeef89f43461d9aacee116a138992"
VOL = "421447f0-bc3f-473f-903d-f870425a6856"
SNAP = "5aa119a8-d25b-45a7-8d1b-88e127885635"
BACKUP = "3052c307-119e-4f78-960e-972078aa15a8"
TRANSFER = "6601445a-7378-4517-98f0-03a4ba9eff94"
BASE = f"/v3/{PROJECT}"


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server


def cinder(
    server: ScriptedServer, maximum: str | None = "3.71", minimum: str = "3.0", *, redirect: bool = True
) -> None:
    """Cinder's versioned root: ``/v3`` redirects to ``/v3/`` (to its own, unreachable host, as a
    proxied Cinder does), which holds the version document (``maximum`` None: a v2-style one)."""
    doc = {"versions": [{"id": "v3.0", "status": "CURRENT", "version": maximum or "", "min_version": minimum}]}

    def root(seen: Any) -> Reply:
        if seen.path == "/v3" and redirect:
            return Reply(302, b"", {"Location": "http://cinder.internal.example:8776/v3/"})
        if seen.path.rstrip("/") == "/v3":
            return Reply(200, doc)
        return Reply(404, {"itemNotFound": {"code": 404, "message": "not found"}})

    server.route("GET", "/v3", root)


def client(server: ScriptedServer, **options: Any) -> Any:
    return pkgcloud.blockstorage.create_client(
        provider="openstack", token="t", endpoint_override=f"{server.url}{BASE}", retries=0, **options
    )


def versions(server: ScriptedServer, method: str | None = None) -> list[str | None]:
    found = []
    for seen in server.requests(method, BASE):
        value = seen.headers.get("OpenStack-API-Version")
        assert value is None or value.startswith("volume ")
        found.append(value.split()[1] if value else None)
    return found


def volume_doc(status: str = "available", size: int = 1, **more: Any) -> dict[str, Any]:
    return {"volume": {"id": VOL, "name": "data", "status": status, "size": size, **more}}


def bodies(server: ScriptedServer, method: str, prefix: str = BASE) -> list[Any]:
    return [s.json() for s in server.requests(method, prefix)]


def params(seen: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(seen.path).query, keep_blank_values=True)


# -- discovery and negotiation -------------------------------------------------------------------


def test_the_default_3_60_is_sent_and_the_roots_redirect_is_followed_on_our_host_once(srv):
    cinder(srv, "3.71")
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc()))
    c = client(srv)
    c.get_volume(VOL)
    c.get_volume(VOL)
    assert versions(srv) == ["3.60", "3.60"]
    roots = [s.path for s in srv.requests("GET") if not s.path.startswith(BASE)]
    assert roots == ["/v3", "/v3/"]  # the Location's host (cinder.internal.example) was never used
    assert c.microversion == "3.60"


def test_an_older_cinder_is_negotiated_down_to_its_maximum(srv):
    cinder(srv, "3.50")
    srv.route("GET", f"{BASE}/volumes/detail", Reply(200, {"volumes": []}))
    c = client(srv)
    assert list(c.list_volumes()) == []
    assert versions(srv) == ["3.50"] and c.microversion == "3.50"


def test_a_v2_cinder_gets_no_header_and_refuses_microversioned_features_before_sending(srv):
    cinder(srv, None)
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("in-use")))
    srv.route("POST", f"{BASE}/snapshots", Reply(202, {"snapshot": {"id": SNAP, "status": "creating"}}))
    c = client(srv)
    assert c.microversion is None
    with pytest.raises(MicroversionUnsupported, match="reverting a volume .* no microversions"):
        c.revert_volume_to_snapshot(VOL, SNAP)
    with pytest.raises(MicroversionUnsupported, match="extending an in-use volume"):
        c.extend_volume(VOL, 2)
    c.create_snapshot(VOL, name="s")
    assert srv.requests("POST", f"{BASE}/volumes") == []
    assert bodies(srv, "POST") == [{"snapshot": {"volume_id": VOL, "name": "s", "force": True}}]
    assert set(versions(srv)) == {None}


def test_a_pin_is_sent_and_one_the_server_does_not_accept_is_refused_before_any_call(srv):
    cinder(srv, "3.71")
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc()))
    client(srv, microversion="3.66").get_volume(VOL)
    assert versions(srv) == ["3.66"]
    with pytest.raises(MicroversionUnsupported, match="3.80 was pinned, but the volume API accepts 3.0 to 3.71"):
        client(srv, microversion="3.80").get_volume(VOL)
    assert len(srv.requests("GET", BASE)) == 1


def test_the_catalog_is_searched_newest_type_first_and_a_volumev2_only_cloud_is_found():
    with scripted_server() as server:
        keystone = FakeKeystone(server)
        base = server.url
        catalog = keystone.catalog_v3
        only_v2 = {
            "type": "volumev2",
            "name": "cinderv2",
            "id": "c2",
            "endpoints": [{"interface": "public", "region_id": "RegionOne", "url": f"{base}/v2/%(project_id)s"}],
        }
        keystone.catalog_v3 = lambda: [*catalog(), only_v2]  # type: ignore[method-assign]
        c = pkgcloud.blockstorage.create_client(
            provider="openstack",
            auth_url=f"{base}/v3",
            username="demo",
            password="secret-pw",
            tenant_name="demo",
            domain_name="Default",
            region="RegionOne",
        )
        assert c.endpoint_query().service_types == ("block-storage", "volumev3", "volumev2", "volume")
        assert c.endpoint == f"{base}/v2/p1"


def test_a_catalog_url_without_a_version_gets_v3_and_the_project():
    with scripted_server() as server:
        keystone = FakeKeystone(server)
        catalog = keystone.catalog_v3
        bare = {
            "type": "block-storage",
            "name": "cinder",
            "id": "c3",
            "endpoints": [{"interface": "public", "region_id": "RegionOne", "url": f"{server.url}/"}],
        }
        keystone.catalog_v3 = lambda: [*catalog(), bare]  # type: ignore[method-assign]
        c = pkgcloud.blockstorage.create_client(
            provider="openstack",
            auth_url=f"{server.url}/v3",
            username="demo",
            password="secret-pw",
            tenant_name="demo",
            domain_name="Default",
        )
        assert c.endpoint == f"{server.url}/v3/p1"


# -- bodies --------------------------------------------------------------------------------------


def test_create_sends_what_was_set_falsy_values_included_and_nothing_else(srv):
    cinder(srv)
    srv.route("POST", f"{BASE}/volumes", Reply(202, volume_doc("creating")))
    c = client(srv)
    c.create_volume(1, name="", description="", metadata={}, multiattach=False, scheduler_hints={})
    c.create_volume(2)
    sent = bodies(srv, "POST")
    assert sent[0] == {
        "volume": {"size": 1, "name": "", "description": "", "metadata": {}, "multiattach": False},
        "OS-SCH-HNT:scheduler_hints": {},
    }
    assert sent[1] == {"volume": {"size": 2}}


def test_create_from_a_source_takes_its_size_and_names_the_source_as_cinder_does(srv):
    cinder(srv)
    srv.route("POST", f"{BASE}/volumes", Reply(202, volume_doc("creating")))
    c = client(srv)
    c.create_volume(snapshot_id=SNAP)
    c.create_volume(source_volume_id=VOL, name="clone")
    c.create_volume(3, image_id="70a599e0-31e7-49b7-b260-868f441e862b")
    c.create_volume(backup_id=BACKUP)
    assert [b["volume"] for b in bodies(srv, "POST")] == [
        {"snapshot_id": SNAP},
        {"source_volid": VOL, "name": "clone"},
        {"size": 3, "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b"},
        {"backup_id": BACKUP},
    ]
    assert versions(srv, "POST") == ["3.60"] * 4


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((0,), {}, "size .* at least 1, not 0"),
        ((-5,), {}, "at least 1"),
        (("10",), {}, "whole number"),
        ((1.5,), {}, "whole number"),
        ((True,), {}, "whole number"),
        ((), {}, "size is required for a blank volume"),
        ((1,), {"snapshot_id": SNAP, "source_volume_id": VOL}, "one source at most"),
        ((1,), {"metadata": {"a": 1}}, r"metadata\['a'\] must be a string"),
        ((1,), {"name": 5}, "name must be a string"),
        ((1,), {"colour": "blue"}, "unknown option 'colour'"),
        ((1,), {"multiattach": "yes"}, "multiattach must be True or False"),
    ],
)
def test_bad_create_input_is_a_typed_error_before_any_request(srv, args, kwargs, message):
    cinder(srv)
    with pytest.raises(ValidationError, match=message):
        client(srv).create_volume(*args, **kwargs)
    assert srv.requests() == []


def test_a_volume_type_the_cloud_does_not_list_is_refused_naming_those_it_has(srv):
    cinder(srv)
    types = {"volume_types": [{"id": "47a8", "name": "__DEFAULT__"}, {"id": "9f1c", "name": "fast"}]}
    srv.route("GET", f"{BASE}/types", Reply(200, types))
    srv.route("POST", f"{BASE}/volumes", Reply(202, volume_doc("creating")))
    c = client(srv)
    with pytest.raises(ValidationError, match=r"unknown volume type 'ssd'; this cloud offers: '__DEFAULT__', 'fast'"):
        c.create_volume(1, volume_type="ssd")
    assert srv.requests("POST") == []
    c.create_volume(1, volume_type="fast")
    assert bodies(srv, "POST") == [{"volume": {"size": 1, "volume_type": "fast"}}]


def test_a_volume_from_a_backup_needs_3_47(srv):
    cinder(srv, "3.46")
    with pytest.raises(MicroversionUnsupported, match=r"backup_id\) \(microversion 3.47 or later\)"):
        client(srv).create_volume(backup_id=BACKUP)
    assert srv.requests("POST") == []


def test_updates_are_wrapped_keep_empty_strings_and_refuse_an_empty_change(srv):
    cinder(srv)
    srv.route("PUT", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc(description="")))
    srv.route("PUT", f"{BASE}/snapshots/{SNAP}", Reply(200, {"snapshot": {"id": SNAP, "name": "n"}}))
    c = client(srv)
    assert c.update_volume(VOL, description="").description == ""
    c.update_snapshot(SNAP, name="n")
    assert bodies(srv, "PUT") == [{"volume": {"description": ""}}, {"snapshot": {"name": "n"}}]
    with pytest.raises(ValidationError, match="needs at least one field"):
        c.update_volume(VOL)


# -- extend, delete, actions ---------------------------------------------------------------------


def test_extend_checks_the_size_against_the_volume_and_sends_os_extend(srv):
    cinder(srv)
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc(size=2)))
    srv.route("POST", f"{BASE}/volumes/{VOL}/action", Reply(202))
    c = client(srv)
    with pytest.raises(ValidationError, match="already 2 GiB; extend it to more than that, not 2"):
        c.extend_volume(VOL, 2)
    with pytest.raises(ValidationError, match="whole number"):
        c.extend_volume(VOL, "3")
    assert srv.requests("POST") == []
    c.extend_volume(VOL, 3)
    assert bodies(srv, "POST") == [{"os-extend": {"new_size": 3}}]


def test_extend_of_an_in_use_volume_needs_3_42_and_is_refused_before_sending_below_it(srv):
    cinder(srv, "3.41")
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("in-use", size=1)))
    srv.route("POST", f"{BASE}/volumes/{VOL}/action", Reply(202))
    with pytest.raises(MicroversionUnsupported, match=r"extending an in-use volume \(microversion 3.42 or later\)"):
        client(srv).extend_volume(VOL, 2)
    assert srv.requests("POST") == []


def test_extend_of_an_in_use_volume_at_the_default_is_sent(srv):
    cinder(srv, "3.71")
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("in-use", size=1)))
    srv.route("POST", f"{BASE}/volumes/{VOL}/action", Reply(202))
    client(srv).extend_volume(VOL, 2)
    assert versions(srv, "POST") == ["3.60"]


def test_delete_sends_cascade_as_given_and_a_volume_already_deleting_is_not_an_error(srv):
    cinder(srv)
    busy = {"badRequest": {"code": 400, "message": "Invalid volume: ... current status is: deleting."}}
    srv.route("DELETE", f"{BASE}/volumes/{VOL}", sequence(Reply(202), Reply(202), Reply(400, busy)))
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("deleting")))
    c = client(srv)
    c.delete_volume(VOL, cascade=True)
    c.delete_volume(VOL, cascade=False)
    c.delete_volume(VOL)
    deletes = srv.requests("DELETE")
    assert [params(s) for s in deletes] == [{"cascade": ["true"]}, {"cascade": ["false"]}, {}]
    with pytest.raises(ValidationError, match="cascade must be True or False"):
        c.delete_volume(VOL, cascade="yes")


def test_a_delete_cinder_refuses_for_another_reason_is_raised_with_its_message(srv):
    cinder(srv)
    refused = {"badRequest": {"code": 400, "message": "Invalid volume: Volume status must be available or error"}}
    srv.route("DELETE", f"{BASE}/volumes/{VOL}", Reply(400, refused))
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("error_deleting")))
    with pytest.raises(BadRequest, match="Volume status must be available or error"):
        client(srv).delete_volume(VOL)


def test_bootable_and_revert_send_cinders_actions(srv):
    cinder(srv)
    srv.route("POST", f"{BASE}/volumes/{VOL}/action", Reply(202))
    c = client(srv)
    c.set_volume_bootable(VOL, False)
    c.revert_volume_to_snapshot(VOL, SNAP)
    assert bodies(srv, "POST") == [{"os-set_bootable": {"bootable": False}}, {"revert": {"snapshot_id": SNAP}}]
    assert versions(srv, "POST") == ["3.60", "3.60"]
    with pytest.raises(ValidationError, match="bootable must be True or False"):
        c.set_volume_bootable(VOL, "True")


def test_revert_needs_3_40(srv):
    cinder(srv, "3.39")
    with pytest.raises(MicroversionUnsupported, match="3.40"):
        client(srv).revert_volume_to_snapshot(VOL, SNAP)
    assert srv.requests("POST") == []


# -- snapshots and force -------------------------------------------------------------------------


def test_a_snapshot_of_an_in_use_volume_is_forced_below_3_66(srv):
    cinder(srv)
    srv.route("GET", f"{BASE}/volumes/{VOL}", sequence(Reply(200, volume_doc("in-use")), Reply(200, volume_doc())))
    srv.route("POST", f"{BASE}/snapshots", Reply(202, {"snapshot": {"id": SNAP, "status": "creating"}}))
    c = client(srv)
    c.create_snapshot(VOL, name="a")
    c.create_snapshot(VOL, name="b")
    c.create_snapshot(VOL, name="c", force=False, metadata={})
    assert bodies(srv, "POST") == [
        {"snapshot": {"volume_id": VOL, "name": "a", "force": True}},
        {"snapshot": {"volume_id": VOL, "name": "b"}},
        {"snapshot": {"volume_id": VOL, "name": "c", "force": False, "metadata": {}}},
    ]
    assert len(srv.requests("GET", f"{BASE}/volumes/")) == 2  # not read when force was given


def test_from_3_66_force_is_never_sent_and_the_volume_is_not_read(srv):
    cinder(srv, "3.71")
    srv.route("POST", f"{BASE}/snapshots", Reply(202, {"snapshot": {"id": SNAP, "status": "creating"}}))
    c = client(srv, microversion="3.66")
    c.create_snapshot(VOL)
    c.create_snapshot(VOL, force=True)
    assert bodies(srv, "POST") == [{"snapshot": {"volume_id": VOL}}] * 2
    assert srv.requests("GET", f"{BASE}/volumes") == []


def test_a_snapshot_of_a_volume_that_does_not_exist_is_not_found_before_the_snapshot_is_asked(srv):
    cinder(srv)
    srv.route(
        "GET",
        f"{BASE}/volumes/",
        Reply(404, {"itemNotFound": {"code": 404, "message": "Volume x could not be found."}}),
    )
    with pytest.raises(NotFound, match="could not be found"):
        client(srv).create_snapshot("x")
    assert srv.requests("POST") == []


# -- backups and transfers -----------------------------------------------------------------------


def test_backup_bodies_keep_falsy_values_and_update_needs_3_9(srv):
    cinder(srv, "3.8")
    srv.route("POST", f"{BASE}/backups", Reply(202, {"backup": {"id": BACKUP, "name": "b"}}))
    c = client(srv)
    c.create_backup(VOL, name="b", incremental=False, force=False, container="")
    assert bodies(srv, "POST") == [
        {"backup": {"volume_id": VOL, "name": "b", "incremental": False, "force": False, "container": ""}}
    ]
    with pytest.raises(MicroversionUnsupported, match="3.9"):
        c.update_backup(BACKUP, name="x")
    with pytest.raises(ValidationError, match="unknown option 'parent'"):
        c.create_backup(VOL, parent=BACKUP)
    with pytest.raises(MicroversionUnsupported, match="backup metadata"):
        c.create_backup(VOL, metadata={"a": "b"})


def test_restore_into_a_new_volume_reads_cinders_answer(srv):
    cinder(srv)
    answer = {"restore": {"backup_id": BACKUP, "volume_id": VOL, "volume_name": "vol-01"}}
    srv.route("POST", f"{BASE}/backups/{BACKUP}/restore", Reply(202, answer))
    restored = client(srv).restore_backup(BACKUP, name="vol-01")
    assert (restored.volume_id, restored.volume_name) == (VOL, "vol-01")
    assert bodies(srv, "POST") == [{"restore": {"name": "vol-01"}}]


def test_transfers_use_volume_transfers_from_3_55_and_os_volume_transfer_before(srv):
    cinder(srv, "3.71")
    made = {"transfer": {"id": TRANSFER, "volume_id": VOL, "auth_key": "f3c1b2a9d8e7", "name": "t"}}
    srv.route("POST", f"{BASE}/volume-transfers", Reply(202, made))
    srv.route("POST", f"{BASE}/volume-transfers/{TRANSFER}/accept", Reply(202, made))
    c = client(srv)
    transfer = c.create_transfer(VOL, name="t", no_snapshots=False)
    assert transfer.auth_key == "f3c1b2a9d8e7" and "f3c1b2a9d8e7" not in repr(transfer)
    c.accept_transfer(transfer, transfer.auth_key)
    assert bodies(srv, "POST") == [
        {"transfer": {"volume_id": VOL, "name": "t", "no_snapshots": False}},
        {"accept": {"auth_key": "f3c1b2a9d8e7"}},
    ]
    with pytest.raises(ValidationError, match="auth_key must be"):
        c.accept_transfer(transfer, "")

    with scripted_server() as old:
        cinder(old, "3.50")
        old.route("POST", f"{BASE}/os-volume-transfer", Reply(202, made))
        c = client(old)
        c.create_transfer(VOL)
        with pytest.raises(MicroversionUnsupported, match="3.55"):
            c.create_transfer(VOL, no_snapshots=True)
        assert [s.path for s in old.requests("POST")] == [f"{BASE}/os-volume-transfer"]


def test_quotas_read_the_projects_set_with_usage(srv):
    cinder(srv)
    quota = {"quota_set": {"id": PROJECT, "volumes": {"limit": 10, "in_use": 1, "reserved": 0}, "gigabytes": {}}}
    srv.route("GET", f"{BASE}/os-quota-sets/{PROJECT}", Reply(200, quota))
    found = client(srv).get_quotas(usage=True, project=PROJECT)
    assert (found.limits, found.in_use, found.reserved) == ({"volumes": 10}, {"volumes": 1}, {"volumes": 0})
    assert params(srv.requests("GET", f"{BASE}/os-quota-sets")[0]) == {"usage": ["true"]}


def test_list_filters_are_written_as_cinder_reads_them(srv):
    cinder(srv)
    srv.route("GET", f"{BASE}/volumes/detail", Reply(200, {"volumes": []}))
    c = client(srv)
    list(c.list_volumes(metadata={"b": "2", "a": "1"}, bootable=False, status="available", sort="name:asc", limit=5))
    list(c.list_volumes(created_at="gt:2026-01-01T00:00:00"))
    first, second = srv.requests("GET", f"{BASE}/volumes")
    assert params(first) == {
        "metadata": [json.dumps({"a": "1", "b": "2"})],
        "bootable": ["false"],
        "status": ["available"],
        "sort": ["name:asc"],
        "limit": ["5"],
    }
    assert params(second) == {"created_at": ["gt:2026-01-01T00:00:00"]}
    with scripted_server() as old:
        cinder(old, "3.59")
        with pytest.raises(MicroversionUnsupported, match="3.60"):
            list(client(old).list_volumes(updated_at="lt:2026-01-01T00:00:00"))


# -- waits ---------------------------------------------------------------------------------------


def test_wait_for_polls_until_available(srv, fake_clock):
    cinder(srv)
    srv.route("GET", f"{BASE}/volumes/{VOL}", sequence(Reply(200, volume_doc("creating")), Reply(200, volume_doc())))
    found = client(srv).wait_for(VOL, interval=1)
    assert found.status == "available" and len(srv.requests("GET", f"{BASE}/volumes/")) == 2


@pytest.mark.parametrize(
    "status", ["error", "error_deleting", "error_extending", "error_restoring", "error_backing-up", "error_managing"]
)
def test_every_error_status_fails_the_wait_at_once_with_cinders_user_message(srv, fake_clock, status):
    cinder(srv)
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc(status)))
    message = {
        "id": "c506cd4b-9048-43bc-97ef-0d7dec369b42",
        "resource_uuid": VOL,
        "resource_type": "VOLUME",
        "user_message": "No storage could be allocated for this volume request.",
        "created_at": "2026-10-28T00:00:00",
    }
    older = {**message, "id": "m0", "user_message": "an older message", "created_at": "2026-10-27T00:00:00"}
    srv.route("GET", f"{BASE}/messages", Reply(200, {"messages": [older, message]}))
    with pytest.raises(ResourceFailed) as failed:
        client(srv).wait_for(VOL, interval=1)
    assert failed.value.fault == f"status {status.upper()}: No storage could be allocated for this volume request."
    assert len(srv.requests("GET", f"{BASE}/volumes/")) == 1
    (asked,) = srv.requests("GET", f"{BASE}/messages")
    assert params(asked) == {"resource_uuid": [VOL]} and asked.headers["OpenStack-API-Version"] == "volume 3.60"


def test_a_message_recorded_just_after_the_status_is_still_found(srv, fake_clock):
    cinder(srv)
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("error")))
    late = {"id": "m1", "resource_uuid": VOL, "user_message": "Could not find any available weighted backend."}
    srv.route("GET", f"{BASE}/messages", sequence(Reply(200, {"messages": []}), Reply(200, {"messages": [late]})))
    with pytest.raises(ResourceFailed, match="weighted backend"):
        client(srv).wait_for(VOL, interval=1)


def test_a_failure_without_a_readable_message_still_fails(srv, fake_clock):
    cinder(srv)
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("error")))
    srv.route("GET", f"{BASE}/messages", Reply(200, b"<html>proxy</html>", {"Content-Type": "text/html"}))
    with pytest.raises(ResourceFailed) as failed:
        client(srv).wait_for(VOL, interval=1)
    assert failed.value.fault == "status ERROR"


def test_below_3_3_there_are_no_messages_to_ask(srv, fake_clock):
    cinder(srv, "3.2")
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("error")))
    with pytest.raises(ResourceFailed):
        client(srv).wait_for(VOL, interval=1)
    assert srv.requests("GET", f"{BASE}/messages") == []


def test_a_backups_own_fail_reason_is_its_failure_reason(srv, fake_clock):
    cinder(srv)
    failed_backup = {
        "backup": {"id": BACKUP, "status": "error", "fail_reason": "Service not found for creating backup."}
    }
    srv.route("GET", f"{BASE}/backups/{BACKUP}", Reply(200, failed_backup))
    c = client(srv)
    with pytest.raises(ResourceFailed, match="Service not found for creating backup"):
        c.wait_for(c.get_backup(BACKUP), interval=1)
    assert srv.requests("GET", f"{BASE}/messages") == []


def test_wait_for_deleted_ends_when_cinder_says_not_found_and_a_timeout_names_the_last_status(srv, fake_clock):
    cinder(srv)
    gone = Reply(404, {"itemNotFound": {"code": 404, "message": "Volume could not be found."}})
    srv.route("GET", f"{BASE}/volumes/{VOL}", sequence(Reply(200, volume_doc("deleting")), gone))
    c = client(srv)
    assert c.wait_for(VOL, "DELETED", interval=1) == "DELETED"
    with scripted_server() as stuck:
        cinder(stuck)
        stuck.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("reserved")))
        with pytest.raises(WaitTimeout, match="last status: RESERVED"):
            client(stuck).wait_for(VOL, "in-use", timeout=3, interval=1)


def test_a_status_cinder_never_reports_is_refused_before_the_first_poll(srv):
    cinder(srv)
    with pytest.raises(ValidationError, match="never reports status 'RUNNING'"):
        client(srv).wait_for(VOL, "RUNNING")
    assert srv.requests() == []


# -- malformed answers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply(200, {"volumes": {}}), "expected a list of volumes"),
        (Reply(200, {"servers": []}), "expected an object {'volumes': [...]}"),
        (Reply(200, {"volumes": [{"name": "no id"}]}), "a volume the SDK cannot read"),
        (Reply(200, b"<html>gateway</html>", {"Content-Type": "text/html"}), "expected JSON"),
    ],
)
def test_a_malformed_list_is_a_typed_error(srv, reply, reason):
    cinder(srv)
    srv.route("GET", f"{BASE}/volumes/detail", reply)
    with pytest.raises(MalformedResponse, match=re.escape(reason)) as bad:
        list(client(srv).list_volumes())
    assert bad.value.service == "blockstorage"


def test_fields_of_the_wrong_type_are_left_unset(srv):
    cinder(srv)
    odd = {
        "id": VOL,
        "size": "ten",
        "metadata": None,
        "attachments": {},
        "bootable": "maybe",
        "name": {"x": 1},
        "created_at": "yesterday",
    }
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, {"volume": odd}))
    srv.route(
        "GET", f"{BASE}/limits", Reply(200, {"limits": {"absolute": {"maxTotalVolumes": "x", "a": 1}, "rate": {}}})
    )
    srv.route(
        "GET",
        f"{BASE}/os-availability-zone",
        Reply(200, {"availabilityZoneInfo": [{"zoneName": "nova", "zoneState": None}]}),
    )
    c = client(srv)
    volume = c.get_volume(VOL)
    assert (volume.size, volume.metadata, volume.attachments, volume.bootable, volume.name, volume.created) == (
        None,
        {},
        [],
        None,
        None,
        None,
    )
    assert c.get_limits().absolute == {"a": 1}
    assert [(z.name, z.available) for z in c.list_availability_zones()] == [("nova", True)]


def test_v1_names_are_read(srv):
    cinder(srv)
    v1 = {"id": VOL, "display_name": "old", "display_description": "from v1", "status": "available"}
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, {"volume": v1}))
    volume = client(srv).get_volume(VOL)
    assert (volume.name, volume.description) == ("old", "from v1")


def test_a_cloud_refusing_the_resource_uuid_filter_still_gives_the_message(srv, fake_clock):
    """Cinder without its resource_filters.json refuses every list filter from non-administrators."""
    cinder(srv)
    srv.route("GET", f"{BASE}/volumes/{VOL}", Reply(200, volume_doc("error")))
    refused = {"badRequest": {"code": 400, "message": "Invalid filters resource_uuid are found in query options."}}
    ours = {
        "id": "m1",
        "resource_uuid": VOL,
        "user_message": "schedule allocate volume:Could not find any available weighted backend.",
    }
    other = {"id": "m2", "resource_uuid": SNAP, "user_message": "not this one"}

    def messages(seen: Any) -> Reply:
        return Reply(400, refused) if "resource_uuid" in seen.path else Reply(200, {"messages": [other, ours]})

    srv.route("GET", f"{BASE}/messages", messages)
    with pytest.raises(ResourceFailed) as failed:
        client(srv).wait_for(VOL, interval=1)
    assert failed.value.fault == "status ERROR: schedule allocate volume:Could not find any available weighted backend."


def test_find_volume_looks_through_every_volume_where_the_name_filter_is_refused(srv):
    cinder(srv)
    refused = Reply(400, {"badRequest": {"code": 400, "message": "Invalid filters name are found in query options."}})
    listed = Reply(200, {"volumes": [{"id": "v1", "name": "other"}, {"id": VOL, "name": "data"}]})
    srv.route("GET", f"{BASE}/volumes/detail", lambda seen: refused if "name=" in seen.path else listed)
    c = client(srv)
    assert c.find_volume("data").id == VOL
    with pytest.raises(NotFound, match="no volume named 'nope'; there are: 'data', 'other'"):
        c.find_volume("nope")
