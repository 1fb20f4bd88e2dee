"""Nova JSON to models: status normalisation and the public/private split of addresses."""

from __future__ import annotations

import pytest

from pkgcloud.models.base import Status
from pkgcloud_openstack.compute import parse


@pytest.mark.parametrize(
    ("nova", "expected"),
    [
        ("BUILD", "PROVISIONING"),
        ("REBUILD", "PROVISIONING"),
        ("ACTIVE", "RUNNING"),
        ("SHUTOFF", "STOPPED"),
        ("SUSPENDED", "STOPPED"),
        ("REBOOT", "REBOOT"),
        ("HARD_REBOOT", "REBOOT"),
        ("RESIZE", "UPDATING"),
        ("VERIFY_RESIZE", "UPDATING"),
        ("REVERT_RESIZE", "UPDATING"),
        ("MIGRATING", "UPDATING"),
        ("PASSWORD", "UPDATING"),
        ("ERROR", "ERROR"),
        ("active", "RUNNING"),
        ("PAUSED", "UNKNOWN"),
        ("RESCUE", "UNKNOWN"),
        ("SHELVED_OFFLOADED", "UNKNOWN"),
        ("DELETED", "UNKNOWN"),
        ("SOMETHING_NEW", "UNKNOWN"),
        (None, "UNKNOWN"),
    ],
)
def test_status_is_normalised_and_the_cloud_status_kept(nova, expected):
    server = parse.server({"id": "s1", "status": nova})
    assert server.status is Status(expected)
    assert server.status == expected  # compares with strings
    assert server.provider_status == nova


def entry(addr, kind="fixed", version=4):
    return {"addr": addr, "version": version, "OS-EXT-IPS:type": kind}


def test_floating_addresses_are_public_whatever_their_range():
    public, _ = parse.split_addresses({"tenant-net": [entry("10.0.0.5"), entry("10.20.0.9", "floating")]})
    assert public == {"public": ["10.20.0.9"], "private": ["10.0.0.5"]}


def test_fixed_addresses_on_a_public_or_external_network_are_public():
    # the dev cloud's shared network is named "public" and uses 172.24.4.0/24 (an RFC 1918 range)
    found, by_network = parse.split_addresses(
        {"public": [entry("172.24.4.17"), entry("2001:db8::5", version=6)], "External": [entry("192.168.9.9")]}
    )
    assert found == {"public": ["172.24.4.17", "2001:db8::5", "192.168.9.9"], "private": []}
    assert by_network == {"public": ["172.24.4.17", "2001:db8::5"], "External": ["192.168.9.9"]}


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.1", "private"),
        ("172.32.0.1", "public"),
        ("192.168.1.30", "private"),
        ("100.64.1.1", "private"),
        ("169.254.169.254", "private"),
        ("8.8.8.8", "public"),
        ("203.0.113.10", "public"),
        ("fd12:3456::1", "private"),
        ("fe80::1%eth0", "private"),
        ("2a00:1450::1", "public"),
        ("not-an-ip", "public"),
    ],
)
def test_other_fixed_addresses_go_by_their_range(address, kind):
    found, _ = parse.split_addresses({"tenant-net": [entry(address)]})
    assert found[kind] == [address]


def test_a_network_named_private_keeps_public_ranges_private_and_bare_strings_are_read():
    found, by_network = parse.split_addresses({"private": ["8.8.4.4", entry("10.0.0.2")], "x": [{"version": 4}]})
    assert found == {"public": [], "private": ["8.8.4.4", "10.0.0.2"]}
    assert by_network == {"private": ["8.8.4.4", "10.0.0.2"], "x": []}


def test_an_address_listed_twice_is_counted_once_and_nothing_is_lost():
    found, by_network = parse.split_addresses({"a": [entry("10.0.0.2")], "b": [entry("10.0.0.2")]})
    assert found["private"] == ["10.0.0.2"] and by_network == {"a": ["10.0.0.2"], "b": ["10.0.0.2"]}
    assert parse.split_addresses(None) == ({"public": [], "private": []}, {})


def test_server_reads_fault_flavor_image_and_secrets_stay_out_of_repr():
    server = parse.server(
        {
            "id": "s1",
            "status": "ERROR",
            "fault": {"code": 500, "message": "No valid host was found."},
            "flavor": {"id": "1", "links": []},
            "image": "",  # booted from a volume
            "adminPass": "s3cret-pass",
            "config_drive": "True",
            "security_groups": [{"name": "default"}, {"name": "default"}, {"name": "web"}],
            "os-extended-volumes:volumes_attached": [{"id": "v1"}],
            "OS-EXT-STS:power_state": 1,
        }
    )
    assert server.fault == "No valid host was found."
    assert (server.flavor_id, server.flavor_name, server.image_id) == ("1", None, None)
    assert server.config_drive is True and server.security_groups == ["default", "web"]
    assert server.volume_ids == ["v1"] and server.power_state == 1
    assert server.admin_pass == "s3cret-pass" and "s3cret-pass" not in repr(server)


def test_flavor_swap_empty_string_is_zero_and_server_group_policies_become_policy():
    flavor = parse.flavor({"id": "1", "name": "m1.tiny", "swap": "", "OS-FLV-EXT-DATA:ephemeral": 0})
    assert flavor.swap == 0 and flavor.ephemeral == 0
    group = parse.server_group({"id": "g", "name": "g", "policies": ["affinity"], "members": ["a"]})
    assert group.policy == "affinity" and group.members == ["a"]


def test_keypair_list_items_are_unwrapped_and_private_keys_hidden():
    key = parse.keypair({"keypair": {"name": "k", "private_key": "-----BEGIN PRIVATE KEY-----x", "type": "ssh"}})
    assert key.name == key.id == "k" and key.type == "ssh"
    assert key.private_key and "PRIVATE" not in repr(key)
