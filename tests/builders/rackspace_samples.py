"""Rackspace Cloud DNS and Cloud Load Balancers cassettes, built from licensed captured fixtures.

Neither service can be reached from here. Each cassette is the API-key authentication (pkgcloud's
captured Rackspace catalog, ``rackspace/auth.json``) followed by the documented exchanges of one
test, their bodies taken from the Apache-2.0 fixtures of jclouds, libcloud and php-opencloud
(``../shared/api-samples``; each cassette names its files). Statuses are the documented ones
(services-round2 §6.2-6.3), not the fixtures' test-harness ones: every DNS change answers 202 with
a job that is then polled with ``showDetails=true``; every CLB change answers 202. Where no fixture
has a body (a job's first 202 answer, an ERROR job, 413s, 422s, a PENDING_UPDATE state...), the
cassette says so and carries the smallest body the API documents.

Run: PKGCLOUD_API_SAMPLES=/work/shared/api-samples .venv/bin/python -m tests.builders.rackspace_samples
"""

from __future__ import annotations

import copy
import json
from typing import Any

from tests.builders.common import SAMPLES, Interaction, sample, write_cassette

PKG = "pkgcloud-fixtures/test/fixtures/rackspace"
JD = "jclouds-fixtures/apis/rackspace-clouddns/src/test/resources"
JL = "jclouds-fixtures/apis/rackspace-cloudloadbalancers/src/test/resources"
LD = "libcloud-fixtures/libcloud/test/dns/fixtures/rackspace"
LL = "libcloud-fixtures/libcloud/test/loadbalancer/fixtures/rackspace"
PD = "php-opencloud-fixtures/tests/OpenCloud/Tests/DNS/_response"
PL = "php-opencloud-fixtures/tests/OpenCloud/Tests/LoadBalancer/_response"
IDENTITY = "https://identity.api.rackspacecloud.com/v2.0/tokens"
DNS = "https://dns.api.rackspacecloud.com/v1.0/123456"
CLB = "https://dfw.loadbalancers.api.rackspacecloud.com/v1.0/123456"
REASONS = {200: "OK", 202: "Accepted", 404: "Not Found", 409: "Conflict", 413: "Request Entity Too Large"}
REASONS[422] = "Unprocessable Entity"
BUILT = "no fixture has it: the smallest body the API documents"


def resp(relative: str) -> Any:
    """The JSON body of a php-opencloud ``.resp`` file (status line and headers, a blank line, the body)."""
    text = (SAMPLES / relative).read_text(encoding="utf-8")
    return json.loads(text.split("\n\n", 1)[1] if "\n\n" in text else text.split("\r\n\r\n", 1)[1])


class Cassette:
    def __init__(self, name: str) -> None:
        self.name = name
        self.token = sample(f"{PKG}/auth.json")["access"]["token"]["id"]
        self.items: list[Interaction] = [
            Interaction(
                "POST",
                IDENTITY,
                request_body={
                    "auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "MOCK-USERNAME", "apiKey": "MOCK-API-KEY"}}
                },
                response_body=sample(f"{PKG}/auth.json"),
            )
        ]
        self.sources: list[str] = [f"{PKG}/auth.json (identity)"]

    def add(
        self,
        method: str,
        url: str,
        status: int,
        response: Any = None,
        *,
        request: Any = None,
        headers: dict[str, str] | None = None,
        source: str | None = None,
    ) -> Cassette:
        self.items.append(
            Interaction(
                method,
                url,
                request_body=request,
                request_headers={"X-Auth-Token": self.token},
                status=status,
                reason=REASONS.get(status, "OK"),
                response_body=response,
                response_headers=headers,
            )
        )
        if source:
            self.sources.append(f"{method} {url.split('/v1.0/123456', 1)[-1] or '/'}: {source}")
        return self

    def write(self) -> str:
        return str(write_cassette(self.name, self.items, self.sources))


# -- DNS -----------------------------------------------------------------------------------------


def accepted(job_id: str, verb: str, path: str) -> dict[str, Any]:
    """A change's first answer (202): the job's id, callback and status, without details."""
    return {"jobId": job_id, "callbackUrl": f"{DNS}/status/{job_id}", "status": "RUNNING"}


def running(job_id: str, verb: str, path: str) -> dict[str, Any]:
    return {
        "status": "RUNNING",
        "verb": verb,
        "jobId": job_id,
        "callbackUrl": f"{DNS}/status/{job_id}",
        "requestUrl": f"{DNS}/{path}",
    }


def job_flow(
    c: Cassette,
    method: str,
    path: str,
    done: Any,
    done_source: str,
    *,
    request: Any = None,
    query: str = "",
    polls_running: int = 0,
    source: str = "",
) -> Cassette:
    job_id = done["jobId"]
    c.add(
        method,
        f"{DNS}/{path}{query}",
        202,
        accepted(job_id, method, path),
        request=request,
        source=(source or "request built by the SDK") + f"; 202 answer: {BUILT} ({{jobId, callbackUrl, status}})",
    )
    for _ in range(polls_running):
        c.add(
            "GET",
            f"{DNS}/status/{job_id}?showDetails=true",
            200,
            running(job_id, method, path),
            source=f"{JD}/job.json (RUNNING; its jobId, verb and URL set to this job's)",
        )
    c.add("GET", f"{DNS}/status/{job_id}?showDetails=true", 200, done, source=done_source)
    return c


def dns_cassettes() -> list[str]:
    out = []
    c = Cassette("rackspace/dns/zones_list")
    c.add(
        "GET",
        f"{DNS}/domains?limit=4",
        200,
        sample(f"{JD}/domain-list-page1.json"),
        source=f"{JD}/domain-list-page1.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains?limit=4&offset=4",
        200,
        sample(f"{JD}/domain-list-page2.json"),
        source=f"{JD}/domain-list-page2.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains?name=test.jclouds-example.com",
        200,
        sample(f"{JD}/domain-list-with-filter.json"),
        source=f"{JD}/domain-list-with-filter.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains",
        200,
        sample(f"{LD}/list_zones_no_results.json"),
        source=f"{LD}/list_zones_no_results.json",
    )
    out.append(c.write())

    c = Cassette("rackspace/dns/zone_get")
    c.add(
        "GET",
        f"{DNS}/domains/3650908?showRecords=true&showSubdomains=true",
        200,
        sample(f"{JD}/domain-get.json"),
        source=f"{JD}/domain-get.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains/2946063?showRecords=false&showSubdomains=false",
        200,
        sample(f"{LD}/list_records_no_results.json"),
        source=f"{LD}/list_records_no_results.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains/4444?showRecords=false&showSubdomains=false",
        404,
        sample(f"{LD}/does_not_exist.json"),
        source=f"{LD}/does_not_exist.json",
    )
    out.append(c.write())

    # create several zones: 202, then RUNNING, then COMPLETED with the zones made
    request = json.loads(sample(f"{JD}/domain-create-response.json")["request"])
    done = sample(f"{JD}/domain-create-response.json")
    c = Cassette("rackspace/dns/zones_create")
    job_flow(
        c,
        "POST",
        "domains",
        done,
        f"{JD}/domain-create-response.json",
        request=request,
        polls_running=1,
        source=f"request: the one {JD}/domain-create-response.json records",
    )
    out.append(c.write())

    # one zone, with an explicitly empty record list (the falsy [] is sent)
    done = sample(f"{LD}/create_zone_success.json")
    c = Cassette("rackspace/dns/zone_create")
    job_flow(
        c,
        "POST",
        "domains",
        done,
        f"{LD}/create_zone_success.json",
        request=json.loads(done["request"]),
        source=f"request: the one {LD}/create_zone_success.json records",
    )
    out.append(c.write())

    # an ERROR job: 409 "Domain already exists" (the docs' async-job error shape; no fixture has one)
    job_id = "0c9ce4a6-5fd6-4c4b-a3f6-9bb0c0e2d0a1"
    c = Cassette("rackspace/dns/zone_create_conflict")
    error = {
        "status": "ERROR",
        "verb": "POST",
        "jobId": job_id,
        "callbackUrl": f"{DNS}/status/{job_id}",
        "requestUrl": f"{DNS}/domains",
        "error": {"code": 409, "message": "Conflict", "details": "Domain already exists"},
    }
    job_flow(
        c,
        "POST",
        "domains",
        error,
        f"ERROR job: {BUILT} (error{{code, message, details}})",
        request={"domains": [{"name": "bar.foo1.com", "emailAddress": "test@test.com"}]},
    )
    out.append(c.write())

    # the status API rate-limited: 413 with Retry-After, then the job
    done = sample(f"{LD}/create_record_success.json")
    c = Cassette("rackspace/dns/job_rate_limited")
    path = "domains/2946173/records"
    c.add(
        "POST",
        f"{DNS}/{path}",
        202,
        accepted(done["jobId"], "POST", path),
        request=json.loads(done["request"]),
        source=f"request: the one {LD}/create_record_success.json records; 202 answer: {BUILT}",
    )
    c.add(
        "GET",
        f"{DNS}/status/{done['jobId']}?showDetails=true",
        413,
        {"overLimit": {"code": 413, "message": "OverLimit Retry...", "details": "Error Details..."}},
        headers={"Retry-After": "2"},
        source=f"413 with Retry-After: {BUILT} (libcloud mocks it with no body)",
    )
    c.add("GET", f"{DNS}/status/{done['jobId']}?showDetails=true", 200, done, source=f"{LD}/create_record_success.json")
    out.append(c.write())

    # an absolute limit: 413 without a retry header, not retried
    c = Cassette("rackspace/dns/zone_limit_reached")
    c.add(
        "POST",
        f"{DNS}/domains",
        413,
        {"code": 413, "message": "Limit of 500 domains has been reached", "details": ""},
        request={"domains": [{"name": "bar.foo1.com", "emailAddress": "test@test.com"}]},
        source=f"413 without a retry header: {BUILT} (the message services-round2 §0.3 quotes)",
    )
    out.append(c.write())

    c = Cassette("rackspace/dns/zones_update")
    done = sample(f"{LD}/update_zone_success.json")
    job_flow(
        c,
        "PUT",
        "domains/3650908",
        done,
        f"{LD}/update_zone_success.json",
        request=sample(f"{JD}/domain-update.json"),
        source=f"request: {JD}/domain-update.json",
    )
    done = sample(f"{JD}/domain-update-response.json")
    job_flow(
        c,
        "PUT",
        "domains",
        done,
        f"{JD}/domain-update-response.json",
        request=sample(f"{JD}/domain-update-email.json"),
        source=f"request: {JD}/domain-update-email.json",
    )
    out.append(c.write())

    c = Cassette("rackspace/dns/zones_delete")
    done = sample(f"{LD}/delete_zone_success.json")
    job_flow(c, "DELETE", "domains/2946063", done, f"{LD}/delete_zone_success.json")
    done = sample(f"{JD}/domain-delete.json")
    job_flow(
        c,
        "DELETE",
        "domains",
        done,
        f"{JD}/domain-delete.json",
        query="?id=3650907&id=3650906&id=3650908&id=3650909&deleteSubdomains=true",
        source=f"query: the one {JD}/domain-delete.json's test sends",
    )
    out.append(c.write())

    c = Cassette("rackspace/dns/zone_import_export")
    done = sample(f"{JD}/domain-import-response.json")
    job_flow(
        c,
        "POST",
        "domains/import",
        done,
        f"{JD}/domain-import-response.json",
        request=sample(f"{JD}/domain-import.json"),
        source=f"request: {JD}/domain-import.json",
    )
    done = sample(f"{JD}/domain-export.json")
    job_flow(c, "GET", "domains/3651323/export", done, f"{JD}/domain-export.json", polls_running=1)
    out.append(c.write())

    c = Cassette("rackspace/dns/zone_clone")
    job_id = "6c2f5a3e-0d3e-4d8f-9c59-6a9b2d2b7e11"
    clone = copy.deepcopy(sample(f"{LD}/create_zone_success.json"))
    clone.update(
        {"jobId": job_id, "callbackUrl": f"{DNS}/status/{job_id}", "requestUrl": f"{DNS}/domains/2946063/clone"}
    )
    clone.pop("request")
    clone["response"]["domains"][0].update({"name": "clone.example.com", "id": 2946999})
    job_flow(
        c,
        "POST",
        "domains/2946063/clone",
        clone,
        f"no fixture has a clone: {LD}/create_zone_success.json with the clone's name, id and job",
        query="?cloneName=clone.example.com&cloneSubdomains=true&modifyRecordData=false",
    )
    out.append(c.write())

    c = Cassette("rackspace/dns/zone_changes_subzones")
    c.add(
        "GET",
        f"{DNS}/domains/3650908/changes?since=2013-03-22T03%3A39%3A31%2B00%3A00",
        200,
        sample(f"{JD}/domain-list-changes.json"),
        source=f"{JD}/domain-list-changes.json (the docs name the query 'since'; jclouds' test sent 'changes')",
    )
    c.add(
        "GET",
        f"{DNS}/domains/3650908/subdomains?limit=4",
        200,
        sample(f"{JD}/subdomain-list-page1.json"),
        source=f"{JD}/subdomain-list-page1.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains/3650908/subdomains?limit=4&offset=4",
        200,
        sample(f"{JD}/subdomain-list-page2.json"),
        source=f"{JD}/subdomain-list-page2.json",
    )
    out.append(c.write())

    c = Cassette("rackspace/dns/records_read")
    c.add(
        "GET",
        f"{DNS}/domains/3650908/records?limit=4",
        200,
        sample(f"{JD}/record-list-page1.json"),
        source=f"{JD}/record-list-page1.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains/3650908/records?limit=4&offset=4",
        200,
        sample(f"{JD}/record-list-page2.json"),
        source=f"{JD}/record-list-page2.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains/3650908/records?type=A&name=jclouds-example.com&data=10.0.1.0",
        200,
        sample(f"{JD}/record-list-with-filter.json"),
        source=f"{JD}/record-list-with-filter.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains/3650908/records/A-9846146",
        200,
        sample(f"{JD}/record-get.json"),
        source=f"{JD}/record-get.json",
    )
    out.append(c.write())

    c = Cassette("rackspace/dns/records_create")
    done = sample(f"{JD}/record-create-response.json")
    job_flow(
        c,
        "POST",
        "domains/3668461/records",
        done,
        f"{JD}/record-create-response.json",
        request=sample(f"{JD}/record-create.json"),
        source=f"request: {JD}/record-create.json",
    )
    out.append(c.write())

    c = Cassette("rackspace/dns/records_update_delete")
    done = sample(f"{JD}/record-update-response.json")
    job_flow(
        c,
        "PUT",
        "domains/3669444/records/SRV-21839",
        done,
        f"{JD}/record-update-response.json",
        request=sample(f"{JD}/record-update.json"),
        source=f"request: {JD}/record-update.json",
    )
    done = sample(f"{JD}/records-update-response.json")
    job_flow(
        c,
        "PUT",
        "domains/3670431/records",
        done,
        f"{JD}/records-update-response.json",
        request=json.loads(done["request"]),
        source=f"request: the one {JD}/records-update-response.json records",
    )
    done = sample(f"{JD}/record-delete.json")
    job_flow(c, "DELETE", "domains/3670431/records/A-9849792", done, f"{JD}/record-delete.json")
    done = sample(f"{JD}/records-delete.json")
    job_flow(
        c, "DELETE", "domains/3670431/records", done, f"{JD}/records-delete.json", query="?id=A-9846146&id=MX-9846146"
    )
    out.append(c.write())

    c = Cassette("rackspace/dns/limits_jobs")
    c.add("GET", f"{DNS}/limits", 200, sample(f"{JD}/limit-list.json"), source=f"{JD}/limit-list.json")
    c.add("GET", f"{DNS}/status?showDetails=true", 200, resp(f"{PD}/AsyncJobs.resp"), source=f"{PD}/AsyncJobs.resp")
    out.append(c.write())
    return out


# -- Load balancers ------------------------------------------------------------------------------


def lb_state(lb_id: int, status: str, name: str = "sample-loadbalancer") -> dict[str, Any]:
    return {"loadBalancer": {"id": lb_id, "name": name, "status": status}}


def clb_cassettes() -> list[str]:
    out = []
    lb = f"{CLB}/loadbalancers/2000"
    c = Cassette("rackspace/loadbalancer/list")
    c.add(
        "GET",
        f"{CLB}/loadbalancers?limit=3",
        200,
        resp(f"{PL}/LoadBalancers1.resp"),
        source=f"{PL}/LoadBalancers1.resp",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers?limit=3&marker=3",
        200,
        resp(f"{PL}/LoadBalancers2.resp"),
        source=f"{PL}/LoadBalancers2.resp (the page starts with the marker's item)",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers?limit=3&marker=5",
        200,
        resp(f"{PL}/LoadBalancers3.resp"),
        source=f"{PL}/LoadBalancers3.resp",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers?limit=100&nodeaddress=10.1.1.1",
        200,
        sample(f"{LL}/v1_slug_loadbalancers_nodeaddress.json"),
        source=f"{LL}/v1_slug_loadbalancers_nodeaddress.json",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers?limit=100&status=DELETED&changes-since=2011-12-05T00%3A00%3A00%2B00%3A00",
        200,
        {"loadBalancers": [sample(f"{JL}/loadbalancer-get-deleted.json")["loadBalancer"]]},
        source=f"the load balancer of {JL}/loadbalancer-get-deleted.json, as a list",
    )
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/get")
    c.add("GET", lb, 200, sample(f"{JL}/loadbalancer-get.json"), source=f"{JL}/loadbalancer-get.json")
    c.add(
        "GET",
        f"{CLB}/loadbalancers/94696",
        200,
        sample(f"{LL}/v1_slug_loadbalancers_94696_http_health_monitor.json"),
        source=f"{LL}/v1_slug_loadbalancers_94696_http_health_monitor.json",
    )
    out.append(c.write())

    # create and wait: 202 with BUILD, then ACTIVE
    created = sample(f"{LL}/v1_slug_loadbalancers_post.json")
    c = Cassette("rackspace/loadbalancer/create_wait")
    c.add(
        "POST",
        f"{CLB}/loadbalancers",
        202,
        created,
        request={
            "loadBalancer": {
                "name": "test2",
                "protocol": "HTTP",
                "port": 80,
                "algorithm": "RANDOM",
                "virtualIps": [{"type": "PUBLIC"}],
                "nodes": [
                    {"address": "10.1.0.11", "port": 80, "condition": "ENABLED"},
                    {"address": "10.1.0.10", "port": 80, "condition": "ENABLED"},
                ],
            }
        },
        source=f"request built by the SDK for the load balancer of {LL}/v1_slug_loadbalancers_post.json, its answer",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers/8290",
        200,
        sample(f"{LL}/v1_slug_loadbalancers_8290.json"),
        source=f"{LL}/v1_slug_loadbalancers_8290.json",
    )
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/create_no_wait")
    c.add(
        "POST",
        f"{CLB}/loadbalancers",
        202,
        sample(f"{JL}/loadbalancer-get.json"),
        request=sample(f"{JL}/loadbalancer-create.json"),
        source=f"request {JL}/loadbalancer-create.json, answer {JL}/loadbalancer-get.json (their test's pair)",
    )
    c.add(
        "POST",
        f"{CLB}/loadbalancers",
        413,
        {"message": "Load balancer limit of 25 reached", "code": 413},
        request={
            "loadBalancer": {"name": "one-too-many", "protocol": "HTTP", "port": 80, "virtualIps": [{"type": "PUBLIC"}]}
        },
        source=f"413 without a retry header (LOADBALANCER_LIMIT): {BUILT}",
    )
    out.append(c.write())

    # update and wait: 202, PENDING_UPDATE, ACTIVE
    c = Cassette("rackspace/loadbalancer/update_wait")
    c.add(
        "PUT",
        lb,
        202,
        None,
        request=sample(f"{JL}/loadbalancer-update.json"),
        source=f"request {JL}/loadbalancer-update.json; 202 with no body",
    )
    c.add("GET", lb, 200, lb_state(2000, "PENDING_UPDATE", "foo"), source=f"PENDING_UPDATE: {BUILT}")
    c.add("GET", lb, 200, sample(f"{JL}/loadbalancer-get.json"), source=f"{JL}/loadbalancer-get.json")
    out.append(c.write())

    # the stale ACTIVE: the first poll still shows ACTIVE, then PENDING_UPDATE, then ACTIVE
    c = Cassette("rackspace/loadbalancer/stale_active")
    c.add(
        "PUT",
        lb,
        202,
        None,
        request={"loadBalancer": {"halfClosed": False, "timeout": 30}},
        source="request built by the SDK (falsy halfClosed sent); 202 with no body",
    )
    c.add(
        "GET", lb, 200, sample(f"{JL}/loadbalancer-get.json"), source=f"{JL}/loadbalancer-get.json (the stale ACTIVE)"
    )
    c.add("GET", lb, 200, lb_state(2000, "PENDING_UPDATE"), source=f"PENDING_UPDATE: {BUILT}")
    c.add("GET", lb, 200, sample(f"{JL}/loadbalancer-get.json"), source=f"{JL}/loadbalancer-get.json")
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/wait_error")
    c.add("PUT", lb, 202, None, request={"loadBalancer": {"algorithm": "ROUND_ROBIN"}}, source="202 with no body")
    c.add("GET", lb, 200, lb_state(2000, "PENDING_UPDATE"), source=f"PENDING_UPDATE: {BUILT}")
    c.add("GET", lb, 200, lb_state(2000, "ERROR"), source=f"ERROR: {BUILT}")
    c.add("GET", f"{CLB}/loadbalancers/71", 200, lb_state(71, "SUSPENDED", "lb-site1"), source=f"SUSPENDED: {BUILT}")
    out.append(c.write())

    immutable = {
        "message": "Load Balancer '2000' has a status of 'PENDING_UPDATE' and is considered immutable.",
        "code": 422,
    }
    immutable_source = (
        "422 immutable: rackerlabs/mimic mimic/model/clb_errors.py (Apache-2.0), verified by mimic against CLB"
    )
    nodes_path = f"{lb}/nodes"
    c = Cassette("rackspace/loadbalancer/immutable_retry")
    c.add("POST", nodes_path, 422, immutable, request=sample(f"{JL}/nodes-add.json"), source=immutable_source)
    c.add(
        "POST",
        nodes_path,
        202,
        sample(f"{JL}/nodes-list.json"),
        request=sample(f"{JL}/nodes-add.json"),
        source=f"request {JL}/nodes-add.json, answer {JL}/nodes-list.json (their test's pair)",
    )
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/not_retried_422")
    c.add(
        "POST",
        nodes_path,
        422,
        {"message": "Duplicate nodes detected. One or more nodes already configured on load balancer.", "code": 422},
        request={"nodes": [{"address": "10.1.1.1", "port": 80}]},
        source="422 duplicate nodes: the message rackerlabs/otter matches (Apache-2.0)",
    )
    c.add(
        "DELETE",
        f"{nodes_path}/410",
        422,
        {"message": "The load balancer is deleted and considered immutable.", "code": 422},
        source="422 deleted: the message rackerlabs/otter matches (Apache-2.0)",
    )
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/rate_limited")
    c.add(
        "PUT",
        f"{lb}/connectionlogging",
        413,
        {"message": "OverLimit Retry...", "code": 413},
        request=sample(f"{JL}/connectionlogging-disable.json"),
        headers={"Retry-After": "3"},
        source=f"413 with Retry-After: {BUILT}",
    )
    c.add(
        "PUT",
        f"{lb}/connectionlogging",
        202,
        None,
        request=sample(f"{JL}/connectionlogging-disable.json"),
        source=f"request {JL}/connectionlogging-disable.json (enabled false is sent)",
    )
    c.add(
        "POST",
        f"{lb}/accesslist",
        413,
        {"message": "OverLimit Retry...", "code": 413},
        request=sample(f"{JL}/accesslist-create.json"),
        headers={"Retry-After": "60"},
        source=f"413 with Retry-After (POST: the change policy sits it out): {BUILT}",
    )
    c.add(
        "POST",
        f"{lb}/accesslist",
        202,
        None,
        request=sample(f"{JL}/accesslist-create.json"),
        source=f"request {JL}/accesslist-create.json",
    )
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/nodes")
    c.add("GET", nodes_path, 200, sample(f"{JL}/nodes-list.json"), source=f"{JL}/nodes-list.json")
    c.add("GET", f"{nodes_path}/410", 200, sample(f"{JL}/node-get.json"), source=f"{JL}/node-get.json")
    c.add(
        "PUT",
        f"{nodes_path}/410",
        202,
        None,
        request=sample(f"{JL}/node-update.json"),
        source=f"request {JL}/node-update.json",
    )
    c.add("DELETE", f"{nodes_path}/410", 202, None, source="202 with no body")
    ids = [str(n) for n in range(401, 413)]
    c.add(
        "DELETE",
        f"{nodes_path}?" + "&".join(f"id={i}" for i in ids[:10]),
        202,
        None,
        source="bulk delete of 10 (the API's limit): 202 with no body",
    )
    c.add(
        "DELETE",
        f"{nodes_path}?" + "&".join(f"id={i}" for i in ids[10:]),
        202,
        None,
        source="the remaining 2: 202 with no body",
    )
    c.add(
        "GET",
        f"{nodes_path}/events",
        200,
        {
            "nodeServiceEvents": [
                {
                    "id": 1,
                    "loadbalancerId": 2000,
                    "nodeId": 410,
                    "type": "UPDATE_NODE",
                    "category": "UPDATE",
                    "severity": "INFO",
                    "description": "Node is online",
                    "author": "Rackspace Cloud",
                    "created": "2013-01-25T00:00:00Z",
                }
            ]
        },
        source=f"node service events: {BUILT}",
    )
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/virtual_ips")
    c.add("GET", f"{lb}/virtualips", 200, sample(f"{JL}/virtualips-list.json"), source=f"{JL}/virtualips-list.json")
    c.add(
        "POST",
        f"{lb}/virtualips",
        202,
        sample(f"{JL}/virtualips-create-response.json"),
        request=sample(f"{JL}/virtualips-create.json"),
        source=f"request {JL}/virtualips-create.json, answer {JL}/virtualips-create-response.json",
    )
    c.add("DELETE", f"{lb}/virtualips/9000134", 202, None, source="202 with no body")
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/settings")
    for tail, got, put, gone in (
        ("healthmonitor", "healthmonitor-get.json", "healthmonitor-create.json", "healthmonitor-get-deleted.json"),
        (
            "sessionpersistence",
            "sessionpersistence-get.json",
            "sessionpersistence-create.json",
            "sessionpersistence-get-deleted.json",
        ),
        (
            "connectionthrottle",
            "connectionthrottle-get.json",
            "connectionthrottle-create.json",
            "connectionthrottle-get-deleted.json",
        ),
    ):
        c.add("GET", f"{lb}/{tail}", 200, sample(f"{JL}/{got}"), source=f"{JL}/{got}")
        c.add("PUT", f"{lb}/{tail}", 202, None, request=sample(f"{JL}/{put}"), source=f"request {JL}/{put}")
        c.add("DELETE", f"{lb}/{tail}", 202, None, source="202 with no body")
        c.add("GET", f"{lb}/{tail}", 200, sample(f"{JL}/{gone}"), source=f"{JL}/{gone}")
    for tail in ("connectionlogging", "contentcaching"):
        c.add("GET", f"{lb}/{tail}", 200, sample(f"{JL}/{tail}-enable.json"), source=f"{JL}/{tail}-enable.json")
        c.add(
            "PUT",
            f"{lb}/{tail}",
            202,
            None,
            request=sample(f"{JL}/{tail}-disable.json"),
            source=f"request {JL}/{tail}-disable.json",
        )
    c.add("GET", f"{lb}/accesslist", 200, sample(f"{JL}/accesslist-list.json"), source=f"{JL}/accesslist-list.json")
    c.add(
        "POST",
        f"{lb}/accesslist",
        202,
        None,
        request=sample(f"{JL}/accesslist-create.json"),
        source=f"request {JL}/accesslist-create.json",
    )
    c.add("DELETE", f"{lb}/accesslist/23", 202, None, source="202 with no body")
    c.add("DELETE", f"{lb}/accesslist?id=24&id=25", 202, None, source="202 with no body")
    c.add("DELETE", f"{lb}/accesslist", 202, None, source="202 with no body")
    c.add(
        "GET",
        f"{lb}/ssltermination",
        200,
        sample(f"{JL}/ssltermination-get.json"),
        source=f"{JL}/ssltermination-get.json",
    )
    c.add(
        "PUT",
        f"{lb}/ssltermination",
        202,
        None,
        request=sample(f"{JL}/ssltermination-create.json"),
        source=f"request {JL}/ssltermination-create.json (its test key; the private key is scrubbed)",
    )
    c.add("DELETE", f"{lb}/ssltermination", 202, None, source="202 with no body")
    c.add(
        "GET", f"{lb}/errorpage", 200, sample(f"{LL}/error_page_default.json"), source=f"{LL}/error_page_default.json"
    )
    page = sample(f"{LL}/v1_slug_loadbalancers_8290_errorpage.json")
    c.add(
        "PUT",
        f"{lb}/errorpage",
        202,
        None,
        request=page,
        source=f"request: the page of {LL}/v1_slug_loadbalancers_8290_errorpage.json",
    )
    c.add("DELETE", f"{lb}/errorpage", 202, None, source="202 with no body")
    c.add("GET", f"{lb}/metadata", 200, sample(f"{JL}/metadata-list.json"), source=f"{JL}/metadata-list.json")
    c.add(
        "POST",
        f"{lb}/metadata",
        200,
        sample(f"{JL}/metadata-list.json"),
        request={"metadata": [{"key": "os", "value": "ubuntu"}]},
        source=f"answer {JL}/metadata-list.json (200 as documented for metadata)",
    )
    c.add("GET", f"{lb}/metadata", 200, sample(f"{JL}/metadata-list.json"), source=f"{JL}/metadata-list.json")
    c.add("DELETE", f"{lb}/metadata?id=1&id=3", 202, None, source="202 with no body")
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/reports")
    c.add(
        "GET",
        f"{lb}/stats",
        200,
        sample(f"{JL}/report-loadbalancerstats-get.json"),
        source=f"{JL}/report-loadbalancerstats-get.json",
    )
    c.add(
        "GET",
        f"{lb}/usage/current",
        200,
        sample(f"{JL}/report-loadbalancerusage-list.json"),
        source=f"{JL}/report-loadbalancerusage-list.json",
    )
    c.add(
        "GET",
        f"{lb}/usage?startTime=2013-01-25T00%3A00%3A00%2B00%3A00&endTime=2013-01-26T00%3A00%3A00%2B00%3A00",
        200,
        sample(f"{JL}/report-loadbalancerusage-list.json"),
        source=f"{JL}/report-loadbalancerusage-list.json",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers/usage?startTime=2013-01-25T00%3A00%3A00%2B00%3A00",
        200,
        sample(f"{JL}/report-historical-get.json"),
        source=f"{JL}/report-historical-get.json",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers/billable?startTime=2013-01-01T00%3A00%3A00%2B00%3A00&endTime=2013-02-01T00%3A00%3A00%2B00%3A00",
        200,
        sample(f"{JL}/report-billable-list.json"),
        source=f"{JL}/report-billable-list.json",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers/protocols",
        200,
        sample(f"{JL}/report-protocols-list.json"),
        source=f"{JL}/report-protocols-list.json",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers/algorithms",
        200,
        sample(f"{JL}/report-algorithms-list.json"),
        source=f"{JL}/report-algorithms-list.json",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers/absolutelimits",
        200,
        {
            "absolute": [
                {"name": "IPV6_LIMIT", "value": 25},
                {"name": "LOADBALANCER_LIMIT", "value": 25},
                {"name": "BATCH_DELETE_LIMIT", "value": 10},
                {"name": "ACCESS_LIST_LIMIT", "value": 100},
                {"name": "NODE_LIMIT", "value": 25},
            ]
        },
        source=f"absolute limits: {BUILT} (the limits services-round2 §6.3 lists)",
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers/alloweddomains",
        200,
        {"allowedDomains": [{"allowedDomain": {"name": "rackspace.com"}}]},
        source=f"allowed domains: {BUILT}",
    )
    out.append(c.write())

    c = Cassette("rackspace/loadbalancer/delete")
    c.add("DELETE", lb, 202, None, source="202 with no body")
    c.add("GET", lb, 200, lb_state(2000, "PENDING_DELETE"), source=f"PENDING_DELETE: {BUILT}")
    c.add(
        "GET",
        lb,
        404,
        {"message": "Load balancer not found", "code": 404},
        source="404: rackerlabs/mimic mimic/model/clb_errors.py",
    )
    out.append(c.write())
    return out


def docs_cassettes() -> list[str]:
    """The exchanges of the samples in docs/providers/rackspace/{dns,loadbalancer}.md, in their order."""
    out = []
    c = Cassette("docs/providers/rackspace/dns")
    done = sample(f"{LD}/create_zone_success.json")
    job_flow(c, "POST", "domains", done, f"{LD}/create_zone_success.json", request=json.loads(done["request"]))
    done = sample(f"{LD}/create_record_success.json")
    job_flow(
        c,
        "POST",
        "domains/2946173/records",
        done,
        f"{LD}/create_record_success.json",
        request=json.loads(done["request"]),
    )
    c.add(
        "GET",
        f"{DNS}/domains?limit=4",
        200,
        sample(f"{JD}/domain-list-page1.json"),
        source=f"{JD}/domain-list-page1.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains?limit=4&offset=4",
        200,
        sample(f"{JD}/domain-list-page2.json"),
        source=f"{JD}/domain-list-page2.json",
    )
    c.add(
        "GET",
        f"{DNS}/domains/2946173/records?type=A",
        200,
        {"records": [done["response"]["records"][0]], "totalEntries": 1},
        source=f"the record of {LD}/create_record_success.json, as a list",
    )
    c.add(
        "POST",
        f"{DNS}/domains",
        202,
        accepted("0c9ce4a6-5fd6-4c4b-a3f6-9bb0c0e2d0a1", "POST", "domains"),
        request={"domains": [{"name": "bar.foo1.com", "emailAddress": "test@test.com"}]},
        source=f"202: {BUILT}",
    )
    c.add(
        "GET",
        f"{DNS}/status/0c9ce4a6-5fd6-4c4b-a3f6-9bb0c0e2d0a1?showDetails=true",
        200,
        {
            "status": "ERROR",
            "verb": "POST",
            "jobId": "0c9ce4a6-5fd6-4c4b-a3f6-9bb0c0e2d0a1",
            "error": {"code": 409, "message": "Conflict", "details": "Domain already exists"},
        },
        source=f"ERROR job: {BUILT}",
    )
    done = sample(f"{LD}/delete_zone_success.json")
    job_flow(c, "DELETE", "domains/2946173", done, f"{LD}/delete_zone_success.json")
    out.append(c.write())

    c = Cassette("docs/providers/rackspace/loadbalancer")
    lb = f"{CLB}/loadbalancers/8290"
    c.add(
        "POST",
        f"{CLB}/loadbalancers",
        202,
        sample(f"{LL}/v1_slug_loadbalancers_post.json"),
        request={
            "loadBalancer": {
                "name": "test2",
                "protocol": "HTTP",
                "port": 80,
                "algorithm": "RANDOM",
                "virtualIps": [{"type": "PUBLIC"}],
                "nodes": [
                    {"address": "10.1.0.11", "port": 80, "condition": "ENABLED"},
                    {"address": "10.1.0.10", "port": 80, "condition": "ENABLED"},
                ],
            }
        },
        source=f"{LL}/v1_slug_loadbalancers_post.json",
    )
    c.add(
        "GET", lb, 200, sample(f"{LL}/v1_slug_loadbalancers_8290.json"), source=f"{LL}/v1_slug_loadbalancers_8290.json"
    )
    c.add(
        "POST",
        f"{lb}/nodes",
        202,
        sample(f"{LL}/v1_slug_loadbalancers_8290_nodes_post.json"),
        request={"nodes": [{"address": "10.1.0.12", "port": 80, "condition": "ENABLED", "weight": 1}]},
        source=f"{LL}/v1_slug_loadbalancers_8290_nodes_post.json",
    )
    c.add("GET", lb, 200, lb_state(8290, "PENDING_UPDATE", "test2"), source=f"PENDING_UPDATE: {BUILT}")
    c.add(
        "GET", lb, 200, sample(f"{LL}/v1_slug_loadbalancers_8290.json"), source=f"{LL}/v1_slug_loadbalancers_8290.json"
    )
    c.add(
        "PUT",
        f"{lb}/healthmonitor",
        202,
        None,
        request={"healthMonitor": {"type": "CONNECT", "delay": 10, "timeout": 5, "attemptsBeforeDeactivation": 2}},
        source="202 with no body",
    )
    c.add("GET", lb, 200, lb_state(8290, "PENDING_UPDATE", "test2"), source=f"PENDING_UPDATE: {BUILT}")
    c.add(
        "GET", lb, 200, sample(f"{LL}/v1_slug_loadbalancers_8290.json"), source=f"{LL}/v1_slug_loadbalancers_8290.json"
    )
    c.add(
        "GET",
        f"{CLB}/loadbalancers?limit=100",
        200,
        sample(f"{JL}/loadbalancers-list.json"),
        source=f"{JL}/loadbalancers-list.json",
    )
    c.add("DELETE", lb, 202, None, source="202 with no body")
    c.add("GET", lb, 404, {"message": "Load balancer not found", "code": 404}, source="404: rackerlabs/mimic")
    out.append(c.write())
    return out


def build() -> list[str]:
    return dns_cassettes() + clb_cassettes() + docs_cassettes()


if __name__ == "__main__":
    for path in build():
        print(path)
