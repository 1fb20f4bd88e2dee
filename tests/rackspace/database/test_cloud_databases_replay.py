"""Rackspace Cloud Databases: every operation it offers, replayed against cassettes built from
pkgcloud's captured Rackspace database fixtures and Trove's 2019 API samples
(tests/builders/rackspace_database_samples.py): instances (create, wait on ACTIVE, limit/marker
paging, actions, delete), flavors, databases and users (with their pages), access, root, configuration
groups (attached, detached with ""), backups (incremental on a parent, restore) and datastores."""

from __future__ import annotations

from typing import Any

import pkgcloud.database
from pkgcloud.models.base import Status
from pkgcloud_rackspace.database import CloudDatabases

CDB = "https://ord.databases.api.rackspacecloud.com/v1.0/123456"
INSTANCE = "51a28a3e-2b7b-4b5a-a1ba-99b871af2c8f"
MARKER = "55041e91-98ab-4cd5-8148-f3b3978b3262"
SAMPLE = "44b277eb-39be-4921-be31-3d61b43651d7"
OTHER = "692d8418-7a8f-47f1-8060-59846c6e024f"
CONFIG = "43a6ea86-e959-4735-9e46-a6a5d4a2d80f"
BACKUP = "a9832168-7541-4536-b8d9-a8a9b79cf1b4"
STORE = "a00000a0-00a0-0a00-00a0-000a000000aa"
VERSION = "b00000b0-00b0-0b00-00b0-000b000000bb"


def cdb() -> CloudDatabases:
    client = pkgcloud.database.create_client(
        provider="rackspace", username="MOCK-USERNAME", api_key="MOCK-API-KEY", region="ORD"
    )
    assert isinstance(client, CloudDatabases)
    return client


def test_instances_flavors_paging_actions_and_delete(cassette: Any) -> None:
    with cassette("rackspace/database/instances", built=True):
        client = cdb()
        assert client.endpoint == CDB
        flavor = client.get_flavor(1)
        assert (flavor.id, flavor.name, flavor.ram) == ("1", "m1.tiny", 512)
        created = client.create_instance("test-instance", flavor, 1, databases=[])
        assert (created.provider_status, created.status, created.volume_size) == ("BUILD", Status.PROVISIONING, 1)
        assert created.operating_status is None
        ready = client.wait_for(created, interval=0.01)
        assert (ready.id, ready.provider_status, ready.status) == (created.id, "ACTIVE", Status.RUNNING)

        every = [i.id for i in client.list_instances()]
        assert len(every) == 5 and every[:2] == [INSTANCE, MARKER]
        assert [i.id for i in client.list_instances(limit=2)] == [INSTANCE, MARKER]
        after = list(client.list_instances(marker=MARKER))
        assert [i.provider_status for i in after] == ["ACTIVE", "BUILD", "ACTIVE"]
        assert [i.id for i in after] == every[2:]
        (one,) = client.list_instances(limit=1, marker=MARKER)
        assert one.id == "8e31b45f-7bc7-4f3c-ad2d-3ae86e51a904"

        shown = client.get_instance(INSTANCE)
        assert (shown.name, shown.flavor_id, shown.volume_size) == ("test-instance", "1", 1)
        assert [f.name for f in client.list_flavors()] == ["m1.tiny", "m1.small", "m1.medium", "m1.large"]
        client.restart_instance(INSTANCE)
        client.resize_instance(INSTANCE, client.get_flavor(2))
        client.resize_volume(INSTANCE, 2)
        client.delete_instance(INSTANCE)
        client.wait_for(INSTANCE, "DELETED", interval=0.01)


def test_databases_users_access_and_root(cassette: Any) -> None:
    with cassette("rackspace/database/databases_users", built=True):
        client = cdb()
        assert [d.name for d in client.list_databases(INSTANCE, page_size=1)] == ["TestDatabase"]
        users = list(client.list_users(INSTANCE, page_size=1))
        assert [u.name for u in users] == ["joeTest", "joeTestTwo", "jowTestThree"]
        assert {u.instance_id for u in users} == {INSTANCE}
        assert len(list(client.list_users(INSTANCE))) == 3
        (after,) = client.list_users(INSTANCE, limit=1, marker="joeTest")  # the Node library's offset
        assert after.name == "joeTestTwo"

        client.create_databases(
            SAMPLE,
            [{"name": "testingdb", "character_set": "utf8", "collate": "utf8_general_ci"}, "anotherdb", "oneMoreDB"],
        )
        names = [d.name for d in client.list_databases(SAMPLE)]
        assert names == ["anotherdb", "nextround", "oneMoreDB", "sampledb", "testingdb"]
        client.delete_database(SAMPLE, "testingdb")
        client.create_users(
            SAMPLE,
            [
                {"name": "dbuser1", "password": "password", "databases": ["databaseA"]},
                {"name": "dbuser2", "password": "password", "databases": ["databaseB", "databaseC"]},
                {"name": "dbuser3", "password": "password", "databases": ["databaseD"]},
            ],
        )
        listed = list(client.list_users(SAMPLE))
        assert [(u.name, u.host) for u in listed][:2] == [("dbuser1", "%"), ("dbuser2", "%")]
        user = client.get_user(OTHER, "exampleuser")
        assert (user.name, user.databases) == ("exampleuser", ["databaseA", "databaseB"])
        client.update_user(SAMPLE, "dbuser1", name="new_username", password="new_password")
        client.grant_user_access(OTHER, "exampleuser", ["databaseC", "databaseD"])
        assert client.list_user_access(OTHER, "exampleuser") == ["databaseA", "databaseB"]
        client.revoke_user_access(OTHER, "exampleuser", "databaseC")
        client.delete_user(SAMPLE, "demouser")
        root = client.enable_root(SAMPLE)
        assert root.name == "root" and root.password == "***"  # scrubbed in the cassette
        assert "password" not in repr(root)
        assert client.root_enabled(SAMPLE) is True


def test_actions_rename_and_configuration_groups(cassette: Any) -> None:
    with cassette("rackspace/database/actions_configurations", built=True):
        client = cdb()
        client.restart_instance(SAMPLE)
        client.resize_instance(SAMPLE, 3)
        client.resize_volume(SAMPLE, 4)
        assert client.get_instance(SAMPLE).provider_status == "ACTIVE"
        renamed = client.update_instance(SAMPLE, name="sample_instance")
        assert renamed.id == SAMPLE

        group = client.create_configuration(
            "example-configuration-name",
            {"collation_server": "latin1_swedish_ci", "connect_timeout": 120},
            description="example description",
            datastore=STORE,
            datastore_version=VERSION,
        )
        assert (group.id, group.name) == (CONFIG, "example-configuration-name")
        assert [g.id for g in client.list_configurations()] == [CONFIG]
        assert client.get_configuration(CONFIG).values == {
            "collation_server": "latin1_swedish_ci",
            "connect_timeout": 120,
        }
        client.update_configuration(CONFIG, {"connect_timeout": 300})
        client.replace_configuration(
            CONFIG,
            {"collation_server": "utf8_unicode_ci", "connect_timeout": 150},
            name="example-updated-name",
            description="example updated description",
        )
        client.attach_configuration(SAMPLE, CONFIG)
        detached = client.detach_configuration(SAMPLE)
        assert detached.id == SAMPLE
        assert [i.id for i in client.list_configuration_instances(CONFIG)] == [SAMPLE]
        client.delete_configuration(CONFIG)


def test_backups_restore_and_datastores(cassette: Any) -> None:
    with cassette("rackspace/database/backups_datastores", built=True):
        client = cdb()
        backup = client.create_backup(SAMPLE, "snapshot", description="My Backup")
        assert (backup.id, backup.status) == (BACKUP, "NEW")
        incremental = client.create_backup(
            SAMPLE, "Incremental Snapshot", description="My Incremental Backup", parent=backup
        )
        assert incremental.parent_id == BACKUP
        assert client.get_backup(BACKUP).status == "COMPLETED"
        assert next(b.id for b in client.list_backups()) == BACKUP
        assert {b.instance_id for b in client.list_backups(instance=SAMPLE)} == {SAMPLE}
        restored = client.create_instance("backup_instance", 1, 2, backup=BACKUP)
        assert restored.provider_status == "BUILD"
        client.delete_backup(BACKUP)

        (store,) = client.list_datastores()
        assert (store.id, store.name) == (STORE, "mysql")
        assert client.get_datastore(STORE).name == "mysql"
        (version,) = client.list_datastore_versions(STORE)
        assert (version.id, version.name, version.datastore_id) == (VERSION, "5.5", STORE)
        assert client.get_datastore_version(VERSION, STORE).name == "5.5"
        names = [p.name for p in client.list_configuration_parameters(VERSION)]
        assert names[:2] == ["collation_server", "connect_timeout"]
        assert client.get_configuration_parameter(VERSION, "collation_server").type == "string"
