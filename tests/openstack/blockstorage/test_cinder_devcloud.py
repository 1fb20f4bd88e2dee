"""Cinder recorded against the dev cloud (Cinder 29, fake volume driver, keystone mode), replayed offline.

Record with ``python3 -m devcloud record openstack/blockstorage`` (or ``PKGCLOUD_DEVCLOUD=... pytest
--record-mode=once``). Names start with ``pkgcloud-test-`` and every test deletes what it made; ids
come from the answers. What the dev cloud cannot do (backups: no backup service; volumes from images:
the fake backend fails them) is in test_cinder_samples.py, from Cinder's API samples. The
``devcloud`` tests run live only.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

import pkgcloud
from pkgcloud.api import ApiSession
from pkgcloud.auth import EndpointQuery
from pkgcloud.errors import BadRequest, NotFound, ResourceFailed, ValidationError

WAIT = {"timeout": 300, "interval": 1}
FLAVOR = "m1.tiny"
IMAGE = "devcloud-tiny"


def cinder(devcloud_options: Any, user: str = "demo") -> Any:
    return pkgcloud.blockstorage.create_client(provider="openstack", **devcloud_options(user))


def _shared_network(compute: Any) -> str:
    """The dev cloud's shared network "public", looked up in Neutron (test set-up)."""
    neutron = ApiSession(compute.api.transport, compute.auth, EndpointQuery(("network",), region="RegionOne"))
    found = neutron.get("v2.0/networks", params={"name": "public", "shared": "true"})
    return str(found["networks"][0]["id"])


def test_volume_lifecycle(cassette, devcloud_options):
    with cassette("openstack/blockstorage/volume_lifecycle"):
        client = cinder(devcloud_options)
        volume = client.create_volume(1, name="pkgcloud-test-volume", description="", metadata={"role": "test"})
        made = [volume]
        try:
            volume = client.wait_for(volume, **WAIT)
            assert (volume.size, volume.description, volume.metadata) == (1, "", {"role": "test"})
            assert volume.bootable is False and volume.volume_type == "__DEFAULT__"
            assert client.find_volume("pkgcloud-test-volume").id == volume.id
            assert volume.id in [v.id for v in client.list_volumes(sort="created_at:desc", limit=50)]

            renamed = client.update_volume(volume, name="pkgcloud-test-volume-renamed", description="data")
            assert (renamed.name, renamed.description) == ("pkgcloud-test-volume-renamed", "data")

            # metadata, through the core Metadata mechanism
            assert client.update_volume_metadata(volume, {"owner": "pkgcloud"}) == {"role": "test", "owner": "pkgcloud"}
            assert client.set_volume_metadata_item(volume, "owner", "sdk") == {"owner": "sdk"}
            assert client.get_volume_metadata_item(volume, "owner") == "sdk"
            client.delete_volume_metadata(volume, "owner")
            assert client.set_volume_metadata(volume, {"a": "1"}) == {"a": "1"}
            assert client.get_volume_metadata(volume) == {"a": "1"}

            client.set_volume_bootable(volume, True)
            assert client.get_volume(volume).bootable is True

            client.extend_volume(volume, 2)
            volume = client.wait_for(volume, **WAIT)
            assert volume.size == 2
            with pytest.raises(ValidationError, match="already 2 GiB"):
                client.extend_volume(volume, 1)

            snapshot = client.create_snapshot(volume, name="pkgcloud-test-snap", metadata={"k": "v"})
            snapshot = client.wait_for(snapshot, **WAIT)
            assert (snapshot.volume_id, snapshot.size, snapshot.metadata) == (volume.id, 2, {"k": "v"})
            assert client.update_snapshot(snapshot, description="before the change").description == "before the change"
            assert client.update_snapshot_metadata(snapshot, {"k2": "v2"}) == {"k": "v", "k2": "v2"}
            assert snapshot.id in [s.id for s in client.list_snapshots()]

            # Cinder's own 400, verbatim: a volume with snapshots is deleted only with cascade
            with pytest.raises(BadRequest) as refused:
                client.delete_volume(volume)
            assert "snapshots" in refused.value.message

            client.revert_volume_to_snapshot(volume, snapshot)
            assert client.wait_for(volume, **WAIT).status == "available"

            from_snapshot = client.create_volume(name="pkgcloud-test-from-snap", snapshot_id=snapshot)
            made.append(from_snapshot)
            clone = client.create_volume(name="pkgcloud-test-clone", source_volume_id=volume)
            made.append(clone)
            from_snapshot = client.wait_for(from_snapshot, **WAIT)
            clone = client.wait_for(clone, **WAIT)
            assert (from_snapshot.snapshot_id, from_snapshot.size) == (snapshot.id, 2)
            assert (clone.source_volume_id, clone.size) == (volume.id, 2)
        finally:
            for item in reversed(made):
                client.delete_volume(item, cascade=True)
            gone = [client.wait_for(item, "DELETED", **WAIT) for item in made]
        with pytest.raises(NotFound):
            client.get_snapshot(snapshot)
    assert gone == ["DELETED"] * 3


def test_attached_volume_snapshot_and_extend(cassette, devcloud_options):
    """Attach through the compute client; snapshot the in-use volume (force sent below 3.66); extend it
    in use (3.42); detach; clean up."""
    with cassette("openstack/blockstorage/attached"):
        client = cinder(devcloud_options)
        compute = pkgcloud.compute.create_client(provider="openstack", **devcloud_options("demo"))
        volume = client.create_volume(1, name="pkgcloud-test-attached")
        server = compute.create_server(
            "pkgcloud-test-attached",
            compute.find_flavor(FLAVOR),
            compute.find_image(IMAGE),
            networks=[_shared_network(compute)],
        )
        try:
            client.wait_for(volume, **WAIT)
            server = compute.wait_for(server, "RUNNING", **WAIT)
            compute.attach_volume(server, volume)
            volume = client.wait_for(volume, "in-use", **WAIT)
            assert [a.server_id for a in volume.attachments] == [server.id]

            snapshot = client.wait_for(client.create_snapshot(volume, name="pkgcloud-test-attached-snap"), **WAIT)
            assert snapshot.status == "available"

            client.extend_volume(volume, 2)
            volume = client.wait_for(volume, "in-use", **WAIT)
            assert volume.size == 2

            compute.detach_volume(server, volume)
            client.wait_for(volume, **WAIT)
            client.delete_snapshot(snapshot)
            client.wait_for(snapshot, "DELETED", **WAIT)
        finally:
            compute.delete_server(server)
            compute.wait_for(server, "DELETED", **WAIT)
            client.wait_for(volume, **WAIT)
            client.delete_volume(volume, cascade=True)
            client.wait_for(volume, "DELETED", **WAIT)


def _admin_types(devcloud_options: Any) -> tuple[Any, ApiSession]:
    """An administrator's Cinder (volume types are created by administrators: test set-up)."""
    admin = cinder(devcloud_options, "admin")
    return admin, admin.api


def test_a_volume_no_backend_can_take_fails_the_wait_with_cinders_message(cassette, devcloud_options):
    """A volume type whose extra spec no backend reports: the scheduler finds no backend, the volume goes
    to error, and the wait fails at once with the user message Cinder recorded."""
    with cassette("openstack/blockstorage/no_valid_backend"):
        admin, api = _admin_types(devcloud_options)
        spec = {"name": "pkgcloud-test-unplaceable", "extra_specs": {"pkgcloud_no_such_capability": "true"}}
        made = api.post("types", json={"volume_type": spec}, headers=admin.request_headers())["volume_type"]
        client = cinder(devcloud_options)
        try:
            found = client.find_volume_type("pkgcloud-test-unplaceable")
            assert found.id == made["id"]
            volume = client.create_volume(1, name="pkgcloud-test-unplaceable", volume_type="pkgcloud-test-unplaceable")
            try:
                with pytest.raises(ResourceFailed) as failed:
                    client.wait_for(volume, **WAIT)
                messages = [m for m in client.list_messages() if m.resource_uuid == volume.id]
                assert messages and client.get_message(messages[0]).id == messages[0].id
            finally:
                client.delete_volume(volume)
                client.wait_for(volume, "DELETED", **WAIT)
            client.delete_message(messages[0])
        finally:
            api.request("DELETE", f"types/{made['id']}", headers=admin.request_headers())
    assert failed.value.resource.status == "error"
    assert failed.value.fault is not None and "Could not find any available weighted backend" in failed.value.fault
    assert messages[0].resource_type == "VOLUME" and messages[0].user_message in failed.value.fault


def test_transfer_a_volume_to_another_project(cassette, devcloud_options):
    with cassette("openstack/blockstorage/transfer"):
        client = cinder(devcloud_options)
        other = cinder(devcloud_options, "alt_demo")
        volume = client.wait_for(client.create_volume(1, name="pkgcloud-test-transfer"), **WAIT)
        owner = volume
        try:
            withdrawn = client.create_transfer(volume, name="pkgcloud-test-withdrawn")
            assert client.wait_for(volume, "awaiting-transfer", **WAIT).status == "awaiting-transfer"
            client.delete_transfer(withdrawn)
            client.wait_for(volume, **WAIT)

            offer = client.create_transfer(volume, name="pkgcloud-test-transfer", no_snapshots=True)
            assert offer.auth_key and offer.auth_key not in repr(offer)
            assert client.get_transfer(offer).volume_id == volume.id
            assert offer.id in [t.id for t in client.list_transfers()]
            accepted = other.accept_transfer(offer.id, offer.auth_key)
            assert accepted.volume_id == volume.id
            owner = None
            with pytest.raises(NotFound):
                client.get_volume(volume)
            mine = other.wait_for(volume.id, **WAIT)
            assert mine.name == "pkgcloud-test-transfer"
        finally:
            owning = client if owner is not None else other
            owning.delete_volume(volume)
            owning.wait_for(volume, "DELETED", **WAIT)


def test_account_and_catalogue(cassette, devcloud_options):
    with cassette("openstack/blockstorage/account"):
        client = cinder(devcloud_options)
        types = list(client.list_volume_types())
        default = client.get_volume_type(types[0])
        limits = client.get_limits()
        quotas = client.get_quotas(usage=True)
        zones = client.list_availability_zones()
        microversion = client.microversion
    assert "__DEFAULT__" in [t.name for t in types] and default.id == types[0].id
    assert limits.absolute["maxTotalVolumes"] > 0 and "totalGigabytesUsed" in limits.absolute
    assert quotas.limits["volumes"] == limits.absolute["maxTotalVolumes"] and "volumes" in quotas.in_use
    assert [z.name for z in zones] == ["nova"] and zones[0].available is True
    assert microversion == "3.60"


def test_bad_input_never_reaches_the_dev_cloud(devcloud_options):
    client = cinder(devcloud_options)
    for size in (0, -1, "1", 1.5):
        with pytest.raises(ValidationError, match="size"):
            client.create_volume(size, name="pkgcloud-test-x")
    with pytest.raises(ValidationError, match="unknown option 'colour'"):
        client.create_volume(1, colour="blue")


@pytest.mark.devcloud("cinder")
def test_create_snapshot_extend_and_delete_live(live_options):
    client = pkgcloud.blockstorage.create_client(provider="openstack", **live_options("demo"))
    name = f"pkgcloud-test-live-{os.getpid()}"
    volume = client.create_volume(1, name=name)
    try:
        volume = client.wait_for(volume, **WAIT)
        snapshot = client.wait_for(client.create_snapshot(volume, name=name), **WAIT)
        client.delete_snapshot(snapshot)
        client.wait_for(snapshot, "DELETED", **WAIT)
        client.extend_volume(volume, 2)
        assert client.wait_for(volume, **WAIT).size == 2
        with pytest.raises(ValidationError, match="unknown volume type 'pkgcloud-no-such-type'"):
            client.create_volume(1, volume_type="pkgcloud-no-such-type")
    finally:
        client.delete_volume(volume, cascade=True)
        assert client.wait_for(volume, "DELETED", **WAIT) == "DELETED"
