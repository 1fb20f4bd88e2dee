"""The shared service mechanism: bodies, answer values, error bodies, bound resources, redirects,
endpoint versions and wait arguments. Requests go to the scripted server on real sockets."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any, ClassVar

import attrs
import pytest

from pkgcloud import bodies, values
from pkgcloud.api import ApiSession
from pkgcloud.auth import StaticTokenAuth
from pkgcloud.client import Unsupported, Waitable
from pkgcloud.errors import Conflict, MalformedResponse, NotFound, UnsupportedOperation, ValidationError
from pkgcloud.http import Transport, service_error
from pkgcloud.resource import Resource
from tests.harness.server import Reply, ScriptedServer, scripted_server


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server


@attrs.define(kw_only=True)
class Thing:
    id: str
    size: int | None = None
    raw: dict[str, Any] = attrs.field(factory=dict, repr=False, eq=False)


def thing(d: dict[str, Any]) -> Thing:
    return Thing(id=d["id"], size=values.as_int(d.get("size")), raw=d)


THINGS = Resource("things", key="thing", parse=thing, metadata="metadata")


class Things:
    """The smallest client a bound resource needs: an api and request headers per feature."""

    things = THINGS

    def __init__(self, server: ScriptedServer) -> None:
        self.api = ApiSession(Transport(retries=0), StaticTokenAuth("t"), f"{server.url}/v1", service="things")
        self.features_seen: list[tuple[Any, ...]] = []

    def request_headers(self, *features: Any) -> dict[str, str]:
        self.features_seen.append(features)
        return {"X-Features": ",".join(map(str, features))} if features else {}


# -- bodies: what the caller set, nothing else ---------------------------------------------------


def test_fields_leave_out_none_keep_falsy_values_and_send_null_on_purpose():
    body = bodies.fields(admin_state_up=False, size=0, tags=[], description="", name=None, gateway_ip=bodies.NULL)
    assert body == {"admin_state_up": False, "size": 0, "tags": [], "description": "", "gateway_ip": None}


def test_fields_rename_python_names_to_api_names():
    assert bodies.fields({"is_public": False, "x": None}, names={"is_public": "os-volume-type:is_public"}) == {
        "os-volume-type:is_public": False
    }


def test_null_is_one_object_and_prints_as_null():
    assert bodies.NULL is type(bodies.NULL)()
    assert repr(bodies.NULL) == "NULL" and not bodies.NULL


@pytest.mark.parametrize(
    ("value", "message"),
    [(None, "is required"), ("", "is required"), (True, "not a bool"), (3.5, "not float"), (object(), "not object")],
)
def test_a_reference_is_a_model_or_an_id(value, message):
    with pytest.raises(ValidationError, match=message):
        bodies.ref(value, "volume")


def test_a_reference_takes_a_model_id_or_an_int():
    assert bodies.ref(Thing(id="v1"), "volume") == "v1"
    assert bodies.ref(42, "flavor") == "42"
    assert bodies.ref(None, "image", required=False) is None


def test_check_known_names_the_unknown_keyword_and_lists_the_right_ones():
    with pytest.raises(ValidationError, match=r"create_volume got an unknown option 'sise'; it takes name, size"):
        bodies.check_known(["sise"], ["size", "name"], "create_volume")


@pytest.mark.parametrize(("value", "ok"), [(0, True), (-1, False), (True, False), ("1", False), (None, True)])
def test_check_int_refuses_bools_strings_and_values_out_of_range(value, ok):
    if ok:
        assert bodies.check_int(value, "size", minimum=0) == value
    else:
        with pytest.raises(ValidationError, match="size must be"):
            bodies.check_int(value, "size", minimum=0)


def test_query_values_are_written_as_services_read_them():
    when = dt.datetime(2026, 1, 2, 3, 4, 5)
    q = bodies.query({"changes_since": when, "all": True, "tags": ["a", "b"], "skip": None, "volume": Thing(id="v")})
    assert q == {"changes_since": "2026-01-02T03:04:05+00:00", "all": "true", "tags": "a,b", "volume": "v"}
    assert bodies.query({"all": False}, true="True", false="False") == {"all": "False"}


def test_find_by_name_lists_the_names_there_are():
    items = [attrs.evolve(Thing(id="1"), raw={}), Thing(id="2")]
    setattr_items = [type("N", (), {"name": n})() for n in ("b", "a")]
    assert bodies.find_by_name(setattr_items, "a", "flavor").name == "a"
    with pytest.raises(NotFound, match="no flavor named 'c'; there are: 'a', 'b'"):
        bodies.find_by_name(setattr_items, "c", "flavor")
    assert items  # models without a name are skipped, not an error
    with pytest.raises(NotFound, match="there are: none"):
        bodies.find_by_name(items, "x", "thing")


# -- values: answers of the wrong type are unset, not a TypeError ---------------------------------


def test_values_read_whatever_a_server_sends():
    assert [values.as_int(v) for v in ("10", 3, "ten", None, True, [1])] == [10, 3, None, None, None, None]
    assert [values.as_bool(v) for v in (True, "False", "yes", "maybe", None, 0)] == [
        True,
        False,
        True,
        None,
        None,
        False,
    ]
    assert values.as_dict(None) == {} and values.as_dict([1]) == {} and values.as_dict({"a": 1}) == {"a": 1}
    assert values.as_list({"a": 1}) == [] and values.as_dicts([{"a": 1}, "x", None]) == [{"a": 1}]
    assert values.linked_id({"id": "f1", "links": []}) == "f1" and values.linked_id("i") == "i"
    assert values.linked_id(True) is None and values.linked_id({}) is None
    assert values.as_float("1.5") == 1.5 and values.as_float("x") is None
    assert values.as_str({"a": 1}) is None and values.as_str(5) == "5"


# -- error bodies: one parser for every OpenStack shape ------------------------------------------


@pytest.mark.parametrize(
    ("body", "message", "error_type"),
    [
        (
            {"itemNotFound": {"code": 404, "message": "Volume v could not be found."}},
            "Volume v could not be found.",
            "itemNotFound",
        ),
        (
            {"NeutronError": {"type": "IpAddressGenerationFailure", "message": "No more IP addresses", "detail": ""}},
            "No more IP addresses",
            "IpAddressGenerationFailure",
        ),
        (
            {
                "explanation": "The server could not comply with the request since it is either malformed.",
                "code": 409,
                "error": {"message": "Stack s already exists", "traceback": None, "type": "StackExists"},
                "title": "Conflict",
            },
            "Stack s already exists",
            "StackExists",
        ),
        (
            {
                "error": {
                    "code": 401,
                    "message": "The request you have made requires authentication.",
                    "title": "Unauthorized",
                }
            },
            "The request you have made requires authentication.",
            "Unauthorized",
        ),
        (
            {"message": "Validation error", "code": 400, "validationErrors": {"messages": ["ttl must be >= 300"]}},
            "Validation error; ttl must be >= 300",
            None,
        ),
        ({"message": "Service s is not deployed"}, "Service s is not deployed", None),
    ],
)
def test_the_service_s_message_and_error_type_are_read_from_each_shape(body, message, error_type):
    assert service_error(body) == (message, error_type)


def test_a_409_is_a_conflict_carrying_the_service_s_error_type(srv):
    srv.route(
        "POST",
        "/v1/things",
        Reply(409, {"NeutronError": {"type": "InUse", "message": "Port p is in use", "detail": ""}}),
    )
    with pytest.raises(Conflict) as caught:
        Things(srv).things.create({"name": "x"})
    assert caught.value.error_type == "InUse" and caught.value.message == "Port p is in use"
    assert "409 InUse: Port p is in use" in str(caught.value)


# -- bound resources -------------------------------------------------------------------------------


def test_a_bound_resource_takes_a_model_or_an_id_and_sends_the_client_s_headers(srv):
    srv.route("GET", "/v1/things/t1", Reply(200, {"thing": {"id": "t1", "size": "3"}}))
    client = Things(srv)
    got = client.things.get(Thing(id="t1"), features=["f"])
    assert got == Thing(id="t1", size=3)
    assert srv.requests("GET")[0].headers["X-Features"] == "f"
    with pytest.raises(ValidationError, match="thing must be a thing model or its id"):
        client.things.get(3.0)
    assert len(srv.requests()) == 1  # the bad reference sent nothing


def test_bound_metadata_reads_and_merges_under_the_item(srv):
    srv.route("GET", "/v1/things/t1/metadata", Reply(200, {"metadata": {"a": "1"}}))
    srv.route("POST", "/v1/things/t1/metadata", Reply(200, {"metadata": {"a": "1", "b": "2"}}))
    meta = Things(srv).things.metadata("t1")
    assert meta.read() == {"a": "1"}
    assert meta.merge({"b": "2"}) == {"a": "1", "b": "2"}
    assert srv.requests("POST")[0].json() == {"metadata": {"b": "2"}}


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (Reply(200, b'{"thing": {"id": "t1"', {"Content-Type": "application/json"}), "expected JSON"),
        (Reply(200, b"<html><body>502 Bad Gateway</body></html>", {"Content-Type": "text/html"}), "text/html"),
        (Reply(200, {"things": {"id": "t1"}}), "expected an object {'thing'"),
        (Reply(200, [{"id": "t1"}]), "got a list of 1"),
        (Reply(200, {"thing": {"size": 1}}), "a thing the SDK cannot read \\(no 'id'\\)"),
        (Reply(200, b""), "got an empty answer"),
    ],
)
def test_an_answer_that_cannot_be_read_is_one_typed_error_naming_service_method_and_url(srv, answer, reason):
    srv.route("GET", "/v1/things/t1", answer)
    with pytest.raises(MalformedResponse, match=reason) as caught:
        Things(srv).things.get("t1")
    assert caught.value.service == "things" and caught.value.method == "GET"
    assert caught.value.url.endswith("/v1/things/t1")


def test_a_listing_of_the_wrong_shape_is_a_malformed_response(srv):
    srv.route("GET", "/v1/things", Reply(200, {"things": [{"id": "a"}, "b"]}))
    with pytest.raises(MalformedResponse, match="expected a thing object, got a str"):
        list(Things(srv).things.list())


# -- redirects -------------------------------------------------------------------------------------


def test_a_redirect_is_resent_to_its_path_on_our_endpoint_never_to_its_host(srv):
    srv.route(
        "GET",
        "/v1/stacks/web",
        Reply(302, b"", {"Location": "http://192.0.2.7:8004/v1/other-project/stacks/web/abc?x=1"}),
    )
    srv.route("GET", "/v1/stacks/web/abc", Reply(200, {"stack": {"id": "abc"}}))
    client = Things(srv)
    response, path = client.api.redirected("GET", "stacks/web", tail=3, params={"resolve_outputs": "false"})
    assert path == "stacks/web/abc" and response.status_code == 200
    second = srv.requests("GET")[1]
    assert second.path == "/v1/stacks/web/abc?resolve_outputs=false"  # our query, once; not Location's


def test_a_redirect_without_a_location_is_a_malformed_response(srv):
    srv.route("GET", "/v1/stacks/web", Reply(302, b""))
    with pytest.raises(MalformedResponse, match="redirect without a usable Location"):
        Things(srv).api.redirected("GET", "stacks/web", tail=2)


def test_a_location_below_our_endpoint_keeps_its_whole_relative_path(srv):
    api = Things(srv).api
    assert api.relative_location(f"{srv.url}/v1/a/b/c") == "a/b/c"
    assert api.relative_location("") is None


# -- waits check their arguments before the first poll --------------------------------------------


class Volumes(Waitable):
    service = "blockstorage"
    ready_status: ClassVar[str] = "available"
    error_statuses: ClassVar[tuple[str, ...]] = ("error", "error_deleting")
    statuses: ClassVar[frozenset[str]] = frozenset({"AVAILABLE", "CREATING", "ERROR", "ERROR_DELETING", "IN-USE"})

    def __init__(self, states: list[Any]) -> None:
        self.states = states
        self.polls = 0

    def refresh(self, resource: Any) -> Any:
        self.polls += 1
        return self.states.pop(0)

    def failure_reason(self, resource: Any) -> str | None:
        return "No valid backend was found."


@attrs.define
class Vol:
    id: str
    status: str
    name: str = "v"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": "RUNNING"}, "the blockstorage service never reports status 'RUNNING'; it reports AVAILABLE, "),
        ({"status": None, "timeout": 0}, "timeout must be a positive number of seconds, not 0"),
        ({"timeout": "600"}, "timeout must be a number of seconds, not '600'"),
        ({"interval": -1}, "interval must be a positive number of seconds"),
        ({"interval": math.nan}, "interval must be a positive number"),
        ({"timeout": True}, "timeout must be a number of seconds, not True"),
        ({"status": ""}, "status must be a status name"),
        ({"on_event": print}, "has no events to stream"),
    ],
)
def test_wait_arguments_are_checked_before_the_first_poll(kwargs, message):
    client = Volumes([Vol("v", "available")])
    with pytest.raises(ValidationError, match=message):
        client.wait_for(Vol("v", "creating"), **kwargs)
    assert client.polls == 0


def test_a_wait_without_a_status_waits_for_the_service_s_ready_status(fake_clock):
    client = Volumes([Vol("v", "creating"), Vol("v", "available")])
    assert client.wait_for("v", interval=1).status == "available"
    assert client.polls == 2


def test_a_failure_carries_the_service_s_reason(fake_clock):
    from pkgcloud.errors import ResourceFailed

    client = Volumes([Vol("v", "creating"), Vol("v", "error")])
    with pytest.raises(ResourceFailed, match="status ERROR: No valid backend was found."):
        client.wait_for("v", interval=1)


def test_events_go_to_on_event_after_each_poll(fake_clock):
    class Stacks(Volumes):
        def event_source(self, resource: Any) -> Any:
            batches = iter([["e1"], [], ["e2", "e3"]])
            return lambda: next(batches, [])

    seen: list[str] = []
    client = Stacks([Vol("s", "creating"), Vol("s", "creating"), Vol("s", "available")])
    client.wait_for("s", interval=1, on_event=seen.append)
    assert seen == ["e1", "e2", "e3"]


# -- operations a provider declares it has not ---------------------------------------------------


class _NoRouters:
    list_routers = Unsupported("this cloud has no routers")
    get_router = Unsupported("this cloud has no routers")


@pytest.mark.parametrize("call", [lambda c: c.list_routers(), lambda c: c.get_router("r1", expand=True)])
def test_an_unsupported_operation_names_itself_and_the_reason_whatever_it_is_given(call: Any) -> None:
    client = _NoRouters()
    with pytest.raises(UnsupportedOperation) as raised:
        call(client)
    name = "list_routers" if "list_routers: " in str(raised.value) else "get_router"
    assert str(raised.value) == f"{name}: this cloud has no routers"
    assert getattr(client, name).__name__ == name
