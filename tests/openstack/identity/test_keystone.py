"""Keystone v3/v2.0 against a local Keystone stand-in: versions, bodies, rescoping, errors, no secrets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pkgcloud.auth import EndpointQuery, StaticTokenAuth
from pkgcloud.errors import (
    AuthenticationFailed,
    ConnectionFailed,
    EndpointNotFound,
    InvalidOption,
    MissingOption,
)
from pkgcloud.plugins.registry import registry
from pkgcloud_openstack.identity import make_auth
from pkgcloud_openstack.identity.keystone import KeystoneAuth, split_auth_url
from tests.harness.fake_keystone import FakeKeystone
from tests.harness.server import Reply, ScriptedServer, Seen, scripted_server


@pytest.fixture
def server() -> ScriptedServer:
    with scripted_server() as srv:
        yield srv  # type: ignore[misc]


def auth_for(**given: Any) -> KeystoneAuth:
    options = registry.provider("openstack").resolve_options(given, "storage")
    auth = make_auth(options, registry.hooks)
    assert isinstance(auth, KeystoneAuth)
    return auth


@pytest.mark.parametrize(
    ("url", "root", "version"),
    [
        ("http://h:5000", "http://h:5000", None),
        ("http://h:5000/", "http://h:5000", None),
        ("http://h:5000/v3", "http://h:5000", "v3"),
        ("http://h:5000/v3/", "http://h:5000", "v3"),
        ("http://h:5000/v3/auth/tokens", "http://h:5000", "v3"),
        ("http://h:5000/v2.0/tokens", "http://h:5000", "v2.0"),
        ("https://cloud.example/identity/v2.0/", "https://cloud.example/identity", "v2.0"),
        ("https://cloud.example/identity", "https://cloud.example/identity", None),
        ("https://cloud.example/identity/auth/tokens", "https://cloud.example/identity", None),
    ],
)
def test_auth_url_with_or_without_version_slash_or_token_path(url: str, root: str, version: str | None) -> None:
    assert split_auth_url(url) == (root, version)


def test_unversioned_url_is_discovered_and_v3_preferred(server: ScriptedServer) -> None:
    keystone = FakeKeystone(server)
    server.route(
        "GET",
        "/",
        Reply(
            300, {"versions": {"values": [{"id": "v2.0", "status": "deprecated"}, {"id": "v3.14", "status": "stable"}]}}
        ),
    )
    auth = auth_for(
        auth_url=server.url + "/", username="demo", password="secret-pw", tenant_name="demo", domain_name="Default"
    )
    assert auth.token == "tok-1"
    assert auth.version == "v3"
    assert [s.path for s in server.seen] == ["/", "/v3/auth/tokens"], "one discovery, then the token, no doubled path"
    assert keystone.token_requests == 1


def test_a_versioned_url_is_not_discovered_nor_doubled(server: ScriptedServer) -> None:
    FakeKeystone(server)
    auth = auth_for(
        auth_url=server.url + "/v3/auth/tokens",
        username="demo",
        password="secret-pw",
        tenant_name="demo",
        domain_name="Default",
    )
    auth.token  # noqa: B018
    assert [s.path for s in server.seen] == ["/v3/auth/tokens"]


def test_v2_only_keystone_is_discovered(server: ScriptedServer) -> None:
    FakeKeystone(server)
    server.route("GET", "/", Reply(300, {"versions": {"values": [{"id": "v2.0", "status": "stable"}]}}))
    auth = auth_for(auth_url=server.url, username="demo", password="secret-pw", tenant_name="demo")
    assert auth.token == "tok-1"
    assert [s.path for s in server.seen] == ["/", "/v2.0/tokens"]
    assert server.seen[1].json() == {
        "auth": {"passwordCredentials": {"username": "demo", "password": "secret-pw"}, "tenantName": "demo"}
    }


def v3_body(server: ScriptedServer, **given: Any) -> dict[str, Any]:
    FakeKeystone(server)
    auth_for(auth_url=server.url + "/v3", **given).token  # noqa: B018
    body = server.requests("POST", "/v3/auth/tokens")[-1].json()
    return dict(body["auth"])


def test_v3_password_by_name_with_domains_scoped_to_project_by_name(server: ScriptedServer) -> None:
    assert v3_body(
        server,
        username="demo",
        password="secret-pw",
        domain_name="Default",
        tenant_name="demo",
        project_domain_id="default",
    ) == {
        "identity": {
            "methods": ["password"],
            "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "secret-pw"}},
        },
        "scope": {"project": {"name": "demo", "domain": {"id": "default"}}},
    }


def test_v3_password_by_id_scoped_to_project_by_id(server: ScriptedServer) -> None:
    assert v3_body(server, user_id="u1", password="secret-pw", tenant_id="p1") == {
        "identity": {"methods": ["password"], "password": {"user": {"id": "u1", "password": "secret-pw"}}},
        "scope": {"project": {"id": "p1"}},
    }


def test_v3_user_domain_is_the_project_domain_by_default(server: ScriptedServer) -> None:
    body = v3_body(server, username="demo", password="secret-pw", domain_id="default", tenant_name="demo")
    assert body["scope"] == {"project": {"name": "demo", "domain": {"id": "default"}}}


@pytest.mark.parametrize(
    ("given", "scope"),
    [
        ({"scope_domain_name": "Default"}, {"domain": {"name": "Default"}}),
        ({"scope_domain_id": "default"}, {"domain": {"id": "default"}}),
        ({"system_scope": "all"}, {"system": {"all": True}}),
        ({"unscoped": True}, "unscoped"),
        ({}, None),
    ],
)
def test_v3_domain_system_explicitly_unscoped_or_default_scope(
    server: ScriptedServer, given: dict[str, Any], scope: Any
) -> None:
    body = v3_body(server, user_id="u1", password="secret-pw", **given)
    assert body.get("scope") == scope


def test_v3_token_method(server: ScriptedServer) -> None:
    body = v3_body(server, token="existing-token", tenant_id="p1")
    assert body == {
        "identity": {"methods": ["token"], "token": {"id": "existing-token"}},
        "scope": {"project": {"id": "p1"}},
    }


def test_v3_application_credential_by_id_and_by_name(server: ScriptedServer) -> None:
    assert v3_body(server, application_credential_id="ac1", application_credential_secret="s") == {
        "identity": {"methods": ["application_credential"], "application_credential": {"id": "ac1", "secret": "s"}}
    }
    body = v3_body(
        server,
        application_credential_name="ci",
        application_credential_secret="s",
        username="demo",
        domain_name="Default",
    )
    assert body["identity"]["application_credential"] == {
        "name": "ci",
        "secret": "s",
        "user": {"name": "demo", "domain": {"name": "Default"}},
    }


def test_v3_token_header_and_expiry_are_read(server: ScriptedServer) -> None:
    FakeKeystone(server, lifetime=1800)
    auth = auth_for(auth_url=server.url + "/v3", user_id="u1", password="secret-pw", tenant_id="p1")
    state = auth.ensure_fresh()
    assert state.token == "tok-1"
    assert state.expires_at is not None
    assert 1700 < state.remaining() <= 1800
    assert auth.project_id == "p1"
    assert auth.user_id == "u1"


def test_v2_unscoped_token_is_rescoped_to_the_first_enabled_tenant(server: ScriptedServer) -> None:
    posts: list[dict[str, Any]] = []

    def tokens(seen: Seen) -> Reply:
        body = seen.json()["auth"]
        posts.append(body)
        if "tenantId" not in body:
            return Reply(
                200,
                {
                    "access": {
                        "token": {"id": "unscoped", "expires": "2099-01-01T00:00:00Z"},
                        "serviceCatalog": [],
                        "user": {"id": "u1", "name": "demo"},
                    }
                },
            )
        return Reply(
            200,
            {
                "access": {
                    "token": {"id": "scoped", "expires": "2099-01-01T00:00:00Z", "tenant": {"id": body["tenantId"]}},
                    "serviceCatalog": [
                        {
                            "type": "object-store",
                            "name": "swift",
                            "endpoints": [{"region": "R", "publicURL": "http://swift/v1/AUTH_t2"}],
                        }
                    ],
                    "user": {"id": "u1", "name": "demo"},
                }
            },
        )

    server.route("POST", "/v2.0/tokens", tokens)
    server.route(
        "GET",
        "/v2.0/tenants",
        lambda s: (
            Reply(
                200,
                {
                    "tenants": [
                        {"id": "t1", "name": "off", "enabled": False},
                        {"id": "t2", "name": "on", "enabled": True},
                    ]
                },
            )
            if s.headers.get("X-Auth-Token") == "unscoped"
            else Reply(401, "")
        ),
    )
    auth = auth_for(auth_url=server.url + "/v2.0", username="demo", password="secret-pw")
    assert auth.token == "scoped"
    assert posts[1] == {"token": {"id": "unscoped"}, "tenantId": "t2"}
    assert auth.endpoint(EndpointQuery(["object-store"])) == "http://swift/v1/AUTH_t2"


def test_wrong_password_names_user_project_and_url_but_not_the_password(server: ScriptedServer) -> None:
    FakeKeystone(server)
    auth = auth_for(
        auth_url=server.url + "/v3",
        username="demo",
        password="wrong-passw0rd",
        tenant_name="demo",
        domain_name="Default",
    )
    with pytest.raises(AuthenticationFailed) as info:
        auth.token  # noqa: B018
    text = str(info.value)
    assert "user 'demo'" in text
    assert "project 'demo'" in text
    assert server.url + "/v3" in text
    assert "401" in text
    assert "wrong-passw0rd" not in text


def test_unreachable_auth_url_is_a_connection_error_naming_it(fake_clock: Any) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    auth = auth_for(auth_url=f"http://127.0.0.1:{port}/v3", user_id="u1", password="pw", tenant_id="p1", retries=1)
    with pytest.raises(ConnectionFailed, match=f"127.0.0.1:{port}/v3/auth/tokens"):
        auth.token  # noqa: B018


def test_no_matching_endpoint_lists_what_the_catalog_has(server: ScriptedServer) -> None:
    FakeKeystone(server, regions=("RegionOne", "RegionTwo"))
    auth = auth_for(auth_url=server.url + "/v3", user_id="u1", password="secret-pw", tenant_id="p1")
    with pytest.raises(EndpointNotFound) as info:
        auth.endpoint(EndpointQuery(["block-storage", "volumev3"], region="RegionOne"))
    text = str(info.value)
    assert "block-storage or volumev3" in text
    assert "object-store 'swift' (internal, public; regions RegionOne, RegionTwo)" in text
    with pytest.raises(EndpointNotFound, match="several regions .*RegionOne, RegionTwo.*'region' option"):
        auth.endpoint(EndpointQuery(["object-store"]))
    assert auth.endpoint(EndpointQuery(["object-store"], region="RegionTwo")).endswith("/swift/RegionTwo/v1/AUTH_p1")
    internal = auth.endpoint(EndpointQuery(["object-store"], region="RegionOne", interface="internal"))
    assert internal.endswith("/swift/RegionOne/v1/AUTH_p1")


@pytest.mark.parametrize(
    ("given", "error", "text"),
    [
        (
            {"auth_url": "http://k/v3", "username": "demo", "password": "pw", "tenant_name": "demo"},
            MissingOption,
            "domain of user 'demo'",
        ),
        (
            {"auth_url": "http://k/v3", "user_id": "u", "password": "pw", "tenant_name": "demo"},
            MissingOption,
            "domain of project 'demo'",
        ),
        (
            {"auth_url": "http://k/v2.0", "username": "u", "password": "pw", "domain_name": "Default"},
            InvalidOption,
            "'domain_name' is a Keystone v3 option",
        ),
        ({"auth_url": "http://k/v3", "username": "u"}, MissingOption, "needs 'password'"),
        ({"auth_url": "http://k/v3"}, MissingOption, "needs credentials"),
        ({"username": "u", "password": "pw"}, MissingOption, "auth_url"),
        (
            {"auth_url": "http://k/v3", "user_id": "u", "password": "pw", "tenant_id": "p", "system_scope": "all"},
            InvalidOption,
            "choose one scope",
        ),
        (
            {"auth_url": "http://k/v3", "user_id": "u", "password": "pw", "keystone_auth_version": "v4"},
            InvalidOption,
            "'v2.0' or 'v3'",
        ),
        ({"auth_url": "http://k/v3", "application_credential_id": "a"}, MissingOption, "secret"),
        (
            {"auth_url": "http://k/v3", "user_id": "u", "password": "pw", "use_internal": True, "use_admin": True},
            InvalidOption,
            "cannot both",
        ),
    ],
)
def test_bad_option_combinations_fail_before_any_request(given: dict[str, Any], error: type, text: str) -> None:
    with pytest.raises(error, match=text) as info:
        registry.provider("openstack").resolve_options(given, "storage")
    assert "pw" not in str(info.value).replace("password", "")


def test_v3_needs_domains_even_when_the_version_was_discovered(server: ScriptedServer) -> None:
    FakeKeystone(server)
    auth = auth_for(auth_url=server.url, username="demo", password="secret-pw", tenant_name="demo")
    with pytest.raises(MissingOption, match="domain of user 'demo'"):
        auth.token  # noqa: B018
    assert server.requests("POST") == [], "no token request was sent"


def test_a_known_token_and_endpoint_work_without_keystone() -> None:
    options = registry.provider("openstack").resolve_options(
        {"token": "known-token", "endpoint_override": "http://swift.example/v1/AUTH_x"}, "storage"
    )
    auth = make_auth(options)
    assert isinstance(auth, StaticTokenAuth)
    assert auth.headers() == {"X-Auth-Token": "known-token"}
    assert auth.endpoint(EndpointQuery(["object-store"], override=options["endpoint_override"])) == (
        "http://swift.example/v1/AUTH_x"
    )
    assert "known-token" not in repr(auth)


def test_equal_credentials_share_one_cache_id_and_different_ones_do_not(tmp_path: Path) -> None:
    base = {"auth_url": "http://k/v3", "user_id": "u", "password": "pw", "tenant_id": "p"}
    for name in ("a.pem", "b.pem", "a.key"):  # the files a certificate option names must exist
        (tmp_path / name).write_text("not read here")
    assert auth_for(**base).cache_id == auth_for(**base, region="RegionTwo").cache_id
    assert auth_for(**base).cache_id != auth_for(**{**base, "password": "other"}).cache_id
    assert auth_for(**base).cache_id != auth_for(**{**base, "tenant_id": "q"}).cache_id
    assert "pw" not in auth_for(**base).cache_id
    # a TLS client certificate is part of who authenticates: another one gets its own context
    a_pem, b_pem, a_key = (str(tmp_path / name) for name in ("a.pem", "b.pem", "a.key"))
    assert auth_for(**base, cert=a_pem).cache_id != auth_for(**base, cert=b_pem).cache_id
    assert auth_for(**base, cert=a_pem, key=a_key).cache_id != auth_for(**base, cert=a_pem).cache_id
    # the id is a hash of the credentials: not even a prefix of it is shown
    assert auth_for(**base).cache_id[:8] not in repr(auth_for(**base))
