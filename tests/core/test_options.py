"""Options: names, aliases, types, required ones, and secrets kept out of reprs and errors."""

from __future__ import annotations

import pytest

import pkgcloud
from pkgcloud.errors import ConfigurationError, InvalidOption, MissingOption, UnknownOption
from pkgcloud.options import Option, Options, OptionSet, snake_case
from pkgcloud.plugins.registry import registry


def test_snake_case_of_node_names() -> None:
    assert snake_case("authUrl") == "auth_url"
    assert snake_case("keystoneAuthVersion") == "keystone_auth_version"
    assert snake_case("tenantId") == "tenant_id"
    assert snake_case("useInternal") == "use_internal"
    assert snake_case("already_snake") == "already_snake"


def make_set() -> OptionSet:
    return OptionSet(
        [
            Option("auth_url", str, required=True),
            Option("password", str, secret=True),
            Option("timeout", (int, float), default=60.0),
            Option("region", str, aliases=("region_name",)),
            Option("interface", str, choices=("public", "internal")),
            Option("mode", str, choices=("a", "b"), secret=True),
        ]
    )


def test_camel_case_and_declared_aliases_resolve() -> None:
    opts = make_set()
    values = opts.normalise({"authUrl": "http://k", "region_name": "R1"}, provider="p")
    assert values == {"auth_url": "http://k", "region": "R1"}


def test_unknown_option_suggests_the_close_one() -> None:
    with pytest.raises(UnknownOption, match=r"unknown option 'auth_ur'.*did you mean 'auth_url'"):
        make_set().normalise({"auth_ur": "x"}, provider="p")


def test_unknown_option_without_a_close_match_has_no_suggestion() -> None:
    with pytest.raises(UnknownOption) as info:
        make_set().normalise({"zzzzzz": 1}, provider="p")
    assert "did you mean" not in str(info.value)


def test_the_same_option_twice_with_different_values_is_rejected() -> None:
    with pytest.raises(InvalidOption, match="same option"):
        make_set().normalise({"authUrl": "a", "auth_url": "b"}, provider="p")


def test_missing_required_option_is_named() -> None:
    with pytest.raises(MissingOption, match="needs option 'auth_url'"):
        make_set().check({}, provider="p")


def test_wrong_type_names_the_expected_type() -> None:
    with pytest.raises(InvalidOption, match="'timeout' must be int or float, not str"):
        make_set().check({"auth_url": "x", "timeout": "soon"}, provider="p")


def test_bool_is_not_a_number() -> None:
    with pytest.raises(InvalidOption):
        make_set().check({"auth_url": "x", "timeout": True}, provider="p")


def test_choices_are_enforced() -> None:
    with pytest.raises(InvalidOption, match="one of 'public', 'internal'"):
        make_set().check({"auth_url": "x", "interface": "private"}, provider="p")


def test_secret_value_not_in_type_error_nor_repr() -> None:
    with pytest.raises(InvalidOption) as info:
        make_set().check({"auth_url": "x", "password": 1234567}, provider="p")
    assert "1234567" not in str(info.value)
    checked = make_set().check({"auth_url": "x", "password": "hunter2-secret"}, provider="p")
    assert "hunter2-secret" not in repr(checked)
    assert checked["password"] == "hunter2-secret"


def test_defaults_are_filled() -> None:
    checked = make_set().check({"auth_url": "x"}, provider="p")
    assert checked["timeout"] == 60.0
    assert isinstance(checked, Options)


def test_openstack_accepts_the_node_library_option_names() -> None:
    prov = registry.provider("openstack")
    opts = prov.resolve_options(
        {
            "authUrl": "http://keystone.example/v3",
            "username": "demo",
            "password": "pw",
            "tenantName": "demo",
            "domainName": "Default",
            "keystoneAuthVersion": "v3",
            "useInternal": True,
            "region": "RegionOne",
        },
        "storage",
    )
    assert opts["auth_url"] == "http://keystone.example/v3"
    assert opts["tenant_name"] == "demo"
    assert opts["keystone_auth_version"] == "v3"
    assert opts["interface"] == "internal"


def test_create_client_rejects_an_unknown_option_before_any_request() -> None:
    with pytest.raises(UnknownOption, match="did you mean 'password'"):
        pkgcloud.storage.create_client(provider="openstack", auth_url="http://x/v3", pasword="pw")


def test_configuration_errors_are_value_errors() -> None:
    # so that callers catching ValueError for bad arguments also catch these
    assert issubclass(ConfigurationError, ValueError)


def test_a_secret_outside_its_choices_is_not_echoed() -> None:
    with pytest.raises(InvalidOption, match="must be one of 'a', 'b', not a secret value") as info:
        make_set().check({"auth_url": "x", "mode": "hunter2"}, provider="p")
    assert "hunter2" not in str(info.value)
