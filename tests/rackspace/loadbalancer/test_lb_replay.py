"""Rackspace Cloud Load Balancers in replay, against cassettes built from captured fixtures
(tests/builders/rackspace_samples.py): every operation, the waits (BUILD/PENDING_UPDATE -> ACTIVE,
the stale ACTIVE, ERROR and SUSPENDED), and the change policy (422 immutable retried, other 422s and
absolute 413s not, 413 with a retry header waited out)."""

from __future__ import annotations

from typing import Any

import pytest

import pkgcloud.loadbalancer
from pkgcloud import clock
from pkgcloud.errors import RequestEntityTooLarge, ResourceFailed, UnprocessableEntity
from pkgcloud.models.loadbalancer import HealthMonitor, Node, VirtualIp
from pkgcloud_rackspace.loadbalancer import CloudLoadBalancers


def clb(**extra: Any) -> CloudLoadBalancers:
    options: dict[str, Any] = {"username": "MOCK-USERNAME", "api_key": "MOCK-API-KEY", "region": "DFW"}
    options.update(extra)
    client = pkgcloud.loadbalancer.create_client(provider="rackspace", **options)
    assert isinstance(client, CloudLoadBalancers)
    return client


def slept() -> list[float]:
    return list(getattr(clock.get_clock(), "slept", []))


def test_list_pages_by_inclusive_marker_and_filters(cassette: Any) -> None:
    import datetime as dt

    with cassette("rackspace/loadbalancer/list", built=True):
        client = clb()
        assert client.endpoint == "https://dfw.loadbalancers.api.rackspacecloud.com/v1.0/123456"
        found = list(client.list_load_balancers(page_size=3))
        assert [lb.id for lb in found] == ["1", "2", "3", "4", "5"]  # 3 and 5 began the next pages
        assert found[0].node_count == 3 and found[0].virtual_ips[0].address == "206.55.130.1"
        attached = list(client.list_load_balancers(node_address="10.1.1.1"))
        assert [(lb.id, lb.status) for lb in attached] == [("1", "ACTIVE"), ("2", "PENDING_UPDATE"), ("8", "ERROR")]
        (gone,) = client.list_load_balancers(status="DELETED", changes_since=dt.datetime(2011, 12, 5))
        assert gone.status == "DELETED" and gone.created is not None


def test_get_reads_every_setting(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/get", built=True):
        client = clb()
        lb = client.get_load_balancer(2000)
        assert (lb.name, lb.protocol, lb.port, lb.algorithm, lb.status) == (
            "sample-loadbalancer", "HTTP", 80, "RANDOM", "ACTIVE",
        )  # fmt: skip
        assert [n.id for n in lb.nodes] == ["1041", "1411"]
        assert [(v.ip_version, v.type) for v in lb.virtual_ips] == [("IPV4", "PUBLIC"), ("IPV6", "PUBLIC")]
        assert lb.health_monitor == HealthMonitor(type="CONNECT", delay=10, timeout=5, attempts_before_deactivation=2)
        assert lb.session_persistence == "HTTP_COOKIE"
        assert lb.connection_logging is True and lb.content_caching is True
        assert lb.half_closed is False
        assert lb.connection_throttle is not None and lb.connection_throttle.max_connection_rate == 50
        assert [(a.address, a.type) for a in lb.access_list] == [("1.2.3.4/32", "DENY"), ("12.0.0.0/8", "ALLOW")]
        assert lb.ssl_termination is not None and lb.ssl_termination.secure_port == 443
        assert lb.metadata == {"color": "red", "label": "web-load-balancer"}
        assert lb.cluster == "c1.dfw1" and lb.source_addresses["ipv4Public"] == "174.143.139.137"
        http = client.get_load_balancer("94696").health_monitor
        assert http is not None and http.type == "HTTP" and http.path == "/"


def test_create_waits_from_build_to_active(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/create_wait", built=True):
        lb = clb().create_load_balancer(
            "test2",
            protocol="HTTP",
            port=80,
            algorithm="RANDOM",
            nodes=[
                {"address": "10.1.0.11", "port": 80, "condition": "ENABLED"},
                {"address": "10.1.0.10", "port": 80, "condition": "ENABLED"},
            ],
        )
        assert (lb.id, lb.status) == ("8290", "ACTIVE")
        assert [n.condition for n in lb.nodes] == ["ENABLED", "DISABLED", "DRAINING"]


def test_create_without_waiting_and_an_absolute_limit(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/create_no_wait", built=True):
        client = clb()
        lb = client.create_load_balancer(
            "sample-loadbalancer",
            protocol="HTTP",
            port=80,
            algorithm="RANDOM",
            nodes=[
                {"address": "10.1.1.1", "port": 80, "condition": "ENABLED"},
                {"address": "10.1.1.2", "port": 80, "condition": "ENABLED"},
            ],
            wait=False,
        )
        assert lb.id == "2000"
        with pytest.raises(RequestEntityTooLarge, match="limit of 25"):
            client.create_load_balancer("one-too-many", protocol="HTTP", port=80)
        assert slept() == []


def test_update_waits_for_active_again(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/update_wait", built=True):
        lb = clb().update_load_balancer(2000, name="foo", protocol="HTTPS", port=443, algorithm="RANDOM")
        assert lb is not None and lb.status == "ACTIVE"
        assert slept() == [5.0]


def test_the_stale_active_after_a_change_is_not_taken_for_done(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/stale_active", built=True):
        lb = clb().update_load_balancer("2000", half_closed=False, timeout=30)
        assert lb is not None and lb.status == "ACTIVE"
        # ACTIVE at once (stale) -> poll again a second later -> PENDING_UPDATE -> every 5 s -> ACTIVE
        assert slept() == [1.0, 5.0]


def test_error_and_suspended_fail_the_waits(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/wait_error", built=True):
        client = clb()
        with pytest.raises(ResourceFailed, match="ERROR"):
            client.update_load_balancer("2000", algorithm="ROUND_ROBIN")
        with pytest.raises(ResourceFailed, match="SUSPENDED"):
            client.wait_for("71")


def test_an_immutable_422_is_retried_then_succeeds(cassette: Any) -> None:
    nodes = [
        {"address": "10.1.1.1", "port": 80, "condition": "ENABLED", "weight": 3},
        {"address": "10.1.1.2", "port": 80, "condition": "ENABLED", "type": "SECONDARY", "weight": 8},
        {"address": "10.1.1.3", "port": 80, "condition": "DISABLED", "weight": 12},
    ]
    with cassette("rackspace/loadbalancer/immutable_retry", built=True):
        added = clb().add_nodes("2000", nodes, wait=False)
        assert [(n.id, n.weight) for n in added] == [("410", 3), ("411", 8), ("412", 12)]
        assert slept() == [1.0]


def test_duplicate_and_deleted_422s_are_not_retried(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/not_retried_422", built=True):
        client = clb()
        with pytest.raises(UnprocessableEntity, match="Duplicate nodes"):
            client.add_nodes("2000", [{"address": "10.1.1.1", "port": 80}], wait=False)
        with pytest.raises(UnprocessableEntity, match="deleted"):
            client.remove_node("2000", "410", wait=False)
        assert slept() == []


def test_a_413_with_a_retry_header_is_waited_out(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/rate_limited", built=True):
        client = clb()
        client.set_connection_logging("2000", False, wait=False)  # PUT: the transport retries it
        client.add_access_rules(
            "2000",
            [
                {"address": "206.160.163.21", "type": "DENY"},
                {"address": "206.160.165.11", "type": "DENY"},
                {"address": "206.160.163.22", "type": "DENY"},
            ],
            wait=False,
        )  # POST, and 60 s: longer than the transport waits; the change policy sits it out
        assert slept() == [3.0, 60.0]


def test_nodes(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/nodes", built=True):
        client = clb()
        assert [n.id for n in client.list_nodes("2000")] == ["410", "411", "412"]
        node = client.get_node("2000", "410")
        assert node == Node(
            id="410", address="10.1.1.1", port=80, condition="ENABLED", status="ONLINE", weight=12,
            type="PRIMARY", metadata={"color": "red", "label": "web-load-balancer"},
        )  # fmt: skip
        assert client.update_node("2000", node, condition="DISABLED", type="SECONDARY", weight=20, wait=False) is None
        client.remove_node("2000", 410, wait=False)
        client.remove_nodes("2000", [str(n) for n in range(401, 413)], wait=False)  # 10, then 2
        (event,) = client.list_node_events("2000")
        assert event["nodeId"] == 410


def test_virtual_ips(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/virtual_ips", built=True):
        client = clb()
        assert [v.id for v in client.list_virtual_ips("2000")] == ["5557", "9076419", "9079727"]
        vip = client.add_virtual_ip("2000", wait=False)
        assert vip == VirtualIp(
            id="9000134", address="fd24:f480:ce44:91bc:1af2:15ff:0000:0002", type="PUBLIC", ip_version="IPV6"
        )
        client.remove_virtual_ip("2000", vip, wait=False)


def test_settings_read_set_and_removed(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/settings", built=True):
        c = clb()
        lb = "2000"
        monitor = c.get_health_monitor(lb)
        assert monitor is not None and monitor.delay == 3599
        c.set_health_monitor(lb, "CONNECT", delay=3599, timeout=30, attempts_before_deactivation=2, wait=False)
        c.remove_health_monitor(lb, wait=False)
        assert c.get_health_monitor(lb) is None
        assert c.get_session_persistence(lb) == "HTTP_COOKIE"
        c.set_session_persistence(lb, "HTTP_COOKIE", wait=False)
        c.remove_session_persistence(lb, wait=False)
        assert c.get_session_persistence(lb) is None
        throttle = c.get_connection_throttle(lb)
        assert throttle is not None and throttle.min_connections == 10
        c.set_connection_throttle(
            lb, max_connections=100, min_connections=10, max_connection_rate=100, rate_interval=100, wait=False
        )
        c.remove_connection_throttle(lb, wait=False)
        assert c.get_connection_throttle(lb) is None
        assert c.get_connection_logging(lb) is True
        c.set_connection_logging(lb, False, wait=False)
        assert c.get_content_caching(lb) is True
        c.set_content_caching(lb, False, wait=False)
        assert [r.id for r in c.get_access_list(lb)] == ["23", "24", "25"]
        rules = [{"address": a, "type": "DENY"} for a in ("206.160.163.21", "206.160.165.11", "206.160.163.22")]
        c.add_access_rules(lb, rules, wait=False)
        c.remove_access_rule(lb, "23", wait=False)
        c.remove_access_rules(lb, ["24", "25"], wait=False)
        c.clear_access_list(lb, wait=False)
        ssl = c.get_ssl_termination(lb)
        assert ssl is not None and ssl.enabled is True and ssl.certificate is not None
        assert "privatekey" not in ssl.raw and "private" not in repr(ssl).lower()
        # the certificates the service showed (those of the create fixture); any private key will do:
        # the scrubber blanks it on both sides
        c.set_ssl_termination(
            lb,
            certificate=ssl.certificate,
            private_key="-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----",
            intermediate_certificate=ssl.intermediate_certificate,
            enabled=True,
            secure_port=443,
            secure_traffic_only=False,
            wait=False,
        )
        c.remove_ssl_termination(lb, wait=False)
        assert (c.get_error_page(lb) or "").startswith("<html><head>")
        c.set_error_page(lb, "<html>Generic Error Page</html>", wait=False)
        c.remove_error_page(lb, wait=False)
        assert c.get_metadata(lb) == {"color": "red", "label": "web-load-balancer", "os": "ubuntu"}
        assert c.add_metadata(lb, {"os": "ubuntu"}, wait=False)["os"] == "ubuntu"
        c.delete_metadata(lb, ["color", "os"], wait=False)


def test_reports_and_what_the_service_offers(cassette: Any) -> None:
    import datetime as dt

    day = dt.datetime(2013, 1, 25)
    with cassette("rackspace/loadbalancer/reports", built=True):
        c = clb()
        assert c.get_stats("2000")["maxConn"] == 22
        assert c.get_current_usage("2000")["loadBalancerUsageRecords"][0]["numPolls"] == 12
        usage = c.get_usage("2000", start=day, end=dt.datetime(2013, 1, 26))
        assert len(usage["loadBalancerUsageRecords"]) > 1
        assert c.get_account_usage(start=day)["accountId"] == 717071
        billed = c.list_billable_load_balancers(start=dt.datetime(2013, 1, 1), end=dt.datetime(2013, 2, 1))
        assert [b.id for b in billed] == ["85901", "90903"]
        protocols = c.list_protocols()
        assert ("HTTPS", 443) in [(p.name, p.port) for p in protocols] and len(protocols) == 20
        assert c.list_algorithms()[-1] == "WEIGHTED_ROUND_ROBIN"
        assert c.get_limits()["NODE_LIMIT"] == 25
        assert c.list_allowed_domains() == ["rackspace.com"]


def test_delete_waits_until_gone(cassette: Any) -> None:
    with cassette("rackspace/loadbalancer/delete", built=True):
        assert clb().delete_load_balancer("2000") is None
        assert slept() == [5.0]
