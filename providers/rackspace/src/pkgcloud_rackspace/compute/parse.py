"""Cloud Servers extension answers into models (missing or mistyped fields are MalformedResponse,
raised by the Resource that calls these)."""

from __future__ import annotations

from typing import Any

from pkgcloud.values import as_dicts, as_str
from pkgcloud_rackspace.compute.models import InterfaceAddress, IsolatedNetwork, VirtualInterface


def _id(d: dict[str, Any]) -> str:
    found = as_str(d.get("id"))
    if not found:
        raise ValueError("no id")
    return found


def network(d: dict[str, Any]) -> IsolatedNetwork:
    return IsolatedNetwork(id=_id(d), label=as_str(d.get("label")), cidr=as_str(d.get("cidr")), raw=d)


def address(d: dict[str, Any]) -> InterfaceAddress:
    found = as_str(d.get("address"))
    if not found:
        raise ValueError("an interface address without its address")
    return InterfaceAddress(
        address=found, network_id=as_str(d.get("network_id")), network_label=as_str(d.get("network_label")), raw=d
    )


def virtual_interface(d: dict[str, Any]) -> VirtualInterface:
    return VirtualInterface(
        id=_id(d),
        mac_address=as_str(d.get("mac_address")),
        ip_addresses=[address(a) for a in as_dicts(d.get("ip_addresses"))],
        raw=d,
    )
