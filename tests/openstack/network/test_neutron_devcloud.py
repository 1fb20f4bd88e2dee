"""Neutron recorded against the dev cloud (Neutron 29, ML2 without agents), replayed offline.

Record with ``python3 -m devcloud record openstack/network`` (or ``PKGCLOUD_DEVCLOUD=/tmp/pkgcloud-devcloud
.venv/bin/pytest --record-mode=all tests/openstack/network/test_neutron_devcloud.py``). Names start with
``pkgcloud-test-``; every test deletes what it made, in dependency order, even when it fails. The
dev cloud's shared external network is ``public`` (172.24.4.0/24), made by its admin.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

import pkgcloud
from pkgcloud.bodies import NULL
from pkgcloud.errors import BadRequest, Conflict, Forbidden, NotFound, PreconditionFailed, ValidationError
from pkgcloud.network import SecurityGroupRuleExists
from tests.harness import devcloud
from tests.test_docs import replay_clouds_yaml

EXTERNAL = "public"
ROOT = Path(__file__).resolve().parents[3]
MISSING = "00000000-0000-4000-8000-000000000000"


def neutron(devcloud_options: Any, user: str = "demo") -> Any:
    return pkgcloud.network.create_client(provider="openstack", **devcloud_options(user))


@contextmanager
def cleanup() -> Iterator[Callable[..., None]]:
    """``later(fn, *args)``: run at the end, last registered first, each even if another fails."""
    with ExitStack() as stack:

        def later(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
            stack.callback(fn, *args, **kwargs)

        yield later


def _quietly(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """A cleanup step for what the test may have removed already."""
    with suppress(NotFound):
        fn(*args, **kwargs)


def test_network_subnet_and_port_lifecycle(cassette, devcloud_options):
    with cassette("openstack/network/lifecycle"), cleanup() as later:
        client = neutron(devcloud_options)
        net = client.create_network("pkgcloud-test-net", admin_state_up=False, description="")
        later(client.delete_network, net, ignore_missing=True)
        assert net.admin_state_up is False and net.description == "" and net.status == "ACTIVE"
        assert client.get_network(net.id).revision_number == net.revision_number

        # updates with the right revision pass, a stale one is a typed 412
        renamed = client.update_network(net, name="pkgcloud-test-net-2", if_revision=net.revision_number)
        assert renamed.name == "pkgcloud-test-net-2" and renamed.revision_number > net.revision_number
        with pytest.raises(PreconditionFailed) as stale:
            client.update_network(net, admin_state_up=True, if_revision=net.revision_number)
        assert stale.value.status == 412

        subnet = client.create_subnet(
            net,
            "10.77.0.0/24",
            name="pkgcloud-test-v4",
            gateway_ip=NULL,
            enable_dhcp=False,
            dns_nameservers=["10.77.0.2"],
            host_routes=[{"destination": "192.168.50.0/24", "nexthop": "10.77.0.3"}],
            allocation_pools=[{"start": "10.77.0.10", "end": "10.77.0.20"}],
        )
        later(client.delete_subnet, subnet, ignore_missing=True)
        assert subnet.gateway_ip is None and subnet.enable_dhcp is False and subnet.ip_version == 4
        assert subnet.dns_nameservers == ["10.77.0.2"]
        assert subnet.host_routes == [{"destination": "192.168.50.0/24", "nexthop": "10.77.0.3"}]
        assert subnet.allocation_pools == [{"start": "10.77.0.10", "end": "10.77.0.20"}]
        cleared = client.update_subnet(subnet, dns_nameservers=[], host_routes=[])
        assert cleared.dns_nameservers == [] and cleared.host_routes == []

        v6 = client.create_subnet(
            net, "fd00:77::/64", name="pkgcloud-test-v6", ipv6_ra_mode="slaac", ipv6_address_mode="slaac"
        )
        later(client.delete_subnet, v6, ignore_missing=True)
        assert v6.ip_version == 6 and v6.ipv6_address_mode == "slaac" and v6.gateway_ip == "fd00:77::"

        group = client.create_security_group("pkgcloud-test-port-sg")
        later(client.delete_security_group, group, ignore_missing=True)
        port = client.create_port(
            net,
            name="pkgcloud-test-port",
            admin_state_up=False,
            fixed_ips=[{"subnet_id": subnet.id, "ip_address": "10.77.0.15"}],
            security_groups=[group],
            allowed_address_pairs=[{"ip_address": "10.77.0.100"}],
            vnic_type="normal",
            device_owner="",
            description="a test port",
        )
        later(client.delete_port, port, ignore_missing=True)
        assert port.admin_state_up is False and port.security_group_ids == [group.id]
        assert [ip["ip_address"] for ip in port.fixed_ips if ip.get("subnet_id") == subnet.id] == ["10.77.0.15"]
        assert port.allowed_address_pairs[0]["ip_address"] == "10.77.0.100"
        assert port.binding_vnic_type == "normal"
        # no agent binds it: it stays DOWN (never waited on)
        assert port.status == "DOWN"
        assert [p.id for p in client.list_ports(network=net)] == [port.id]

        # port security cannot go while the port has address pairs or groups; groups and port security
        # go in one request
        with pytest.raises(Conflict) as pairs:
            client.update_port(port, port_security_enabled=False, security_groups=[])
        assert pairs.value.error_type == "AddressPairAndPortSecurityRequired"
        assert client.update_port(port, allowed_address_pairs=[]).allowed_address_pairs == []
        with pytest.raises(Conflict) as in_use:
            client.update_port(port, port_security_enabled=False)
        assert in_use.value.error_type == "PortSecurityPortHasSecurityGroup"
        bare = client.disable_port_security(port)
        assert bare.port_security_enabled is False and bare.security_group_ids == []
        assert client.update_port(port, name="").name == ""

        # dependency order: a subnet with an allocation, a network with a port
        with pytest.raises(Conflict) as subnet_in_use:
            client.delete_subnet(subnet)
        assert subnet_in_use.value.error_type == "SubnetInUse"
        with pytest.raises(Conflict) as net_in_use:
            client.delete_network(net)
        assert net_in_use.value.error_type == "NetworkInUse"

        assert client.delete_port(port) is True
        assert client.delete_port(port, ignore_missing=True) is False
        assert client.delete_subnet(subnet) and client.delete_subnet(v6)
        assert client.delete_network(net) is True
        with pytest.raises(NotFound) as gone:
            client.get_network(net)
        assert gone.value.error_type == "NetworkNotFound"


def test_security_groups_and_rules(cassette, devcloud_options):
    with cassette("openstack/network/security_groups"), cleanup() as later:
        client = neutron(devcloud_options)
        group = client.create_security_group("pkgcloud-test-sg", description="", stateful=True)
        later(client.delete_security_group, group, ignore_missing=True)
        assert group.stateful is True and group.description == ""
        # A new group gets the cloud's default rules (two egress rules on most clouds; none on the dev
        # cloud, whose schema is built without the data migration that writes the defaults).
        defaults = group.rules
        egress = client.create_security_group_rule(group, direction="egress", ethertype="IPv4")
        later(client.delete_security_group_rule, egress, ignore_missing=True)
        # creating "the same" rule again (as with the default egress rules) names the existing one
        with pytest.raises(SecurityGroupRuleExists) as exists:
            client.create_security_group_rule(group, direction="egress", ethertype="IPv4")
        assert isinstance(exists.value, Conflict) and exists.value.rule_id == egress.id

        ssh = client.create_security_group_rule(
            group, protocol="tcp", port_range_min=22, port_range_max=22, remote_ip_prefix="10.0.0.0/8"
        )
        later(client.delete_security_group_rule, ssh, ignore_missing=True)
        assert (ssh.direction, ssh.ethertype, ssh.port_range_min, ssh.port_range_max) == ("ingress", "IPv4", 22, 22)
        icmp = client.create_security_group_rule(group, protocol="icmp", port_range_min=0, port_range_max=0)
        assert icmp.port_range_min == 0 and icmp.port_range_max == 0
        assert client.get_security_group_rule(ssh.id) == ssh
        rules = {r.id for r in client.list_security_group_rules(security_group=group)}
        assert rules == {r.id for r in defaults} | {egress.id, ssh.id, icmp.id}
        assert [
            r.id for r in client.list_security_group_rules(security_group=group, direction="ingress", protocol="tcp")
        ] == [ssh.id]

        changed = client.update_security_group(group, name="pkgcloud-test-sg-2", description="changed")
        assert (changed.name, changed.description) == ("pkgcloud-test-sg-2", "changed")
        assert client.delete_security_group_rule(icmp) is True

        bare = client.create_security_group("pkgcloud-test-sg-bare", remove_default_rules=True)
        later(client.delete_security_group, bare, ignore_missing=True)
        assert bare.rules == []
        assert [
            g.name
            for g in client.list_security_groups(name=["pkgcloud-test-sg-2", "pkgcloud-test-sg-bare"], sort="name")
        ] == [
            "pkgcloud-test-sg-2",
            "pkgcloud-test-sg-bare",
        ]


def test_router_interfaces_and_floating_ips(cassette, devcloud_options):
    with cassette("openstack/network/routers_floating_ips"), cleanup() as later:
        client = neutron(devcloud_options)
        net = client.create_network("pkgcloud-test-rnet")
        later(client.delete_network, net, ignore_missing=True)
        subnet = client.create_subnet(net, "10.78.0.0/24", name="pkgcloud-test-rsub")
        later(client.delete_subnet, subnet, ignore_missing=True)

        # the gateway's network by name: looked up among the external networks
        router = client.create_router("pkgcloud-test-router", external_network=EXTERNAL)
        later(client.delete_router, router, ignore_missing=True)
        public = client.find_network(EXTERNAL, external=True)
        assert router.external_network_id == public.id and public.external is True
        # enable_snat was not sent (admin-only): Neutron reports its default
        assert router.external_gateway_info and router.external_gateway_info.get("enable_snat") is True

        interface = client.add_router_interface(router, subnet=subnet)
        later(_quietly, client.remove_router_interface, router, subnet=subnet)
        assert interface.router_id == router.id and interface.subnet_id == subnet.id and interface.port_id
        with pytest.raises(Conflict) as interface_port:
            client.delete_port(interface.port_id)
        assert interface_port.value.error_type == "ServicePortInUse"
        with pytest.raises(Conflict) as router_in_use:
            client.delete_router(router)
        assert router_in_use.value.error_type == "RouterInUse"

        routed = client.update_router(router, routes=[{"destination": "192.168.60.0/24", "nexthop": "10.78.0.5"}])
        assert routed.routes == [{"destination": "192.168.60.0/24", "nexthop": "10.78.0.5"}]
        assert client.update_router(router, routes=[]).routes == []
        assert client.get_router(router).id == router.id

        port = client.create_port(net, name="pkgcloud-test-fip-port")
        later(client.delete_port, port, ignore_missing=True)
        fip = client.create_floating_ip(EXTERNAL, description="pkgcloud test")
        later(client.delete_floating_ip, fip, ignore_missing=True)
        assert fip.floating_network_id == public.id and fip.port_id is None and fip.floating_ip_address
        assert client.find_available_floating_ip(public) == fip

        bound = client.associate_floating_ip(fip, port)
        assert bound.port_id == port.id and bound.fixed_ip_address == port.fixed_ips[0]["ip_address"]
        assert bound.router_id == router.id
        # no L3 agent: the status stays DOWN, and nothing waits on it
        assert bound.status == "DOWN"
        assert client.find_available_floating_ip(public) is None
        assert [f.id for f in client.list_floating_ips(port=port)] == [fip.id]
        with pytest.raises(Conflict) as fip_in_use:
            client.remove_router_interface(router, subnet=subnet)
        assert fip_in_use.value.error_type == "RouterInterfaceInUseByFloatingIP"

        free = client.disassociate_floating_ip(fip)
        assert free.port_id is None and free.fixed_ip_address is None
        assert client.get_floating_ip(fip).port_id is None

        # teardown in order: floating IP, port, interface, gateway, router, subnet, network
        assert client.delete_floating_ip(fip)
        assert client.delete_port(port)
        removed = client.remove_router_interface(router, subnet=subnet)
        assert removed.subnet_id == subnet.id and removed.port_id == interface.port_id
        assert client.clear_router_gateway(router).external_gateway_info is None
        assert client.delete_router(router)
        assert client.delete_subnet(subnet) and client.delete_network(net)


def test_an_exhausted_subnet_is_a_typed_409(cassette, devcloud_options):
    with cassette("openstack/network/ip_exhausted"), cleanup() as later:
        client = neutron(devcloud_options)
        net = client.create_network("pkgcloud-test-small")
        later(client.delete_network, net, ignore_missing=True)
        subnet = client.create_subnet(
            net,
            "10.79.0.0/29",
            gateway_ip=NULL,
            enable_dhcp=False,
            allocation_pools=[{"start": "10.79.0.2", "end": "10.79.0.2"}],
        )
        later(client.delete_subnet, subnet, ignore_missing=True)
        first = client.create_port(net)
        later(client.delete_port, first, ignore_missing=True)
        with pytest.raises(Conflict) as full:
            client.create_port(net, name="pkgcloud-test-one-too-many")
        assert full.value.error_type == "IpAddressGenerationFailure"
        assert net.id in full.value.message


def test_admin_only_gateway_fields_are_sent_only_when_set(cassette, devcloud_options):
    with cassette("openstack/network/admin_gateway"), cleanup() as later:
        demo = neutron(devcloud_options)
        # the demo user may not set enable_snat, even to its default...
        with pytest.raises(Forbidden) as refused:
            demo.create_router("pkgcloud-test-snat", external_network=EXTERNAL, enable_snat=True)
        assert "enable_snat" in refused.value.message
        # ...and gets a gateway when it is not sent
        router = demo.create_router("pkgcloud-test-nosnat", external_network=EXTERNAL)
        later(demo.delete_router, router, ignore_missing=True)
        assert router.external_network_id

        admin = neutron(devcloud_options, "admin")
        fixed = admin.create_router("pkgcloud-test-admin-router", external_network=EXTERNAL, enable_snat=False)
        later(admin.delete_router, fixed, ignore_missing=True)
        assert fixed.external_gateway_info and fixed.external_gateway_info["enable_snat"] is False
        reset = admin.set_router_gateway(fixed, EXTERNAL, enable_snat=True)
        assert reset.external_gateway_info and reset.external_gateway_info["enable_snat"] is True

        # provider attributes (admin): a VLAN network on the dev cloud's physnet1 (VLANs 100-200)
        vlan = admin.create_network(
            "pkgcloud-test-vlan", network_type="vlan", physical_network="physnet1", segmentation_id=150, external=False
        )
        later(admin.delete_network, vlan, ignore_missing=True)
        assert (vlan.network_type, vlan.physical_network, vlan.segmentation_id, vlan.external) == (
            "vlan",
            "physnet1",
            150,
            False,
        )
        # the demo user may not set them
        with pytest.raises(Forbidden):
            demo.create_network("pkgcloud-test-novlan", network_type="vlan")


def test_tags_and_tag_filters(cassette, devcloud_options):
    with cassette("openstack/network/tags"), cleanup() as later:
        client = neutron(devcloud_options)
        nets = {}
        for name, tags in (("a", ["red", "round"]), ("b", ["red"]), ("c", ["blue"])):
            net = client.create_network(f"pkgcloud-test-tag-{name}")
            later(client.delete_network, net, ignore_missing=True)
            assert client.set_tags(net, tags) == tags
            nets[name] = net
        a = nets["a"]
        client.add_tag(a, "big")
        assert sorted(client.get_tags(a)) == ["big", "red", "round"]
        assert client.has_tag(a, "big") and not client.has_tag(a, "small")
        client.remove_tag(a.id, "big", kind="network")
        with pytest.raises(NotFound):
            client.remove_tag(a, "big")

        def names(**filters: Any) -> list[str]:
            found = client.list_networks(name=[f"pkgcloud-test-tag-{n}" for n in "abc"], sort="name", **filters)
            return [n.name.rsplit("-", 1)[-1] for n in found]

        assert names(tags=["red", "round"]) == ["a"]
        assert names(tags_any=["round", "blue"]) == ["a", "c"]
        assert names(not_tags="red") == ["c"]
        assert names(not_tags_any=["round", "blue"]) == ["b"]
        client.clear_tags(a)
        assert client.get_tags(a) == [] and client.get_network(a).tags == []


def test_paging_sorting_fields_and_page_reverse(cassette, devcloud_options):
    with cassette("openstack/network/paging"), cleanup() as later:
        client = neutron(devcloud_options)
        ids = []
        for name in ("x", "y", "z"):
            net = client.create_network(f"pkgcloud-test-page-{name}")
            later(client.delete_network, net, ignore_missing=True)
            ids.append(net.id)
        names = [f"pkgcloud-test-page-{n}" for n in "xyz"]
        # two per page: the OR filter survives the next link
        forward = list(client.list_networks(name=names, page_size=2))
        assert sorted(n.id for n in forward) == sorted(ids) and [n.id for n in forward] == sorted(ids)
        backward = list(client.list_networks(name=names, page_size=2, page_reverse=True))
        assert [n.id for n in backward] == sorted(ids, reverse=True)
        by_name = list(client.list_networks(name=names, sort="name:desc", page_size=2, fields=["name"]))
        assert [n.name for n in by_name] == names[::-1]
        assert all(n.status is None and n.id for n in by_name)  # only id and name were asked for
        assert len(list(client.list_networks(name=names, limit=2))) == 2


def test_extensions_quotas_and_subnet_pools(cassette, devcloud_options):
    with cassette("openstack/network/capabilities"), cleanup() as later:
        client = neutron(devcloud_options)
        aliases = {e.alias for e in client.list_extensions()}
        assert {"pagination", "sorting", "standard-attr-tag", "revision-if-match"} <= aliases
        assert client.has_extension("router") and not client.has_extension("fwaas_v2")
        assert client.get_extension("pagination").name

        quota = client.get_quotas()
        assert quota.limits["network"] > 0 and quota.project_id
        detailed = client.get_quotas(details=True)
        assert detailed.limits == quota.limits and "network" in detailed.used

        pool = client.create_subnet_pool("pkgcloud-test-pool", ["10.80.0.0/16"], default_prefixlen=26)
        later(client.delete_subnet_pool, pool, ignore_missing=True)
        assert client.get_subnet_pool(pool.id).prefixes == ["10.80.0.0/16"]
        assert [p.id for p in client.list_subnet_pools(name="pkgcloud-test-pool")] == [pool.id]
        net = client.create_network("pkgcloud-test-pooled")
        later(client.delete_network, net, ignore_missing=True)
        subnet = client.create_subnet(net, subnetpool=pool, prefixlen=28)
        later(client.delete_subnet, subnet, ignore_missing=True)
        assert subnet.subnetpool_id == pool.id and subnet.cidr and subnet.cidr.endswith("/28")
        defaulted = client.create_subnet(net, subnetpool=pool.id)
        later(client.delete_subnet, defaulted, ignore_missing=True)
        assert defaulted.cidr and defaulted.cidr.endswith("/26") and defaulted.ip_version == 4
        assert {s.id for s in client.list_subnets(subnetpool=pool)} == {subnet.id, defaulted.id}


def test_neutrons_errors_are_typed(cassette, devcloud_options):
    with cassette("openstack/network/errors"):
        client = neutron(devcloud_options)
        with pytest.raises(NotFound) as no_network:
            client.create_port(MISSING)
        assert no_network.value.error_type == "NetworkNotFound" and MISSING in no_network.value.message
        # an attribute the SDK does not know is passed through filters=, and Neutron refuses it
        with pytest.raises(BadRequest) as bad_filter:
            list(client.list_networks(filters={"pkgcloud_no_such_attribute": "x"}))
        assert "pkgcloud_no_such_attribute" in bad_filter.value.message
        assert bad_filter.value.request_id


def test_bad_input_never_reaches_the_dev_cloud(devcloud_options):
    client = neutron(devcloud_options)
    with pytest.raises(ValidationError, match="unknown filter 'colour'"):
        client.list_networks(colour="red")
    with pytest.raises(ValidationError, match="host bits are set.*'10.0.0.0/24'"):
        client.create_subnet(MISSING, "10.0.0.1/24")
    with pytest.raises(ValidationError, match="IPv4 network, but ip_version is 6"):
        client.create_subnet(MISSING, "10.0.0.0/24", ip_version=6)
    with pytest.raises(ValidationError, match="unknown option 'status'"):
        client.update_port(MISSING, status="ACTIVE")


def _example(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(ROOT / "examples"))
    sys.modules.pop("network_getting_started", None)
    import network_getting_started

    return network_getting_started


def test_the_getting_started_example_in_replay(cassette, recording, tmp_path, monkeypatch, capsys):
    clouds = devcloud.state_dir() / "clouds.yaml" if recording else replay_clouds_yaml(tmp_path / "clouds.yaml")
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
    example = _example(monkeypatch)
    with cassette("openstack/network/getting_started"):
        assert example.main(["--cloud", "devcloud-demo", "--prefix", "pkgcloud-test-example"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-6:] == [
        "FLOATING IP DELETED",
        "PORT DELETED",
        "INTERFACE REMOVED",
        "ROUTER DELETED",
        "SUBNET DELETED",
        "NETWORK DELETED",
    ]
    assert "reached at FLOATING IP 172.24.4." in out[2]


@pytest.mark.devcloud("neutron")
def test_the_getting_started_example_runs_against_the_dev_cloud(monkeypatch, capsys):
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(devcloud.state_dir() / "clouds.yaml"))
    example = _example(monkeypatch)
    prefix = f"pkgcloud-test-example-{os.getpid()}"
    assert example.main(["--cloud", "devcloud-demo", "--prefix", prefix, "--cidr", "10.82.0.0/24"]) == 0
    out = capsys.readouterr().out
    assert f"NETWORK {prefix}-net" in out and out.rstrip().endswith("NETWORK DELETED")
    # nothing is left behind
    client = pkgcloud.network.create_client(provider="openstack", cloud="devcloud-demo")
    assert list(client.list_networks(name=f"{prefix}-net")) == []
    assert list(client.list_routers(name=f"{prefix}-router")) == []
