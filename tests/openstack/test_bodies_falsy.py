"""Every body builder, one rule: ``None`` is not sent; ``False``, ``0``, ``[]`` and ``""`` are sent as
given; ``NULL`` is sent as ``null``. (The Node library lost every falsy value; Neutron and Cinder >= 3.53
reject keys the caller did not set.) Each case goes through the client to a scripted service that
echoes what it got, on real sockets, and reads the body that arrived."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import pkgcloud
from pkgcloud.bodies import NULL
from tests.harness.server import Reply, ScriptedServer, Seen, scripted_server

ID = "5046e2f2-3b33-4041-b3cf-e085f73e78e7"


def echo(seen: Seen) -> Reply:
    """Answer a create or update with the object it carried, given an id (as the services do)."""
    body = seen.json() if seen.body else {}
    key, value = next(iter(body.items())) if body else ("x", {})
    return Reply(200, {key: {"id": ID, "status": "available", **(value if isinstance(value, dict) else {})}})


@pytest.fixture
def srv() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        for method in ("POST", "PUT"):
            server.route(method, "/", echo)
        yield server


def client(server: ScriptedServer, service: str, root: str) -> Any:
    factory = getattr(pkgcloud, service).create_client
    return factory(provider="openstack", token="t", endpoint_override=f"{server.url}{root}", retries=0)


def sent(server: ScriptedServer) -> dict[str, Any]:
    writes = [s for s in server.requests() if s.method in ("POST", "PUT")]
    assert writes, "nothing was sent"
    return dict(json.loads(writes[-1].body))


Case = tuple[str, str, Callable[[Any], Any], dict[str, Any], tuple[str, ...]]

CASES: list[Case] = [
    (
        "compute",
        "/v2.1",
        lambda c: c.create_server("web", "1", "img", config_drive=False, metadata={}),
        {"config_drive": False, "metadata": {}},
        ("key_name", "availability_zone", "user_data"),
    ),
    (
        "blockstorage",
        "/v3/p1",
        lambda c: c.create_volume(1, description="", metadata={}),
        {"size": 1, "description": "", "metadata": {}},
        ("name", "volume_type", "snapshot_id", "source_volid", "imageRef", "availability_zone"),
    ),
    (
        "blockstorage",
        "/v3/p1",
        lambda c: c.update_volume(ID, description=""),
        {"description": ""},
        ("name",),
    ),
    (
        "network",
        "/v2.0",
        lambda c: c.create_network("n", admin_state_up=False, shared=False),
        {"name": "n", "admin_state_up": False, "shared": False},
        ("mtu", "description", "port_security_enabled"),
    ),
    (
        "network",
        "/v2.0",
        lambda c: c.create_subnet(ID, "10.0.0.0/24", gateway_ip=NULL, dns_nameservers=[], enable_dhcp=False),
        {"cidr": "10.0.0.0/24", "gateway_ip": None, "dns_nameservers": [], "enable_dhcp": False},
        ("allocation_pools", "host_routes", "name"),
    ),
    (
        "network",
        "/v2.0",
        lambda c: c.create_port(ID, port_security_enabled=False, security_groups=[], name=""),
        {"network_id": ID, "port_security_enabled": False, "security_groups": [], "name": ""},
        ("status", "fixed_ips", "device_id", "admin_state_up"),
    ),
    (
        "network",
        "/v2.0",
        lambda c: c.update_port(ID, allowed_address_pairs=[], admin_state_up=False),
        {"allowed_address_pairs": [], "admin_state_up": False},
        ("status", "name", "security_groups"),
    ),
    (
        "database",
        "/v1.0/p1",
        lambda c: c.create_instance("db", "1", 1, databases=[], users=[], nics=[], volume_type=""),
        {"name": "db", "flavorRef": "1", "volume": {"size": 1, "type": ""}, "databases": [], "users": [], "nics": []},
        ("datastore", "availability_zone", "restorePoint", "configuration"),
    ),
    (
        "database",
        "/v1.0/p1",
        lambda c: c.create_backup(ID, "b", incremental=False, description=""),
        {"name": "b", "instance": ID, "incremental": 0, "description": ""},
        ("parent_id", "swift_container"),
    ),
    (
        "database",
        "/v1.0/p1",
        lambda c: c.create_configuration("c", {"autocommit": 0}, description=""),
        {"name": "c", "values": {"autocommit": 0}, "description": ""},
        ("datastore",),
    ),
    (
        "database",
        "/v1.0/p1",
        lambda c: c.replace_configuration(ID, {}, name=""),
        {"values": {}, "name": ""},
        ("description",),
    ),
    (
        "database",
        "/v1.0/p1",
        lambda c: c.update_user(ID, "bob", password=""),
        {"password": ""},
        ("name", "host"),
    ),
]


@pytest.mark.parametrize(
    ("service", "root", "call", "wanted", "absent"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_falsy_values_are_sent_and_unset_ones_are_not(srv, service, root, call, wanted, absent):
    call(client(srv, service, root))
    body = sent(srv)
    (inner,) = body.values()
    for key, value in wanted.items():
        assert key in inner and inner[key] == value and type(inner[key]) is type(value), (key, inner)
    for key in absent:
        assert key not in inner, (key, inner)
