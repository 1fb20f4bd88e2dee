"""Nova: the OpenStack compute client.

Every Nova resource is a :class:`~pkgcloud.resource.Resource`; every server action goes through
``Resource.action``. Each request carries the microversion it needs (see ``features.py`` and
``pkgcloud_openstack.microversion``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import quote

from pkgcloud.bodies import check_metadata, check_name, find_by_name, query_value, ref_id
from pkgcloud.compute import ComputeClient
from pkgcloud.errors import PkgcloudError, ValidationError
from pkgcloud.paging import check_listing
from pkgcloud.resource import SINGLE, Resource
from pkgcloud_openstack.compute import bodies, parse
from pkgcloud_openstack.compute import features as F
from pkgcloud_openstack.microversion import Feature, Negotiator
from pkgcloud_openstack.service import EndpointVersion, Microversions, OpenStackClient

if TYPE_CHECKING:
    from pkgcloud.compute import FlavorRef, ImageRef, NetworkSpec, ServerRef
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

SERVERS = Resource("servers", key="server", parse=parse.server, list_path="servers/detail", metadata="metadata")
FLAVORS = Resource("flavors", key="flavor", parse=parse.flavor, list_path="flavors/detail")
IMAGES = Resource("images", key="image", parse=parse.image, list_path="images/detail", metadata="metadata")
KEYPAIRS = Resource("os-keypairs", key="keypair", plural="keypairs", parse=parse.keypair, noun="key pair")
SERVER_GROUPS = Resource(
    "os-server-groups",
    key="server_group",
    plural="server_groups",
    parse=parse.server_group,
    paging=SINGLE,
    noun="server group",
)
VOLUME_ATTACHMENTS = Resource(
    "servers/{server_id}/os-volume_attachments",
    key="volumeAttachment",
    plural="volumeAttachments",
    parse=parse.volume_attachment,
    paging=SINGLE,
    noun="volume",
)
AVAILABILITY_ZONES = Resource(
    "os-availability-zone",
    key="availabilityZoneInfo",
    plural="availabilityZoneInfo",
    list_path="os-availability-zone/detail",
    parse=parse.availability_zone,
    paging=SINGLE,
)
LIMITS = Resource("limits", key="limits", parse=parse.limits, paging=SINGLE)

T = TypeVar("T")

# list filters whose Nova names are not the Python ones
_FILTER_NAMES = {"changes_since": "changes-since", "changes_before": "changes-before"}


def _query_value(value: Any) -> Any:
    return query_value(value, true="True", false="False")


class NovaCompute(OpenStackClient, ComputeClient):
    """OpenStack Compute (Nova) v2.1, with microversions negotiated per request."""

    catalog_type: ClassVar[str] = "compute"
    microversions: ClassVar[Microversions | None] = Microversions(
        F.SERVICE, default=F.DEFAULT_MICROVERSION, base="2.1", legacy_header=F.LEGACY_HEADER
    )
    api_version: ClassVar[EndpointVersion | None] = EndpointVersion("v2.1")
    statuses: ClassVar[frozenset[str]] = F.STATUSES
    negotiator: Negotiator

    servers = SERVERS
    flavors = FLAVORS
    images = IMAGES
    keypairs = KEYPAIRS
    server_groups = SERVER_GROUPS
    volume_attachments = VOLUME_ATTACHMENTS
    availability_zones = AVAILABILITY_ZONES
    limits = LIMITS

    # -- plumbing --------------------------------------------------------------------------------

    @property
    def microversion(self) -> str | None:
        """The microversion sent by default (None when the API has none); discovers it on first use."""
        if not self.negotiator.discover().versioned:
            return None
        return str(self.negotiator.choose())

    def _action(self, server: ServerRef, body: Mapping[str, Any], *features: Feature) -> Any:
        return self.servers.action(server, body, features=features)

    def refresh(self, resource: Any) -> Any:
        """The server (or image) as Nova sees it now; a string is taken as a server id."""
        from pkgcloud.models.compute import Image

        if isinstance(resource, Image):
            return self.get_image(resource)
        return self.get_server(resource)

    def stalled(self, resource: Any, target: str) -> str | None:
        """A resize (or migration) that Nova gave up on puts the server back to ``ACTIVE`` with no
        error status: a wait for ``VERIFY_RESIZE`` would spend its whole timeout. The server's newest
        instance action says it failed; its failed events say where."""
        from pkgcloud.models.compute import Server

        if target != "VERIFY_RESIZE" or not isinstance(resource, Server) or resource.provider_status != "ACTIVE":
            return None
        if resource.raw.get("OS-EXT-STS:task_state"):
            return None  # still at work
        path = f"{SERVERS.item_path(resource.id)}/os-instance-actions"
        actions = self.api.member("GET", path, "instanceActions", list, headers=self.request_headers())
        newest = next((a for a in actions if isinstance(a, dict)), None)
        if newest is None or newest.get("action") not in _RESIZING_ACTIONS or not newest.get("message"):
            return None
        detail = {}
        if newest.get("request_id"):
            where = f"{path}/{quote(str(newest['request_id']), safe='')}"
            detail = self.api.member("GET", where, "instanceAction", dict, headers=self.request_headers())
        failed = [
            str(e.get("event"))
            for e in detail.get("events") or []
            if isinstance(e, dict) and str(e.get("result", "")).lower() == "error"
        ]
        where_failed = f" in {', '.join(failed)}" if failed else ""
        return (
            f"Nova's {newest['action']} failed{where_failed} ({newest['message']}) and the server is ACTIVE "
            "again (on a cloud with one compute host, Nova finds no other host unless it allows a resize to "
            "the same host)"
        )

    # -- servers ---------------------------------------------------------------------------------

    def list_servers(
        self, *, limit: int | None = None, page_size: int | None = None, **filters: Any
    ) -> Iterator[Server]:
        """Servers with details, page after page. Filters: ``name`` (a regular expression to Nova),
        ``status``, ``image``, ``flavor`` (models or ids), ``changes_since``/``changes_before``
        (datetimes or ISO 8601), ``marker``, ``ip``, ``tags``, ``all_tenants``... as Nova names them."""
        check_listing(limit, page_size)
        params: dict[str, Any] = {}
        used: list[Feature] = []
        for key, value in filters.items():
            if value is None:
                continue
            if key in ("image", "flavor"):
                value = ref_id(value, key)
            if key == "changes_before":
                used.append(F.CHANGES_BEFORE)
            if key in ("tags", "tags-any", "not-tags", "not-tags-any", "tags_any", "not_tags", "not_tags_any"):
                used.append(F.SERVER_TAGS)
                key = key.replace("_", "-")
                if not isinstance(value, str):
                    value = ",".join(value)
            params[_FILTER_NAMES.get(key, key)] = _query_value(value)
        return self.servers.list(params, limit=limit, page_size=page_size, features=used)

    def get_server(self, server: ServerRef) -> Server:
        return self.servers.get(server)

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
        """Create a server (it is then being built: ``wait_for(server, "RUNNING")``).

        ``networks``: None (the cloud attaches the project's network, as Nova did before 2.37),
        ``"auto"``, ``"none"``, or a list of network ids and mappings (``{"uuid": ..., "fixed_ip":
        ...}``, ``{"port": ...}``, ``"tag"`` from 2.42). ``user_data`` is text or bytes, base64-encoded
        here. More, as keywords: ``personality`` (``{path: contents}``, below 2.57),
        ``block_device_mapping_v2``, ``boot_volume_size`` (GiB: boot from a new volume made from
        ``image``), ``scheduler_hints``, ``tags`` (2.52), ``description`` (2.19), ``hostname``
        (2.90), ``access_ipv4``/``access_ipv6``, ``disk_config``, ``min_count``/``max_count``,
        ``trusted_image_certificates`` (2.63), ``host``/``hypervisor_hostname`` (2.74).

        Returns what Nova answers (the id, and ``admin_pass``), with the name, flavor and image asked for.
        """
        unknown = set(extra) - _CREATE_EXTRA
        if unknown:
            raise ValidationError(
                f"create_server got an unknown option {sorted(unknown)[0]!r}; "
                f"it takes {', '.join(sorted(_CREATE_EXTRA))}"
            )
        body, used = bodies.server_create(
            name,
            flavor,
            image,
            networks=networks,
            key_name=key_name,
            security_groups=security_groups,
            user_data=user_data,
            metadata=metadata,
            availability_zone=availability_zone,
            admin_pass=admin_pass,
            config_drive=config_drive,
            **extra,
        )
        created = self.servers.create(body, wrap=False, features=used)
        from attrs import evolve

        asked = body["server"]
        return evolve(
            created,
            name=created.name or name,
            flavor_id=created.flavor_id or asked.get("flavorRef"),
            image_id=created.image_id or asked.get("imageRef"),
        )

    def delete_server(self, server: ServerRef) -> None:
        self.servers.delete(server)

    def update_server(self, server: ServerRef, **fields: Any) -> Server:
        """Change ``name``, ``description`` (2.19), ``hostname`` (2.90), ``access_ipv4``/``access_ipv6``."""
        names = {"name": "name", "description": "description", "hostname": "hostname"}
        names.update(access_ipv4="accessIPv4", access_ipv6="accessIPv6", disk_config="OS-DCF:diskConfig")
        unknown = set(fields) - set(names)
        if unknown:
            raise ValidationError(f"update_server cannot change {sorted(unknown)[0]!r}; it changes {', '.join(names)}")
        if not fields:
            raise ValidationError("update_server needs at least one field to change")
        used = []
        if "name" in fields:
            check_name(fields["name"])
        if "description" in fields:
            used.append(F.SERVER_DESCRIPTION)
        if "hostname" in fields:
            used.append(F.HOSTNAME)
        body = {names[k]: v for k, v in fields.items()}
        return self.servers.update(server, body, features=used)

    def rename_server(self, server: ServerRef, name: str) -> Server:
        return self.update_server(server, name=name)

    def get_server_addresses(self, server: ServerRef, network: str | None = None) -> dict[str, list[str]]:
        """Addresses by network name (only ``network``'s when given); ``server.addresses`` has them
        sorted into public and private."""
        path = f"{SERVERS.item_path(self.servers.id_of(server))}/ips"
        if network is None:
            raw = self.api.member("GET", path, "addresses", dict, headers=self.request_headers())
        else:
            path += f"/{quote(network, safe='')}"
            raw = {network: self.api.member("GET", path, network, list, headers=self.request_headers())}
        return parse.split_addresses(raw)[1]

    # -- server metadata -------------------------------------------------------------------------

    def get_server_metadata(self, server: ServerRef) -> dict[str, str]:
        return self.servers.metadata(server).read()

    def set_server_metadata(self, server: ServerRef, metadata: Mapping[str, str]) -> dict[str, str]:
        checked = check_metadata(metadata)
        return self.servers.metadata(server).replace(checked)

    def update_server_metadata(self, server: ServerRef, metadata: Mapping[str, str]) -> dict[str, str]:
        checked = check_metadata(metadata)
        return self.servers.metadata(server).merge(checked)

    def get_server_metadata_item(self, server: ServerRef, key: str) -> str:
        return str(self.servers.metadata(server).get(key))

    def set_server_metadata_item(self, server: ServerRef, key: str, value: str) -> dict[str, str]:
        check_metadata({key: value})
        return self.servers.metadata(server).set(key, value)

    def delete_server_metadata(self, server: ServerRef, key: str) -> None:
        self.servers.metadata(server).delete(key)

    # -- server tags (2.26) ----------------------------------------------------------------------

    def list_server_tags(self, server: ServerRef) -> list[str]:
        path = f"{SERVERS.item_path(self.servers.id_of(server))}/tags"
        return list(self.api.member("GET", path, "tags", list, headers=self.request_headers(F.SERVER_TAGS)))

    def set_server_tags(self, server: ServerRef, tags: Iterable[str]) -> list[str]:
        path = f"{SERVERS.item_path(self.servers.id_of(server))}/tags"
        headers = self.request_headers(F.SERVER_TAGS)
        return list(self.api.member("PUT", path, "tags", list, json={"tags": list(tags)}, headers=headers))

    def add_server_tag(self, server: ServerRef, tag: str) -> None:
        path = f"{SERVERS.item_path(self.servers.id_of(server))}/tags/{quote(tag, safe='')}"
        self.api.request("PUT", path, headers=self.request_headers(F.SERVER_TAGS))

    def delete_server_tag(self, server: ServerRef, tag: str) -> None:
        path = f"{SERVERS.item_path(self.servers.id_of(server))}/tags/{quote(tag, safe='')}"
        self.api.request("DELETE", path, headers=self.request_headers(F.SERVER_TAGS))

    # -- server actions --------------------------------------------------------------------------

    def reboot_server(self, server: ServerRef, *, hard: bool = False) -> None:
        self._action(server, {"reboot": {"type": "HARD" if hard else "SOFT"}})

    def rebuild_server(self, server: ServerRef, image: ImageRef, **options: Any) -> Server:
        """Rebuild from ``image``. Options: ``name``, ``admin_pass``, ``metadata``, ``personality``
        (below 2.57), ``user_data`` (2.57), ``key_name`` (2.54), ``description`` (2.19), ``hostname``
        (2.90), ``access_ipv4``/``access_ipv6``, ``disk_config``, ``preserve_ephemeral``,
        ``trusted_image_certificates`` (2.63)."""
        try:
            body, used = bodies.rebuild(ref_id(image, "image"), **options)
        except TypeError as exc:
            raise ValidationError(f"rebuild_server: {exc}") from None
        answer = self._action(server, body, *used)
        if isinstance(answer, Mapping) and isinstance(answer.get("server"), Mapping):
            return SERVERS.one(answer)
        return self.get_server(server)

    def resize_server(self, server: ServerRef, flavor: FlavorRef, *, disk_config: str | None = None) -> None:
        body: dict[str, Any] = {"flavorRef": ref_id(flavor, "flavor")}
        if disk_config is not None:
            body["OS-DCF:diskConfig"] = disk_config
        self._action(server, {"resize": body})

    def confirm_resize(self, server: ServerRef) -> None:
        self._action(server, {"confirmResize": None})

    def revert_resize(self, server: ServerRef) -> None:
        self._action(server, {"revertResize": None})

    def start_server(self, server: ServerRef) -> None:
        self._action(server, {"os-start": None})

    def stop_server(self, server: ServerRef) -> None:
        self._action(server, {"os-stop": None})

    def pause_server(self, server: ServerRef) -> None:
        self._action(server, {"pause": None})

    def unpause_server(self, server: ServerRef) -> None:
        self._action(server, {"unpause": None})

    def suspend_server(self, server: ServerRef) -> None:
        self._action(server, {"suspend": None})

    def resume_server(self, server: ServerRef) -> None:
        self._action(server, {"resume": None})

    def lock_server(self, server: ServerRef, *, reason: str | None = None) -> None:
        if reason is None:
            self._action(server, {"lock": None})
        else:
            self._action(server, {"lock": {"locked_reason": reason}}, F.LOCK_REASON)

    def unlock_server(self, server: ServerRef) -> None:
        self._action(server, {"unlock": None})

    def rescue_server(
        self, server: ServerRef, *, image: ImageRef | None = None, admin_pass: str | None = None
    ) -> str | None:
        body: dict[str, Any] = {}
        if admin_pass is not None:
            body["adminPass"] = admin_pass
        if image is not None:
            body["rescue_image_ref"] = ref_id(image, "image")
        answer = self._action(server, {"rescue": body or None})
        return answer.get("adminPass") if isinstance(answer, Mapping) else None

    def unrescue_server(self, server: ServerRef) -> None:
        self._action(server, {"unrescue": None})

    def shelve_server(self, server: ServerRef) -> None:
        self._action(server, {"shelve": None})

    def shelve_offload_server(self, server: ServerRef) -> None:
        self._action(server, {"shelveOffload": None})

    def unshelve_server(self, server: ServerRef, *, availability_zone: str | None = None) -> None:
        if availability_zone is None:
            self._action(server, {"unshelve": None})
        else:
            self._action(server, {"unshelve": {"availability_zone": availability_zone}}, F.UNSHELVE_AZ)

    def get_console_output(self, server: ServerRef, *, length: int | None = None) -> str:
        if length is not None and (isinstance(length, bool) or not isinstance(length, int) or length < -1):
            raise ValidationError(f"length must be a number of lines (or -1 for all), not {length!r}")
        body = {"os-getConsoleOutput": {} if length is None else {"length": length}}
        answer = self._action(server, body)
        return str((answer or {}).get("output") or "")

    # -- flavors ---------------------------------------------------------------------------------

    def list_flavors(
        self, *, limit: int | None = None, page_size: int | None = None, **filters: Any
    ) -> Iterator[Flavor]:
        """Flavors with details. Filters: ``min_disk``, ``min_ram``, ``is_public``, ``sort_key``, ``marker``..."""
        check_listing(limit, page_size)
        params = {k: _query_value(v) for k, v in filters.items() if v is not None}
        return self.flavors.list(params, limit=limit, page_size=page_size)

    def get_flavor(self, flavor: FlavorRef) -> Flavor:
        return self.flavors.get(flavor)

    def find_flavor(self, name: str) -> Flavor:
        """The flavor named ``name`` (NotFound lists the names there are)."""
        flavors = list(self.list_flavors())
        return find_by_name(flavors, name, "flavor")

    # -- images (the compute API's proxy to the image service) -----------------------------------

    def list_images(self, *, limit: int | None = None, page_size: int | None = None, **filters: Any) -> Iterator[Image]:
        """Images with details. Filters: ``name``, ``status``, ``server``, ``type``, ``changes_since``..."""
        check_listing(limit, page_size)
        params: dict[str, Any] = {}
        for key, value in filters.items():
            if value is None:
                continue
            if key == "server":
                value = ref_id(value, "server")
            params[_FILTER_NAMES.get(key, key)] = _query_value(value)
        return self.images.list(params, limit=limit, page_size=page_size, features=[F.IMAGE_PROXY])

    def get_image(self, image: ImageRef) -> Image:
        return self.images.get(image, features=[F.IMAGE_PROXY])

    def find_image(self, name: str) -> Image:
        """The image named ``name`` (NotFound lists the names there are)."""
        return find_by_name(list(self.list_images()), name, "image")

    def create_image(self, server: ServerRef, name: str, *, metadata: Mapping[str, str] | None = None) -> Image:
        """Snapshot ``server``; returns the new image (``wait_for(image, "ACTIVE")`` until it is saved)."""
        body: dict[str, Any] = {"name": check_name(name)}
        if metadata is not None:
            body["metadata"] = check_metadata(metadata)
        server_id = self.servers.id_of(server)
        version = self.negotiator.choose()
        if version >= F.CREATE_IMAGE_BODY_SINCE:
            answer = self.servers.action(server_id, {"createImage": body})
            image_id = str((answer or {}).get("image_id") or "")
        else:  # older clouds name the image in the Location header only
            response = self.api.request(
                "POST",
                f"{SERVERS.item_path(server_id)}/action",
                json={"createImage": body},
                headers=self.request_headers(),
            )
            image_id = response.headers.get("Location", "").rstrip("/").rsplit("/", 1)[-1]
        if not image_id:
            raise PkgcloudError(f"Nova accepted createImage for server {server_id} but did not name the new image")
        return self.get_image(image_id)

    def delete_image(self, image: ImageRef) -> None:
        self.images.delete(image, features=[F.IMAGE_PROXY])

    def get_image_metadata(self, image: ImageRef) -> dict[str, Any]:
        return self.images.metadata(image, features=[F.IMAGE_METADATA_PROXY]).read()

    def set_image_metadata(self, image: ImageRef, metadata: Mapping[str, Any]) -> dict[str, Any]:
        return self.images.metadata(image, features=[F.IMAGE_METADATA_PROXY]).replace(metadata)

    def update_image_metadata(self, image: ImageRef, metadata: Mapping[str, Any]) -> dict[str, Any]:
        return self.images.metadata(image, features=[F.IMAGE_METADATA_PROXY]).merge(metadata)

    def delete_image_metadata(self, image: ImageRef, key: str) -> None:
        self.images.metadata(image, features=[F.IMAGE_METADATA_PROXY]).delete(key)

    # -- key pairs -------------------------------------------------------------------------------

    def list_keys(self, *, limit: int | None = None, user_id: str | None = None) -> Iterator[Keypair]:
        check_listing(limit)
        used = [F.KEYPAIR_PAGING] if limit is not None else []
        params: dict[str, Any] = {}
        if user_id is not None:
            params["user_id"] = user_id
            used.append(F.KEYPAIR_USER)
        return self.keypairs.list(params, limit=limit, detail=False, features=used)

    def get_key(self, name: str) -> Keypair:
        return self.keypairs.get(check_name(name, "key name"))

    def create_key(self, name: str, public_key: str | None = None, *, type: str | None = None) -> Keypair:
        """Import ``public_key`` (an OpenSSH public key), or, without one, have Nova generate the pair
        and return its ``private_key`` once (Nova removed generation at 2.92: sent below it)."""
        body: dict[str, Any] = {"name": check_name(name, "key name")}
        used = []
        if public_key is not None:
            if not isinstance(public_key, str) or not public_key.strip():
                raise ValidationError("public_key must be the public key's text (e.g. 'ssh-ed25519 AAAA... me')")
            body["public_key"] = public_key
        else:
            used.append(F.KEYPAIR_GENERATE)
        if type is not None:
            if type not in ("ssh", "x509"):
                raise ValidationError(f"type must be 'ssh' or 'x509', not {type!r}")
            body["type"] = type
            used.append(F.KEYPAIR_TYPE)
        return self.keypairs.create(body, features=used)

    def import_key(self, name: str, public_key: str, *, type: str | None = None) -> Keypair:
        """Import an existing public key (the same as ``create_key(name, public_key)``)."""
        return self.create_key(name, public_key, type=type)

    def delete_key(self, name: str) -> None:
        self.keypairs.delete(check_name(name, "key name"))

    # -- the service and the account -------------------------------------------------------------

    def get_version(self) -> ApiVersion:
        """The compute API version in use: ``id`` (``v2.1``), and ``min_version``..``version``."""
        document = self.negotiator.document
        if not document:
            return parse.api_version({"id": "v2"})
        doc = document.get("version")
        if not isinstance(doc, Mapping):
            current = [v for v in document.get("versions") or [] if v.get("status") == "CURRENT"]
            doc = current[0] if current else {}
        return parse.api_version(dict(doc))

    def get_limits(self) -> Limits:
        return self.limits.read()

    def list_availability_zones(self, *, detail: bool = False) -> list[AvailabilityZone]:
        """Availability zones (``detail=True`` lists their hosts: an administrator's call)."""
        return list(self.availability_zones.list(detail=detail))

    # -- volume attachments ----------------------------------------------------------------------

    def list_volume_attachments(self, server: ServerRef) -> list[VolumeAttachment]:
        parents = {"server_id": server}
        return list(self.volume_attachments.list(parents=parents))

    def get_volume_attachment(self, server: ServerRef, volume_id: str) -> VolumeAttachment:
        parents = {"server_id": server}
        return self.volume_attachments.get(volume_id, parents=parents)

    def attach_volume(
        self, server: ServerRef, volume_id: str, device: str | None = None, **options: Any
    ) -> VolumeAttachment:
        """Attach a volume (its model or id). Options: ``tag`` (2.49), ``delete_on_termination`` (2.79)."""
        body: dict[str, Any] = {"volumeId": ref_id(volume_id, "volume")}
        if device is not None:
            body["device"] = device
        used = []
        for key, value in options.items():
            if key == "tag":
                used.append(F.ATTACH_TAG)
            elif key == "delete_on_termination":
                used.append(F.ATTACH_DELETE_ON_TERMINATION)
            else:
                raise ValidationError(
                    f"attach_volume got an unknown option {key!r}; it takes tag, delete_on_termination"
                )
            body[key] = value
        parents = {"server_id": server}
        return self.volume_attachments.create(body, parents=parents, features=used)

    def detach_volume(self, server: ServerRef, volume_id: str) -> None:
        parents = {"server_id": server}
        self.volume_attachments.delete(volume_id, parents=parents)

    # -- server groups ---------------------------------------------------------------------------

    def list_server_groups(self, *, limit: int | None = None, all_projects: bool = False) -> Iterator[ServerGroup]:
        check_listing(limit)
        params = {"all_projects": "True"} if all_projects else {}
        return self.server_groups.list(params, limit=limit)

    def get_server_group(self, group: str | ServerGroup) -> ServerGroup:
        return self.server_groups.get(group)

    def create_server_group(self, name: str, policy: str, *, rules: Mapping[str, Any] | None = None) -> ServerGroup:
        """A group whose members are placed by ``policy``: ``affinity``, ``anti-affinity``,
        ``soft-affinity`` or ``soft-anti-affinity``; ``rules`` (2.64) e.g. ``{"max_server_per_host": 2}``."""
        if policy not in _GROUP_POLICIES:
            raise ValidationError(f"policy must be one of {', '.join(_GROUP_POLICIES)}, not {policy!r}")
        body: dict[str, Any] = {"name": check_name(name)}
        if rules:
            body.update(policy=policy, rules=dict(rules))
            return self.server_groups.create(body, features=[F.GROUP_POLICY])
        if self.negotiator.allows(F.GROUP_POLICY):
            body["policy"] = policy
            return self.server_groups.create(body, features=[F.GROUP_POLICY])
        body["policies"] = [policy]
        return self.server_groups.create(body, features=[F.GROUP_POLICIES])

    def delete_server_group(self, group: str | ServerGroup) -> None:
        self.server_groups.delete(group)


_RESIZING_ACTIONS = frozenset({"resize", "migrate"})
_GROUP_POLICIES = ("affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity")
_CREATE_EXTRA = frozenset(
    {
        "personality",
        "block_device_mapping_v2",
        "boot_volume_size",
        "delete_volume_on_termination",
        "scheduler_hints",
        "tags",
        "description",
        "hostname",
        "access_ipv4",
        "access_ipv6",
        "disk_config",
        "min_count",
        "max_count",
        "trusted_image_certificates",
        "host",
        "hypervisor_hostname",
    }
)
