"""Options from the user's existing OpenStack setup: clouds.yaml, secure.yaml and ``OS_*`` variables.

Searched where openstacksdk searches: ``OS_CLIENT_CONFIG_FILE``, then ``./clouds.yaml``,
``~/.config/openstack/clouds.yaml`` and ``/etc/openstack/clouds.yaml`` (the first found is used;
``secure.yaml`` beside it, or ``OS_CLIENT_SECURE_FILE``, is merged into it). A cloud is chosen by the
``cloud`` option or ``OS_CLOUD``; without one, ``OS_*`` variables fill in what was not given.
Explicit options always win.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pkgcloud.errors import ConfigurationError

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
ENV_KEYS = {
    "OS_AUTH_URL": "auth_url",
    "OS_USERNAME": "username",
    "OS_USER_ID": "user_id",
    "OS_PASSWORD": "password",
    "OS_PROJECT_NAME": "tenant_name",
    "OS_TENANT_NAME": "tenant_name",
    "OS_PROJECT_ID": "tenant_id",
    "OS_TENANT_ID": "tenant_id",
    "OS_USER_DOMAIN_NAME": "domain_name",
    "OS_USER_DOMAIN_ID": "domain_id",
    "OS_PROJECT_DOMAIN_NAME": "project_domain_name",
    "OS_PROJECT_DOMAIN_ID": "project_domain_id",
    "OS_REGION_NAME": "region",
    "OS_IDENTITY_API_VERSION": "keystone_auth_version",
    "OS_INTERFACE": "interface",
    "OS_ENDPOINT_TYPE": "interface",
    "OS_TOKEN": "token",
    "OS_AUTH_TOKEN": "token",
    "OS_APPLICATION_CREDENTIAL_ID": "application_credential_id",
    "OS_APPLICATION_CREDENTIAL_NAME": "application_credential_name",
    "OS_APPLICATION_CREDENTIAL_SECRET": "application_credential_secret",
    "OS_SYSTEM_SCOPE": "system_scope",
    "OS_CACERT": "ca_cert",
    "OS_CERT": "cert",
    "OS_KEY": "key",
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
            doc = yaml.safe_load(f) or {}
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
    _domain_defaults(out, auth.get("domain_id"), auth.get("domain_name"))
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


def options_from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Map ``OS_*`` variables onto pkgcloud option names."""
    env = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    for var, option in ENV_KEYS.items():
        value = env.get(var)
        if value:
            out.setdefault(option, value)
    _domain_defaults(out, env.get("OS_DOMAIN_ID"), env.get("OS_DOMAIN_NAME"))
    if env.get("OS_INSECURE", "").lower() in ("1", "true", "yes"):
        out["verify"] = False
    return out


def _domain_defaults(out: dict[str, Any], domain_id: str | None, domain_name: str | None) -> None:
    """openstacksdk's rule: with a project, ``domain_*`` is the default of the user's and project's
    domains; without one, it is a domain scope."""
    if not (domain_id or domain_name):
        return
    if out.get("tenant_id") or out.get("tenant_name"):
        if domain_id:
            out.setdefault("domain_id", domain_id)
            out.setdefault("project_domain_id", domain_id)
        if domain_name:
            out.setdefault("domain_name", domain_name)
            out.setdefault("project_domain_name", domain_name)
    else:
        if domain_id:
            out.setdefault("scope_domain_id", domain_id)
        if domain_name:
            out.setdefault("scope_domain_name", domain_name)


def configure(given: dict[str, Any], service: str = "") -> dict[str, Any]:
    """Fill options from clouds.yaml (``cloud`` or ``OS_CLOUD``) or ``OS_*``; explicit options win."""
    cloud_name = given.get("cloud") or os.environ.get("OS_CLOUD")
    found = options_from_cloud(load_cloud(str(cloud_name)), service) if cloud_name else options_from_env()
    merged = {**found, **{k: v for k, v in given.items() if v is not None}}
    merged.pop("cloud", None)
    # one project given explicitly replaces, rather than mixes with, the one from the configuration
    for group in (("tenant_id", "tenant_name"), ("user_id", "username")):
        if any(given.get(k) for k in group):
            for k in group:
                if not given.get(k):
                    merged.pop(k, None)
    return merged
