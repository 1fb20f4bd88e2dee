"""Nova recorded against the dev cloud (Nova 34 with the fake driver), replayed offline.

Record with ``PKGCLOUD_DEVCLOUD=/tmp/pkgcloud-devcloud .venv/bin/pytest --record-mode=once ...``.
Names start with ``pkgcloud-test-`` and every test deletes what it made. Ids come from the answers,
so nothing here depends on a particular dev cloud. The ``devcloud`` tests run live only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

import pkgcloud
from pkgcloud.api import ApiSession
from pkgcloud.auth import EndpointQuery
from pkgcloud.errors import BadRequest, Conflict, NotFound, ResourceFailed, ValidationError
from tests.harness import devcloud

FLAVOR = "m1.tiny"
IMAGE = "devcloud-tiny"
WAIT = {"timeout": 300, "interval": 1}
ROOT = Path(__file__).resolve().parents[3]


def nova(devcloud_options: Any) -> Any:
    return pkgcloud.compute.create_client(provider="openstack", **devcloud_options("demo"))


def test_getting_started_flow(cassette, devcloud_options):
    """The Node library's getting started: two servers, wait until they run, list them, delete them."""
    with cassette("openstack/compute/getting_started"):
        client = nova(devcloud_options)
        flavor = client.find_flavor(FLAVOR)
        image = client.find_image(IMAGE)
        servers = [client.create_server(f"pkgcloud-test-gs-{n}", flavor, image) for n in (1, 2)]
        try:
            running = [client.wait_for(server, "RUNNING", **WAIT) for server in servers]
            listed = {s.name: s for s in client.list_servers(name="^pkgcloud-test-gs-")}
        finally:
            for server in servers:
                client.delete_server(server)
            gone = [client.wait_for(server, "DELETED", **WAIT) for server in servers]
    assert [s.status for s in running] == ["RUNNING", "RUNNING"]
    assert [s.provider_status for s in running] == ["ACTIVE", "ACTIVE"]
    assert sorted(listed) == ["pkgcloud-test-gs-1", "pkgcloud-test-gs-2"]
    assert all(s.flavor_name == FLAVOR and s.image_id == image.id for s in listed.values())
    # the dev cloud's shared network is named "public": its fixed addresses are public
    assert all(s.addresses["public"] and s.networks for s in running)
    assert gone == ["DELETED", "DELETED"]


def test_server_lifecycle(cassette, devcloud_options):
    with cassette("openstack/compute/server_lifecycle"):
        client = nova(devcloud_options)
        flavor = client.find_flavor(FLAVOR)
        image = client.find_image(IMAGE)
        server = client.create_server(
            "pkgcloud-test-lifecycle",
            flavor,
            image,
            metadata={"role": "test"},
            user_data="#cloud-config\nhostname: lifecycle\n",
            config_drive=True,
        )
        try:
            server = client.wait_for(server, "RUNNING", **WAIT)
            assert server.metadata == {"role": "test"} and server.config_drive is True
            addresses = client.get_server_addresses(server)
            assert addresses == server.networks

            # metadata
            assert client.update_server_metadata(server, {"owner": "pkgcloud"}) == {"role": "test", "owner": "pkgcloud"}
            assert client.set_server_metadata_item(server, "owner", "sdk") == {"owner": "sdk"}
            client.delete_server_metadata(server, "owner")
            assert client.set_server_metadata(server, {"a": "1"}) == {"a": "1"}
            assert client.get_server_metadata(server) == {"a": "1"}

            # names and tags
            renamed = client.rename_server(server, "pkgcloud-test-lifecycle-renamed")
            assert renamed.name == "pkgcloud-test-lifecycle-renamed"
            assert client.set_server_tags(server, ["blue", "green"]) == ["blue", "green"]
            client.add_server_tag(server, "red")
            client.delete_server_tag(server, "blue")
            assert sorted(client.list_server_tags(server)) == ["green", "red"]

            # Nova's own 409, verbatim
            with pytest.raises(Conflict) as busy:
                client.unpause_server(server)
            assert "unpause" in busy.value.message and server.id in busy.value.message

            # power
            client.reboot_server(server)
            server = client.wait_for(server, "RUNNING", **WAIT)
            client.reboot_server(server, hard=True)
            server = client.wait_for(server, "RUNNING", **WAIT)
            client.stop_server(server)
            assert client.wait_for(server, "STOPPED", **WAIT).provider_status == "SHUTOFF"
            client.start_server(server)
            client.wait_for(server, "RUNNING", **WAIT)
            client.pause_server(server)
            paused = client.wait_for(server, "PAUSED", **WAIT)
            assert paused.status == "UNKNOWN"  # not a normalised state; Nova's is kept
            client.unpause_server(server)
            client.wait_for(server, "RUNNING", **WAIT)
            client.suspend_server(server)
            assert client.wait_for(server, "SUSPENDED", **WAIT).status == "STOPPED"
            client.resume_server(server)
            client.wait_for(server, "RUNNING", **WAIT)
            client.lock_server(server, reason="pkgcloud test")
            locked = client.get_server(server)
            assert locked.locked is True and locked.locked_reason == "pkgcloud test"
            client.unlock_server(server)

            # console, rescue, rebuild
            assert isinstance(client.get_console_output(server, length=10), str)
            client.rescue_server(server)
            client.wait_for(server, "RESCUE", **WAIT)
            client.unrescue_server(server)
            client.wait_for(server, "RUNNING", **WAIT)
            rebuilt = client.rebuild_server(server, image, name="pkgcloud-test-lifecycle-rebuilt", metadata={"b": "2"})
            assert rebuilt.name == "pkgcloud-test-lifecycle-rebuilt"
            server = client.wait_for(server, "RUNNING", **WAIT)
            assert server.metadata == {"b": "2"}
        finally:
            client.delete_server(server)
            client.wait_for(server, "DELETED", **WAIT)


def test_shelve_and_snapshot(cassette, devcloud_options):
    with cassette("openstack/compute/shelve_snapshot"):
        client = nova(devcloud_options)
        server = client.create_server(
            "pkgcloud-test-shelve",
            client.find_flavor(FLAVOR),
            client.find_image(IMAGE),
            networks=[_shared_network(client)],
        )
        try:
            server = client.wait_for(server, "RUNNING", **WAIT)
            # the fake driver never finishes uploading a snapshot: it stays SAVING, but Nova names it
            image = client.create_image(server, "pkgcloud-test-snapshot", metadata={"purpose": "test"})
            try:
                assert image.name == "pkgcloud-test-snapshot" and image.server_id == server.id
                assert image.status in ("SAVING", "ACTIVE") and image.metadata["purpose"] == "test"
            finally:
                client.delete_image(image)
            client.wait_for(server, "RUNNING", **WAIT)  # the snapshot's task done
            client.shelve_server(server)
            shelved = client.wait_for(server, "SHELVED_OFFLOADED", **WAIT)
            assert shelved.status == "UNKNOWN" and shelved.provider_status == "SHELVED_OFFLOADED"
            client.unshelve_server(server)
            assert client.wait_for(server, "RUNNING", **WAIT).provider_status == "ACTIVE"
        finally:
            client.delete_server(server)
            client.wait_for(server, "DELETED", **WAIT)


def test_a_server_nova_cannot_place_fails_the_wait_with_novas_fault(cassette, devcloud_options):
    """Two servers in an anti-affinity group on a one-host cloud: the second cannot be placed."""
    with cassette("openstack/compute/no_valid_host"):
        client = nova(devcloud_options)
        flavor, image = client.find_flavor(FLAVOR), client.find_image(IMAGE)
        group = client.create_server_group("pkgcloud-test-apart", "anti-affinity")
        options = {"scheduler_hints": {"group": group.id}, "networks": [_shared_network(client)]}
        first = client.create_server("pkgcloud-test-apart-1", flavor, image, **options)
        second = client.create_server("pkgcloud-test-apart-2", flavor, image, **options)
        try:
            client.wait_for(first, "RUNNING", **WAIT)
            with pytest.raises(ResourceFailed) as failed:
                client.wait_for(second, "RUNNING", **WAIT)
        finally:
            for server in (first, second):
                client.delete_server(server)
            for server in (first, second):
                client.wait_for(server, "DELETED", **WAIT)
            client.delete_server_group(group)
    assert failed.value.fault is not None and "No valid host was found" in failed.value.fault
    assert failed.value.resource.status == "ERROR" and "pkgcloud-test-apart-2" in str(failed.value)


def _service(client: Any, *types: str) -> ApiSession:
    """Another service of the dev cloud, reached with the compute client's own token (test set-up)."""
    region = client.options.get("region")
    return ApiSession(client.api.transport, client.auth, EndpointQuery(types, region=region))


def _shared_network(client: Any) -> str:
    """The dev cloud's shared network "public", looked up in Neutron (other tests may add networks)."""
    found = _service(client, "network").get("v2.0/networks", params={"name": "public", "shared": "true"})
    return str(found["networks"][0]["id"])


def _wait_volume(cinder: ApiSession, volume_id: str, status: str) -> None:
    from pkgcloud import clock

    for _ in range(120):
        if cinder.get(f"volumes/{volume_id}")["volume"]["status"] == status:
            return
        clock.sleep(1)
    raise AssertionError(f"volume {volume_id} never became {status}")


def test_volume_attachments(cassette, devcloud_options):
    with cassette("openstack/compute/volume_attachments"):
        client = nova(devcloud_options)
        cinder = _service(client, "block-storage", "volumev3")
        volume = cinder.post("volumes", json={"volume": {"size": 1, "name": "pkgcloud-test-attach"}})["volume"]
        server = client.create_server(
            "pkgcloud-test-attach",
            client.find_flavor(FLAVOR),
            client.find_image(IMAGE),
            networks=[_shared_network(client)],
        )
        try:
            _wait_volume(cinder, volume["id"], "available")
            server = client.wait_for(server, "RUNNING", **WAIT)
            attachment = client.attach_volume(server, volume["id"], delete_on_termination=False)
            assert attachment.volume_id == volume["id"] and attachment.server_id == server.id
            _wait_volume(cinder, volume["id"], "in-use")
            listed = client.list_volume_attachments(server)
            assert [a.volume_id for a in listed] == [volume["id"]]
            one = client.get_volume_attachment(server, volume["id"])
            assert one.device == attachment.device and one.delete_on_termination is False
            client.detach_volume(server, volume["id"])
            _wait_volume(cinder, volume["id"], "available")
            assert client.list_volume_attachments(server) == []
        finally:
            client.delete_server(server)
            client.wait_for(server, "DELETED", **WAIT)
            cinder.request("DELETE", f"volumes/{volume['id']}")


def test_key_pairs(cassette, devcloud_options):
    with cassette("openstack/compute/keypairs"):
        client = nova(devcloud_options)
        generated = client.create_key("pkgcloud-test-generated")
        try:
            assert generated.private_key and generated.public_key and generated.fingerprint
            assert "PRIVATE" not in repr(generated)
            imported = client.import_key("pkgcloud-test-imported", generated.public_key)
            try:
                assert imported.fingerprint == generated.fingerprint and imported.private_key is None
                names = {k.name for k in client.list_keys()}
                assert {"pkgcloud-test-generated", "pkgcloud-test-imported"} <= names
                assert client.get_key("pkgcloud-test-imported").public_key == generated.public_key.strip()
            finally:
                client.delete_key("pkgcloud-test-imported")
        finally:
            client.delete_key("pkgcloud-test-generated")
        with pytest.raises(NotFound):
            client.get_key("pkgcloud-test-generated")


def test_account_and_catalogue(cassette, devcloud_options):
    with cassette("openstack/compute/account"):
        client = nova(devcloud_options)
        version = client.get_version()
        limits = client.get_limits()
        zones = client.list_availability_zones()
        flavors = list(client.list_flavors())
        images = list(client.list_images())
        one = client.get_flavor(flavors[0])
        image = client.get_image(images[0])
    assert version.id == "v2.1" and version.min_version == "2.1" and version.version
    assert client.microversion == "2.79"
    assert limits.absolute["maxTotalInstances"] > 0
    assert "nova" in [z.name for z in zones]
    assert {FLAVOR, "m1.small"} <= {f.name for f in flavors} and one.id == flavors[0].id
    assert IMAGE in [i.name for i in images] and image.status == "ACTIVE"


def test_server_groups(cassette, devcloud_options):
    with cassette("openstack/compute/server_groups"):
        client = nova(devcloud_options)
        group = client.create_server_group("pkgcloud-test-group", "anti-affinity", rules={"max_server_per_host": 1})
        try:
            assert (group.policy, group.rules) == ("anti-affinity", {"max_server_per_host": 1})
            assert client.get_server_group(group).name == "pkgcloud-test-group"
            assert group.id in [g.id for g in client.list_server_groups()]
        finally:
            client.delete_server_group(group)


def test_novas_400_is_surfaced_verbatim(cassette, devcloud_options):
    with cassette("openstack/compute/errors"):
        client = nova(devcloud_options)
        image = client.find_image(IMAGE)
        with pytest.raises(BadRequest) as bad:
            client.create_server("pkgcloud-test-bad-flavor", "pkgcloud-no-such-flavor", image)
        with pytest.raises(BadRequest) as bad_network:
            client.create_server(
                "pkgcloud-test-bad-network",
                client.find_flavor(FLAVOR),
                image,
                networks=["00000000-0000-4000-8000-000000000000"],
            )
    assert "pkgcloud-no-such-flavor" in bad.value.message and "could not be found" in bad.value.message
    assert "00000000-0000-4000-8000-000000000000" in bad_network.value.message
    assert bad.value.request_id  # Nova's request id, for the operator


def test_bad_input_never_reaches_the_dev_cloud(devcloud_options):
    client = nova(devcloud_options)
    with pytest.raises(ValidationError, match="unknown network 'public'"):
        client.create_server("pkgcloud-test-x", "1", "image", networks=["public"])
    with pytest.raises(ValidationError, match="user_data must be text"):
        client.create_server("pkgcloud-test-x", "1", "image", user_data={"a": 1})


@pytest.mark.devcloud("nova", "glance", "neutron")
def test_the_getting_started_example_runs_against_the_dev_cloud(monkeypatch, capsys):
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(devcloud.state_dir() / "clouds.yaml"))
    monkeypatch.syspath_prepend(str(ROOT / "examples"))
    sys.modules.pop("compute_getting_started", None)
    import compute_getting_started

    prefix = f"pkgcloud-test-example-{os.getpid()}"
    # the shared network by id: other tests may add networks to the demo project
    network = _shared_network(pkgcloud.compute.create_client(provider="openstack", cloud="devcloud-demo"))
    argv = ["--cloud", "devcloud-demo", "--prefix", prefix, "--network", network]
    assert compute_getting_started.main(argv) == 0
    out = capsys.readouterr().out
    assert out.count("SERVER RUNNING") == 2 and out.count("SERVER DELETED") == 2
    assert f"{prefix}-1" in out and f"{prefix}-2" in out
