"""Getting started with the network service: a network, a subnet, a router, a port and a floating IP.

    python examples/network_getting_started.py --cloud devcloud-demo --external public

Builds a private network and subnet, a router with its gateway on the external network and an
interface on the subnet, a port, and a floating IP on that port; then tears it all down in dependency
order (floating IP, port, router interface, router, subnet, network), even when something failed.
``--cloud`` names a cloud in clouds.yaml (``OS_CLIENT_CONFIG_FILE`` says where it is).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

import pkgcloud
from pkgcloud.errors import NotFound, PkgcloudError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cloud", default="devcloud-demo", help="a cloud named in clouds.yaml")
    parser.add_argument("--external", default="public", help="the external network (name or id)")
    parser.add_argument("--cidr", default="10.81.0.0/24", help="the private subnet's range")
    parser.add_argument("--prefix", default="pkgcloud-example", help="name prefix")
    args = parser.parse_args(argv)

    client = pkgcloud.network.create_client(provider="openstack", cloud=args.cloud)
    undo: list[tuple[str, Callable[[], Any]]] = []
    try:
        network = client.create_network(f"{args.prefix}-net")
        undo.append(("NETWORK DELETED", lambda: client.delete_network(network)))
        subnet = client.create_subnet(network, args.cidr, name=f"{args.prefix}-subnet", dns_nameservers=[])
        undo.append(("SUBNET DELETED", lambda: client.delete_subnet(subnet)))
        print(f"NETWORK {network.name} with SUBNET {subnet.cidr} (gateway {subnet.gateway_ip})")

        router = client.create_router(f"{args.prefix}-router", external_network=args.external)
        undo.append(("ROUTER DELETED", lambda: client.delete_router(router)))
        client.add_router_interface(router, subnet=subnet)
        undo.append(("INTERFACE REMOVED", lambda: client.remove_router_interface(router, subnet=subnet)))
        print(f"ROUTER {router.name} gateway on {router.external_network_id}, interface on {subnet.cidr}")

        port = client.create_port(network, name=f"{args.prefix}-port")
        undo.append(("PORT DELETED", lambda: client.delete_port(port)))
        fip = client.create_floating_ip(args.external, port=port)
        undo.append(("FLOATING IP DELETED", lambda: client.delete_floating_ip(fip)))
        print(f"PORT {port.fixed_ips[0]['ip_address']} reached at FLOATING IP {fip.floating_ip_address}")
        return 0
    except PkgcloudError as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 1
    finally:
        for done, step in reversed(undo):
            try:
                step()
                print(done)
            except NotFound:
                print(done, "(already gone)")
            except PkgcloudError as exc:
                print(f"cleanup failed: {exc}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
