"""Cloud Files CDN against the scripted server: where each request goes (a purge only ever to the
``rax:object-cdn`` endpoint), the 404 that means "not CDN-enabled", TTL bounds, the 498 purge
limit, paging, static website headers, bad input and malformed answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import pkgcloud.storage
from pkgcloud.errors import EndpointNotFound, MalformedResponse, NotFound, ValidationError
from pkgcloud_rackspace.storage import CloudFiles, PurgeLimitExceeded
from tests.harness.server import Reply, ScriptedServer, scripted_server, sequence
from tests.rackspace.conftest import rax_options

STORE = "/v1/MossoCloudFS_1"
CDN = "/cdn/v1/MossoCloudFS_1"


def catalog(base: str, *, cdn: bool = True, cdn_url: str | None = None) -> dict[str, Any]:
    services: list[dict[str, Any]] = [
        {
            "name": "cloudFiles",
            "type": "object-store",
            "endpoints": [
                {"region": "DFW", "tenantId": "1", "publicURL": f"{base}{STORE}", "internalURL": f"{base}/snet{STORE}"},
                {"region": "ORD", "tenantId": "1", "publicURL": f"{base}/ord{STORE}"},
            ],
        }
    ]
    if cdn:
        services.append(
            {
                "name": "cloudFilesCDN",
                "type": "rax:object-cdn",
                "endpoints": [
                    {"region": "DFW", "tenantId": "1", "publicURL": cdn_url or f"{base}{CDN}"},
                    {"region": "ORD", "tenantId": "1", "publicURL": f"{base}/ord{CDN}"},
                ],
            }
        )
    return {
        "access": {
            "token": {"id": "rax-token", "expires": "2099-12-31T23:59:59Z", "tenant": {"id": "1", "name": "1"}},
            "user": {"id": "u", "name": "MOCK-USERNAME"},
            "serviceCatalog": services,
        }
    }


@pytest.fixture
def files() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        server.route("POST", "/v2.0/tokens", lambda seen: Reply(200, catalog(server.url)))
        yield server


def client(server: ScriptedServer, **extra: Any) -> CloudFiles:
    found = pkgcloud.storage.create_client(provider="rackspace", **rax_options(server, **extra))
    assert isinstance(found, CloudFiles)
    return found


def sent(server: ScriptedServer) -> list[tuple[str, str]]:
    return [(s.method, s.path) for s in server.requests() if not s.path.startswith("/v2.0/")]


CDN_HEADERS = {
    "X-Cdn-Enabled": "True",
    "X-Ttl": "86400",
    "X-Log-Retention": "False",
    "X-Cdn-Uri": "http://abc.r1.cf1.rackcdn.com",
    "X-Cdn-Ssl-Uri": "https://abc.ssl.cf1.rackcdn.com",
}


def test_purge_goes_to_the_cdn_endpoint_with_the_notification_addresses(files: ScriptedServer) -> None:
    files.route("DELETE", f"{CDN}/photos/a%20b.jpg", Reply(204))
    client(files).purge_cdn_object("photos", "a b.jpg", email=["ops@example.com", "me@example.com"])
    assert sent(files) == [("DELETE", f"{CDN}/photos/a%20b.jpg")]
    (seen,) = files.requests("DELETE")
    assert seen.headers["X-Purge-Email"] == "ops@example.com, me@example.com"


def test_purge_without_a_cdn_endpoint_is_refused_and_nothing_is_deleted() -> None:
    with scripted_server() as server:
        server.route("POST", "/v2.0/tokens", lambda seen: Reply(200, catalog(server.url, cdn=False)))
        c = client(server)
        with pytest.raises(EndpointNotFound, match="never sent to the storage endpoint"):
            c.purge_cdn_object("photos", "a.jpg")
        with pytest.raises(EndpointNotFound, match="rax:object-cdn"):
            c.get_cdn_container("photos")
        assert sent(server) == []


def test_purge_ignores_the_storage_endpoint_override(files: ScriptedServer) -> None:
    files.route("DELETE", f"{CDN}/photos/a.jpg", Reply(204))
    client(files, endpoint_override=f"{files.url}{STORE}").purge_cdn_object("photos", "a.jpg")
    assert sent(files) == [("DELETE", f"{CDN}/photos/a.jpg")]


def test_a_cdn_endpoint_that_is_the_storage_endpoint_is_refused() -> None:
    with scripted_server() as server:
        server.route("POST", "/v2.0/tokens", lambda seen: Reply(200, catalog(server.url, cdn_url=server.url + STORE)))
        with pytest.raises(EndpointNotFound, match="is the storage endpoint"):
            client(server).purge_cdn_object("photos", "a.jpg")
        assert sent(server) == []


def test_the_daily_purge_limit_is_typed_and_not_retried(files: ScriptedServer) -> None:
    files.route("DELETE", f"{CDN}/photos/a.jpg", Reply(498, "Rate Limited", headers={"Content-Type": "text/plain"}))
    with pytest.raises(PurgeLimitExceeded) as caught:
        client(files, retries=3).purge_cdn_object("photos", "a.jpg")
    assert caught.value.status == 498
    assert len(files.requests("DELETE")) == 1


def test_servicenet_keeps_storage_internal_and_the_cdn_public(files: ScriptedServer) -> None:
    files.route("HEAD", f"/snet{STORE}/photos", Reply(204, headers={"X-Container-Object-Count": "0"}))
    files.route("HEAD", f"{CDN}/photos", Reply(204, headers=CDN_HEADERS))
    c = client(files, use_internal=True)
    c.get_container("photos")
    assert c.get_cdn_container("photos").cdn_enabled is True
    assert sent(files) == [("HEAD", f"/snet{STORE}/photos"), ("HEAD", f"{CDN}/photos")]


def test_the_region_picks_the_cdn_endpoint(files: ScriptedServer) -> None:
    files.route("HEAD", f"/ord{CDN}/photos", Reply(204, headers=CDN_HEADERS))
    client(files, region="ORD").get_cdn_container("photos")
    assert sent(files) == [("HEAD", f"/ord{CDN}/photos")]


def test_cdn_state_is_read_from_the_headers(files: ScriptedServer) -> None:
    files.route("HEAD", f"{CDN}/photos", Reply(204, headers=CDN_HEADERS))
    found = client(files).get_cdn_container("photos")
    assert (found.name, found.cdn_enabled, found.ttl, found.log_retention) == ("photos", True, 86400, False)
    assert found.cdn_uri == "http://abc.r1.cf1.rackcdn.com"
    assert found.cdn_ssl_uri == "https://abc.ssl.cf1.rackcdn.com"
    assert found.cdn_streaming_uri is None


@pytest.mark.parametrize("status", [404, 403])
def test_a_container_the_cdn_does_not_know_is_not_enabled(files: ScriptedServer, status: int) -> None:
    files.route("HEAD", f"{CDN}/photos", Reply(status))
    found = client(files).get_cdn_container("photos")
    assert found.cdn_enabled is False
    assert found.cdn_uri is None


def test_other_cdn_errors_are_raised(files: ScriptedServer) -> None:
    files.route("POST", f"{CDN}/photos", Reply(404))
    with pytest.raises(NotFound):
        client(files).update_cdn_container("photos", ttl=900)


def test_enable_sends_the_ttl_and_reads_the_uris(files: ScriptedServer) -> None:
    files.route("PUT", f"{CDN}/photos", Reply(201, headers={"X-Cdn-Uri": "http://abc.r1.cf1.rackcdn.com"}))
    found = client(files).enable_cdn("photos", ttl=900)
    (seen,) = files.requests("PUT")
    assert (seen.headers["X-Cdn-Enabled"], seen.headers["X-Ttl"]) == ("True", "900")
    assert found.cdn_enabled is True
    assert found.cdn_uri == "http://abc.r1.cf1.rackcdn.com"


def test_enable_without_a_ttl_sends_none_and_reads_the_state_when_the_answer_has_no_uris(
    files: ScriptedServer,
) -> None:
    files.route("PUT", f"{CDN}/photos", Reply(202))
    files.route("HEAD", f"{CDN}/photos", Reply(204, headers=CDN_HEADERS))
    found = client(files).enable_cdn("photos")
    (seen,) = files.requests("PUT")
    assert "X-Ttl" not in seen.headers
    assert found.ttl == 86400


def test_update_sends_false_values_and_disable_is_a_post(files: ScriptedServer) -> None:
    files.route("POST", f"{CDN}/photos", Reply(204))
    files.route("HEAD", f"{CDN}/photos", Reply(204, headers={**CDN_HEADERS, "X-Cdn-Enabled": "False"}))
    c = client(files)
    c.update_cdn_container("photos", log_retention=False, ttl=31_536_000)
    assert c.disable_cdn("photos").cdn_enabled is False
    first, second = files.requests("POST", CDN)
    assert (first.headers["X-Log-Retention"], first.headers["X-Ttl"]) == ("False", "31536000")
    assert "X-Cdn-Enabled" not in first.headers
    assert second.headers["X-Cdn-Enabled"] == "False"


def test_listing_pages_by_marker_with_enabled_only(files: ScriptedServer) -> None:
    import pkgcloud_rackspace.storage.client as module

    page1 = [{"name": "a", "cdn_enabled": True, "ttl": 900}, {"name": "b", "cdn_enabled": True}]
    page2 = [{"name": "c", "cdn_enabled": True, "log_retention": True}]
    files.route("GET", CDN, sequence(Reply(200, page1), Reply(200, page2)))
    old = module.CDN_LISTING_LIMIT
    module.CDN_LISTING_LIMIT = 2
    try:
        names = [c.name for c in client(files).list_cdn_containers(enabled_only=True)]
    finally:
        module.CDN_LISTING_LIMIT = old
    assert names == ["a", "b", "c"]
    paths = [s.path for s in files.requests("GET")]
    assert paths == [
        f"{CDN}?format=json&enabled_only=true&limit=2",
        f"{CDN}?format=json&enabled_only=true&limit=2&marker=b",
    ]


def test_listing_without_enabled_only_does_not_send_it(files: ScriptedServer) -> None:
    files.route("GET", CDN, Reply(204))
    assert list(client(files).list_cdn_containers(limit=5, end_marker="m")) == []
    (seen,) = files.requests("GET")
    assert "enabled_only" not in seen.path
    assert "end_marker=m" in seen.path


@pytest.mark.parametrize("body", [{"name": "a"}, [{"ttl": 5}], [1, 2], "text", [{"name": 5}]])
def test_a_malformed_listing_is_typed(files: ScriptedServer, body: Any) -> None:
    files.route("GET", CDN, Reply(200, body))
    with pytest.raises(MalformedResponse):
        list(client(files).list_cdn_containers())


def test_malformed_cdn_headers_do_not_escape(files: ScriptedServer) -> None:
    files.route("HEAD", f"{CDN}/photos", Reply(204, headers={"X-Cdn-Enabled": "maybe", "X-Ttl": "soon"}))
    found = client(files).get_cdn_container("photos")
    assert (found.cdn_enabled, found.ttl) == (False, None)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.enable_cdn("p", ttl=899), "between 900"),
        (lambda c: c.enable_cdn("p", ttl=31_536_001), "between 900"),
        (lambda c: c.enable_cdn("p", ttl=True), "whole seconds"),
        (lambda c: c.enable_cdn("p", ttl="3600"), "whole seconds"),
        (lambda c: c.update_cdn_container("p"), "at least one"),
        (lambda c: c.update_cdn_container("p", log_retention="no"), "True or False"),
        (lambda c: c.purge_cdn_object("p", "o", email="nobody"), "not an e-mail address"),
        (lambda c: c.purge_cdn_object("p", "o", email=5), "address or a list"),
        (lambda c: c.purge_cdn_object("p", "o", email=["a@b.com"] * 26), "at most 25"),
        (lambda c: c.purge_cdn_object("p", ""), "object name"),
        (lambda c: list(c.list_cdn_containers(enabled_only=None)), "True or False"),
        (lambda c: list(c.list_cdn_containers(limit=-1)), "limit"),
        (lambda c: c.set_static_website("p"), "at least one"),
        (lambda c: c.set_static_website("p", listings="yes"), "True or False"),
        (lambda c: c.set_static_website("p", index="a\nb"), "line break"),
    ],
)
def test_bad_input_is_refused_before_any_request(files: ScriptedServer, call: Any, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        call(client(files))
    assert sent(files) == []


def test_static_website_settings_are_container_metadata_on_storage(files: ScriptedServer) -> None:
    files.route("POST", f"{STORE}/site", Reply(204))
    files.route(
        "HEAD",
        f"{STORE}/site",
        Reply(204, headers={"X-Container-Meta-Web-Index": "index.html", "X-Container-Meta-Web-Listings": "false"}),
    )
    found = client(files).set_static_website("site", index="index.html", error="", listings=False)
    (seen,) = files.requests("POST", STORE)
    assert seen.headers["X-Container-Meta-Web-Index"] == "index.html"
    assert seen.headers["X-Remove-Container-Meta-Web-Error"] == "x"
    assert seen.headers["X-Container-Meta-Web-Listings"] == "false"
    assert (found.index, found.error, found.listings) == ("index.html", None, False)
    assert [p for _, p in sent(files)] == [f"{STORE}/site", f"{STORE}/site"]


def test_a_413_with_a_retry_header_is_waited_out_and_one_without_is_a_limit(
    files: ScriptedServer, fake_clock: Any
) -> None:
    from pkgcloud.errors import RequestEntityTooLarge

    files.route(
        "HEAD",
        f"{CDN}/a",
        sequence(
            Reply(413, {"overLimit": {"code": 413}}, headers={"Retry-After": "2"}), Reply(204, headers=CDN_HEADERS)
        ),
    )
    files.route("HEAD", f"{CDN}/b", Reply(413, {"overLimit": {"code": 413}}))
    c = client(files, retries=2)
    assert c.get_cdn_container("a").cdn_enabled is True
    assert 2.0 in fake_clock.slept
    with pytest.raises(RequestEntityTooLarge):
        c.get_cdn_container("b")
    assert len(files.requests("HEAD", f"{CDN}/b")) == 1


def test_remove_static_website_removes_every_web_setting(files: ScriptedServer) -> None:
    files.route("POST", f"{STORE}/site", Reply(204))
    client(files).remove_static_website("site")
    (seen,) = files.requests("POST", STORE)
    removed = sorted(k for k in seen.headers if k.lower().startswith("x-remove-container-meta-web-"))
    assert [k.lower() for k in removed] == [
        "x-remove-container-meta-web-error",
        "x-remove-container-meta-web-index",
        "x-remove-container-meta-web-listings",
        "x-remove-container-meta-web-listings-css",
    ]
