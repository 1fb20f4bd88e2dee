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
from pkgcloud.errors import BadRequest, NotFound, RequestEntityTooLarge, ResourceFailed, UnprocessableEntity

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


def test_databases_users_access_and_root(cassette, devcloud_options):
    """Databases and users on a running instance: create, page (our own markers: a user's is
    ``name@host``), rename a user and change its password, grant and revoke access, root."""
    with cassette("openstack/database/databases_users"):
        client = trove(devcloud_options)
        instance = client.create_instance("pkgcloud-test-users", FLAVOR, 1, datastore="mysql")
        with deleting(client, instance):
            instance = client.wait_for(instance, **WAIT)
            client.create_databases(instance, ["db_a", {"name": "db_b", "character_set": "utf8mb4"}])
            client.create_database(instance, "db_c", character_set="utf8mb4", collate="utf8mb4_bin")
            paged = list(client.list_databases(instance, page_size=2))
            assert [d.name for d in paged] == ["db_a", "db_b", "db_c"]
            assert [d.name for d in client.list_databases(instance, limit=2)] == ["db_a", "db_b"]

            client.create_users(
                instance,
                [
                    {"name": "alice", "password": "pkgcloud-pw-1", "databases": ["db_a"]},
                    {"name": "carol", "password": "pkgcloud-pw-2", "host": "10.0.0.%"},
                ],
            )
            client.create_user(instance, "bob", "pkgcloud-pw-3", databases=["db_b", "db_c"])
            users = list(client.list_users(instance, page_size=1))
            assert [(u.name, u.host) for u in users] == [("alice", "%"), ("bob", "%"), ("carol", "10.0.0.%")]
            carol = client.get_user(instance, "carol", host="10.0.0.%")
            assert (carol.host, carol.databases) == ("10.0.0.%", [])
            with pytest.raises(NotFound):
                client.get_user(instance, "carol")  # carol@% does not exist

            client.grant_user_access(instance, carol, ["db_a", "db_c"])
            assert sorted(client.list_user_access(instance, carol)) == ["db_a", "db_c"]
            client.revoke_user_access(instance, carol, "db_a")
            assert client.list_user_access(instance, carol) == ["db_c"]

            # (a new host cannot be recorded: the fake guest looks the user up under the new host)
            client.update_user(instance, "bob", name="bobby", password="pkgcloud-pw-4")
            bobby = client.get_user(instance, "bobby")  # (the fake guest drops a renamed user's grants)
            assert "bob" not in [u.name for u in client.list_users(instance)]
            client.delete_user(instance, bobby)
            client.delete_database(instance, "db_b")
            assert [d.name for d in client.list_databases(instance)] == ["db_a", "db_c"]
            with pytest.raises(NotFound) as missing:
                client.delete_user(instance, "nobody")
            assert "nobody" in missing.value.message

            assert client.root_enabled(instance) is False
            root = client.enable_root(instance)
            assert root.name == "root" and root.password and root.password not in repr(root)
            assert client.root_enabled(instance) is True
            client.disable_root(instance)
            mine = client.enable_root(instance, password="pkgcloud-root-pw")
            assert mine.name == "root"


def test_restart_and_resizes_wait_for_the_status_to_change(cassette, devcloud_options):
    """Trove answers a restart or resize at once; the wait first sees the status leave ACTIVE."""
    with cassette("openstack/database/actions"):
        client = trove(devcloud_options)
        instance = client.create_instance("pkgcloud-test-actions", FLAVOR, 1)
        with deleting(client, instance):
            client.wait_for(instance, **WAIT)
            seen: list[str] = []
            client.restart_instance(instance)
            done = client.wait_for(instance, callback=lambda i: seen.append(i.provider_status), **WAIT)
            assert seen[0] == "REBOOT" and done.provider_status == "ACTIVE"

            client.resize_volume(instance, 2)
            seen.clear()
            done = client.wait_for(instance, callback=lambda i: seen.append(i.provider_status), **WAIT)
            assert seen[0] == "RESIZE" and done.volume_size == 2

            client.resize_instance(instance, "2")
            done = client.wait_for(instance, "HEALTHY", **WAIT)
            assert (done.flavor_id, done.provider_status) == ("2", "ACTIVE")

            renamed = client.update_instance(instance, name="pkgcloud-test-renamed")
            assert renamed.name == "pkgcloud-test-renamed"


def test_backups_and_restore(cassette, devcloud_options):
    """Back an instance up, then incrementally; list them; restore a new instance from one."""
    with cassette("openstack/database/backups"):
        client = trove(devcloud_options)
        instance = client.create_instance("pkgcloud-test-backed", FLAVOR, 1, databases=["kept"])
        with deleting(client, instance) as made:
            client.wait_for(instance, **WAIT)
            full = client.create_backup(instance, "pkgcloud-test-full", description="before the change")
            assert (full.status, full.instance_id, full.parent_id) == ("NEW", instance.id, None)
            full = client.wait_for(full, **WAIT)
            assert full.status == "COMPLETED" and full.datastore == "mysql"
            client.wait_for(instance, **WAIT)  # BACKUP while it runs
            child = client.create_backup(instance, "pkgcloud-test-incremental", parent=full)
            child = client.wait_for(child, **WAIT)
            assert child.parent_id == full.id
            assert {full.id, child.id} <= {b.id for b in client.list_backups()}
            assert {b.id for b in client.list_backups(instance=instance)} == {full.id, child.id}
            assert client.get_backup(full.id).description == "before the change"

            restored = client.create_instance("pkgcloud-test-restored", FLAVOR, 1, backup=full)
            made.append(restored)
            restored = client.wait_for(restored, **WAIT)
            assert restored.status == "RUNNING"
            client.delete_backup(child)
            client.delete_backup(full)
            with pytest.raises(NotFound):
                client.get_backup(full)


def test_configuration_groups(cassette, devcloud_options):
    """A datastore version's parameters; a configuration group created, attached at create and
    later, listed with its instances, patched, replaced, detached and deleted."""
    with cassette("openstack/database/configurations"):
        client = trove(devcloud_options)
        version = client.get_datastore_version("8.0", "mysql")
        parameters = {p.name: p for p in client.list_configuration_parameters(version)}
        timeout = client.get_configuration_parameter(version, "connect_timeout")
        assert timeout.type == "integer" and timeout.restart_required is False
        assert parameters["connect_timeout"].max == timeout.max

        group = client.create_configuration(
            "pkgcloud-test-config",
            {"connect_timeout": 20},
            description="for the tests",
            datastore="mysql",
            datastore_version="8.0",
        )
        try:
            assert (group.values, group.datastore, group.datastore_version) == ({"connect_timeout": 20}, "mysql", "8.0")
            assert group.id in [g.id for g in client.list_configurations()]
            instance = client.create_instance("pkgcloud-test-configured", FLAVOR, 1, configuration=group)
            with deleting(client, instance):
                instance = client.wait_for(instance, **WAIT)
                assert instance.configuration_id == group.id
                assert [i.id for i in client.list_configuration_instances(group)] == [instance.id]

                client.update_configuration(group, {"max_connections": 90})
                patched = client.get_configuration(group)
                assert patched.values == {"connect_timeout": 20, "max_connections": 90}
                client.replace_configuration(group, {"connect_timeout": 30}, name="pkgcloud-test-config-2")
                replaced = client.get_configuration(group)
                assert (replaced.name, replaced.values) == ("pkgcloud-test-config-2", {"connect_timeout": 30})

                detached = client.detach_configuration(instance)
                assert detached.configuration_id is None
                client.wait_for(instance, **WAIT)
                attached = client.attach_configuration(instance, group)
                assert attached.configuration_id == group.id
                client.wait_for(instance, **WAIT)
                client.detach_configuration(instance)
                client.wait_for(instance, **WAIT)
        finally:
            client.delete_configuration(group)
        with pytest.raises(NotFound):
            client.get_configuration(group)


def test_an_instance_that_fails_fails_the_wait_with_troves_fault(cassette, devcloud_options):
    """The fake Nova fails a server whose name ends in SERVER_ERROR: Trove puts the instance in ERROR
    with a fault, and the wait ends at once with Trove's message."""
    with cassette("openstack/database/instance_error"):
        client = trove(devcloud_options)
        instance = client.create_instance("pkgcloud-test-SERVER_ERROR", FLAVOR, 1)
        with deleting(client, instance):
            with pytest.raises(ResourceFailed) as failed:
                client.wait_for(instance, **WAIT)
            broken = client.get_instance(instance)
            assert (broken.status, broken.provider_status) == ("ERROR", "ERROR")
            assert broken.fault and broken.fault in str(failed.value)
            assert "Fake server create error" in broken.fault


def test_troves_limits_come_back_verbatim(cassette, devcloud_options):
    """What Trove refuses is Trove's to say: a volume over its maximum (413), a name it does not
    accept (400), an action on a busy instance (422), an unknown datastore (404)."""
    with cassette("openstack/database/errors"):
        client = trove(devcloud_options)
        with pytest.raises(RequestEntityTooLarge) as too_big:
            client.create_instance("pkgcloud-test-big", FLAVOR, 99)
        assert too_big.value.message.startswith("Volume 'size' cannot exceed maximum of 25 GB, 99 cannot be accepted.")
        with pytest.raises(BadRequest) as bad_name:
            client.create_instance("---", FLAVOR, 1)
        assert "---" in bad_name.value.message
        with pytest.raises(NotFound) as no_store:
            client.create_instance("pkgcloud-test-nostore", FLAVOR, 1, datastore="nosuchdb")
        assert "nosuchdb" in no_store.value.message
        with pytest.raises(BadRequest) as bad_nic:
            client.create_instance("pkgcloud-test-nic", FLAVOR, 1, nics=[{"port-id": "not-a-uuid"}])
        assert "port-id" in bad_nic.value.message

        instance = client.create_instance("pkgcloud-test-busy", FLAVOR, 1)
        with deleting(client, instance):
            client.wait_for(instance, **WAIT)
            client.resize_volume(instance, 2)
            with pytest.raises(UnprocessableEntity) as busy:
                client.resize_volume(instance, 3)
            assert "RESIZING" in busy.value.message
            client.wait_for(instance, **WAIT)
            with pytest.raises(BadRequest) as same:
                client.resize_volume(instance, 2)
            assert "must be larger than the current volume size" in same.value.message
            with pytest.raises(BadRequest) as user_error:
                client.create_users(instance, [{"name": "pkgcloud-name-too-long", "password": "pkgcloud-pw"}])
            assert "pkgcloud-name-too-long" in user_error.value.message  # MySQL's 16, said by Trove


def test_over_quota_is_a_413(cassette, devcloud_options):
    """An administrator sets alt_demo's instance quota to 0 (Trove's management API, test set-up);
    creating one is refused with Trove's 413 naming the quota; the quota is put back."""
    with cassette("openstack/database/over_quota"):
        admin = trove(devcloud_options, "admin")
        client = trove(devcloud_options, "alt_demo")
        project = client.auth.project_id or client.endpoint.rstrip("/").rsplit("/", 1)[-1]
        path = f"mgmt/quotas/{project}"
        before = {q["resource"]: q["limit"] for q in admin.api.get(path)["quotas"]}
        admin.api.put(path, json={"quotas": {"instances": 0}})
        try:
            with pytest.raises(RequestEntityTooLarge) as over:
                client.create_instance("pkgcloud-test-quota", FLAVOR, 1)
            assert "Quota exceeded" in over.value.message and "instances" in over.value.message
        finally:
            admin.api.put(path, json={"quotas": {"instances": before["instances"]}})
