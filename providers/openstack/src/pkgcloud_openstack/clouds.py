"""clouds.yaml and secure.yaml: finding them, reading them, mapping a cloud's entry onto options.

Imported by :func:`pkgcloud_openstack.config.configure` when a cloud is named (``cloud`` or
``OS_CLOUD``). The YAML is read with libyaml's loader when PyYAML has it (several times faster
than the pure-Python one), else with PyYAML's own safe loader.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pkgcloud.errors import ConfigurationError
from pkgcloud_openstack.config import domain_defaults

# clouds.yaml "auth" keys -> our option names
AUTH_KEYS = {
    "auth_url": "auth_url",
    "username": "username",
    "user_id": "user_id",
    "password": "password",
    "project_name": "tenant_name",
    "tenant_name": "tenant_name",
    "project_id": "tenant_id",
    "tenant_id": "tenant_id",
    "user_domain_name": "domain_name",
    "user_domain_id": "domain_id",
    "project_domain_name": "project_domain_name",
    "project_domain_id": "project_domain_id",
    "token": "token",
    "application_credential_id": "application_credential_id",
    "application_credential_name": "application_credential_name",
    "application_credential_secret": "application_credential_secret",
    "system_scope": "system_scope",
}
# clouds.yaml top-level keys -> our option names
CLOUD_KEYS = {
    "region_name": "region",
    "identity_api_version": "keystone_auth_version",
    "interface": "interface",
    "endpoint_type": "interface",
    "verify": "verify",
    "cacert": "ca_cert",
    "cert": "cert",
    "key": "key",
    "api_timeout": "timeout",
}
# the catalog service type each pkgcloud service reads its per-service clouds.yaml keys under
SERVICE_KEYS = {
    "compute": "compute",
    "storage": "object_store",
    "blockstorage": "block_storage",
    "network": "network",
    "orchestration": "orchestration",
    "database": "database",
    "cdn": "cdn",
}


def config_files(name: str) -> list[Path]:
    """Where openstacksdk looks for ``name`` (clouds.yaml or secure.yaml), in order."""
    env = "OS_CLIENT_CONFIG_FILE" if name == "clouds.yaml" else "OS_CLIENT_SECURE_FILE"
    paths = []
    if os.environ.get(env):
        paths.append(Path(os.environ[env]).expanduser())
    paths += [
        Path.cwd() / name,
        Path.home() / ".config" / "openstack" / name,
        Path("/etc/openstack") / name,
    ]
    return paths


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml  # only when a clouds.yaml is actually read

    try:
        with path.open(encoding="utf-8") as f:
            doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"cannot read {path}: {exc}") from None
    if not isinstance(doc, dict):
        raise ConfigurationError(f"{path} is not a mapping")
    return doc


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(dict(out[key]), value)
        else:
            out[key] = value
    return out


def load_cloud(name: str) -> dict[str, Any]:
    """The named cloud's entry from clouds.yaml, merged with secure.yaml."""
    found = next((p for p in config_files("clouds.yaml") if p.is_file()), None)
    if found is None:
        searched = ", ".join(str(p) for p in config_files("clouds.yaml"))
        raise ConfigurationError(f"cloud {name!r} asked for, but no clouds.yaml found (searched {searched})")
    clouds = _read_yaml(found).get("clouds") or {}
    secure_path = next((p for p in config_files("secure.yaml") if p.is_file()), None)
    if secure_path is not None:
        secure = _read_yaml(secure_path).get("clouds") or {}
        if name in secure:
            clouds[name] = _merge(clouds.get(name) or {}, secure[name])
    if name not in clouds:
        known = ", ".join(sorted(clouds)) or "none"
        raise ConfigurationError(f"cloud {name!r} is not in {found} (it has: {known})")
    cloud = clouds[name]
    if not isinstance(cloud, dict):
        raise ConfigurationError(f"cloud {name!r} in {found} is not a mapping")
    return cloud


def options_from_cloud(cloud: Mapping[str, Any], service: str = "") -> dict[str, Any]:
    """Map a clouds.yaml cloud entry onto pkgcloud option names."""
    out: dict[str, Any] = {}
    auth = cloud.get("auth") or {}
    for key, value in auth.items():
        if key in AUTH_KEYS and value not in (None, ""):
            out[AUTH_KEYS[key]] = value
    domain_defaults(out, auth.get("domain_id"), auth.get("domain_name"))
    for key, value in cloud.items():
        if key in CLOUD_KEYS and value not in (None, ""):
            out[CLOUD_KEYS[key]] = value
    if "region" not in out:
        regions = cloud.get("regions") or []
        if len(regions) == 1:
            region = regions[0]
            out["region"] = region.get("name") if isinstance(region, Mapping) else region
    if cloud.get("insecure") is True:
        out["verify"] = False
    auth_type = str(cloud.get("auth_type") or "")
    if auth_type in ("v3applicationcredential",) and "keystone_auth_version" not in out:
        out["keystone_auth_version"] = "v3"
    prefix = SERVICE_KEYS.get(service)
    if prefix:
        for suffix, option in (
            ("endpoint_override", "endpoint_override"),
            ("service_type", "service_type"),
            ("service_name", "service_name"),
            ("interface", "interface"),
            ("api_version", "microversion"),
        ):
            value = cloud.get(f"{prefix}_{suffix}")
            if value not in (None, ""):
                out[option] = str(value)
    return out
