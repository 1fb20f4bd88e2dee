"""Options from the user's existing OpenStack setup: clouds.yaml, secure.yaml and ``OS_*`` variables.

Searched where openstacksdk searches: ``OS_CLIENT_CONFIG_FILE``, then ``./clouds.yaml``,
``~/.config/openstack/clouds.yaml`` and ``/etc/openstack/clouds.yaml`` (the first found is used;
``secure.yaml`` beside it, or ``OS_CLIENT_SECURE_FILE``, is merged into it). A cloud is chosen by the
``cloud`` option or ``OS_CLOUD``; without one, ``OS_*`` variables fill in what was not given.
Explicit options always win.

Reading clouds.yaml (:mod:`pkgcloud_openstack.clouds`) is imported only when a cloud is named.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

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


def options_from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Map ``OS_*`` variables onto pkgcloud option names."""
    env = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    for var, option in ENV_KEYS.items():
        value = env.get(var)
        if value:
            out.setdefault(option, value)
    domain_defaults(out, env.get("OS_DOMAIN_ID"), env.get("OS_DOMAIN_NAME"))
    if env.get("OS_INSECURE", "").lower() in ("1", "true", "yes"):
        out["verify"] = False
    return out


def domain_defaults(out: dict[str, Any], domain_id: str | None, domain_name: str | None) -> None:
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
    if cloud_name:
        from pkgcloud_openstack.clouds import load_cloud, options_from_cloud

        found = options_from_cloud(load_cloud(str(cloud_name)), service)
    else:
        found = options_from_env()
    merged = {**found, **{k: v for k, v in given.items() if v is not None}}
    merged.pop("cloud", None)
    # one project given explicitly replaces, rather than mixes with, the one from the configuration
    for group in (("tenant_id", "tenant_name"), ("user_id", "username")):
        if any(given.get(k) for k in group):
            for k in group:
                if not given.get(k):
                    merged.pop(k, None)
    return merged
