"""Compute: servers, flavors, images, key pairs and their actions.

``pkgcloud.compute.create_client(provider="openstack", ...)`` returns a :class:`ComputeClient`.
Server status is normalised (``RUNNING``, ``PROVISIONING``, ``STOPPED``, ``REBOOT``, ``UPDATING``,
``ERROR``, ``UNKNOWN``), the provider's own kept in ``provider_status``; ``wait_for(server,
"RUNNING")`` polls until then (``"DELETED"`` until it is gone).

Wherever a server, flavor or image is taken, its model or its id will do. Operations a provider does
not offer raise :class:`~pkgcloud.errors.UnsupportedOperation`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from pkgcloud.client import BaseClient, Waitable, create

if TYPE_CHECKING:
    from pkgcloud.models.compute import (
        ApiVersion,
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
    # a network to attach a server to: its id, or a mapping such as {"uuid": ...}, {"port": ...}
    NetworkSpec = str | Mapping[str, Any]

SERVICE = "compute"


def create_client(provider: str, **options: Any) -> ComputeClient:
    """A compute client for ``provider`` (e.g. ``"openstack"``), configured by ``options``."""
    return cast(ComputeClient, create(SERVICE, provider, options))


class ComputeClient(BaseClient, Waitable):
    """The portable compute operations."""

    service = SERVICE

    # -- servers ---------------------------------------------------------------------------------

    def list_servers(self, *, limit: int | None = None, **filters: Any) -> Iterator[Server]:
        """Every server with details (a generator over all pages), filtered by the provider's filters
        (``name``, ``status``, ``image``, ``flavor``, ``changes_since``...); ``limit`` caps the total."""
        raise self._unsupported("list_servers")

    def get_server(self, server: ServerRef) -> Server:
        raise self._unsupported("get_server")

    def create_server(
        self,
        name: str,
        flavor: FlavorRef,
        image: ImageRef | None = None,
        *,
        networks: Sequence[NetworkSpec] | str | None = None,
        key_name: str | None = None,
        security_groups: Iterable[str] | str | None = None,
        user_data: str | bytes | None = None,
        metadata: Mapping[str, str] | None = None,
        availability_zone: str | None = None,
        admin_pass: str | None = None,
        config_drive: bool | None = None,
        **extra: Any,
    ) -> Server:
        """Create a server; it is usually still being built: ``wait_for(server, "RUNNING")``.

        ``user_data`` is given as text or bytes (the SDK encodes it as the provider needs).
        """
        raise self._unsupported("create_server")

    def delete_server(self, server: ServerRef) -> None:
        raise self._unsupported("delete_server")

    def update_server(self, server: ServerRef, **fields: Any) -> Server:
        """Change a server's editable fields (``name``, ``description``...)."""
        raise self._unsupported("update_server")

    def rename_server(self, server: ServerRef, name: str) -> Server:
        raise self._unsupported("rename_server")

    def get_server_addresses(self, server: ServerRef, network: str | None = None) -> dict[str, list[str]]:
        """The server's addresses by network name (only ``network``'s when given)."""
        raise self._unsupported("get_server_addresses")

    # -- server metadata -------------------------------------------------------------------------

    def get_server_metadata(self, server: ServerRef) -> dict[str, str]:
        raise self._unsupported("get_server_metadata")

    def set_server_metadata(self, server: ServerRef, metadata: Mapping[str, str]) -> dict[str, str]:
        """Replace all of the server's metadata with ``metadata``."""
        raise self._unsupported("set_server_metadata")

    def update_server_metadata(self, server: ServerRef, metadata: Mapping[str, str]) -> dict[str, str]:
        """Add or change the keys of ``metadata``, keeping the others; returns the whole metadata."""
        raise self._unsupported("update_server_metadata")

    def delete_server_metadata(self, server: ServerRef, key: str) -> None:
        raise self._unsupported("delete_server_metadata")

    # -- server actions --------------------------------------------------------------------------

    def reboot_server(self, server: ServerRef, *, hard: bool = False) -> None:
        raise self._unsupported("reboot_server")

    def rebuild_server(self, server: ServerRef, image: ImageRef, **options: Any) -> Server:
        raise self._unsupported("rebuild_server")

    def resize_server(self, server: ServerRef, flavor: FlavorRef) -> None:
        """Start a resize; the server then waits for :meth:`confirm_resize` or :meth:`revert_resize`."""
        raise self._unsupported("resize_server")

    def confirm_resize(self, server: ServerRef) -> None:
        raise self._unsupported("confirm_resize")

    def revert_resize(self, server: ServerRef) -> None:
        raise self._unsupported("revert_resize")

    def start_server(self, server: ServerRef) -> None:
        raise self._unsupported("start_server")

    def stop_server(self, server: ServerRef) -> None:
        raise self._unsupported("stop_server")

    def pause_server(self, server: ServerRef) -> None:
        raise self._unsupported("pause_server")

    def unpause_server(self, server: ServerRef) -> None:
        raise self._unsupported("unpause_server")

    def suspend_server(self, server: ServerRef) -> None:
        raise self._unsupported("suspend_server")

    def resume_server(self, server: ServerRef) -> None:
        raise self._unsupported("resume_server")

    def lock_server(self, server: ServerRef, *, reason: str | None = None) -> None:
        raise self._unsupported("lock_server")

    def unlock_server(self, server: ServerRef) -> None:
        raise self._unsupported("unlock_server")

    def rescue_server(
        self, server: ServerRef, *, image: ImageRef | None = None, admin_pass: str | None = None
    ) -> str | None:
        """Boot the server from a rescue image; returns the rescue password when the cloud sets one."""
        raise self._unsupported("rescue_server")

    def unrescue_server(self, server: ServerRef) -> None:
        raise self._unsupported("unrescue_server")

    def shelve_server(self, server: ServerRef) -> None:
        raise self._unsupported("shelve_server")

    def unshelve_server(self, server: ServerRef, *, availability_zone: str | None = None) -> None:
        raise self._unsupported("unshelve_server")

    def get_console_output(self, server: ServerRef, *, length: int | None = None) -> str:
        """The server's console log (its last ``length`` lines when given)."""
        raise self._unsupported("get_console_output")

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
        """Snapshot a server into an image (``wait_for(image, "ACTIVE")`` until it is saved)."""
        raise self._unsupported("create_image")

    def delete_image(self, image: ImageRef) -> None:
        raise self._unsupported("delete_image")

    def get_image_metadata(self, image: ImageRef) -> dict[str, Any]:
        raise self._unsupported("get_image_metadata")

    def set_image_metadata(self, image: ImageRef, metadata: Mapping[str, Any]) -> dict[str, Any]:
        """Replace all of the image's metadata with ``metadata``."""
        raise self._unsupported("set_image_metadata")

    def update_image_metadata(self, image: ImageRef, metadata: Mapping[str, Any]) -> dict[str, Any]:
        """Add or change the keys of ``metadata``, keeping the others; returns the whole metadata."""
        raise self._unsupported("update_image_metadata")

    def delete_image_metadata(self, image: ImageRef, key: str) -> None:
        raise self._unsupported("delete_image_metadata")

    def list_keys(self, *, limit: int | None = None) -> Iterator[Keypair]:
        raise self._unsupported("list_keys")

    def get_key(self, name: str) -> Keypair:
        raise self._unsupported("get_key")

    def create_key(self, name: str, public_key: str | None = None, *, type: str | None = None) -> Keypair:
        """Import ``public_key``, or let the cloud generate a pair (its ``private_key`` is returned once)."""
        raise self._unsupported("create_key")

    def delete_key(self, name: str) -> None:
        raise self._unsupported("delete_key")

    # -- the service and the account -------------------------------------------------------------

    def get_version(self) -> ApiVersion:
        """The API version in use (and the range of microversions it accepts, where it has them)."""
        raise self._unsupported("get_version")

    def get_limits(self) -> Limits:
        raise self._unsupported("get_limits")

    def list_availability_zones(self, *, detail: bool = False) -> list[AvailabilityZone]:
        raise self._unsupported("list_availability_zones")

    # -- volume attachments ----------------------------------------------------------------------

    def list_volume_attachments(self, server: ServerRef) -> list[VolumeAttachment]:
        raise self._unsupported("list_volume_attachments")

    def get_volume_attachment(self, server: ServerRef, volume_id: str) -> VolumeAttachment:
        raise self._unsupported("get_volume_attachment")

    def attach_volume(
        self, server: ServerRef, volume_id: str, device: str | None = None, **options: Any
    ) -> VolumeAttachment:
        raise self._unsupported("attach_volume")

    def detach_volume(self, server: ServerRef, volume_id: str) -> None:
        raise self._unsupported("detach_volume")

    # -- server groups ---------------------------------------------------------------------------

    def list_server_groups(self, *, limit: int | None = None) -> Iterator[ServerGroup]:
        raise self._unsupported("list_server_groups")

    def get_server_group(self, group: str | ServerGroup) -> ServerGroup:
        raise self._unsupported("get_server_group")

    def create_server_group(self, name: str, policy: str, *, rules: Mapping[str, Any] | None = None) -> ServerGroup:
        raise self._unsupported("create_server_group")

    def delete_server_group(self, group: str | ServerGroup) -> None:
        raise self._unsupported("delete_server_group")
