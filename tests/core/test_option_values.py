"""Option values wrong on their face: refused by ``create_client`` (one check per option, in its declaration).

URLs without a scheme or with a wrong one, timeouts of zero or less, files that do not exist: a typed
InvalidOption naming the option as it was given, and no request sent (the scripted Keystone sees none).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pkgcloud
from pkgcloud.errors import InvalidOption
from pkgcloud.options import existing_file, existing_path, http_url, non_negative, positive
from tests.harness.server import ScriptedServer, scripted_server


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with scripted_server() as running:
        yield running


def base(server: ScriptedServer) -> dict[str, Any]:
    return {
        "auth_url": f"{server.url}/v3",
        "username": "u",
        "password": "pw",
        "tenant_name": "t",
        "domain_name": "Default",
    }


BAD_OPTIONS: list[tuple[str, Any, str]] = [
    ("auth_url", "keystone.example.com:5000/v3", "has no scheme"),
    ("auth_url", "keystone.example.com", "has no scheme"),
    ("auth_url", "ftp://keystone.example.com/v3", "must be an http:// or https:// URL, not a ftp:// one"),
    ("auth_url", "https://", "has no host"),
    ("auth_url", "http://keystone:port/v3", "is not a valid URL"),
    ("authUrl", "localhost:5000", "has no scheme"),  # named as given (the Node spelling)
    ("endpoint_override", "swift.example.com/v1/AUTH_x", "has no scheme"),
    ("endpoint", "file:///v1/AUTH_x", "must be an http:// or https:// URL, not a file:// one"),
    ("timeout", 0, "must be above zero"),
    ("timeout", -1.5, "must be above zero"),
    ("timeout", float("nan"), "must be above zero"),
    ("connect_timeout", 0, "must be above zero"),
    ("pool_size", 0, "must be above zero"),
    ("retries", -1, "must be zero or more"),
    ("backoff", -0.1, "must be zero or more"),
    ("max_backoff", -1, "must be zero or more"),
    ("ca_cert", "/nonexistent/ca.pem", "names a file that does not exist"),
    ("cacert", "/nonexistent/ca.pem", "names a file that does not exist"),
    ("verify", "/nonexistent/ca-bundle.crt", "names a file that does not exist"),
    ("cert", "/nonexistent/client.pem", "names a file that does not exist"),
    ("key", "/nonexistent/client.key", "names a file that does not exist"),
    ("cert", "/", "names a directory, not a file"),
]


@pytest.mark.parametrize(("option", "value", "fragment"), BAD_OPTIONS, ids=[f"{o}={v!r}" for o, v, _ in BAD_OPTIONS])
@pytest.mark.parametrize("service", ["storage", "compute"])
def test_a_wrong_value_is_refused_when_the_client_is_created(
    server: ScriptedServer, option: str, value: Any, fragment: str, service: str
) -> None:
    options = base(server)
    options.pop("auth_url" if option in ("auth_url", "authUrl") else "", None)
    options[option] = value
    with pytest.raises(InvalidOption, match=fragment) as caught:
        getattr(pkgcloud, service).create_client(provider="openstack", **options)
    assert f"option {option!r}" in str(caught.value)
    assert server.requests() == [], "a wrong option must not cost a request"


def test_the_same_options_with_right_values_are_accepted(server: ScriptedServer, tmp_path: Path) -> None:
    """The checks refuse only what is wrong: real files, a CA directory, zero retries, https URLs."""
    for name in ("ca.pem", "client.pem", "client.key"):
        (tmp_path / name).write_text("-----BEGIN CERTIFICATE-----\n")
    client = pkgcloud.storage.create_client(
        provider="openstack",
        **base(server),
        endpoint_override="https://swift.example.com/v1/AUTH_x",
        timeout=0.5,
        connect_timeout=1,
        retries=0,
        backoff=0,
        pool_size=1,
        ca_cert=str(tmp_path / "ca.pem"),
        cert=str(tmp_path / "client.pem"),
        key=str(tmp_path / "client.key"),
    )
    client.close()
    pkgcloud.storage.create_client(provider="openstack", **base(server), verify=str(tmp_path)).close()
    pkgcloud.storage.create_client(provider="openstack", **base(server), verify=False).close()
    assert server.requests() == []


def test_rackspace_urls_are_checked_by_the_same_declaration() -> None:
    with pytest.raises(InvalidOption, match="option 'auth_url' = 'identity.api.rackspacecloud.com' has no scheme"):
        pkgcloud.storage.create_client(
            provider="rackspace", username="u", api_key="k", auth_url="identity.api.rackspacecloud.com"
        )


def test_clouds_yaml_values_are_checked_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clouds = tmp_path / "clouds.yaml"
    clouds.write_text(
        "clouds:\n  bad:\n    auth:\n      auth_url: keystone.example.com:5000/v3\n"
        "      username: u\n      password: p\n      project_name: t\n"
    )
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
    with pytest.raises(InvalidOption, match="has no scheme"):
        pkgcloud.storage.create_client(provider="openstack", cloud="bad")


def test_the_checks_themselves() -> None:
    assert http_url("https://k.example:5000/v3") is None
    assert http_url(" http://127.0.0.1/ ") is None
    assert positive(0.001) is None and positive(0) is not None
    assert non_negative(0) is None and non_negative(-1) is not None
    assert existing_path("/") is None and existing_file("/") is not None
    assert existing_file(__file__) is None
