"""Pagination styles, the waiter, and the declarative resource engine (against a real local server)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from pkgcloud import clock
from pkgcloud.api import ApiSession
from pkgcloud.auth import AuthContext, EndpointQuery
from pkgcloud.errors import NotFound, ResourceFailed, ValidationError, WaitTimeout
from pkgcloud.http import Transport
from pkgcloud.paging import marker_pages, next_link_params, paginate
from pkgcloud.resource import LINK, MARKER, Resource
from pkgcloud.waiter import wait_for_status
from tests.harness.server import Reply, ScriptedServer, Seen, scripted_server


class Thing:
    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.id = raw["id"]
        self.status = raw.get("status")
        self.provider_status = raw.get("status")
        self.fault = raw.get("fault")
        self.name = raw.get("name")


def test_marker_paging_stops_on_a_short_page() -> None:
    data = [f"n{i:03d}" for i in range(25)]
    calls: list[dict[str, Any]] = []

    def get_page(query: dict[str, Any]) -> list[str]:
        calls.append(query)
        start = data.index(query["marker"]) + 1 if "marker" in query else 0
        return data[start : start + query["limit"]]

    items = list(paginate(marker_pages(get_page, lambda x: x), page_size=10))
    assert items == data
    assert [c.get("marker") for c in calls] == [None, "n009", "n019"]


def test_limit_caps_the_total_and_the_last_request() -> None:
    def get_page(query: dict[str, Any]) -> list[int]:
        start = int(query.get("marker", -1)) + 1
        return list(range(start, start + query["limit"]))

    assert list(paginate(marker_pages(get_page, str), limit=7, page_size=5)) == list(range(7))


def test_a_callable_page_size_is_asked_before_each_page() -> None:
    sizes = iter([4, 2, 2, 2])
    asked: list[int] = []

    def get_page(query: dict[str, Any]) -> list[int]:
        asked.append(query["limit"])
        start = int(query.get("marker", -1)) + 1
        return [n for n in range(start, start + query["limit"]) if n < 7]

    assert list(paginate(marker_pages(get_page, str), page_size=lambda: next(sizes))) == list(range(7))
    assert asked == [4, 2, 2]


def test_a_zero_limit_asks_for_nothing() -> None:
    def fetch(query: dict[str, Any]) -> tuple[list[int], None]:
        raise AssertionError(f"no page should be fetched, asked {query}")

    assert list(paginate(fetch, limit=0, page_size=10)) == []


@pytest.mark.parametrize("limit", [-1, 2.5, True, "10"])
def test_a_bad_limit_is_a_validation_error_before_any_page(limit: Any) -> None:
    def fetch(query: dict[str, Any]) -> tuple[list[int], None]:
        raise AssertionError("no page should be fetched")

    with pytest.raises(ValidationError, match="limit must be a non-negative int"):
        list(paginate(fetch, limit=limit))


def test_next_link_params_read_the_query_of_the_link() -> None:
    body = {"servers_links": [{"rel": "next", "href": "http://other-host:8774/v2.1/servers/detail?limit=2&marker=abc"}]}
    assert next_link_params(body, "servers") == {"limit": "2", "marker": "abc"}
    assert next_link_params({"next": "/v2/images?marker=x"}, "images") == {"marker": "x"}
    assert next_link_params({"servers": []}, "servers") is None


def test_a_repeated_next_link_does_not_loop_forever() -> None:
    def fetch(query: dict[str, Any]) -> tuple[list[int], dict[str, Any]]:
        return [1], {"marker": "same"}

    assert list(paginate(fetch)) == [1, 1]


@pytest.fixture
def server() -> ScriptedServer:
    with scripted_server() as srv:
        yield srv  # type: ignore[misc]


def api_for(server: ScriptedServer) -> ApiSession:
    return ApiSession(Transport(), AuthContext(), EndpointQuery(["thing"], override=server.url + "/v1"))


def test_resource_lists_every_page_following_links(server: ScriptedServer) -> None:
    def handler(seen: Seen) -> Reply:
        query = parse_qs(urlsplit(seen.path).query)
        marker = query.get("marker", [None])[0]
        if marker is None:
            return Reply(
                200,
                {
                    "things": [{"id": "a"}, {"id": "b"}],
                    "things_links": [{"rel": "next", "href": "http://elsewhere/v1/things?marker=b"}],
                },
            )
        return Reply(200, {"things": [{"id": "c"}]})

    server.route("GET", "/v1/things", handler)
    things = Resource("things", key="thing", parse=Thing, paging=LINK)
    assert [t.id for t in things.list(api_for(server))] == ["a", "b", "c"]
    paths = [s.path for s in server.requests("GET")]
    assert paths == ["/v1/things", "/v1/things?marker=b"], "the link's query is applied to our own endpoint"


def test_next_link_params_keep_repeated_keys_and_read_the_previous_link() -> None:
    body = {
        "networks_links": [
            {"rel": "next", "href": "http://x/v2.0/networks?name=a&name=b&limit=2&marker=m"},
            {"rel": "previous", "href": "http://x/v2.0/networks?name=a&marker=f&page_reverse=True"},
        ]
    }
    assert next_link_params(body, "networks") == {"name": ["a", "b"], "limit": "2", "marker": "m"}
    assert next_link_params(body, "networks", rel="previous") == {"name": "a", "marker": "f", "page_reverse": "True"}
    assert next_link_params({"next": "/v2/images?marker=x"}, "images", rel="previous") is None


def test_resource_lists_backwards_following_previous_links(server: ScriptedServer) -> None:
    def handler(seen: Seen) -> Reply:
        query = parse_qs(urlsplit(seen.path).query)
        if "marker" not in query:
            links = [
                {"rel": "next", "href": "http://x/v1/things?marker=d"},
                {"rel": "previous", "href": "http://x/v1/things?marker=c&page_reverse=True"},
            ]
            return Reply(200, {"things": [{"id": "c"}, {"id": "d"}], "things_links": links})
        return Reply(
            200, {"things": [{"id": "a"}, {"id": "b"}], "things_links": [{"rel": "next", "href": "http://x/"}]}
        )

    server.route("GET", "/v1/things", handler)
    things = Resource("things", key="thing", parse=Thing, paging=LINK)
    found = things.list(api_for(server), {"page_reverse": "true"}, page_size=2, backwards=True)
    assert [t.id for t in found] == ["d", "c", "b", "a"]
    queries = [parse_qs(urlsplit(s.path).query) for s in server.requests("GET")]
    assert queries[1] == {"marker": ["c"], "page_reverse": ["True"], "limit": ["2"]}


def test_resource_crud_wraps_bodies_and_quotes_ids(server: ScriptedServer) -> None:
    server.route("POST", "/v1/things", lambda s: Reply(200, {"thing": {"id": "new", **s.json()["thing"]}}))
    server.route("GET", "/v1/things/a%2Fb", Reply(200, {"thing": {"id": "a/b"}}))
    server.route("PUT", "/v1/things/new", lambda s: Reply(200, {"thing": {"id": "new", **s.json()["thing"]}}))
    server.route("DELETE", "/v1/things/gone", Reply(404, {"itemNotFound": {"message": "gone"}}))
    server.route("POST", "/v1/things/new/action", Reply(202, ""))
    things = Resource("things", key="thing", parse=Thing, paging=MARKER)
    api = api_for(server)
    made = things.create(api, {"name": "x"})
    assert made.id == "new" and made.name == "x"
    assert things.get(api, "a/b").id == "a/b"
    assert things.update(api, "new", {"name": "y"}).name == "y"
    assert things.delete(api, "gone", ignore_missing=True) is False
    with pytest.raises(NotFound, match="gone"):
        things.delete(api, "gone")
    assert things.action(api, "new", {"reboot": {"type": "SOFT"}}) is None
    assert server.requests("POST", "/v1/things/new/action")[0].json() == {"reboot": {"type": "SOFT"}}


def test_an_update_answered_with_no_body_is_read_back_with_the_same_headers(server: ScriptedServer) -> None:
    server.route("PUT", "/v1/things/a", Reply(204, ""))
    server.route("GET", "/v1/things/a", Reply(200, {"thing": {"id": "a", "name": "y"}}))
    things = Resource("things", key="thing", parse=Thing)
    version = {"OpenStack-API-Version": "thing 2.5"}
    assert things.update(api_for(server), "a", {"name": "y"}, headers=version).name == "y"
    (read_back,) = server.requests("GET", "/v1/things/a")
    assert read_back.headers.get("OpenStack-API-Version") == "thing 2.5"


def test_resource_paths_with_parents(server: ScriptedServer) -> None:
    server.route("GET", "/v1/servers/s%201/attachments", Reply(200, {"attachments": [{"id": "v1"}]}))
    attachments = Resource("servers/{server_id}/attachments", key="attachment", parse=Thing, paging="single")
    assert [a.id for a in attachments.list(api_for(server), parents={"server_id": "s 1"})] == ["v1"]
    with pytest.raises(TypeError, match="server_id"):
        list(attachments.list(api_for(server)))


def test_a_parent_or_id_of_several_segments_quotes_each_and_keeps_the_slashes(server: ScriptedServer) -> None:
    from pkgcloud.resource import Segments

    server.route("GET", "/v1/stacks/my%20app/id%2F1/outputs", Reply(200, {"outputs": [{"id": "o"}]}))
    outputs = Resource("stacks/{stack}/outputs", key="output", parse=Thing, paging="single")
    stacks = Resource("stacks", key="stack", parse=Thing)
    parents = {"stack": Segments("my app", "id/1")}
    assert [o.id for o in outputs.list(api_for(server), parents=parents)] == ["o"]
    assert stacks.item_path(Segments("my app", "id/1")) == "stacks/my%20app/id%2F1"
    assert str(Segments("a", "b")) == "a/b"
    with pytest.raises(ValueError, match="non-empty strings"):
        Segments("a", "")


def statuses(*values: str) -> Any:
    items = [Thing({"id": "t", "name": "web", "status": v, "fault": "No valid host"}) for v in values]

    def refresh() -> Thing:
        return items.pop(0) if len(items) > 1 else items[0]

    return refresh


def test_wait_for_status_polls_until_reached(fake_clock: clock.FakeClock) -> None:
    result = wait_for_status(statuses("BUILD", "BUILD", "ACTIVE"), "active", interval=5, timeout=60)
    assert result.status == "ACTIVE"
    assert fake_clock.slept == [5, 5]


def test_wait_for_status_fails_with_the_fault_on_an_error_status(fake_clock: clock.FakeClock) -> None:
    with pytest.raises(ResourceFailed, match=r"Thing 'web' reached an error state .*ERROR: No valid host") as info:
        wait_for_status(statuses("BUILD", "ERROR"), "ACTIVE", interval=1)
    assert info.value.fault == "status ERROR: No valid host"


def test_wait_for_status_times_out_with_the_last_status(fake_clock: clock.FakeClock) -> None:
    with pytest.raises(WaitTimeout, match=r"did not reach ACTIVE within 12s \(last status: BUILD\)") as info:
        wait_for_status(statuses("BUILD"), "ACTIVE", interval=5, timeout=12)
    assert info.value.last.status == "BUILD"
    assert sum(fake_clock.slept) == 12


def test_wait_for_deleted_ends_on_not_found(fake_clock: clock.FakeClock) -> None:
    calls = {"n": 0}

    def refresh() -> Thing:
        calls["n"] += 1
        if calls["n"] >= 3:
            raise NotFound(method="GET", url="u", status=404, message="gone")
        return Thing({"id": "t", "status": "DELETING"})

    assert wait_for_status(refresh, "DELETED", interval=2) == "DELETED"
    assert calls["n"] == 3


def test_an_inclusive_marker_does_not_yield_the_marker_twice() -> None:
    items = [{"id": str(n)} for n in range(1, 6)]
    asked: list[dict[str, Any]] = []

    def page(query: dict[str, Any]) -> list[dict[str, Any]]:
        asked.append(dict(query))
        start = 0 if "marker" not in query else [i["id"] for i in items].index(query["marker"])
        return items[start : start + int(query["limit"])]  # the service's page starts with the marker

    fetch = marker_pages(page, lambda item: item["id"], inclusive=True)
    assert [i["id"] for i in paginate(fetch, page_size=3)] == ["1", "2", "3", "4", "5"]
    assert [q.get("marker") for q in asked] == [None, "3", "5"]
    asked.clear()
    plain = marker_pages(page, lambda item: item["id"])
    assert [i["id"] for i in paginate(plain, page_size=3)] == ["1", "2", "3", "3", "4", "5", "5"]


def test_a_resource_without_a_body_key_reads_the_object_itself() -> None:
    unwrapped: Resource[dict[str, Any]] = Resource("domains", key="", noun="zone", parse=dict)
    assert unwrapped.one({"id": 1, "name": "x"}) == {"id": 1, "name": "x"}
    assert unwrapped.many({"domains": [{"id": 1}]}) == [{"id": 1}]
    from pkgcloud.errors import MalformedResponse

    with pytest.raises(MalformedResponse, match="zone object"):
        unwrapped.one(["x"])
    with pytest.raises(ValueError, match="needs a noun"):
        Resource("domains", key="", parse=dict)


def test_wait_for_status_matches_an_operating_status_beside_the_status(fake_clock: clock.FakeClock) -> None:
    """Trove reports ``operating_status`` (HEALTHY) beside ``status`` (ACTIVE): either may be awaited."""
    items = [Thing({"id": "t", "status": "ACTIVE"}), Thing({"id": "t", "status": "ACTIVE"})]
    items[0].operating_status = ""  # type: ignore[attr-defined]
    items[1].operating_status = "HEALTHY"  # type: ignore[attr-defined]
    result = wait_for_status(lambda: items.pop(0), "healthy", interval=1)
    assert result.operating_status == "HEALTHY"


def test_a_settling_status_is_not_taken_for_the_end(fake_clock: clock.FakeClock) -> None:
    """Asked on every poll: the ACTIVE from before a restart is not the end; the one after REBOOT is."""
    seen: list[str] = []
    left = {"old": True}

    def settling(current: Any) -> bool:
        seen.append(current.status)
        if current.status != "ACTIVE":
            left["old"] = False
        return left["old"]

    result = wait_for_status(statuses("ACTIVE", "REBOOT", "ACTIVE"), "ACTIVE", interval=1, settling=settling)
    assert result.status == "ACTIVE" and seen == ["ACTIVE", "REBOOT", "ACTIVE"]
    assert fake_clock.slept == [1, 1]
