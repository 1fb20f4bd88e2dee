"""Trove against cassettes built from the official API samples (tests/builders/trove_samples.py).

Replay matches method, path, query and JSON body: each test calls the SDK with the arguments that
produce the documented request, and checks how the documented answer is read. These cover what the
dev cloud's fake mode cannot show (a real guest's answers, a user moved to another host).
"""

from __future__ import annotations

from typing import Any

import pkgcloud
from pkgcloud.models.database import DatabaseUser

PROJECT = "9f8dd5eacb074c9f87d2d822c9092aa5"
ENDPOINT = f"http://trove.devcloud.test/v1.0/{PROJECT}"
CASSETTES = "openstack/database/samples"
INSTANCE = "7de1bed8-6983-4d46-9a52-0abfbb0d27a2"
CONFIG = "2aa51628-5c42-4086-8682-137caffd2ba6"


def trove() -> Any:
    return pkgcloud.database.create_client(provider="openstack", token="PKGCLOUD-TOKEN-1", endpoint_override=ENDPOINT)


def test_instances_and_their_actions_as_documented(cassette):
    with cassette(f"{CASSETTES}/instances", built=True):
        client = trove()
        listed = list(client.list_instances())
        shown = client.get_instance(INSTANCE)
        client.update_instance(INSTANCE, name="sample_instance")
        client.attach_configuration(INSTANCE, CONFIG)
        client.detach_configuration(INSTANCE)
        client.restart_instance(INSTANCE)
        client.resize_instance(INSTANCE, "2")
        client.resize_volume(shown, 4)
        backups = list(client.list_backups(instance=shown))
    assert [i.id for i in listed] == [INSTANCE] and listed[0].ip == ["10.1.0.62", "172.24.5.114"]
    assert (shown.status, shown.provider_status, shown.operating_status) == ("RUNNING", "ACTIVE", "HEALTHY")
    assert [a.get("type") for a in shown.addresses] == ["private", "public"]
    assert (shown.volume_size, shown.volume_used, shown.flavor_id) == (1, 0.12, "6")
    assert (shown.datastore, shown.datastore_version, shown.region) == ("mysql", "5.7", "RegionOne")
    assert [(b.name, b.status, b.datastore_version_id) for b in backups] == [
        ("backup-full", "COMPLETED", "b3d5c099-dbd5-4518-baa3-7c7c195671bf")
    ]
    assert backups[0].location and backups[0].location.endswith(".xbstream.gz.enc")


def test_databases_users_and_root_as_documented(cassette):
    with cassette(f"{CASSETTES}/databases_users", built=True):
        client = trove()
        client.create_databases(
            INSTANCE,
            [
                {"name": "databaseA", "character_set": "utf8mb3", "collate": "utf8mb3_general_ci"},
                "databaseB",
                "databaseC",
            ],
        )
        databases = [d.name for d in client.list_databases(INSTANCE)]
        client.create_users(
            INSTANCE,
            [
                {"name": "dbuser1", "password": "password", "databases": ["databaseA"]},
                DatabaseUser(name="dbuser2", password="password", databases=["databaseB", "databaseC"]),
                {"name": "dbuser3", "password": "password"},
            ],
        )
        users = list(client.list_users(INSTANCE))
        one = client.get_user(INSTANCE, "dbuser1")
        # a user moved to another host, renamed, with a new password (the fake guest cannot move one)
        client.update_user(INSTANCE, "dbuser1", name="new_name", password="new_password", new_host="192.168.30.98")
        client.grant_user_access(INSTANCE, "dbuser2", ["test"])
        enabled = client.root_enabled(INSTANCE)
        root = client.enable_root(INSTANCE, password="q5BXXMUMbc8XBf5kkVToKZW4Kx3Egv5VjY0P")
    assert databases == ["databaseB", "databaseC", "databaseD"]
    assert [(u.name, u.databases) for u in users] == [
        ("dbuser1", ["databaseA"]),
        ("dbuser2", ["databaseB", "databaseC"]),
        ("dbuser3", []),
    ]
    assert (one.host, one.databases, one.instance_id) == ("%", ["databaseA"], INSTANCE)
    assert enabled is True
    assert root.name == "root" and root.password  # (scrubbed to *** in the cassette)
    assert root.password not in repr(root)


def test_backups_configurations_and_parameters_as_documented(cassette):
    with cassette(f"{CASSETTES}/backups_configurations", built=True):
        client = trove()
        backups = list(client.list_backups())
        backup = client.get_backup("a9832168-7541-4536-b8d9-a8a9b79cf1b4")
        groups = list(client.list_configurations())
        group = client.get_configuration(CONFIG)
        # (the show sample is of another group than the one the list and the requests name)
        client.update_configuration(CONFIG, {"connect_timeout": 17})
        client.replace_configuration(CONFIG, {"connect_timeout": 18}, name="new_name", description="New description")
        users_of = list(client.list_configuration_instances(CONFIG))
        parameters = list(client.list_configuration_parameters("b3d5c099-dbd5-4518-baa3-7c7c195671bf"))
        stores = list(client.list_datastores())
    assert [(b.name, b.storage_driver, b.parent_id) for b in backups] == [
        ("snapshot", "cinder", None),
        ("Incremental Snapshot", "swift", backups[0].id),
    ]
    assert (backup.location, backup.datastore, backup.datastore_version) == (
        "http://localhost/path/to/backup",
        "mysql",
        "5.5",
    )
    assert [g.datastore_version_number for g in groups] == ["5.7.29"]
    assert (group.values, group.instance_count, group.description) == ({"connect_timeout": 17}, 1, None)
    assert [(i.id, i.name) for i in users_of] == [("7fd2d1d6-a2ef-4a76-8c03-e233db4d86da", "master_1")]
    assert [p.name for p in parameters][:2] == ["autocommit", "auto_increment_increment"]
    assert (parameters[-1].name, parameters[-1].max, parameters[-1].restart_required) == (
        "wait_timeout",
        31536000,
        False,
    )
    assert [(s.name, [v.name for v in s.versions]) for s in stores] == [
        ("mariadb", ["10.4"]),
        ("mysql", ["5.7"]),
        ("postgresql", ["12"]),
    ]
