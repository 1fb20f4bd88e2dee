"""Cinder backups against cassettes built from the official API samples (tests/builders/cinder_samples.py).

The dev cloud has no backup service (see the builder), so backups are checked against the documented
exchanges: each test calls the SDK with the arguments that produce the documented request exactly
(method, path, query, JSON body) and checks how the documented answer is read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pkgcloud

PROJECT = "89afd400-b646-4bbc-b12b-c0a4d63e5bd3"
CINDER = f"http://cinder.devcloud.test/v3/{PROJECT}"


def sample_client() -> Any:
    return pkgcloud.blockstorage.create_client(provider="openstack", token="PKGCLOUD-TOKEN-1", endpoint_override=CINDER)


def use(cassette: Any, name: str) -> Any:
    return cassette(f"openstack/blockstorage/samples/{name}", built=True)


def test_create_a_backup(cassette):
    with use(cassette, "backup_create"):
        client = sample_client()
        backup = client.create_backup(
            "0aa67a0c-7339-4be6-b5d5-2afe21ca270c",
            name="backup001",
            description="Test backup",
            incremental=False,
            force=False,
        )
    assert (backup.id, backup.name) == ("15b73866-f643-407d-9c53-377d9eb3e3fc", "backup001")
    assert client.microversion == "3.60"  # the default, below the samples' 3.71


def test_get_a_backup(cassette):
    with use(cassette, "backup_get"):
        backup = sample_client().get_backup("3052c307-119e-4f78-960e-972078aa15a8")
    assert (backup.status, backup.size, backup.volume_id) == ("creating", 10, "e763a78b-edc5-48fb-bbb3-fddc1062e27a")
    assert backup.is_incremental is False and backup.has_dependent_backups is False
    assert backup.project_id == PROJECT and backup.fail_reason is None and backup.metadata == {}
    assert backup.created == dt.datetime(2023, 6, 23, 11, 56, 8, 691468, tzinfo=dt.timezone.utc)


def test_list_backups(cassette):
    with use(cassette, "backups_list"):
        backups = list(sample_client().list_backups())
    assert [(b.id, b.name, b.status) for b in backups] == [
        ("72915888-cfcb-4f41-a416-bab824f3e8ba", "backup001", "creating")
    ]


def test_update_a_backup(cassette):
    with use(cassette, "backup_update"):
        backup = sample_client().update_backup(
            "06d5db4f-1f80-4a71-99a6-99368cfb8f8e", name="backup001", description="this is a backup"
        )
    assert backup.name == "backup001"


def test_restore_a_backup_into_a_volume(cassette):
    with use(cassette, "backup_restore"):
        restored = sample_client().restore_backup(
            "2ef47aee-8844-490c-804d-2a8efe561c65", volume="64f5d2fb-d836-4063-b7e2-544d5c1ff607", name="vol-01"
        )
    assert (restored.volume_id, restored.volume_name) == ("795114e8-7489-40be-a978-83797f2c1dd3", "volume01")


def test_delete_a_backup(cassette):
    with use(cassette, "backup_delete"):
        sample_client().delete_backup("3052c307-119e-4f78-960e-972078aa15a8")
