"""Cloud Load Balancers against the scripted server: bad input refused before any request, the
change policy's bounds and serialisation, and malformed answers typed."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

import pkgcloud.loadbalancer
from pkgcloud.errors import MalformedResponse, NotFound, UnprocessableEntity, ValidationError, WaitTimeout
from pkgcloud_rackspace.loadbalancer import CloudLoadBalancers
from pkgcloud_rackspace.loadbalancer import bodies as B
from tests.harness.server import Reply, ScriptedServer, Seen
from tests.rackspace.conftest import rax_options, service_requests

LB = "/v1.0/1/loadbalancers/7"


def client(server: ScriptedServer, **extra: Any) -> CloudLoadBalancers:
    found = pkgcloud.loadbalancer.create_client(provider="rackspace", **rax_options(server, **extra))
    assert isinstance(found, CloudLoadBalancers)
    return found


def node(n: int) -> dict[str, Any]:
    return {"address": f"10.0.0.{n}", "port": 80}


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.create_load_balancer("x" * 129, protocol="HTTP", port=80), "allows 128"),
        (lambda c: c.create_load_balancer("web", protocol="GOPHER", port=80), "protocol must be one of"),
        (lambda c: c.create_load_balancer("web", protocol="HTTP", port=0), "at least 1"),
        (lambda c: c.create_load_balancer("web", protocol="HTTP", port=80, algorithm="FASTEST"), "algorithm"),
        (lambda c: c.create_load_balancer("web", protocol="HTTP", port=80, virtual_ips=["PRIVATE"]), "PUBLIC"),
        (lambda c: c.create_load_balancer("web", protocol="HTTP", port=80, virtual_ips=[]), "non-empty"),
        (lambda c: c.create_load_balancer("web", protocol="HTTP", port=80, timeout=10), "at least 30"),
        (lambda c: c.create_load_balancer("web", protocol="HTTP", port=80, nodes=[node(1)] * 26), "at most 25"),
        (lambda c: c.create_load_balancer("web", protocol="HTTP", port=80, sticky=True), "unknown option"),
        (lambda c: c.create_load_balancer("web", protocol="HTTP", port=80, half_closed="no"), "True or False"),
        (
            lambda c: c.create_load_balancer("web", protocol="HTTP", port=80, health_monitor={"type": "HTTP"}),
            "path and status_regex",
        ),
        (lambda c: c.add_nodes("7", [node(n) for n in range(26)]), "at most 25"),
        (lambda c: c.add_nodes("7", [{"address": "10.0.0.1"}]), "needs a port"),
        (lambda c: c.add_nodes("7", [{**node(1), "weight": 0}]), "at least 1"),
        (lambda c: c.update_node("7", "1", weight=101), "at most 100"),
        (lambda c: c.update_node("7", "1", condition="OFF"), "ENABLED, DISABLED, DRAINING"),
        (lambda c: c.update_node("7", "1", address="10.0.0.9"), "cannot be changed"),
        (lambda c: c.update_node("7", "1"), "at least one field"),
        (lambda c: c.update_load_balancer("7"), "at least one field"),
        (lambda c: c.update_load_balancer("7", colour="red"), "unknown field"),
        (lambda c: c.remove_nodes("7", []), "non-empty"),
        (lambda c: c.set_health_monitor("7", "CONNECT", delay=0, timeout=5, attempts_before_deactivation=2), "delay"),
        (lambda c: c.set_health_monitor("7", "ICMP", delay=5, timeout=5, attempts_before_deactivation=2), "CONNECT"),
        (lambda c: c.set_session_persistence("7", "COOKIE"), "HTTP_COOKIE, SOURCE_IP"),
        (lambda c: c.set_connection_logging("7", None), "not None"),
        (lambda c: c.add_access_rules("7", [{"address": "1.2.3.4", "type": "BLOCK"}]), "ALLOW, DENY"),
        (lambda c: c.add_access_rules("7", [{"address": "1.2.3.4", "type": "DENY"}] * 101), "at most 100"),
        (lambda c: c.set_ssl_termination("7", certificate="abc", private_key="def"), "PEM"),
        (lambda c: c.add_metadata("7", {"k": 1}), "must be a string"),
        (lambda c: list(c.list_load_balancers(page_size=1)), "at least 2"),
        (lambda c: list(c.list_load_balancers(status="GONE")), "status must be one of"),
        (lambda c: c.update_load_balancer("7", name="x", wait_timeout=0), "positive"),
        (lambda c: c.wait_for("7", "READY"), "never reports"),
    ],
)
def test_bad_input_is_refused_before_any_request(rax: ScriptedServer, call: Any, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        call(client(rax))
    assert service_requests(rax) == []


def test_falsy_values_are_sent() -> None:
    assert B.load_balancer_update({"half_closed": False, "https_redirect": False}) == {
        "halfClosed": False,
        "httpsRedirect": False,
    }
    body = B.load_balancer_create(
        "web", protocol="HTTP", port=80, virtual_ips=["SERVICENET"], nodes_=[], connection_logging=False,
        content_caching=False, metadata_={},
    )  # fmt: skip
    assert body["nodes"] == [] and body["metadata"] == []
    assert body["connectionLogging"] == {"enabled": False} and body["contentCaching"] == {"enabled": False}
    assert B.connection_throttle(max_connections=0) == {"maxConnections": 0}
    assert B.virtual_ip({"id": 5}) == {"id": 5}


def test_the_immutable_retry_is_bounded(rax: ScriptedServer, fake_clock: Any) -> None:
    body = {"message": "Load Balancer '7' has a status of 'PENDING_UPDATE' and is considered immutable.", "code": 422}
    rax.route("PUT", LB, Reply(422, body))
    with pytest.raises(UnprocessableEntity, match="considered immutable"):
        client(rax).update_load_balancer("7", name="web", wait=False)
    assert fake_clock.slept[:5] == [1.0, 2.0, 4.0, 8.0, 10.0]
    assert sum(fake_clock.slept) <= CloudLoadBalancers.immutable_retry_for
    assert len(rax.requests("PUT", LB)) == len(fake_clock.slept) + 1


def test_changes_to_one_load_balancer_are_serialised(rax: ScriptedServer) -> None:
    state = {"now": 0, "most": 0}
    guard = threading.Lock()

    def slow(seen: Seen) -> Reply:
        with guard:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.05)
        with guard:
            state["now"] -= 1
        return Reply(202, b"")

    rax.route("PUT", "/v1.0/1/loadbalancers/", slow)
    c = client(rax)

    def run(lb: str) -> None:
        c.update_load_balancer(lb, name="web", wait=False)

    threads = [threading.Thread(target=run, args=("7",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert state["most"] == 1
    threads = [threading.Thread(target=run, args=(str(n),)) for n in (8, 9, 10, 11)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert state["most"] > 1  # different load balancers are changed side by side


def test_a_change_that_never_settles_times_out(rax: ScriptedServer, fake_clock: Any) -> None:
    rax.route("PUT", LB, Reply(202, b""))
    rax.route("GET", LB, Reply(200, {"loadBalancer": {"id": 7, "status": "PENDING_UPDATE"}}))
    with pytest.raises(WaitTimeout, match="PENDING_UPDATE"):
        client(rax).update_load_balancer("7", name="web", wait_timeout=20)


def test_deleting_an_unknown_metadata_key_names_the_keys_there_are(rax: ScriptedServer) -> None:
    rax.route("GET", f"{LB}/metadata", Reply(200, {"metadata": [{"id": 1, "key": "color", "value": "red"}]}))
    with pytest.raises(NotFound, match="'os'; there are: color"):
        client(rax).delete_metadata("7", ["os"], wait=False)
    assert rax.requests("DELETE") == []


@pytest.mark.parametrize(
    ("path", "answer", "call", "match"),
    [
        (LB, Reply(200, {"loadBalancers": []}), lambda c: c.get_load_balancer("7"), "'loadBalancer'"),
        (LB, Reply(200, {"loadBalancer": {"name": "x"}}), lambda c: c.get_load_balancer("7"), "no 'id'"),
        (LB, Reply(200, "<html/>", {"Content-Type": "text/html"}), lambda c: c.get_load_balancer("7"), "JSON"),
        (f"{LB}/nodes", Reply(200, {"nodes": {}}), lambda c: c.list_nodes("7"), "list of nodes"),
        (f"{LB}/healthmonitor", Reply(200, {"monitor": {}}), lambda c: c.get_health_monitor("7"), "healthMonitor"),
        (f"{LB}/accesslist", Reply(200, {"accessList": {}}), lambda c: c.get_access_list("7"), "accessList"),
        ("/v1.0/1/loadbalancers/protocols", Reply(200, {"protocols": [{}]}), lambda c: c.list_protocols(), "name"),
    ],
)
def test_malformed_answers_are_typed(rax: ScriptedServer, path: str, answer: Reply, call: Any, match: str) -> None:
    rax.route("GET", path, answer)
    with pytest.raises(MalformedResponse, match=match):
        call(client(rax))


def test_odd_fields_are_unset_not_errors(rax: ScriptedServer) -> None:
    doc = {"id": 7, "port": "http", "nodes": {"a": 1}, "virtualIps": [{"address": "x"}], "healthMonitor": [],
           "created": {"time": "not a time"}, "metadata": "m", "halfClosed": "maybe"}  # fmt: skip
    rax.route("GET", LB, Reply(200, {"loadBalancer": doc}))
    lb = client(rax).get_load_balancer("7")
    assert (lb.port, lb.nodes, lb.virtual_ips, lb.health_monitor, lb.created, lb.metadata, lb.half_closed) == (
        None, [], [], None, None, {}, None,
    )  # fmt: skip
