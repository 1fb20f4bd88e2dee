"""Rackspace identity in replay: API-key credentials, its identity endpoints, its catalog's names and types.

Built from pkgcloud's captured Rackspace token (tests/builders/identity.py), not recorded.
"""

from __future__ import annotations

from typing import Any

import pytest

from pkgcloud.auth import EndpointQuery
from pkgcloud.errors import InvalidOption, MissingOption
from pkgcloud.plugins.registry import registry
from pkgcloud_rackspace.identity import UK_IDENTITY, US_IDENTITY, RackspaceAuth, make_auth


def auth_for(**given: Any) -> RackspaceAuth:
    return make_auth(registry.provider("rackspace").resolve_options(given, "storage"))


def test_api_key_credentials_against_the_us_identity_endpoint(cassette: Any) -> None:
    with cassette("rackspace/identity/api_key", built=True):
        auth = auth_for(username="MOCK-USERNAME", api_key="any-key", region="DFW")
        assert auth.options["auth_url"] == US_IDENTITY
        assert auth.token == "PKGCLOUD-TOKEN-1"
        assert auth.project_id == "123456"
        files = auth.endpoint(EndpointQuery(["object-store"], region="DFW", service_name="cloudFiles"))
        assert files.startswith("http://localhost:12345/v1/MossoCloudFS_")
        # two "compute" services: the regional next-generation one wins over the global first-generation one
        assert auth.endpoint(EndpointQuery(["compute"], region="ORD")) == "http://localhost:12345/v2/123456"
        # Rackspace's own service types
        assert (
            auth.endpoint(EndpointQuery(["rax:dns"], region="DFW")) == "https://dns.api.rackspacecloud.com/v1.0/123456"
        )
        assert auth.endpoint(EndpointQuery(["rax:load-balancer"], region="ORD")) == (
            "https://ord.loadbalancers.api.rackspacecloud.com/v1.0/123456"
        )
        assert auth.endpoint(EndpointQuery(["rax:database"], region="DFW")) == "http://localhost:12345/v1.0/123456"
        assert auth.endpoint(EndpointQuery(["rax:object-cdn"], region="ORD")).startswith("http://localhost:12345/v1/")


def test_password_still_works_and_lon_uses_the_uk_endpoint(cassette: Any) -> None:
    with cassette("rackspace/identity/password_uk", built=True):
        auth = auth_for(username="MOCK-USERNAME", password="any", region="LON")
        assert auth.options["auth_url"] == UK_IDENTITY
        assert auth.token == "PKGCLOUD-TOKEN-1"


def test_rackspace_options_are_checked_before_any_request() -> None:
    with pytest.raises(MissingOption, match="api_key"):
        auth_for(username="u")
    with pytest.raises(InvalidOption, match="DFW, ORD, IAD, LON, SYD, HKG|one of 'DFW'"):
        auth_for(username="u", api_key="k", region="XYZ")
    with pytest.raises(InvalidOption, match="no admin endpoints"):
        auth_for(username="u", api_key="k", interface="admin")


def test_node_option_names_work_for_rackspace() -> None:
    auth = auth_for(username="u", apiKey="k", region="IAD", useInternal=True)
    assert auth.options["api_key"] == "k"
    assert auth.options["interface"] == "internal"
    assert auth.cache_id != "k" and "'k'" not in repr(auth.options)
