"""Trove recorded against the dev cloud (Trove 26.0.0's real API in fake mode, keystone mode),
replayed offline.

Record with ``python3 -m devcloud record openstack/database`` (or ``PKGCLOUD_DEVCLOUD=... pytest
--record-mode=once``). Trove's API, validation, quotas, views and state machines are real; the guest
agent, Nova, Cinder and Neutron behind it are Trove's own fakes (devcloud/README.md, "Trove (DBaaS)
in fake mode"): 13 fixed flavors, root password ``12345``, addresses ``10.1.x.y``. Instances are
named ``pkgcloud-test-...`` and every test deletes what it made; ids come from the answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

import pkgcloud
from pkgcloud.errors import NotFound

WAIT = {"timeout": 300, "interval": 1}
FLAVOR = "1"  # the fake Nova's m1.tiny


def trove(devcloud_options: Any, user: str = "demo") -> Any:
    return pkgcloud.database.create_client(provider="openstack", **devcloud_options(user))


@contextmanager
def deleting(client: Any, *instances: Any) -> Iterator[list[Any]]:
    """Delete what the test made (given now or appended to the list), and wait until it is gone."""
    made = list(instances)
    try:
        yield made
    finally:
        for item in made:
            client.delete_instance(item)
        for item in made:
            assert client.wait_for(item, "DELETED", **WAIT) == "DELETED"


def test_flavors_and_datastores(cassette, devcloud_options):
    with cassette("openstack/database/catalog"):
        client = trove(devcloud_options)
        flavors = list(client.list_flavors())
        tiny = client.get_flavor(FLAVOR)
        assert tiny.name == "m1.tiny" and tiny.ram == 512 and tiny.id in [f.id for f in flavors]
        stores = {d.name: d for d in client.list_datastores()}
        assert {"mysql", "postgresql"} <= set(stores)
        mysql = stores["mysql"]
        versions = {v.name: v for v in client.list_datastore_versions(mysql)}
        assert {"8.0", "5.7"} <= set(versions)
        assert mysql.default_version_id == versions["8.0"].id
        assert client.get_datastore("mysql").id == mysql.id
        by_id = client.get_datastore_version(versions["5.7"].id)
        assert (by_id.name, by_id.datastore_id) == ("5.7", mysql.id)
        assert client.get_datastore_version("5.7", "mysql").id == by_id.id
        with pytest.raises(NotFound) as missing:
            client.get_flavor("999")
        assert "999" in missing.value.message


def test_instance_lifecycle(cassette, devcloud_options):
    """Create with a database and a user, wait until ready, read it back, delete it."""
    with cassette("openstack/database/instance_lifecycle"):
        client = trove(devcloud_options)
        created = client.create_instance(
            "pkgcloud-test-db",
            FLAVOR,
            1,
            databases=["sales", {"name": "stock", "character_set": "utf8mb4", "collate": "utf8mb4_bin"}],
            users=[{"name": "clerk", "password": "pkgcloud-test-pw", "databases": ["sales"]}],
            datastore="mysql",
            datastore_version="8.0",
        )
        with deleting(client, created):
            assert (created.provider_status, created.volume_size, created.datastore) == ("BUILD", 1, "mysql")
            ready = client.wait_for(created, **WAIT)
            assert (ready.status, ready.provider_status, ready.operating_status) == ("RUNNING", "ACTIVE", "HEALTHY")
            assert ready.ip and ready.flavor_id == FLAVOR and ready.datastore_version == "8.0"
            assert created.id in [i.id for i in client.list_instances()]
            assert sorted(d.name for d in client.list_databases(ready)) == ["sales", "stock"]
            users = list(client.list_users(ready))
            assert [(u.name, u.host, u.databases) for u in users] == [("clerk", "%", ["sales"])]
            assert client.get_user(ready, "clerk").databases == ["sales"]
        with pytest.raises(NotFound):
            client.get_instance(created)
