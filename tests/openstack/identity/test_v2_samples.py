"""Keystone v2.0 in replay, from the official v2.0 samples and pkgcloud's captured tokens.

Keystone no longer serves v2.0, so these cassettes were built (tests/builders/identity.py), not recorded.
"""

from __future__ import annotations

from typing import Any

import pytest

from pkgcloud.auth import EndpointQuery
from pkgcloud.errors import EndpointNotFound
from pkgcloud.plugins.registry import registry
from pkgcloud_openstack.identity import make_auth
from pkgcloud_openstack.identity.keystone import KeystoneAuth

AUTH_URL = "http://keystone.samples.test/v2.0"


def auth_for(**given: Any) -> KeystoneAuth:
    options = registry.provider("openstack").resolve_options({"auth_url": AUTH_URL, **given}, "compute")
    auth = make_auth(options)
    assert isinstance(auth, KeystoneAuth)
    return auth


def test_password_credentials_scoped_by_tenant_name(cassette: Any) -> None:
    with cassette("openstack/identity/v2/password_tenant_name", built=True):
        auth = auth_for(username="demo", password="any", tenant_name="demo")
        assert auth.token == "PKGCLOUD-TOKEN-1"
        assert auth.version == "v2.0"
        assert auth.project_id == "fc394f2ab2df4114bde39905f800dc57"
        assert auth.user_id == "9a6590b2ab024747bc2167c4e064d00d"
        assert auth.endpoint(EndpointQuery(["compute"])) == (
            "http://23.253.72.207:8774/v2/fc394f2ab2df4114bde39905f800dc57"
        )
        # volumev2 and volume are both in the catalog: the newest alias wins
        block = EndpointQuery(["block-storage", "volumev3", "volumev2", "volume"])
        assert auth.endpoint(block) == "http://23.253.72.207:8776/v2/fc394f2ab2df4114bde39905f800dc57"
        assert auth.state is not None
        assert auth.state.data["roles"] == ["Member", "anotherrole"]


def test_token_credentials_scoped_by_tenant_name(cassette: Any) -> None:
    with cassette("openstack/identity/v2/token_tenant_name", built=True):
        auth = auth_for(token="cbc36478b0bd8e67e89469c7749d4127", tenant_name="demo")
        assert auth.token == "PKGCLOUD-TOKEN-1"
        assert auth.endpoint(EndpointQuery(["object-store"])).endswith("/v1/AUTH_73f0aa26640f4971864919d0eb0f0880")


def test_unscoped_token_is_rescoped_to_the_first_enabled_tenant(cassette: Any) -> None:
    with cassette("openstack/identity/v2/rescope_first_tenant", built=True):
        auth = auth_for(username="MOCK-USERNAME", password="any")
        assert auth.token == "PKGCLOUD-TOKEN-2", "the second, scoped token is the one used"
        assert auth.project_id == "72e90ecb69c44d0296072ea39e537041"
        assert auth.endpoint(EndpointQuery(["cdn"])) == "http://localhost:12345/v1.0/72e90ecb69c44d0296072ea39e537041"


def test_no_enabled_tenant_leaves_an_unscoped_token_and_a_clear_catalog_error(cassette: Any) -> None:
    with cassette("openstack/identity/v2/no_active_tenant", built=True):
        auth = auth_for(username="MOCK-USERNAME", password="any")
        assert auth.token == "PKGCLOUD-TOKEN-1"
        assert auth.project_id is None
        with pytest.raises(EndpointNotFound, match="catalog is empty"):
            auth.endpoint(EndpointQuery(["compute"]))
