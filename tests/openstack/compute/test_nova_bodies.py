"""Request bodies for Nova, and the errors bad input gets before anything is sent."""

from __future__ import annotations

import base64

import pytest

from pkgcloud.errors import ValidationError
from pkgcloud_openstack.compute import bodies
from pkgcloud_openstack.compute import features as F

NET = "3cb9bc59-5699-4588-a4b1-b87f96708bc6"
IMAGE = "70a599e0-31e7-49b7-b260-868f441e862b"


class Model:
    def __init__(self, id: str) -> None:
        self.id = id


# -- user_data ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["#cloud-config\npackages: [htop]\n", "é ünïcode ☃", b"\x00\xff binary", bytearray(b"x")]
)
def test_user_data_text_or_bytes_is_base64_encoded(value):
    encoded = bodies.encode_user_data(value)
    raw = value.encode() if isinstance(value, str) else bytes(value)
    assert base64.b64decode(encoded, validate=True) == raw


@pytest.mark.parametrize("value", [123, {"runcmd": []}, ["a"], 1.5, True])
def test_user_data_of_another_type_is_refused_with_what_would_be_right(value):
    with pytest.raises(ValidationError, match=r"user_data must be text \(str\) or bytes, not"):
        bodies.encode_user_data(value)


def test_user_data_over_nova_limit_is_refused_before_sending():
    bodies.encode_user_data(b"x" * 49149)  # 65532 once encoded: fits
    with pytest.raises(ValidationError, match="65535"):
        bodies.encode_user_data(b"x" * 49152)


# -- create bodies ------------------------------------------------------------------------------


def test_minimal_create_leaves_networks_to_the_cloud_below_2_37():
    body, used = bodies.server_create("web-1", Model("1"), Model(IMAGE))
    assert body == {"server": {"name": "web-1", "flavorRef": "1", "imageRef": IMAGE}}
    assert used == [F.NETWORKS_DEFAULT]


@pytest.mark.parametrize("value", ["auto", "none"])
def test_networks_auto_and_none_need_2_37(value):
    body, used = bodies.server_create("a", "1", IMAGE, networks=value)
    assert body["server"]["networks"] == value and used == [F.NETWORKS_AUTO_NONE]


def test_networks_by_id_port_and_fixed_ip():
    body, used = bodies.server_create(
        "a",
        "1",
        IMAGE,
        networks=[NET, {"port": "p-1"}, {"uuid": NET, "fixed_ip": "10.0.0.9"}, Model(NET)],
    )
    assert body["server"]["networks"] == [
        {"uuid": NET},
        {"port": "p-1"},
        {"uuid": NET, "fixed_ip": "10.0.0.9"},
        {"uuid": NET},
    ]
    assert used == []
    body, used = bodies.server_create("a", "1", IMAGE, networks=NET)
    assert body["server"]["networks"] == [{"uuid": NET}]
    _, used = bodies.server_create("a", "1", IMAGE, networks=[{"uuid": NET, "tag": "nic1"}])
    assert used == [F.DEVICE_TAGS]


@pytest.mark.parametrize(
    ("networks", "message"),
    [
        (["public"], r"unknown network 'public': networks are given by id"),
        ([{"net-id": NET}], r"unknown network key 'net-id' \(Nova calls it 'uuid'\)"),
        ([{"uuid": "public"}], r"unknown network 'public': 'uuid' must be a network id"),
        ([{"tag": "x"}], r"needs 'uuid', 'port' or 'fixed_ip'"),
        (["auto"], r"stands alone"),
        (42, r"networks must be 'auto', 'none' or a list"),
    ],
)
def test_bad_networks_are_refused_before_sending(networks, message):
    with pytest.raises(ValidationError, match=message):
        bodies.server_create("a", "1", IMAGE, networks=networks)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"flavor": None}, "flavor is required"),
        ({"flavor": ""}, "flavor is required"),
        ({"flavor": 1.5}, "flavor must be a flavor model or its id"),
        ({"image": None}, "image is required"),
        ({"name": ""}, "name must be a non-empty string"),
        ({"name": "x" * 256}, "the API allows 255"),
        ({"metadata": {"a": 1}}, r"metadata\['a'\] must be a string, not int"),
        ({"metadata": ["a"]}, "metadata must be a mapping"),
        ({"config_drive": "yes"}, "config_drive must be True or False"),
        ({"security_groups": [None]}, "a security group is given by its name"),
        ({"min_count": 0}, "min_count must be a whole number"),
        ({"disk_config": "auto"}, "disk_config must be 'AUTO' or 'MANUAL'"),
        ({"boot_volume_size": 10, "image": None}, "boot_volume_size needs an image"),
        ({"boot_volume_size": "10"}, "boot_volume_size must be a whole number of GiB"),
        ({"personality": "data"}, "personality must be"),
        ({"tags": "a,b"}, "tags must be a list of strings"),
    ],
)
def test_bad_input_is_refused_with_what_is_right(kwargs, message):
    args = {"name": "a", "flavor": "1", "image": IMAGE, **kwargs}
    with pytest.raises(ValidationError, match=message):
        bodies.server_create(args.pop("name"), args.pop("flavor"), args.pop("image"), **args)


def test_boot_from_a_new_volume_puts_the_image_in_the_mapping():
    body, _ = bodies.server_create("a", "1", IMAGE, boot_volume_size=10, delete_volume_on_termination=False)
    server = body["server"]
    assert "imageRef" not in server
    assert server["block_device_mapping_v2"] == [
        {
            "boot_index": 0,
            "uuid": IMAGE,
            "source_type": "image",
            "destination_type": "volume",
            "volume_size": 10,
            "delete_on_termination": False,
        }
    ]


def test_block_device_mapping_is_passed_and_its_features_named():
    bdm = [{"uuid": "vol", "source_type": "volume", "destination_type": "volume", "boot_index": 0}]
    body, used = bodies.server_create("a", "1", None, block_device_mapping_v2=bdm, networks="none")
    assert body["server"]["block_device_mapping_v2"] == bdm and "imageRef" not in body["server"]
    assert used == [F.NETWORKS_AUTO_NONE]
    _, used = bodies.server_create("a", "1", None, block_device_mapping_v2=[{**bdm[0], "volume_type": "ssd"}])
    assert F.BDM_VOLUME_TYPE in used


def test_every_option_lands_where_nova_reads_it():
    body, used = bodies.server_create(
        "a",
        "1",
        IMAGE,
        networks="auto",
        key_name="mykey",
        security_groups="default",
        user_data="#!/bin/sh\n",
        metadata={"role": "web"},
        availability_zone="nova",
        admin_pass="pw",
        config_drive=True,
        personality={"/etc/motd": "hello"},
        scheduler_hints={"group": "g-1"},
        tags=["a", "b"],
        description="d",
        min_count=2,
        max_count=3,
    )
    server = body["server"]
    assert body["OS-SCH-HNT:scheduler_hints"] == {"group": "g-1"}
    assert server["key_name"] == "mykey" and server["security_groups"] == [{"name": "default"}]
    assert server["user_data"] == base64.b64encode(b"#!/bin/sh\n").decode()
    assert server["personality"] == [{"path": "/etc/motd", "contents": base64.b64encode(b"hello").decode()}]
    assert (server["adminPass"], server["config_drive"], server["availability_zone"]) == ("pw", True, "nova")
    assert (server["tags"], server["description"], server["min_count"], server["max_count"]) == (["a", "b"], "d", 2, 3)
    assert set(used) == {F.NETWORKS_AUTO_NONE, F.PERSONALITY, F.CREATE_TAGS, F.SERVER_DESCRIPTION}


def test_rebuild_body_names_its_features():
    body, used = bodies.rebuild(
        IMAGE, name="n", key_name="k", user_data=b"x", personality=[{"path": "/p", "contents": "c"}]
    )
    assert body["rebuild"]["imageRef"] == IMAGE and body["rebuild"]["user_data"] == "eA=="
    assert set(used) == {F.REBUILD_KEY_NAME, F.REBUILD_USER_DATA, F.PERSONALITY}


@pytest.mark.parametrize(
    ("given", "fragment"),
    [({"disk_config": "auto"}, "disk_config must be 'AUTO' or 'MANUAL'"), ({"admin_pass": 1234}, "admin_pass")],
)
def test_a_rebuild_checks_its_fields_as_a_create_does(given, fragment):
    with pytest.raises(ValidationError, match=fragment):
        bodies.rebuild("img", **given)
    with pytest.raises(ValidationError, match=fragment):
        bodies.server_create("a", "1", "img", **given)
