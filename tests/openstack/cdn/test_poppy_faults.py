"""Poppy on real sockets (the scripted server): the project header, where a create's Location is read,
and answers the SDK did not expect (always a typed error naming service, method and URL)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import pkgcloud.cdn
from pkgcloud.errors import BadRequest, MalformedResponse, ResourceFailed, ServerError, WaitTimeout
from tests.harness.server import Reply, ScriptedServer, scripted_server

SERVICE_ID = "d49cd860-911f-11e4-b4a9-0800200c9a66"
PROJECT = "123456"
HTML = Reply(200, b"<html><body>Maintenance</body></html>", {"Content-Type": "text/html"})


def service(**extra: Any) -> dict[str, Any]:
    return {"id": SERVICE_ID, "name": "site", "status": "deployed", **extra}


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server


def cdn(server: ScriptedServer, **options: Any) -> Any:
    return pkgcloud.cdn.create_client(
        provider="openstack", token="t", endpoint_override=f"{server.url}/v1.0/{PROJECT}", retries=0, **options
    )


def test_every_request_names_the_project_poppy_requires(srv):
    srv.route("GET", f"/v1.0/{PROJECT}/services/{SERVICE_ID}", Reply(200, service()))
    srv.route("GET", f"/v1.0/{PROJECT}/flavors", Reply(200, {"flavors": []}))
    client = cdn(srv)
    client.get_service(SERVICE_ID)
    list(client.list_flavors())
    assert [s.headers.get("X-Project-Id") for s in srv.seen] == [PROJECT, PROJECT]
    other = cdn(srv, tenant_id="abc")  # the option, when given, is the project
    other.get_service(SERVICE_ID)
    assert srv.seen[-1].headers.get("X-Project-Id") == "abc"


def test_a_create_reads_the_new_service_on_our_endpoint_whatever_host_location_names(srv):
    location = f"http://10.0.0.9:8888/v1.0/services/{SERVICE_ID}"
    srv.route("POST", f"/v1.0/{PROJECT}/services", Reply(202, b"", {"Location": location}))
    srv.route("GET", f"/v1.0/{PROJECT}/services/{SERVICE_ID}", Reply(200, service(status="create_in_progress")))
    created = cdn(srv).create_service(
        "site",
        domains=[{"domain": "www.example.com"}],
        origins=[{"origin": "origin.example.com", "port": 80, "ssl": False}],
        flavor_id="cdn",
    )
    assert created.id == SERVICE_ID
    assert [(s.method, s.path) for s in srv.seen] == [
        ("POST", f"/v1.0/{PROJECT}/services"),
        ("GET", f"/v1.0/{PROJECT}/services/{SERVICE_ID}"),
    ]
    assert srv.seen[0].json() == {
        "name": "site",
        "domains": [{"domain": "www.example.com"}],
        "origins": [{"origin": "origin.example.com", "port": 80, "ssl": False}],
        "flavor_id": "cdn",
    }


def test_a_create_answer_without_location_is_malformed(srv):
    srv.route("POST", f"/v1.0/{PROJECT}/services", Reply(202, b""))
    with pytest.raises(MalformedResponse, match="Location does not name a service") as caught:
        cdn(srv).create_service(
            "site", domains=[{"domain": "www.example.com"}], origins=[{"origin": "origin.example.com"}], flavor_id="cdn"
        )
    assert (caught.value.service, caught.value.method) == ("cdn", "POST")


@pytest.mark.parametrize(
    ("call", "route", "answer", "reason"),
    [
        (lambda c: c.get_service(SERVICE_ID), f"services/{SERVICE_ID}", HTML, "text/html"),
        (lambda c: c.get_service(SERVICE_ID), f"services/{SERVICE_ID}", Reply(200, [service()]), "a list of 1"),
        (lambda c: c.get_service(SERVICE_ID), f"services/{SERVICE_ID}", Reply(200, {"name": "x"}), "no 'id'"),
        (lambda c: list(c.list_services()), "services", Reply(200, {"services": {}}), "a list of services"),
        (lambda c: list(c.list_services()), "services", Reply(200, {"links": []}), "{'services': \\[...\\]}"),
        (lambda c: list(c.list_flavors()), "flavors", Reply(200, {"flavor": []}), "{'flavors': \\[...\\]}"),
        (lambda c: c.get_flavor("cdn"), "flavors/cdn", Reply(200, {"providers": []}), "no 'id'"),
        (lambda c: c.get_home_document(), "", Reply(200, ["x"]), "the home document"),
    ],
)
def test_unexpected_answers_are_malformed_responses(srv, call, route, answer, reason):
    srv.route("GET", f"/v1.0/{PROJECT}/{route}".rstrip("/"), answer)
    with pytest.raises(MalformedResponse, match=reason) as caught:
        call(cdn(srv))
    assert (caught.value.service, caught.value.method) == ("cdn", "GET")


def test_fields_of_the_wrong_type_are_left_unset(srv):
    odd = service(domains={"domain": "x"}, links="none", errors=None, log_delivery=[], status=3)
    srv.route("GET", f"/v1.0/{PROJECT}/services/{SERVICE_ID}", Reply(200, odd))
    got = cdn(srv).get_service(SERVICE_ID)
    assert (got.domains, got.links, got.access_urls, got.errors, got.log_delivery) == ([], [], [], [], None)
    assert got.status == "3"


def test_ping_is_false_when_poppy_says_it_is_unwell_and_raises_otherwise(srv):
    srv.route("GET", f"/v1.0/{PROJECT}/ping", Reply(503))
    assert cdn(srv).ping() is False
    assert len(srv.requests("GET")) == 1  # a health check is not retried
    srv.route("GET", f"/v1.0/{PROJECT}/ping", Reply(500))
    with pytest.raises(ServerError, match="returned 500"):
        cdn(srv).ping()


def test_jsonpatch_is_imported_only_when_a_patch_is_computed():
    code = (
        "import sys, pkgcloud.cdn\n"
        "c = pkgcloud.cdn.create_client(provider='openstack', token='t', endpoint_override='http://127.0.0.1:9/v1.0')\n"
        "assert 'jsonpatch' not in sys.modules, 'imported with the client'\n"
        "ops = c.diff_services({'name': 'abc'}, {'name': 'abd'})\n"
        "assert ops == [{'op': 'replace', 'path': '/name', 'value': 'abd'}], ops\n"
        "assert 'jsonpatch' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_poppys_schema_refusal_is_a_bad_request_with_the_schemas_words(srv):
    answer = {"message": {"errors": [{"message": "[]-'flavor_id' is a required property"}, {"message": "[]-x"}]}}
    srv.route("POST", f"/v1.0/{PROJECT}/services", Reply(400, answer))
    with pytest.raises(BadRequest, match="'flavor_id' is a required property; \\[\\]-x") as caught:
        cdn(srv).create_service(
            "site", domains=[{"domain": "www.example.com"}], origins=[{"origin": "origin.example.com"}], flavor_id="cdn"
        )
    assert caught.value.status == 400 and caught.value.details == answer


def test_a_change_to_a_service_the_operator_disabled_fails_at_once(srv, fake_clock):
    srv.route("GET", f"/v1.0/{PROJECT}/services/{SERVICE_ID}", Reply(200, service(status="disabled")))
    client = cdn(srv)
    with pytest.raises(ResourceFailed, match="status disabled: the service was disabled by the operator"):
        client.update_service(SERVICE_ID, [{"op": "replace", "path": "/name", "value": "abc"}])
    with pytest.raises(ResourceFailed, match="disabled by the operator"):
        client.purge_cached_assets(SERVICE_ID)
    assert [s.method for s in srv.seen] == ["GET", "GET"]  # nothing was sent but the reads


def test_a_service_that_stays_in_progress_times_out(srv, fake_clock):
    srv.route("GET", f"/v1.0/{PROJECT}/services/{SERVICE_ID}", Reply(200, service(status="update_in_progress")))
    with pytest.raises(WaitTimeout, match="not ready after 30s"):
        cdn(srv).purge_cached_assets(SERVICE_ID, wait_timeout=30, interval=10)
    assert {s.method for s in srv.seen} == {"GET"}
