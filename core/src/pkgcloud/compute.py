"""Compute: servers, flavors, images, key pairs and their actions.

``pkgcloud.compute.create_client(provider="openstack", ...)`` returns a :class:`ComputeClient`.
Server status is normalised (``RUNNING``, ``PROVISIONING``, ``STOPPED``, ``REBOOT``, ``UPDATING``,
``ERROR``, ``UNKNOWN``), the provider's own kept in ``provider_status``; ``wait_for(server,
"RUNNING")`` polls until then.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from pkgcloud import _factory
from pkgcloud.client import BaseClient, Waitable

if TYPE_CHECKING:
    from pkgcloud.models.compute import (
        AvailabilityZone,
        Flavor,
        Image,
        Keypair,
        Limits,
        Server,
        ServerGroup,
        VolumeAttachment,
    )

    # typing-only aliases (import them under TYPE_CHECKING)
    ServerRef = str | Server
    FlavorRef = str | Flavor
    ImageRef = str | Image

SERVICE = "compute"


def create_client(provider: str, **options: Any) -> ComputeClient:
    """A compute client for ``provider`` (e.g. ``"openstack"``), configured by ``options``."""
    return cast(ComputeClient, _factory.create(SERVICE, provider, options))


class ComputeClient(BaseClient, Waitable):
    """The portable compute operations."""

    service = SERVICE

    # -- servers ---------------------------------------------------------------------------------

    def list_servers(self, *, limit: int | None = None, **filters: Any) -> Iterator[Server]:
        """Every server (a generator over all pages), with the provider's filters."""
        raise self._unsupported("list_servers")

    def get_server(self, server: ServerRef) -> Server:
        raise self._unsupported("get_server")

    def create_server(
        self,
        name: str,
        flavor: FlavorRef,
        image: ImageRef | None = None,
        *,
        networks: Sequence[Mapping[str, str] | str] | str | None = None,
        key_name: str | None = None,
        security_groups: Iterable[str] | None = None,
        user_data: str | bytes | None = None,
        metadata: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> Server:
        raise self._unsupported("create_server")

    def delete_server(self, server: ServerRef) -> None:
        raise self._unsupported("delete_server")

    def rename_server(self, server: ServerRef, name: str) -> Server:
        raise self._unsupported("rename_server")

    def get_server_addresses(self, server: ServerRef, network: str | None = None) -> dict[str, list[str]]:
        raise self._unsupported("get_server_addresses")

    def reboot_server(self, server: ServerRef, *, hard: bool = False) -> None:
        raise self._unsupported("reboot_server")

    def rebuild_server(self, server: ServerRef, image: ImageRef, **options: Any) -> Server:
        raise self._unsupported("rebuild_server")

    def resize_server(self, server: ServerRef, flavor: FlavorRef) -> None:
        raise self._unsupported("resize_server")

    def confirm_resize(self, server: ServerRef) -> None:
        raise self._unsupported("confirm_resize")

    def revert_resize(self, server: ServerRef) -> None:
        raise self._unsupported("revert_resize")

    def start_server(self, server: ServerRef) -> None:
        raise self._unsupported("start_server")

    def stop_server(self, server: ServerRef) -> None:
        raise self._unsupported("stop_server")

    # -- flavors, images, keys -------------------------------------------------------------------

    def list_flavors(self, *, limit: int | None = None, **filters: Any) -> Iterator[Flavor]:
        raise self._unsupported("list_flavors")

    def get_flavor(self, flavor: FlavorRef) -> Flavor:
        raise self._unsupported("get_flavor")

    def list_images(self, *, limit: int | None = None, **filters: Any) -> Iterator[Image]:
        raise self._unsupported("list_images")

    def get_image(self, image: ImageRef) -> Image:
        raise self._unsupported("get_image")

    def create_image(self, server: ServerRef, name: str, *, metadata: Mapping[str, str] | None = None) -> Image:
        """Snapshot a server into an image."""
        raise self._unsupported("create_image")

    def delete_image(self, image: ImageRef) -> None:
        raise self._unsupported("delete_image")

    def list_keys(self) -> Iterator[Keypair]:
        raise self._unsupported("list_keys")

    def get_key(self, name: str) -> Keypair:
        raise self._unsupported("get_key")

    def create_key(self, name: str, public_key: str | None = None) -> Keypair:
        """Import ``public_key``, or let the cloud generate a pair (its ``private_key`` is returned once)."""
        raise self._unsupported("create_key")

    def delete_key(self, name: str) -> None:
        raise self._unsupported("delete_key")

    # -- account ---------------------------------------------------------------------------------

    def get_limits(self) -> Limits:
        raise self._unsupported("get_limits")

    def list_availability_zones(self) -> list[AvailabilityZone]:
        raise self._unsupported("list_availability_zones")

    def list_volume_attachments(self, server: ServerRef) -> list[VolumeAttachment]:
        raise self._unsupported("list_volume_attachments")

    def attach_volume(self, server: ServerRef, volume_id: str, device: str | None = None) -> VolumeAttachment:
        raise self._unsupported("attach_volume")

    def detach_volume(self, server: ServerRef, volume_id: str) -> None:
        raise self._unsupported("detach_volume")

    def list_server_groups(self) -> Iterator[ServerGroup]:
        raise self._unsupported("list_server_groups")
