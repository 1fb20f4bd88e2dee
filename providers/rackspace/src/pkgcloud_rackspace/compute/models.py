"""Cloud Servers extension models: isolated networks (``os-networksv2``) and virtual interfaces."""

from __future__ import annotations

from attr import define, field

from pkgcloud.models.base import Model


@define(kw_only=True)
class IsolatedNetwork(Model):
    """A Cloud Servers network: ``label`` and ``cidr`` (PublicNet and ServiceNet have no cidr)."""

    id: str
    label: str | None = None
    cidr: str | None = None


@define(kw_only=True)
class InterfaceAddress(Model):
    address: str
    network_id: str | None = None
    network_label: str | None = None


@define(kw_only=True)
class VirtualInterface(Model):
    """A server's interface on one network: its ``id`` (what a delete takes), MAC and addresses."""

    id: str
    mac_address: str | None = None
    ip_addresses: list[InterfaceAddress] = field(factory=list)

    @property
    def network_ids(self) -> list[str]:
        return [a.network_id for a in self.ip_addresses if a.network_id]
