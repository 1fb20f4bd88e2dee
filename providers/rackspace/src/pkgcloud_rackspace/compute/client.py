"""Rackspace Cloud Servers: Nova (``cloudServersOpenStack``) with Rackspace's network extensions.

``os-networksv2``: isolated networks, listed with PublicNet (``00000000-...``) and ServiceNet
(``11111111-...``), created with a label and a CIDR. ``os-virtual-interfacesv2``: a server's
interfaces, one per network; creating one attaches the server to a network (the answer is a list
of at most one interface), deleting one takes **the interface's id** (the Node library put the
network's id there, which the API does not accept).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from pkgcloud.bodies import check_name, ref_id
from pkgcloud.errors import ValidationError
from pkgcloud.resource import SINGLE, Resource
from pkgcloud_openstack.compute import NovaCompute
from pkgcloud_rackspace.compute import parse

if TYPE_CHECKING:
    from pkgcloud.compute import ServerRef
    from pkgcloud_rackspace.compute.models import IsolatedNetwork, VirtualInterface

NETWORKS = Resource("os-networksv2", key="network", plural="networks", parse=parse.network, paging=SINGLE)
VIFS = Resource(
    "servers/{server_id}/os-virtual-interfacesv2",
    key="virtual_interface",
    plural="virtual_interfaces",
    parse=parse.virtual_interface,
    paging=SINGLE,
    noun="virtual interface",
)


def check_cidr(cidr: Any) -> str:
    if not isinstance(cidr, str):
        raise ValidationError(f"cidr must be a network in CIDR notation such as '192.168.0.0/24', not {cidr!r}")
    try:
        ipaddress.ip_network(cidr, strict=True)
    except ValueError as exc:
        raise ValidationError(
            f"cidr {cidr!r} is not a network in CIDR notation such as '192.168.0.0/24' ({exc})"
        ) from None
    if "/" not in cidr:
        raise ValidationError(f"cidr {cidr!r} needs its prefix length, such as '192.168.0.0/24'")
    return cidr


class CloudServers(NovaCompute):
    # the catalog also has first-generation "cloudServers" of the same type
    catalog_name: ClassVar[str | None] = "cloudServersOpenStack"

    isolated_networks = NETWORKS
    virtual_interfaces = VIFS

    # -- os-networksv2 ---------------------------------------------------------------------------

    def list_networks(self) -> Iterator[IsolatedNetwork]:
        """The account's networks, PublicNet and ServiceNet included (Node: ``getNetworks``)."""
        return self.isolated_networks.list()

    def get_network(self, network: Any) -> IsolatedNetwork:
        return self.isolated_networks.get(network)

    def create_network(self, label: str, cidr: str) -> IsolatedNetwork:
        """An isolated network: ``label`` and ``cidr`` (``"192.168.0.0/24"``) are both required."""
        body = {"label": check_name(label, "label"), "cidr": check_cidr(cidr)}
        return self.isolated_networks.create(body)

    def delete_network(self, network: Any) -> None:
        """Delete a network no server is attached to (Node: ``deleteNetwork``)."""
        self.isolated_networks.delete(network)

    # -- os-virtual-interfacesv2 -----------------------------------------------------------------

    def list_virtual_interfaces(self, server: ServerRef) -> Iterator[VirtualInterface]:
        return self.virtual_interfaces.list(parents={"server_id": server})

    def create_virtual_interface(self, server: ServerRef, network: Any) -> VirtualInterface:
        """Attach ``server`` to ``network`` (an id or a network model): the new interface."""
        server_id = ref_id(server, "server")
        body = {"virtual_interface": {"network_id": ref_id(network, "network")}}
        path = VIFS.collection_path({"server_id": server_id})
        answer = self.api.post(path, json=body, headers=self.request_headers())
        found = VIFS.many(answer, self.api, "POST", path)
        if len(found) != 1:
            raise self.api.malformed(
                f"expected one new virtual interface, got {len(found)}", "POST", self.api.url(path)
            )
        return found[0]

    def delete_virtual_interface(self, server: ServerRef, interface: Any) -> None:
        """Detach a server from a network: ``interface`` is the interface's id (or model), not the
        network's (:meth:`list_virtual_interfaces` gives the interface on each network)."""
        self.virtual_interfaces.delete(interface, parents={"server_id": server})
