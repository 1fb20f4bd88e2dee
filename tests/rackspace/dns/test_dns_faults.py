"""Cloud DNS against the scripted server: bad input refused before any request, malformed answers
typed, and the job engine's rate limits, timeouts and intervals."""

from __future__ import annotations

from typing import Any

import pytest

import pkgcloud.dns
from pkgcloud import clock
from pkgcloud.errors import MalformedResponse, RateLimited, ValidationError, WaitTimeout
from pkgcloud_rackspace.dns import CloudDNS
from pkgcloud_rackspace.dns import bodies as B
from tests.harness.server import Reply, ScriptedServer, sequence
from tests.rackspace.conftest import rax_options, service_requests


def client(server: ScriptedServer, **extra: Any) -> CloudDNS:
    found = pkgcloud.dns.create_client(provider="rackspace", **rax_options(server, **extra))
    assert isinstance(found, CloudDNS)
    return found


JOB = "/v1.0/1/status/j1"


def accepted(status: str = "RUNNING") -> Reply:
    return Reply(202, {"jobId": "j1", "callbackUrl": "https://elsewhere.example/v1.0/1/status/j1", "status": status})


def finished(**more: Any) -> Reply:
    return Reply(200, {"jobId": "j1", "status": "COMPLETED", "verb": "PUT", **more})


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.create_zone("not a domain", email="a@b.com"), "domain name"),
        (lambda c: c.create_zone("example", email="a@b.com"), "domain name"),
        (lambda c: c.create_zone("example.com.", email="a@b.com"), "without its final dot"),
        (lambda c: c.create_zone("example.com", email="nobody"), "email address"),
        (lambda c: c.create_zone("example.com", email="a@b.com", ttl=299), "at least 300"),
        (lambda c: c.create_zone("example.com", email="a@b.com", colour="red"), "unknown option 'colour'"),
        (lambda c: c.create_record("1", name="x.example.com", type="PTR", data="1.2.3.4"), "reverse DNS"),
        (lambda c: c.create_record("1", name="x.example.com", type="SPF", data="v=spf1"), "no type 'SPF'"),
        (lambda c: c.create_record("1", name="x.example.com", type="A", data="::1"), "IPv4 address"),
        (lambda c: c.create_record("1", name="x.example.com", type="AAAA", data="10.0.0.1"), "IPv6 address"),
        (lambda c: c.create_record("1", name="x.example.com", type="MX", data="mx.example.com"), "needs a priority"),
        (lambda c: c.create_record("1", name="x.example.com", type="A", data="10.0.0.1", priority=5), "MX and SRV"),
        (lambda c: c.create_record("1", name="x.example.com", type="A", data="10.0.0.1", ttl=60), "at least 300"),
        (lambda c: c.create_record("1", name="x.example.com", type="A", data="10.0.0.1", weight=1), "unknown field"),
        (lambda c: c.create_records("1", [{"name": "a.b.c", "type": "A", "data": "10.0.0.1"}] * 101), "at most 100"),
        (lambda c: c.update_record("1", "A-1", type="CNAME"), "type cannot be changed"),
        (lambda c: c.update_record("1", "A-1"), "at least one field"),
        (lambda c: c.update_zone("1"), "at least one field"),
        (lambda c: c.update_zone("1", comment="x" * 161), "allows 160"),
        (lambda c: c.delete_records("1", []), "must not be empty"),
        (lambda c: list(c.list_zones(page_size=4, offset=6)), "multiple of the page size"),
        (lambda c: list(c.list_zones(offset=50)), "multiple of the page size \\(100"),
        (lambda c: list(c.list_zones(page_size=101)), "at most 100"),
        (lambda c: list(c.list_records("1", name="www.example.com")), "only with a type"),
        (lambda c: list(c.list_records("1", type="PTR")), "reverse DNS"),
        (lambda c: c.import_zone("   "), "BIND 9"),
        (lambda c: c.import_zone("x IN A 1.2.3.4", content_type="TINYDNS"), "BIND_9"),
        (lambda c: c.wait_for_job("j1", interval=0.5), "at least 1s"),
        (lambda c: c.get_zone("1", records="yes"), "True or False"),
    ],
)
def test_bad_input_is_refused_before_any_request(rax: ScriptedServer, call: Any, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        call(client(rax))
    assert service_requests(rax) == []


def test_falsy_values_are_sent() -> None:
    assert B.record_update({"comment": ""}) == {"comment": ""}
    assert B.record_update({"priority": 0}, "MX") == {"priority": 0}
    body = B.zone_create({"name": "example.com", "email": "a@b.com", "records": [], "subzones": [], "comment": ""})
    assert body == {
        "name": "example.com",
        "emailAddress": "a@b.com",
        "comment": "",
        "recordsList": {"records": []},
        "subdomains": {"domains": []},
    }
    assert B.zone_update({"comment": ""}, with_id="12") == {"id": 12, "comment": ""}
    assert B.record_create({"name": "a.example.com", "type": "mx", "data": "m.example.com", "priority": 0}) == {
        "name": "a.example.com",
        "type": "MX",
        "data": "m.example.com",
        "priority": 0,
    }


def test_delete_zone_sends_delete_subdomains_false_when_given(rax: ScriptedServer, fake_clock: Any) -> None:
    rax.route("DELETE", "/v1.0/1/domains/7", accepted())
    rax.route("GET", JOB, finished(verb="DELETE"))
    client(rax).delete_zone("7", subzones=False)
    (seen,) = rax.requests("DELETE")
    assert seen.path == "/v1.0/1/domains/7?deleteSubdomains=false"


def test_the_job_is_polled_on_our_endpoint_not_its_callback_url(rax: ScriptedServer, fake_clock: Any) -> None:
    rax.route("PUT", "/v1.0/1/domains/7", accepted())
    rax.route("GET", JOB, sequence(Reply(200, {"jobId": "j1", "status": "RUNNING"}), finished()))
    job = client(rax).update_zone("7", ttl=300)
    assert job.status == "COMPLETED"
    polls = rax.requests("GET", JOB)
    assert [p.path for p in polls] == [f"{JOB}?showDetails=true"] * 2
    assert fake_clock.slept == [1.0, 1.0]


def test_a_rate_limit_longer_than_the_transport_waits_is_sat_out_by_the_engine(
    rax: ScriptedServer, fake_clock: Any
) -> None:
    rax.route("PUT", "/v1.0/1/domains/7", accepted())
    # Repose's spelling, an ISO 8601 time 45 s from now
    import datetime as dt

    when = dt.datetime.fromtimestamp(clock.time() + 45, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    rax.route("GET", JOB, sequence(Reply(413, {"overLimit": {"message": "slow"}}, {"Reply-After": when}), finished()))
    job = client(rax, retries=3).update_zone("7", ttl=300)
    assert job.status == "COMPLETED"
    assert any(43 <= s <= 46 for s in fake_clock.slept), fake_clock.slept


def test_a_rate_limit_past_the_timeout_ends_the_wait(rax: ScriptedServer, fake_clock: Any) -> None:
    rax.route("GET", JOB, Reply(413, {"overLimit": {"message": "slow"}}, {"Retry-After": "600"}))
    with pytest.raises(WaitTimeout, match="rate limited") as info:
        client(rax).wait_for_job("j1", timeout=60)
    assert isinstance(info.value.__cause__, RateLimited)


def test_a_job_that_never_finishes_times_out(rax: ScriptedServer, fake_clock: Any) -> None:
    rax.route("GET", JOB, Reply(200, {"jobId": "j1", "status": "RUNNING"}))
    with pytest.raises(WaitTimeout, match="RUNNING"):
        client(rax).wait_for_job("j1", timeout=5, interval=2)
    assert len(rax.requests("GET", JOB)) == 4  # at 0, 2, 4 and 5 s


@pytest.mark.parametrize(
    ("answer", "match"),
    [
        (Reply(200, "<html>oops</html>", {"Content-Type": "text/html"}), "expected JSON"),
        (Reply(200, {"domains": {"a": 1}}), "list of domains"),
        (Reply(200, {"zones": []}), "'domains'"),
        (Reply(200, {"domains": [{"name": "x.com"}]}), "no 'id'"),
        (Reply(200, {"domains": ["x.com"]}), "zone object"),
    ],
)
def test_malformed_lists_are_typed(rax: ScriptedServer, answer: Reply, match: str) -> None:
    rax.route("GET", "/v1.0/1/domains", answer)
    with pytest.raises(MalformedResponse, match=match):
        list(client(rax).list_zones())


def test_a_zone_with_odd_fields_is_read_with_them_unset(rax: ScriptedServer) -> None:
    rax.route(
        "GET",
        "/v1.0/1/domains/5",
        Reply(200, {"id": 5, "ttl": "soon", "nameservers": "ns", "recordsList": [], "subdomains": {"domains": [1]}}),
    )
    zone = client(rax).get_zone(5)
    assert (zone.id, zone.ttl, zone.nameservers, zone.records, zone.subzones) == ("5", None, [], [], [])


@pytest.mark.parametrize(
    ("first", "poll", "match"),
    [
        (Reply(202, {"status": "RUNNING"}), None, "no 'jobId'"),
        (Reply(202, b""), None, "expected an object|job object"),
        (accepted(), finished(verb="POST"), "made no zone|list of domains"),
        (accepted(), finished(verb="POST", response={"domains": [{"name": "x.com"}]}), "no 'id'"),
    ],
)
def test_malformed_job_answers_are_typed(
    rax: ScriptedServer, fake_clock: Any, first: Reply, poll: Reply | None, match: str
) -> None:
    rax.route("POST", "/v1.0/1/domains", first)
    if poll is not None:
        rax.route("GET", JOB, poll)
    with pytest.raises(MalformedResponse, match=match):
        client(rax).create_zone("x.com", email="a@b.com")


def test_an_error_job_without_a_code_is_a_server_error(rax: ScriptedServer, fake_clock: Any) -> None:
    from pkgcloud.errors import ServerError

    rax.route("GET", JOB, Reply(200, {"jobId": "j1", "status": "ERROR", "error": "bad"}))
    with pytest.raises(ServerError, match="without a reason"):
        client(rax).wait_for_job("j1")


def test_a_rate_limited_change_is_sent_again_after_the_wait(rax: ScriptedServer, fake_clock: Any) -> None:
    rax.route(
        "POST",
        "/v1.0/1/domains/7/records",
        sequence(Reply(413, {"overLimit": {"message": "slow"}}, {"Retry-After": "40"}), accepted()),
    )
    rax.route(
        "GET",
        JOB,
        finished(verb="POST", response={"records": [{"id": "A-1", "name": "a.example.com", "type": "A"}]}),
    )
    record = client(rax).create_record("7", name="a.example.com", type="A", data="10.0.0.1")
    assert getattr(record, "id", None) == "A-1"
    assert len(rax.requests("POST", "/v1.0/1/domains/7/records")) == 2
    assert fake_clock.slept[0] == 40.0


def test_a_record_model_checks_the_data_of_its_type(rax: ScriptedServer) -> None:
    from pkgcloud.models.dns import Record

    with pytest.raises(ValidationError, match="IPv6"):
        client(rax).update_record("7", Record(id="AAAA-1", type="AAAA"), data="10.0.0.1")
    assert service_requests(rax) == []
