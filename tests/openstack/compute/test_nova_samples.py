"""Nova against cassettes built from the official API samples (tests/builders/nova_samples.py).

Replay matches method, path, query and JSON body: each test calls the SDK with the arguments that
produce the documented request exactly, and checks how the documented answer is read. The
microversion each request carried is checked too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pkgcloud.models.base import Status
from tests.openstack.compute.conftest import SAMPLE_CASSETTES

SERVER = "0e12087a-7c87-476a-8f84-7398e991cecc"
IMAGE = "70a599e0-31e7-49b7-b260-868f441e862b"
# the user_data of the samples, decoded
SAMPLE_USER_DATA = '#!/bin/bash\n/bin/su\necho "I am in you!"\n'


def use(cassette: Any, name: str) -> Any:
    return cassette(f"{SAMPLE_CASSETTES}/{name}", built=True)


def test_version(cassette, sample_client, sent):
    with use(cassette, "version"):
        client = sample_client()
        version = client.get_version()
    assert (version.id, version.status, version.min_version, version.version) == ("v2.1", "CURRENT", "2.1", "2.104")
    assert client.microversion == "2.79"  # the default, below the server's maximum


def test_list_servers_with_filters(cassette, sample_client, sent):
    with use(cassette, "servers_list"):
        client = sample_client()
        seen = sent(client)
        first = list(client.list_servers(limit=1))
        filtered = list(
            client.list_servers(
                status="ACTIVE",
                name="new-server-test",
                image=IMAGE,
                flavor="1",
                changes_since=dt.datetime(2012, 12, 2, 2, 11, 55, tzinfo=dt.timezone.utc),
            )
        )
    assert len(first) == 1
    assert [s.name for s in filtered] == ["new-server-test"]
    server = filtered[0]
    assert server.status is Status.RUNNING and server.provider_status == "ACTIVE"
    assert server.flavor_id is None and server.flavor_name == "m1.tiny"  # 2.47+: the flavor described
    assert seen.versions("GET")[-2:] == ["2.79", "2.79"]


def test_get_server(cassette, sample_client):
    with use(cassette, "server_get"):
        server = sample_client().get_server(SERVER)
    assert server.id == SERVER
    assert server.addresses == {"public": [], "private": ["192.168.1.30"]}
    assert server.networks == {"private": ["192.168.1.30"]}
    assert server.locked is True and server.locked_reason == "I don't want to work"
    assert server.image_id == IMAGE
    assert server.raw["OS-EXT-STS:vm_state"] == server.vm_state == "active"


def test_create_server_without_networks_goes_below_2_37(cassette, sample_client, sent):
    with use(cassette, "server_create_default_network"):
        client = sample_client()
        seen = sent(client)
        server = client.create_server(
            "new-server-test",
            "http://openstack.example.com/flavors/1",
            IMAGE,
            description="new-server-description",
            access_ipv4="1.2.3.4",
            access_ipv6="80fe::",
            metadata={"My Server Name": "Apache1"},
        )
    assert server.id == "19923676-e78b-46fb-af62-a5942aece2ac"
    assert server.name == "new-server-test" and server.image_id == IMAGE
    assert server.admin_pass == "***"  # scrubbed in the cassette; the cloud's password otherwise
    assert seen.versions("POST") == ["2.36"]  # description needs 2.19, no networks needs <= 2.36


def test_create_server_networks_auto(cassette, sample_client, sent):
    with use(cassette, "server_create_auto"):
        client = sample_client()
        seen = sent(client)
        server = client.create_server(
            "auto-allocate-network", "http://openstack.example.com/flavors/1", IMAGE, networks="auto"
        )
    assert server.id == "19923676-e78b-46fb-af62-a5942aece2ac"
    assert seen.versions("POST") == ["2.79"]


def test_create_server_with_every_common_option(cassette, sample_client):
    with use(cassette, "server_create_full"):
        server = sample_client().create_server(
            "new-server-test",
            "http://openstack.example.com/flavors/1",
            IMAGE,
            networks="auto",
            access_ipv4="1.2.3.4",
            access_ipv6="80fe::",
            availability_zone="us-west",
            disk_config="AUTO",
            metadata={"My Server Name": "Apache1"},
            security_groups=["default"],
            user_data=SAMPLE_USER_DATA,  # the SDK base64-encodes it
        )
    assert server.security_groups == ["default"]


def test_create_server_boot_from_volume_with_device_tags(cassette, sample_client):
    bdm = [
        {
            "uuid": IMAGE,
            "source_type": "image",
            "destination_type": "volume",
            "boot_index": 0,
            "volume_size": "1",
            "tag": "disk1",
        }
    ]
    with use(cassette, "server_create_boot_from_volume"):
        server = sample_client().create_server(
            "device-tagging-server",
            "http://openstack.example.com/flavors/1",
            networks=[{"uuid": "3cb9bc59-5699-4588-a4b1-b87f96708bc6", "tag": "nic1"}],
            block_device_mapping_v2=bdm,
        )
    assert server.image_id is None and server.flavor_id == "http://openstack.example.com/flavors/1"


def test_create_server_volume_type_needs_2_67(cassette, sample_client, sent):
    bdm = [
        {
            "uuid": IMAGE,
            "source_type": "image",
            "destination_type": "volume",
            "boot_index": 0,
            "volume_size": "1",
            "tag": "disk1",
            "volume_type": "lvm-1",
        }
    ]
    with use(cassette, "server_create_volume_type"):
        client = sample_client()
        seen = sent(client)
        client.create_server(
            "bfv-server-with-volume-type",
            "http://openstack.example.com/flavors/1",
            networks=[{"uuid": "3cb9bc59-5699-4588-a4b1-b87f96708bc6", "tag": "nic1"}],
            block_device_mapping_v2=bdm,
        )
    assert seen.versions("POST") == ["2.79"]


def test_create_server_on_a_host(cassette, sample_client):
    with use(cassette, "server_create_on_host"):
        server = sample_client().create_server(
            "new-server-test",
            "6",
            IMAGE,
            admin_pass="MySecretPass",
            access_ipv4="1.2.3.4",
            access_ipv6="80fe::",
            disk_config="AUTO",
            metadata={"My Server Name": "Apache1"},
            security_groups="default",  # one group, not its letters
            user_data=SAMPLE_USER_DATA.encode(),
            networks="auto",
            host="openstack-node-01",
            hypervisor_hostname="openstack-node-01",
        )
    assert server.id


def test_update_and_rename_server(cassette, sample_client):
    with use(cassette, "server_update"):
        server = sample_client().update_server(
            SERVER,
            name="new-server-test",
            description="Sample description",
            access_ipv4="1.2.3.4",
            access_ipv6="80fe::",
            disk_config="AUTO",
        )
    assert server.description == "Sample description" and server.name == "new-server-test"


def test_delete_server(cassette, sample_client):
    with use(cassette, "server_delete"):
        assert sample_client().delete_server(SERVER) is None


def test_server_addresses(cassette, sample_client):
    with use(cassette, "server_addresses"):
        client = sample_client()
        every = client.get_server_addresses(SERVER)
        private = client.get_server_addresses(SERVER, "private")
    assert every == {"private": ["192.168.1.30"]}
    assert private == {"private": ["192.168.1.30"]}


def test_server_metadata(cassette, sample_client):
    with use(cassette, "server_metadata"):
        client = sample_client()
        assert client.get_server_metadata(SERVER) == {"foo": "Foo Value"}
        assert client.set_server_metadata(SERVER, {"foo": "Foo Value"}) == {"foo": "Foo Value"}
        assert client.update_server_metadata(SERVER, {"foo": "Foo Value"}) == {"foo": "Foo Value"}
        assert client.get_server_metadata_item(SERVER, "foo") == "Foo Value"
        assert client.set_server_metadata_item(SERVER, "foo", "Bar Value") == {"foo": "Foo Value"}  # as documented
        client.delete_server_metadata(SERVER, "foo")


def test_server_actions(cassette, sample_client, sent):
    with use(cassette, "server_actions"):
        client = sample_client()
        seen = sent(client)
        client.reboot_server(SERVER, hard=True)
        client.resize_server(SERVER, "2", disk_config="AUTO")
        client.confirm_resize(SERVER)
        client.revert_resize(SERVER)
        client.stop_server(SERVER)
        client.start_server(SERVER)
        client.pause_server(SERVER)
        client.unpause_server(SERVER)
        client.suspend_server(SERVER)
        client.resume_server(SERVER)
        client.lock_server(SERVER)
        client.lock_server(SERVER, reason="I don't want to work")
        client.unlock_server(SERVER)
        client.unrescue_server(SERVER)
        client.shelve_server(SERVER)
        client.shelve_offload_server(SERVER)
        client.unshelve_server(SERVER)
        client.unshelve_server(SERVER, availability_zone="us-west")
    assert set(seen.versions("POST")) == {"2.79"}


def test_rescue_returns_the_password(cassette, sample_client):
    with use(cassette, "server_rescue"):
        password = sample_client().rescue_server(SERVER, image=IMAGE, admin_pass="MySecretPass")
    assert password == "***"  # the sample's password, scrubbed


def test_console_output(cassette, sample_client):
    with use(cassette, "server_console_output"):
        output = sample_client().get_console_output(SERVER, length=50)
    assert output.splitlines() == ["FAKE CONSOLE OUTPUT", "ANOTHER", "LAST LINE"]


def test_rebuild_with_user_data(cassette, sample_client, sent):
    with use(cassette, "server_rebuild"):
        client = sample_client()
        seen = sent(client)
        server = client.rebuild_server(
            SERVER,
            IMAGE,
            name="foobar",
            admin_pass="seekr3t",
            access_ipv4="1.2.3.4",
            access_ipv6="80fe::",
            disk_config="AUTO",
            metadata={"meta_var": "meta_val"},
            user_data='echo "hello world"',
        )
    assert server.name == "foobar" and server.metadata == {"meta_var": "meta_val"}
    assert seen.versions("POST") == ["2.79"]


def test_create_image_reads_the_id_and_fetches_the_image(cassette, sample_client, sent):
    with use(cassette, "server_create_image"):
        client = sample_client()
        seen = sent(client)
        image = client.create_image(SERVER, "foo-image", metadata={"meta_var": "meta_val"})
    assert image.name == "fakeimage7" and image.status == "ACTIVE"
    assert seen.calls[-2][2] == "2.79" and seen.calls[-1][2] == "2.35"  # the image proxy ends at 2.35


def test_flavors(cassette, sample_client):
    with use(cassette, "flavors"):
        client = sample_client()
        flavors = list(client.list_flavors())
        flavor = client.get_flavor("7")
    assert "m1.tiny" in [f.name for f in flavors]
    assert (flavor.name, flavor.ram, flavor.vcpus, flavor.disk, flavor.swap) == ("m1.small.description", 2048, 1, 20, 0)
    assert flavor.extra_specs == {"hw:cpu_policy": "shared", "hw:numa_nodes": "1"}
    assert flavor.description == "test description" and flavor.is_public is True


def test_images_go_through_the_proxy_at_2_35(cassette, sample_client, sent):
    with use(cassette, "images"):
        client = sample_client()
        seen = sent(client)
        images = list(client.list_images())
        image = client.get_image(IMAGE)
        client.delete_image(image)
    assert image.id == IMAGE and image.min_disk == 0 and image.status == "ACTIVE"
    assert IMAGE in [i.id for i in images]
    assert seen.versions() == ["2.35", "2.35", "2.35"]


def test_image_metadata_goes_through_the_proxy_at_2_38(cassette, sample_client, sent):
    with use(cassette, "image_metadata"):
        client = sample_client()
        seen = sent(client)
        assert client.get_image_metadata(IMAGE)["kernel_id"] == "nokernel"
        updated = client.update_image_metadata(IMAGE, {"kernel_id": "False", "Label": "UpdatedImage"})
        replaced = client.set_image_metadata(IMAGE, {"Label": "Changed", "auto_disk_config": "True"})
        client.delete_image_metadata(IMAGE, "kernel_id")
    assert updated["Label"] == "UpdatedImage" and updated["architecture"] == "x86_64"
    assert replaced == {"Label": "Changed", "auto_disk_config": "True"}
    assert set(seen.versions()) == {"2.38"}


def test_keypairs(cassette, sample_client):
    name = "keypair-6638abdb-c4e8-407c-ba88-c8dd7cc3c4f1"
    with use(cassette, "keypairs"):
        client = sample_client()
        keys = list(client.list_keys())
        key = client.get_key(name)
        generated = client.create_key("keypair-ab9ff2e6-a6d7-4915-a241-044c369c07f9", type="ssh")
        imported = client.import_key(
            "keypair-d20a3d59-9433-4b79-8726-20b431d89c78",
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx8nkQv/zgGgB4rMYmIf+6A4l6Rr+o/6lHBQdW5aYd44bd8JttDCE/F/pNRr0lRE"
            "+PiqSPO8nDPHw0010JeMH9gYgnnFlyY3/OcJ02RhIPyyxYpv9FhY+2YiUkpwFOcLImyrxEsYXpD/0d3ac30bNH6Sw9JD9UZHYcpSxs"
            "IbECHw== Generated-by-Nova",
            type="ssh",
        )
        client.delete_key(name)
    assert len(keys) == 1 and keys[0].type == "ssh" and keys[0].fingerprint
    assert key.name == name and key.user_id == "fake" and key.created is not None
    assert generated.private_key == "***" and "private_key" not in repr(generated)
    assert imported.private_key is None and imported.fingerprint


def test_limits(cassette, sample_client):
    with use(cassette, "limits"):
        limits = sample_client().get_limits()
    assert limits.absolute["maxTotalInstances"] == 10 and limits.absolute["totalCoresUsed"] == 0
    assert limits.rate == []


def test_availability_zones(cassette, sample_client):
    with use(cassette, "availability_zones"):
        client = sample_client()
        zones = client.list_availability_zones()
        detailed = client.list_availability_zones(detail=True)
    assert [(z.name, z.available, z.hosts) for z in zones] == [("nova", True, None)]
    assert any(z.hosts for z in detailed)


def test_volume_attachments(cassette, sample_client, sent):
    volume = "a07f71dc-8151-4e7d-a0cc-cd24a3f11113"
    with use(cassette, "volume_attachments"):
        client = sample_client()
        seen = sent(client)
        attachments = client.list_volume_attachments(SERVER)
        one = client.get_volume_attachment(SERVER, volume)
        made = client.attach_volume(SERVER, volume, tag="foo", delete_on_termination=True)
        client.detach_volume(SERVER, volume)
    assert [a.device for a in attachments] == ["/dev/sdc", "/dev/sdb"]
    assert one.volume_id == volume and one.delete_on_termination is True
    assert made.tag == "foo" and made.device == "/dev/sdb"
    assert set(seen.versions()) == {"2.79"}


def test_server_groups(cassette, sample_client):
    group_id = "5bbcc3c4-1da2-4437-a48a-66f15b1b13f9"
    with use(cassette, "server_groups"):
        client = sample_client()
        groups = list(client.list_server_groups())
        group = client.get_server_group(group_id)
        made = client.create_server_group("test", "anti-affinity", rules={"max_server_per_host": 3})
        client.delete_server_group(group)
    assert [g.policy for g in groups] == ["anti-affinity"]
    assert (group.name, group.policy, group.rules) == ("test", "anti-affinity", {"max_server_per_host": 3})
    assert made.id == group_id


def test_server_tags(cassette, sample_client):
    with use(cassette, "server_tags"):
        client = sample_client()
        assert client.list_server_tags(SERVER) == ["tag1", "tag2"]
        assert client.set_server_tags(SERVER, ["tag1", "tag2"]) == ["tag1", "tag2"]
        client.add_server_tag(SERVER, "tag1")
        client.delete_server_tag(SERVER, "tag1")


@pytest.mark.parametrize("name", ["servers_list", "server_get", "keypairs"])
def test_sample_cassettes_say_where_they_come_from(name):
    from tests.harness.cassettes import cassette_path

    text = cassette_path(f"{SAMPLE_CASSETTES}/{name}").read_text()
    assert "metadata:" in text and "built from official API samples" in text
