"""Keystone v3 against the real Keystone of the dev cloud (recorded; replayed offline)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pkgcloud.api import ApiSession
from pkgcloud.auth import EndpointQuery
from pkgcloud.errors import AuthenticationFailed, EndpointNotFound
from pkgcloud.plugins.registry import registry
from pkgcloud_openstack.identity import make_auth
from pkgcloud_openstack.identity.keystone import KeystoneAuth

Options = Callable[..., dict[str, Any]]


def auth_for(**given: Any) -> KeystoneAuth:
    options = registry.provider("openstack").resolve_options(given, "storage")
    auth = make_auth(options, registry.hooks)
    assert isinstance(auth, KeystoneAuth)
    return auth


def test_password_by_name_scoped_to_a_project_by_name(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/password_name_project"):
        auth = auth_for(**devcloud_options("demo"))
        state = auth.ensure_fresh()
        assert state.data["version"] == "v3"
        assert state.data["project"]["name"] == "demo"
        assert state.data["user"]["name"] == "demo"
        assert "member" in state.data["roles"]
        assert state.remaining() > 600
        types = {service["type"] for service in state.data["catalog"]}
        assert {"identity", "object-store"} <= types
        swift = auth.endpoint(EndpointQuery(["object-store"], region="RegionOne"))
        assert swift.endswith(f"/v1/AUTH_{auth.project_id}"), "the %(project_id)s template is filled in"


def test_password_by_user_id_scoped_to_a_project_by_id(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/password_id_project_id"):
        by_name = auth_for(**devcloud_options("demo"))
        by_name.token  # noqa: B018
        user_id, project_id = by_name.user_id, by_name.project_id
        options = devcloud_options("demo")
        by_id = auth_for(
            auth_url=options["auth_url"],
            user_id=user_id,
            password=options["password"],
            tenant_id=project_id,
            share_auth=False,
        )
        assert by_id.ensure_fresh().data["user"]["id"] == user_id
        assert by_id.project_id == project_id


def test_the_catalog_has_several_regions_and_the_region_option_picks_one(
    cassette: Any, devcloud_options: Options
) -> None:
    with cassette("openstack/identity/v3/regions"):
        options = devcloud_options("demo")
        options.pop("region")
        auth = auth_for(**options)
        with pytest.raises(EndpointNotFound, match="several regions \\(RegionOne, RegionTwo\\)"):
            auth.endpoint(EndpointQuery(["object-store"]))
        one = auth.endpoint(EndpointQuery(["object-store"], region="RegionOne"))
        two = auth.endpoint(EndpointQuery(["object-store"], region="RegionTwo"))
        assert one.endswith(f"AUTH_{auth.project_id}")
        assert two.endswith(f"AUTH_{auth.project_id}")
        with pytest.raises(EndpointNotFound) as info:
            auth.endpoint(EndpointQuery(["object-store"], region="Atlantis"))
        assert "regions RegionOne, RegionTwo" in str(info.value)


def test_unscoped_token_has_no_project_and_no_catalog(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/unscoped"):
        options = devcloud_options("demo")
        options.pop("tenant_name")
        auth = auth_for(**options, unscoped=True)
        state = auth.ensure_fresh()
        assert state.data["project"] is None
        with pytest.raises(EndpointNotFound, match="catalog is empty"):
            auth.endpoint(EndpointQuery(["object-store"], region="RegionOne"))


def test_domain_scoped_token(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/domain_scope"):
        options = devcloud_options("admin")
        options.pop("tenant_name")
        auth = auth_for(**options, scope_domain_name="Default")
        state = auth.ensure_fresh()
        assert state.data["domain"]["name"] == "Default"
        assert state.data["project"] is None


def test_system_scoped_token(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/system_scope"):
        options = devcloud_options("admin")
        options.pop("tenant_name")
        auth = auth_for(**options, system_scope="all")
        assert auth.ensure_fresh().data["system"] == {"all": True}


def test_token_method_rescopes_an_existing_token(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/token_method"):
        options = devcloud_options("demo")
        first = auth_for(**options)
        token = first.token
        second = auth_for(auth_url=options["auth_url"], token=token, tenant_id=first.project_id)
        state = second.ensure_fresh()
        assert "token" in state.data["methods"], "Keystone lists the token method (and the original one)"
        assert state.data["project"]["id"] == first.project_id
        assert state.token != token


def test_application_credentials_by_id_and_by_name(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/application_credentials"):
        options = devcloud_options("demo")
        owner = auth_for(**options)
        identity = ApiSession(owner.transport, owner, EndpointQuery(["identity"], region="RegionOne"))
        created = identity.post(
            f"users/{owner.user_id}/application_credentials",
            json={"application_credential": {"name": "pkgcloud-test-appcred", "description": "pkgcloud tests"}},
        )["application_credential"]
        try:
            by_id = auth_for(
                auth_url=options["auth_url"],
                application_credential_id=created["id"],
                application_credential_secret=created["secret"],
            )
            state = by_id.ensure_fresh()
            assert state.data["methods"] == ["application_credential"]
            assert state.data["project"]["id"] == owner.project_id
            by_name = auth_for(
                auth_url=options["auth_url"],
                application_credential_name="pkgcloud-test-appcred",
                application_credential_secret=created["secret"],
                username="demo",
                domain_name="Default",
            )
            assert by_name.ensure_fresh().data["project"]["id"] == owner.project_id
        finally:
            identity.request("DELETE", f"users/{owner.user_id}/application_credentials/{created['id']}")


def test_wrong_password_is_an_authentication_failure(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/wrong_password"):
        options = devcloud_options("demo", password="not-the-password")
        with pytest.raises(AuthenticationFailed) as info:
            auth_for(**options).token  # noqa: B018
        text = str(info.value)
        assert "user 'demo'" in text
        assert "project 'demo'" in text
        assert "(401" in text
        assert "not-the-password" not in text


def test_unknown_project_is_an_authentication_failure_naming_it(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/unknown_project"):
        options = devcloud_options("demo", tenant_name="pkgcloud-no-such-project")
        with pytest.raises(AuthenticationFailed, match="project 'pkgcloud-no-such-project'"):
            auth_for(**options).token  # noqa: B018


def test_unversioned_auth_url_is_discovered_against_the_real_keystone(cassette: Any, devcloud_options: Options) -> None:
    with cassette("openstack/identity/v3/discovery"):
        options = devcloud_options("demo")
        options["auth_url"] = options["auth_url"].removesuffix("/v3")
        auth = auth_for(**options)
        assert auth.ensure_fresh().data["version"] == "v3"
        assert auth.version == "v3"
