"""The dev cloud from the tests' side: is one running, what are its credentials, and what do
replayed tests use instead (the canonical names the scrubber writes into cassettes)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path("/tmp/pkgcloud-devcloud")
# port -> the canonical host name cassettes use for that service
SERVICE_PORTS = {
    "keystone": 5000,
    "swift": 8080,
    "nova": 8774,
    "placement": 8778,
    "glance": 9292,
    "cinder": 8776,
    "neutron": 9696,
    "heat": 8004,
    "trove": 8779,
}
REPLAY_PASSWORD = "replay-password"


def state_dir() -> Path:
    return Path(os.environ.get("PKGCLOUD_DEVCLOUD") or os.environ.get("PKGCLOUD_DEVCLOUD_DIR") or DEFAULT_DIR)


def facts() -> dict[str, Any] | None:
    """devcloud.json of the running dev cloud, or None."""
    path = state_dir() / "devcloud.json"
    if not path.is_file():
        return None
    try:
        return dict(json.loads(path.read_text()))
    except ValueError:
        return None


def clouds() -> dict[str, Any]:
    import yaml

    path = state_dir() / "clouds.yaml"
    return dict((yaml.safe_load(path.read_text()) or {}).get("clouds", {})) if path.is_file() else {}


def reachable() -> bool:
    """True when the dev cloud's Keystone answers."""
    info = facts()
    if not info:
        return False
    import requests

    try:
        return requests.get(str(info["auth_url"]), timeout=3).status_code < 500
    except requests.RequestException:
        return False


def ports() -> dict[str, int]:
    info = facts() or {}
    found = dict(SERVICE_PORTS)
    for name, port in (info.get("ports") or {}).items():
        key = str(name).replace("_port", "")
        if key in found and isinstance(port, int):
            found[key] = port
    return found


def host_map() -> dict[str, str]:
    """``127.0.0.1:<port>`` -> ``<service>.devcloud.test`` for the running dev cloud."""
    return {f"127.0.0.1:{port}": f"{name}.devcloud.test" for name, port in ports().items()}


def canonical_auth_url() -> str:
    return "http://keystone.devcloud.test/v3"


def passwords() -> tuple[str, ...]:
    """The running dev cloud's passwords (so the secret scan can look for them)."""
    found = {str(c.get("auth", {}).get("password")) for c in clouds().values() if c.get("auth", {}).get("password")}
    found |= {"devcloud-demo", "devcloud-admin", "devcloud-swift", "devcloud-trove"}
    return tuple(sorted(found))


def options(user: str = "demo", live: bool = False) -> dict[str, Any]:
    """Options for ``create_client`` as ``user``: live credentials when recording, canonical ones in replay."""
    if live:
        cloud = clouds().get(f"devcloud-{user}")
        if cloud is None:
            raise LookupError(f"the dev cloud has no cloud 'devcloud-{user}' in {state_dir() / 'clouds.yaml'}")
        auth = cloud["auth"]
        return {
            "auth_url": auth["auth_url"],
            "username": auth["username"],
            "password": auth["password"],
            "tenant_name": auth["project_name"],
            "domain_name": auth.get("user_domain_name", "Default"),
            "project_domain_name": auth.get("project_domain_name", "Default"),
            "region": cloud.get("region_name", "RegionOne"),
        }
    project = {"demo_reader": "demo"}.get(user, user)
    return {
        "auth_url": canonical_auth_url(),
        "username": user,
        "password": REPLAY_PASSWORD,
        "tenant_name": project,
        "domain_name": "Default",
        "project_domain_name": "Default",
        "region": "RegionOne",
    }
