"""NovaCompute against a scripted Nova: microversion negotiation, errors, waiting.

The scripted server is a real HTTP server on loopback (tests/harness/server.py): the SDK sends real
requests, and each test reads what arrived.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import pkgcloud
from pkgcloud.errors import BadRequest, Conflict, InvalidOption, ResourceFailed, ValidationError, WaitTimeout
from pkgcloud_openstack.microversion import MicroversionUnsupported, versioned_root
from tests.harness.server import Reply, ScriptedServer, scripted_server, sequence

SERVER_ID = "5046e2f2-3b33-4041-b3cf-e085f73e78e7"


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server


def nova(server: ScriptedServer, maximum: str | None = "2.96", minimum: str = "2.1") -> None:
    """The versioned root of a Nova accepting ``minimum``..``maximum`` (None: no version document)."""
    doc = {"version": {"id": "v2.1", "status": "CURRENT", "version": maximum, "min_version": minimum}}

    def root(seen: Any) -> Reply:
        if seen.path.rstrip("/") != "/v2.1" or maximum is None:
            return Reply(404, {"itemNotFound": {"code": 404, "message": "The resource could not be found."}})
        return Reply(200, doc)

    server.route("GET", "/v2.1", root)


def client(server: ScriptedServer, **options: Any) -> Any:
    return pkgcloud.compute.create_client(
        provider="openstack", token="t", endpoint_override=f"{server.url}/v2.1", retries=0, **options
    )


def versions(server: ScriptedServer, method: str | None = None, prefix: str = "/v2.1/") -> list[str | None]:
    found = []
    for seen in server.requests(method, prefix):
        value = seen.headers.get("OpenStack-API-Version")
        assert value is None or seen.headers.get("X-OpenStack-Nova-API-Version") == value.split()[1]
        found.append(value.split()[1] if value else None)
    return found


def server_doc(status: str = "ACTIVE", **more: Any) -> dict[str, Any]:
    return {"server": {"id": SERVER_ID, "name": "web", "status": status, **more}}


# -- negotiation ---------------------------------------------------------------------------------


def test_the_default_is_sent_when_the_server_is_newer_and_discovery_happens_once(srv):
    nova(srv, "2.96")
    srv.route("GET", f"/v2.1/servers/{SERVER_ID}", Reply(200, server_doc()))
    c = client(srv)
    c.get_server(SERVER_ID)
    c.get_server(SERVER_ID)
    assert versions(srv) == ["2.79", "2.79"]
    assert len([s for s in srv.requests("GET") if s.path == "/v2.1"]) == 1
    assert c.microversion == "2.79"


def test_an_older_server_is_negotiated_down_to_its_maximum(srv):
    nova(srv, "2.60")
    srv.route("GET", "/v2.1/servers/detail", Reply(200, {"servers": []}))
    c = client(srv)
    assert list(c.list_servers()) == []
    assert versions(srv) == ["2.60"] and c.microversion == "2.60"


def test_a_pinned_version_is_sent_and_allows_what_it_includes(srv):
    nova(srv, "2.96")
    srv.route("POST", "/v2.1/servers", Reply(202, {"server": {"id": SERVER_ID}}))
    c = client(srv, microversion="2.90")
    c.create_server("a", "1", "img", networks="none", hostname="web-a")
    assert versions(srv, "POST") == ["2.90"]
    assert srv.requests("POST")[0].json()["server"]["hostname"] == "web-a"


def test_a_pin_the_server_does_not_accept_is_a_typed_error_before_any_call(srv):
    nova(srv, "2.60")
    c = client(srv, microversion="2.79")
    with pytest.raises(MicroversionUnsupported, match=r"2.79 was pinned, but the compute API accepts 2.1 to 2.60"):
        c.get_server(SERVER_ID)
    assert srv.requests(prefix="/v2.1/") == []


@pytest.mark.parametrize("value", ["latest", "2", "v2.5"])
def test_a_malformed_pin_is_an_invalid_option(value):
    with pytest.raises(InvalidOption, match="microversion"):
        pkgcloud.compute.create_client(
            provider="openstack", token="t", endpoint_override="http://nova.invalid/v2.1", microversion=value
        )


def test_a_tag_on_volume_attach_needs_2_49_not_the_boot_time_2_42(srv):
    nova(srv, "2.48")
    c = client(srv)
    with pytest.raises(MicroversionUnsupported, match=r"a tag when attaching a volume \(microversion 2.49 or later\)"):
        c.attach_volume(SERVER_ID, "vol-1", tag="data")
    assert srv.requests("POST") == []


def test_removed_features_are_reached_by_going_down_for_that_request_only(srv):
    nova(srv, "2.96")
    srv.route("POST", "/v2.1/os-keypairs", Reply(200, {"keypair": {"name": "k", "private_key": "PRIVATE"}}))
    srv.route("GET", "/v2.1/images/detail", Reply(200, {"images": []}))
    srv.route("POST", "/v2.1/servers", Reply(202, {"server": {"id": SERVER_ID}}))
    srv.route("GET", f"/v2.1/servers/{SERVER_ID}", Reply(200, server_doc()))
    c = client(srv, microversion="2.95")
    assert c.create_key("k").private_key == "PRIVATE"  # generation was removed at 2.92
    list(c.list_images())  # the image proxy, removed at 2.36
    c.create_server("a", "1", "img", networks="auto", personality={"/etc/motd": "hi"})  # removed at 2.57
    c.create_server("b", "1", "img")  # no networks: as before 2.37
    c.get_server(SERVER_ID)
    assert versions(srv) == ["2.91", "2.35", "2.56", "2.36", "2.95"]


def test_a_feature_newer_than_the_server_is_a_typed_error_naming_both(srv):
    nova(srv, "2.60")
    c = client(srv)
    with pytest.raises(MicroversionUnsupported, match=r"server group policy with rules \(microversion 2.64 or later\)"):
        c.create_server_group("g", "anti-affinity", rules={"max_server_per_host": 2})
    with pytest.raises(MicroversionUnsupported, match="the compute API accepts 2.1 to 2.60"):
        c.lock_server(SERVER_ID, reason="maintenance")
    assert srv.requests("POST") == []


def test_a_feature_above_the_default_says_to_pin(srv):
    nova(srv, "2.96")
    c = client(srv)
    with pytest.raises(MicroversionUnsupported, match="pin a higher one with the 'microversion' option"):
        c.create_server("a", "1", "img", networks="auto", hostname="a")


def test_features_no_single_version_allows_are_named_together(srv):
    nova(srv, "2.96")
    c = client(srv, microversion="2.95")
    both = r"no microversion allows all of: a server hostname \(microversion 2.90 or later\); personality"
    with pytest.raises(MicroversionUnsupported, match=both):
        c.create_server("a", "1", "img", networks="auto", hostname="a", personality={"/f": "x"})
    tags_need_networks = (
        r"all of: tags when creating a server \(microversion 2.52 or later\); creating a server without"
    )
    with pytest.raises(MicroversionUnsupported, match=tags_need_networks):
        c.create_server("a", "1", "img", tags=["x"])


def test_an_api_without_microversions_gets_no_header_and_refuses_newer_features(srv):
    nova(srv, None)
    srv.route("GET", f"/v2.1/servers/{SERVER_ID}", Reply(200, server_doc()))
    c = client(srv)
    c.get_server(SERVER_ID)
    assert versions(srv) == [None] and c.microversion is None
    with pytest.raises(MicroversionUnsupported, match="has no microversions"):
        c.list_server_tags(SERVER_ID)
    assert c.get_version().id == "v2"


def test_server_groups_below_2_64_are_created_with_a_policies_list(srv):
    nova(srv, "2.60")
    srv.route("POST", "/v2.1/os-server-groups", Reply(200, {"server_group": {"id": "g", "policies": ["affinity"]}}))
    group = client(srv).create_server_group("g", "affinity")
    assert srv.requests("POST")[0].json() == {"server_group": {"name": "g", "policies": ["affinity"]}}
    assert group.policy == "affinity"


def test_create_image_below_2_45_reads_the_location_header(srv):
    nova(srv, "2.40")
    srv.route(
        "POST", f"/v2.1/servers/{SERVER_ID}/action", Reply(202, b"", {"Location": f"{srv.url}/v2.1/images/img-9"})
    )
    srv.route("GET", "/v2.1/images/img-9", Reply(200, {"image": {"id": "img-9", "name": "snap", "status": "SAVING"}}))
    image = client(srv).create_image(SERVER_ID, "snap")
    assert (image.id, image.status) == ("img-9", "SAVING")
    assert versions(srv) == ["2.40", "2.35"]


@pytest.mark.parametrize(
    ("endpoint", "root"),
    [
        ("http://h:8774/v2.1", "http://h:8774/v2.1"),
        ("http://h:8774/v2.1/", "http://h:8774/v2.1"),
        ("http://h:8774/v2.1/0123abcd", "http://h:8774/v2.1"),
        ("https://h/compute/v2.1/0123abcd", "https://h/compute/v2.1"),
        ("https://dfw.servers.example.com/v2/123456", "https://dfw.servers.example.com/v2"),
    ],
)
def test_the_versioned_root_is_found_in_the_endpoint(endpoint, root):
    assert versioned_root(endpoint) == root


# -- errors --------------------------------------------------------------------------------------


def test_bad_input_is_refused_before_any_request(srv):
    nova(srv)
    c = client(srv)
    with pytest.raises(ValidationError, match="user_data must be text"):
        c.create_server("a", "1", "img", user_data=123)
    with pytest.raises(ValidationError, match="flavor is required"):
        c.create_server("a", None, "img")
    with pytest.raises(ValidationError, match="unknown option 'keyname'"):
        c.create_server("a", "1", "img", keyname="k")
    with pytest.raises(ValidationError, match="update_server cannot change 'status'"):
        c.update_server(SERVER_ID, status="ACTIVE")
    assert srv.requests() == []


def test_novas_own_400_and_409_messages_are_surfaced_verbatim(srv):
    nova(srv)
    message = "Flavor 'nope' could not be found."
    srv.route("POST", "/v2.1/servers", Reply(400, {"badRequest": {"code": 400, "message": message}}))
    conflict = f"Cannot 'pause' instance {SERVER_ID} while it is in vm_state stopped"
    srv.route(
        "POST",
        f"/v2.1/servers/{SERVER_ID}/action",
        Reply(409, {"conflictingRequest": {"code": 409, "message": conflict}}),
    )
    c = client(srv)
    with pytest.raises(BadRequest) as bad:
        c.create_server("a", "nope", "img", networks="none")
    assert bad.value.message == message and message in str(bad.value)
    with pytest.raises(Conflict) as busy:
        c.pause_server(SERVER_ID)
    assert busy.value.message == conflict


# -- waiting -------------------------------------------------------------------------------------


def test_wait_for_running_polls_until_active(srv, fake_clock):
    nova(srv)
    srv.route(
        "GET",
        f"/v2.1/servers/{SERVER_ID}",
        sequence(Reply(200, server_doc("BUILD")), Reply(200, server_doc("BUILD")), Reply(200, server_doc("ACTIVE"))),
    )
    seen: list[str] = []
    server = client(srv).wait_for(SERVER_ID, "RUNNING", interval=5, callback=lambda s: seen.append(s.provider_status))
    assert server.status == "RUNNING" and seen == ["BUILD", "BUILD", "ACTIVE"]


def test_reaching_error_raises_with_novas_fault(srv, fake_clock):
    nova(srv)
    fault = {"code": 500, "message": "No valid host was found. There are not enough hosts available."}
    srv.route(
        "GET",
        f"/v2.1/servers/{SERVER_ID}",
        sequence(Reply(200, server_doc("BUILD")), Reply(200, server_doc("ERROR", fault=fault))),
    )
    with pytest.raises(ResourceFailed) as failed:
        client(srv).wait_for(SERVER_ID, "RUNNING")
    assert failed.value.fault is not None and "No valid host was found" in failed.value.fault
    assert "'web'" in str(failed.value)


def test_waiting_too_long_raises_a_timeout_with_the_last_state(srv, fake_clock):
    nova(srv)
    srv.route("GET", f"/v2.1/servers/{SERVER_ID}", Reply(200, server_doc("BUILD")))
    with pytest.raises(WaitTimeout, match="did not reach RUNNING within 30s") as late:
        client(srv).wait_for(SERVER_ID, "RUNNING", timeout=30, interval=10)
    assert late.value.last.provider_status == "BUILD"


def test_wait_for_deleted_ends_when_nova_says_not_found(srv, fake_clock):
    nova(srv)
    gone = Reply(404, {"itemNotFound": {"code": 404, "message": "Instance could not be found."}})
    srv.route(
        "GET",
        f"/v2.1/servers/{SERVER_ID}",
        sequence(Reply(200, server_doc("ACTIVE", **{"OS-EXT-STS:task_state": "deleting"})), gone),
    )
    assert client(srv).wait_for(SERVER_ID, "DELETED") == "DELETED"


@pytest.mark.parametrize("reply", [Reply(403, {"forbidden": {"message": "no"}}), Reply(200, "<html>hello</html>")])
def test_a_root_without_a_version_document_means_no_microversions(srv, reply):
    srv.route("GET", "/v2.1", lambda seen: reply if seen.path == "/v2.1" else Reply(200, server_doc()))
    c = client(srv)
    c.get_server(SERVER_ID)
    assert versions(srv) == [None]


# -- a resize Nova gave up on ------------------------------------------------------------------------


def _resize_actions(message: str | None) -> dict[str, Any]:
    return {
        "instanceActions": [
            {"action": "resize", "request_id": "req-2", "message": message},
            {"action": "create", "request_id": "req-1", "message": None},
        ]
    }


def test_a_resize_that_nova_reverts_fails_the_wait_with_nova_s_reason(srv, fake_clock):
    nova(srv)
    states = iter([("RESIZE", "resize_prep"), ("ACTIVE", None)])

    def server(_seen: Any) -> Reply:
        status, task = next(states, ("ACTIVE", None))
        return Reply(200, server_doc(status, **{"OS-EXT-STS:task_state": task}))

    srv.route("GET", f"/v2.1/servers/{SERVER_ID}", server)
    srv.route("GET", f"/v2.1/servers/{SERVER_ID}/os-instance-actions", Reply(200, _resize_actions("Error")))
    srv.route(
        "GET",
        f"/v2.1/servers/{SERVER_ID}/os-instance-actions/req-2",
        Reply(
            200,
            {
                "instanceAction": {
                    "action": "resize",
                    "message": "Error",
                    "events": [
                        {"event": "conductor_migrate_server", "result": "Error"},
                        {"event": "x", "result": "Success"},
                    ],
                }
            },
        ),
    )
    with pytest.raises(
        ResourceFailed, match="will not reach VERIFY_RESIZE: Nova's resize failed in conductor_migrate_server"
    ):
        client(srv).wait_for(SERVER_ID, "VERIFY_RESIZE", interval=1, timeout=600)
    assert fake_clock.slept == [1]  # two polls, not ten minutes


def test_an_active_server_whose_resize_is_still_running_is_waited_for(srv, fake_clock):
    nova(srv)
    states = iter([("ACTIVE", None), ("RESIZE", "resize_migrating"), ("VERIFY_RESIZE", None)])

    def server(_seen: Any) -> Reply:
        status, task = next(states)
        return Reply(200, server_doc(status, **{"OS-EXT-STS:task_state": task}))

    srv.route("GET", f"/v2.1/servers/{SERVER_ID}", server)
    srv.route("GET", f"/v2.1/servers/{SERVER_ID}/os-instance-actions", Reply(200, _resize_actions(None)))
    assert client(srv).wait_for(SERVER_ID, "VERIFY_RESIZE", interval=1).provider_status == "VERIFY_RESIZE"
