"""HeatOrchestration against a scripted Heat: name lookups, redirects, bodies, paging, malformed
answers, and waits that follow events (a stale UPDATE_COMPLETE does not end an update's wait)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import pkgcloud
from pkgcloud.errors import MalformedResponse, NotFound, ResourceFailed, ValidationError
from tests.harness.server import Reply, ScriptedServer, scripted_server, sequence

PROJECT = "p1"
BASE = f"/v1/{PROJECT}"
SID = "5b9a0647-4dad-4867-8755-1e23e3b7d0e9"
TEMPLATE = {"heat_template_version": "2018-08-31", "parameters": {"n": {"type": "number"}}, "resources": {}}


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server


def client(server: ScriptedServer) -> Any:
    return pkgcloud.orchestration.create_client(
        provider="openstack", token="t", endpoint_override=f"{server.url}{BASE}", retries=0
    )


def stack_doc(status: str = "CREATE_COMPLETE", name: str = "web", **more: Any) -> dict[str, Any]:
    return {"stack": {"id": SID, "stack_name": name, "stack_status": status, "stack_status_reason": "", **more}}


def event(eid: str, status: str, name: str = "web", physical: str = SID) -> dict[str, Any]:
    return {"id": eid, "resource_name": name, "physical_resource_id": physical, "resource_status": status}


def found_at(location: str) -> Reply:
    return Reply(302, {"code": "302 Found"}, {"Location": location})


def query(seen: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(seen.path).query)


# -- naming a stack ---------------------------------------------------------------------------------


def test_a_name_is_resolved_through_the_302_on_our_endpoint_with_the_query_sent_once(srv):
    # Heat's Location names its internal address and repeats the query
    internal = f"http://10.0.0.9:8004{BASE}/stacks/web/{SID}?resolve_outputs=false"
    srv.route("GET", f"{BASE}/stacks/web", found_at(internal))
    srv.route("GET", f"{BASE}/stacks/web/{SID}", Reply(200, stack_doc()))
    found = client(srv).get_stack("web", resolve_outputs=False)
    assert (found.id, found.name, found.path) == (SID, "web", f"web/{SID}")
    final = srv.requests("GET")[-1]
    assert final.path.startswith(f"{BASE}/stacks/web/{SID}?") and query(final) == {"resolve_outputs": ["false"]}
    assert len(srv.requests()) == 2


def test_an_id_is_looked_up_once_for_a_sub_resource_and_a_model_needs_no_lookup(srv):
    srv.route("GET", f"{BASE}/stacks/{SID}", found_at(f"http://heat.internal{BASE}/stacks/web/{SID}"))
    srv.route("GET", f"{BASE}/stacks/web/{SID}/outputs", Reply(200, {"outputs": [{"output_key": "url"}]}))
    srv.route("GET", f"{BASE}/stacks/web/{SID}", Reply(200, stack_doc()))
    c = client(srv)
    assert [o.key for o in c.list_outputs(SID)] == ["url"]
    assert [s.path for s in srv.requests()] == [f"{BASE}/stacks/{SID}", f"{BASE}/stacks/web/{SID}/outputs"]
    model = c.get_stack(f"web/{SID}")
    c.list_outputs(model)
    assert [s.path for s in srv.requests()][2:] == [f"{BASE}/stacks/web/{SID}", f"{BASE}/stacks/web/{SID}/outputs"]


def test_names_and_ids_are_quoted_segment_by_segment(srv):
    srv.route("GET", f"{BASE}/stacks/a%20b/x%2Fy", Reply(200, stack_doc(name="a b")))
    from pkgcloud.resource import Segments

    client(srv).get_stack(Segments("a b", "x/y"))
    assert srv.requests()[0].path == f"{BASE}/stacks/a%20b/x%2Fy"


def test_a_deleted_stack_reads_as_not_found(srv):
    srv.route("GET", f"{BASE}/stacks/web/{SID}", Reply(200, stack_doc("DELETE_COMPLETE")))
    c = client(srv)
    with pytest.raises(NotFound, match="deleted"):
        c.get_stack(f"web/{SID}")
    assert c.find_stack(f"web/{SID}") is None


@pytest.mark.parametrize("bad", ["", " web", "a/", "/b", "a/b/c", 3, None])
def test_a_stack_reference_that_cannot_name_a_stack_is_refused_before_any_request(srv, bad):
    with pytest.raises(ValidationError, match="a stack is"):
        client(srv).get_stack(bad)
    assert srv.requests() == []


def test_a_redirect_without_a_usable_location_is_malformed(srv):
    srv.route("GET", f"{BASE}/stacks/web", Reply(302, b"", {"Location": "http://heat/"}))
    c = client(srv)
    with pytest.raises(MalformedResponse):
        c.get_stack("web")
    with pytest.raises(MalformedResponse, match="name/id"):
        c.list_outputs("web")


# -- bodies -----------------------------------------------------------------------------------------


def test_falsy_values_are_sent_and_unset_ones_are_not(srv):
    srv.route("POST", f"{BASE}/stacks", Reply(201, {"stack": {"id": SID, "links": []}}))
    c = client(srv)
    created = c.create_stack(
        "web",
        TEMPLATE,
        parameters={"n": 0},
        environment={},
        files={},
        timeout_mins=0,
        disable_rollback=False,
        tags=[],
    )
    assert (created.id, created.name) == (SID, "web")
    body = srv.requests("POST")[0].json()
    assert body == {
        "stack_name": "web",
        "template": TEMPLATE,
        "parameters": {"n": 0},
        "environment": {},
        "files": {},
        "timeout_mins": 0,
        "disable_rollback": False,
        "tags": "",
    }
    c.create_stack("web2", TEMPLATE)
    assert srv.requests("POST")[1].json() == {"stack_name": "web2", "template": TEMPLATE}


def test_patch_sends_only_what_changes_and_clear_parameters(srv):
    srv.route("GET", f"{BASE}/stacks/web/{SID}/events", Reply(200, {"events": []}))
    srv.route("PATCH", f"{BASE}/stacks/web/{SID}", Reply(202, {"code": "202 Accepted"}))
    srv.route("PUT", f"{BASE}/stacks/web/{SID}", Reply(202, b""))
    c = client(srv)
    c.patch_stack(f"web/{SID}", parameters={"n": ""}, clear_parameters=["m"])
    assert srv.requests("PATCH")[0].json() == {"parameters": {"n": ""}, "clear_parameters": ["m"]}
    c.update_stack(f"web/{SID}", TEMPLATE, converge=False)
    assert srv.requests("PUT")[0].json() == {"template": TEMPLATE, "converge": False}
    # the marker is taken before each call
    assert [query(s) for s in srv.requests("GET")] == [{"sort_dir": ["desc"], "limit": ["1"]}] * 2


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.update_stack(f"web/{SID}", TEMPLATE, bogus=1), "unknown option 'bogus'"),
        (lambda c: c.update_stack(f"web/{SID}"), "needs a template"),
        (lambda c: c.patch_stack(f"web/{SID}"), "needs something to change"),
        (lambda c: c.patch_stack(f"web/{SID}", clear_parameters="n"), "list of parameter names"),
        (lambda c: c.create_stack("web", TEMPLATE, template_url="http://x/t.yaml"), "not both"),
        (lambda c: c.create_stack("web", TEMPLATE, parameters={"m": 1}), "does not declare parameter 'm'"),
        (lambda c: c.create_stack("web", "heat_template_version: [", parameters={}), "neither YAML nor JSON"),
        (lambda c: c.create_stack("web", "just words"), "must be a mapping"),
        (lambda c: c.create_stack("web", TEMPLATE, timeout_mins=-1), "timeout_mins must be at least 0"),
        (lambda c: c.create_stack("web", TEMPLATE, disable_rollback="no"), "disable_rollback must be True or False"),
        (lambda c: c.create_stack("web", TEMPLATE, tags=["a,b"]), "without a comma"),
        (lambda c: c.create_stack("my stack", TEMPLATE), "starts with a letter"),
        (lambda c: c.create_stack("9lives", TEMPLATE), "starts with a letter"),
        (lambda c: list(c.list_stacks(colour="red")), "unknown filter 'colour'"),
        (lambda c: list(c.list_resources(f"web/{SID}", nested_depth=-1)), "nested_depth must be at least 0"),
        (lambda c: c.list_resource_types(kind="x"), "unknown filter 'kind'"),
        (lambda c: c.wait_for(f"web/{SID}", "RUNNING"), "never reports status 'RUNNING'"),
        (lambda c: c.wait_for(f"web/{SID}", timeout=0), "timeout must be a positive"),
    ],
)
def test_bad_input_is_a_typed_error_before_any_request(srv, call, match):
    c = client(srv)
    with pytest.raises(ValidationError, match=match):
        call(c)
    assert srv.requests() == []


def test_a_yaml_template_is_sent_as_written(srv):
    srv.route("POST", f"{BASE}/validate", Reply(200, {"Description": "d", "Parameters": {}}))
    text = "heat_template_version: 2018-08-31\nresources: {}\n"
    checked = client(srv).validate_template(text, show_nested=True)
    assert checked.description == "d"
    sent = srv.requests("POST")[0]
    assert sent.json() == {"template": text} and query(sent) == {"show_nested": ["true"]}


def test_a_mapping_with_yaml_dates_is_sent_as_json(srv):
    import datetime

    srv.route("POST", f"{BASE}/validate", Reply(200, {}))
    client(srv).validate_template({"heat_template_version": datetime.date(2018, 8, 31), "resources": {}})
    assert srv.requests("POST")[0].json()["template"]["heat_template_version"] == "2018-08-31"


# -- lists ------------------------------------------------------------------------------------------


def test_stacks_are_paged_by_marker(srv):
    pages = sequence(
        Reply(200, {"stacks": [{"id": "a", "stack_name": "a"}, {"id": "b", "stack_name": "b"}]}),
        Reply(200, {"stacks": [{"id": "c", "stack_name": "c"}]}),
    )
    srv.route("GET", f"{BASE}/stacks", pages)
    names = [s.name for s in client(srv).list_stacks(page_size=2, tags=["x", "y"], show_nested=True)]
    assert names == ["a", "b", "c"]
    first, second = (query(s) for s in srv.requests())
    assert first == {"limit": ["2"], "tags": ["x,y"], "show_nested": ["true"]}
    assert second["marker"] == ["b"]


def test_the_resource_list_is_one_request_even_if_heat_offers_a_next_link(srv):
    body = {
        "resources": [{"resource_name": "r", "resource_status": "CREATE_COMPLETE"}],
        "links": [{"rel": "next", "href": f"http://heat{BASE}/stacks/web/{SID}/resources?marker=r"}],
    }
    srv.route("GET", f"{BASE}/stacks/web/{SID}/resources", Reply(200, body))
    assert [r.name for r in client(srv).list_resources(f"web/{SID}", nested_depth=2)] == ["r"]
    assert len(srv.requests()) == 1 and query(srv.requests()[0]) == {"nested_depth": ["2"]}


def test_a_resources_events_end_at_heats_404_after_the_last_page(srv):
    path = f"{BASE}/stacks/web/{SID}/resources/r/events"
    srv.route(
        "GET",
        path,
        sequence(
            Reply(200, {"events": [event("e1", "CREATE_IN_PROGRESS", "r", "x")]}),
            Reply(404, {"error": {"type": "HTTPNotFound", "message": "No events found for resource r"}}),
        ),
    )
    assert [e.id for e in client(srv).list_events(f"web/{SID}", resource_name="r")] == ["e1"]


# -- answers the SDK cannot read --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "reply", "call"),
    [
        (f"/stacks/web/{SID}", {"stacks": []}, lambda c: c.get_stack(f"web/{SID}")),
        (f"/stacks/web/{SID}", {"stack": {"stack_name": "web"}}, lambda c: c.get_stack(f"web/{SID}")),
        (f"/stacks/web/{SID}/events", {"events": [{"name": "x"}]}, lambda c: list(c.list_events(f"web/{SID}"))),
        (f"/stacks/web/{SID}/resources", {"resources": {}}, lambda c: list(c.list_resources(f"web/{SID}"))),
        (f"/stacks/web/{SID}/template", [1, 2], lambda c: c.get_template(f"web/{SID}")),
        (f"/stacks/web/{SID}/outputs/k", {"output": {"output_value": 1}}, lambda c: c.get_output(f"web/{SID}", "k")),
        ("/resource_types", {"resource_types": [1]}, lambda c: c.list_resource_types()),
        ("/resource_types/OS::X", {"properties": {}}, lambda c: c.get_resource_type("OS::X")),
        ("/template_versions", {"versions": []}, lambda c: c.list_template_versions()),
    ],
)
def test_malformed_answers_are_typed(srv, path, reply, call):
    srv.route("GET", BASE + path, Reply(200, reply))
    with pytest.raises(MalformedResponse):
        call(client(srv))


def test_a_non_json_answer_is_malformed(srv):
    srv.route("GET", f"{BASE}/stacks/web/{SID}", Reply(200, "<html>proxy</html>", {"Content-Type": "text/html"}))
    with pytest.raises(MalformedResponse, match="expected JSON"):
        client(srv).get_stack(f"web/{SID}")


def test_fields_of_the_wrong_type_are_unset(srv):
    doc = stack_doc(timeout_mins="ten", tags="a", outputs={"x": 1}, parameters=None, creation_time=5)
    srv.route("GET", f"{BASE}/stacks/web/{SID}", Reply(200, doc))
    found = client(srv).get_stack(f"web/{SID}")
    assert (found.timeout_mins, found.tags, found.outputs, found.parameters, found.created) == (None, [], [], {}, None)


# -- waits ------------------------------------------------------------------------------------------


def test_a_stale_update_complete_does_not_end_the_wait_for_an_update(srv, fake_clock):
    events = f"{BASE}/stacks/web/{SID}/events"
    srv.route(
        "GET",
        events,
        sequence(
            Reply(200, {"events": [event("old", "UPDATE_COMPLETE")]}),  # the marker, before the PATCH
            Reply(200, {"events": []}),
            Reply(200, {"events": [event("e1", "UPDATE_IN_PROGRESS")]}),
            Reply(200, {"events": [event("e2", "UPDATE_COMPLETE")]}),
            Reply(200, {"events": []}),  # the drain after the end
        ),
    )
    srv.route("PATCH", f"{BASE}/stacks/web/{SID}", Reply(202, b""))
    srv.route(
        "GET",
        f"{BASE}/stacks/web/{SID}",
        sequence(
            Reply(200, stack_doc("UPDATE_COMPLETE")),  # stale: the previous update's
            Reply(200, stack_doc("UPDATE_IN_PROGRESS")),
            Reply(200, stack_doc("UPDATE_COMPLETE")),
            Reply(200, stack_doc("UPDATE_COMPLETE", outputs=[{"output_key": "k", "output_value": "v"}])),
        ),
    )
    c = client(srv)
    c.patch_stack(f"web/{SID}", parameters={"n": 2})
    seen: list[str] = []
    done = c.wait_for(f"web/{SID}", on_event=lambda e: seen.append(e.id), interval=1)
    assert done.output("k") == "v" and seen == ["e1", "e2"]
    assert [query(s).get("marker") for s in srv.requests("GET", events)][1:] == [["old"], ["old"], ["e1"], ["e2"]]
    assert len(srv.requests("GET", f"{BASE}/stacks/web/{SID}?")) == 3  # three polls, then the final read


def test_a_failure_lists_the_failed_resources_deepest_first(srv, fake_clock):
    srv.route("GET", f"{BASE}/stacks/web/{SID}", Reply(200, stack_doc("CREATE_FAILED", stack_status_reason="boom")))
    nested = f"http://heat{BASE}/stacks/web-inner-x/9"
    resources = [
        {"resource_name": "inner", "resource_type": "inner.yaml", "resource_status": "CREATE_FAILED",
         "resource_status_reason": "Error: resources.inner: failed"},
        {"resource_name": "ok", "resource_status": "CREATE_COMPLETE"},
        {"resource_name": "doomed", "resource_type": "OS::Heat::TestResource", "resource_status": "CREATE_FAILED",
         "resource_status_reason": "Test Resource failed", "parent_resource": "inner",
         "links": [{"rel": "stack", "href": nested}]},
    ]  # fmt: skip
    srv.route("GET", f"{BASE}/stacks/web/{SID}/resources", Reply(200, {"resources": resources}))
    with pytest.raises(ResourceFailed) as failed:
        client(srv).wait_for(f"web/{SID}", "CREATE_COMPLETE", interval=1)
    message = str(failed.value)
    first = "doomed (OS::Heat::TestResource in stack web-inner-x)"
    assert f"status CREATE_FAILED: boom — failed resources: {first}" in message
    assert message.index("doomed") < message.index("inner (inner.yaml)") and "ok" not in message.split("—")[1]
    assert query(srv.requests("GET", f"{BASE}/stacks/web/{SID}/resources")[0]) == {"nested_depth": ["5"]}


def test_rollback_complete_fails_a_create_wait_but_ends_a_wait_for_the_rollback(srv, fake_clock):
    srv.route("GET", f"{BASE}/stacks/web/{SID}", Reply(200, stack_doc("ROLLBACK_COMPLETE")))
    srv.route("GET", f"{BASE}/stacks/web/{SID}/resources", Reply(200, {"resources": []}))
    c = client(srv)
    with pytest.raises(ResourceFailed, match="ROLLBACK_COMPLETE"):
        c.wait_for(f"web/{SID}", "CREATE_COMPLETE", interval=1)
    assert c.wait_for(f"web/{SID}", "ROLLBACK_COMPLETE", interval=1).status == "ROLLBACK_COMPLETE"


def test_a_delete_wait_accepts_delete_complete_and_a_404(srv, fake_clock):
    srv.route("GET", f"{BASE}/stacks/web/{SID}/events", Reply(200, {"events": []}))
    srv.route("DELETE", f"{BASE}/stacks/web/{SID}", Reply(204))
    srv.route(
        "GET",
        f"{BASE}/stacks/web/{SID}",
        sequence(Reply(200, stack_doc("DELETE_IN_PROGRESS")), Reply(200, stack_doc("DELETE_COMPLETE"))),
    )
    c = client(srv)
    c.delete_stack(f"web/{SID}")
    assert c.wait_for(f"web/{SID}", interval=1) == "DELETED"  # a delete's wait needs no status
    srv.route("GET", f"{BASE}/stacks/gone", Reply(404, {"error": {"type": "EntityNotFound", "message": "gone"}}))
    assert c.wait_for("gone", "DELETED") == "DELETED"


def test_a_wait_on_a_stack_it_did_not_start_streams_from_now_with_nested_events(srv, fake_clock):
    events = f"{BASE}/stacks/web/{SID}/events"
    srv.route(
        "GET",
        events,
        sequence(
            Reply(200, {"events": [event("before", "CREATE_COMPLETE")]}),  # the marker: the last event now
            Reply(200, {"events": [event("n1", "CREATE_COMPLETE", "inner-thing", "x")]}),
            Reply(200, {"events": []}),
        ),
    )
    srv.route("GET", f"{BASE}/stacks/web/{SID}", Reply(200, stack_doc("CHECK_COMPLETE")))
    seen: list[str] = []
    done = client(srv).wait_for(f"web/{SID}", on_event=lambda e: seen.append(e.id), nested_depth=2, interval=1)
    assert done.status == "CHECK_COMPLETE" and seen == ["n1"]  # awaited the action its status shows
    marker, *polls = (query(s) for s in srv.requests("GET", events))
    assert marker == {"sort_dir": ["desc"], "limit": ["1"]}
    assert polls[0] == {"sort_dir": ["asc"], "marker": ["before"], "nested_depth": ["2"], "limit": ["100"]}
