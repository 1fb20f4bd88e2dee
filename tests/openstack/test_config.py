"""Options from clouds.yaml, secure.yaml and OS_* variables, as openstacksdk users have them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pkgcloud.errors import ConfigurationError
from pkgcloud.plugins.registry import registry

CLOUDS = """
clouds:
  devcloud-demo:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: demo
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
    interface: internal
    object_store_endpoint_override: http://swift.example/v1/AUTH_%(project_id)s
  domain-scoped:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: admin
      password: pw
      user_domain_id: default
      domain_name: Default
    regions: [RegionTwo]
"""
SECURE = """
clouds:
  devcloud-demo:
    auth:
      password: from-secure-yaml
"""


def resolve(service: str = "storage", **given: object) -> dict[str, object]:
    return dict(registry.provider("openstack").resolve_options(given, service))


@pytest.fixture
def clouds_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    clouds = tmp_path / "clouds.yaml"
    clouds.write_text(textwrap.dedent(CLOUDS))
    secure = tmp_path / "secure.yaml"
    secure.write_text(textwrap.dedent(SECURE))
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
    monkeypatch.setenv("OS_CLIENT_SECURE_FILE", str(secure))
    return clouds


def test_named_cloud_with_secure_yaml_and_per_service_keys(clouds_yaml: Path) -> None:
    opts = resolve(cloud="devcloud-demo")
    assert opts["auth_url"] == "http://127.0.0.1:5000/v3"
    assert opts["username"] == "demo"
    assert opts["password"] == "from-secure-yaml"
    assert opts["tenant_name"] == "demo"
    assert opts["domain_name"] == "Default"
    assert opts["project_domain_name"] == "Default"
    assert opts["region"] == "RegionOne"
    assert opts["keystone_auth_version"] == "v3"
    assert opts["interface"] == "internal"
    assert opts["endpoint_override"] == "http://swift.example/v1/AUTH_%(project_id)s"
    assert "endpoint_override" not in {k for k, v in resolve("compute", cloud="devcloud-demo").items() if v}


def test_os_cloud_selects_the_cloud_and_explicit_options_win(
    clouds_yaml: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OS_CLOUD", "devcloud-demo")
    opts = resolve(region="RegionTwo", tenant_id="p-explicit")
    assert opts["region"] == "RegionTwo"
    assert opts["tenant_id"] == "p-explicit"
    assert opts["tenant_name"] is None, "an explicit project replaces the configured one"


def test_domain_name_without_project_is_a_domain_scope(clouds_yaml: Path) -> None:
    opts = resolve(cloud="domain-scoped")
    assert opts["scope_domain_name"] == "Default"
    assert opts["domain_id"] == "default"
    assert opts["region"] == "RegionTwo", "a single listed region is used"


def test_unknown_cloud_lists_the_known_ones(clouds_yaml: Path) -> None:
    with pytest.raises(ConfigurationError, match="'nope' is not in .*devcloud-demo, domain-scoped"):
        resolve(cloud="nope")


def test_no_clouds_yaml_anywhere_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigurationError, match="no clouds.yaml found"):
        resolve(cloud="devcloud-demo")


def test_clouds_yaml_in_the_current_directory_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "clouds.yaml").write_text(textwrap.dedent(CLOUDS).replace("project_name: demo", "project_name: here"))
    monkeypatch.chdir(tmp_path)
    assert resolve(cloud="devcloud-demo", password="x")["tenant_name"] == "here"


def test_os_environment_variables_fill_what_was_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {
        "OS_AUTH_URL": "http://k:5000/v3",
        "OS_USERNAME": "demo",
        "OS_PASSWORD": "env-pw",
        "OS_PROJECT_NAME": "demo",
        "OS_USER_DOMAIN_NAME": "Default",
        "OS_PROJECT_DOMAIN_ID": "default",
        "OS_REGION_NAME": "RegionOne",
        "OS_INTERFACE": "publicURL",
        "OS_IDENTITY_API_VERSION": "3",
    }.items():
        monkeypatch.setenv(key, value)
    opts = resolve(region="RegionTwo")
    assert opts["auth_url"] == "http://k:5000/v3"
    assert opts["password"] == "env-pw"
    assert opts["project_domain_id"] == "default"
    assert opts["interface"] == "public"
    assert opts["keystone_auth_version"] == "v3"
    assert opts["region"] == "RegionTwo"


def test_clouds_yaml_is_read_with_libyaml_when_pyyaml_has_it(
    clouds_yaml: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from pkgcloud_openstack import clouds

    used: list[str] = []
    real_load = yaml.load

    def spying_load(stream: object, Loader: type) -> object:
        used.append(Loader.__name__)
        return real_load(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "load", spying_load)
    with_libyaml = clouds.load_cloud("devcloud-demo")
    assert used[0] == ("CSafeLoader" if hasattr(yaml, "CSafeLoader") else "SafeLoader")
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    assert clouds.load_cloud("devcloud-demo") == with_libyaml, "same result with PyYAML's own safe loader"
    assert used[-1] == "SafeLoader"
