"""Getting started with compute: create two servers, wait until they run, list them, delete them.

The Python version of the Node library's OpenStack "getting started" example::

    python examples/compute_getting_started.py --cloud devcloud-demo

``--cloud`` names a cloud in clouds.yaml (``OS_CLIENT_CONFIG_FILE`` says where it is; the dev cloud
writes one in its state directory); ``--network`` picks a network by id where the project has
several. Every server it creates is deleted before it exits, even when something fails.
"""

from __future__ import annotations

import argparse
import sys

import pkgcloud
from pkgcloud.errors import PkgcloudError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cloud", default="devcloud-demo", help="a cloud named in clouds.yaml")
    parser.add_argument("--flavor", default="m1.tiny", help="flavor name")
    parser.add_argument("--image", default="devcloud-tiny", help="image name")
    parser.add_argument("--network", help="a network id (default: the one network the project can use)")
    parser.add_argument("--prefix", default="pkgcloud-test-getting-started", help="server name prefix")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for each server")
    args = parser.parse_args(argv)

    client = pkgcloud.compute.create_client(provider="openstack", cloud=args.cloud)
    created = []
    try:
        # first our flavor and our image, by name
        flavor = client.find_flavor(args.flavor)
        image = client.find_image(args.image)
        print(f"flavor {flavor.name} ({flavor.vcpus} vCPU, {flavor.ram} MiB), image {image.name}")

        # create two servers, then wait for both: they build at the same time
        for number in (1, 2):
            networks = [args.network] if args.network else None
            server = client.create_server(f"{args.prefix}-{number}", flavor, image, networks=networks)
            created.append(server)
            print(f"SERVER CREATED: {server.name} ({server.id}), waiting for it to run")
        for server in created:
            running = client.wait_for(server, "RUNNING", timeout=args.timeout, interval=2)
            public = ", ".join(running.addresses["public"]) or "none"
            private = ", ".join(running.addresses["private"]) or "none"
            print(f"SERVER RUNNING: {running.name} {running.status} (public: {public}; private: {private})")

        # list what runs in the project
        print("servers in the project:")
        for server in client.list_servers(name=f"^{args.prefix}-"):
            print(f"  {server.name}  {server.status}  ({server.provider_status})  {server.id}")
    except PkgcloudError as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 1
    finally:
        # clean up: delete what was created and wait until it is gone
        for server in created:
            client.delete_server(server)
        for server in created:
            client.wait_for(server, "DELETED", timeout=args.timeout, interval=2)
            print(f"SERVER DELETED: {server.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
