"""Nova cassettes built from the official API samples (openstack/nova ``doc/api_samples``).

For the operations the dev cloud's fake hypervisor cannot show (or cannot show with the documented
bodies), a cassette is made of the documented request and response bodies, with the paths and
statuses of the Nova API reference; each names its sample files in ``metadata: source:``. Requests
carry the microversion header the SDK is expected to send; responses echo it, as Nova does.

Run where the samples are (``../shared/api-samples``, or ``PKGCLOUD_API_SAMPLES``)::

    PKGCLOUD_API_SAMPLES=/work/shared/api-samples .venv/bin/python -m tests.builders.nova_samples

It rewrites ``cassettes/openstack/compute/samples/*.yaml``; the cassettes are committed.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tests.builders.common import SampleApi, sample

NOVA = "openstack-nova/doc/api_samples"
BASE = "http://nova.devcloud.test/v2.1"
OUT = "openstack/compute/samples"
TOKEN = "PKGCLOUD-TOKEN-1"


def nova(relpath: str) -> Any:
    return sample(f"{NOVA}/{relpath}")


class Call(NamedTuple):
    """One documented exchange: request and response bodies are sample paths (or None, or a literal)."""

    method: str
    path: str
    status: int
    request: str | dict[str, Any] | None = None
    response: str | None = None
    version: str | None = "2.79"  # the microversion the SDK sends for it
    query: dict[str, str] | None = None
    note: str | None = None


def ids() -> dict[str, str]:
    """The ids the samples use, so paths agree with the bodies returned."""
    return {
        "server": nova("servers/v2.73/server-get-resp.json")["server"]["id"],
        "image": nova("images/image-get-resp.json")["image"]["id"],
        "flavor": nova("flavors/v2.75/flavor-get-resp.json")["flavor"]["id"],
        "key": nova("os-keypairs/v2.10/keypairs-get-resp.json")["keypair"]["name"],
        "group": nova("os-server-groups/v2.64/server-groups-get-resp.json")["server_group"]["id"],
        "volume": nova("os-volume_attachments/v2.79/volume-attachment-detail-resp.json")["volumeAttachment"][
            "volumeId"
        ],
        "created_image": nova("servers/v2.45/server-action-create-image-resp.json")["image_id"],
    }


def version_call() -> Call:
    return Call("GET", "", 200, None, "versions/v21-version-get-resp.json", None)


def cassettes() -> dict[str, list[Call]]:
    i = ids()
    srv = f"servers/{i['server']}"
    act = f"{srv}/action"
    img = f"images/{i['image']}"
    return {
        "version": [],
        "servers_list": [
            Call("GET", "servers/detail", 200, None, "servers/v2.73/servers-details-resp.json", query={"limit": "1"}),
            Call(
                "GET",
                "servers/detail",
                200,
                None,
                "servers/v2.73/servers-details-resp.json",
                query={
                    "status": "ACTIVE",
                    "name": "new-server-test",
                    "image": i["image"],
                    "flavor": "1",
                    "changes-since": "2012-12-02T02:11:55+00:00",
                },
            ),
        ],
        "server_get": [Call("GET", srv, 200, None, "servers/v2.73/server-get-resp.json")],
        "server_create_default_network": [
            Call(
                "POST",
                "servers",
                202,
                "servers/v2.19/server-create-req.json",
                "servers/v2.19/server-create-resp.json",
                "2.36",
            )
        ],
        "server_create_auto": [
            Call(
                "POST", "servers", 202, "servers/v2.37/server-create-req.json", "servers/v2.37/server-create-resp.json"
            )
        ],
        "server_create_full": [
            Call(
                "POST", "servers", 202, "servers/v2.57/server-create-req.json", "servers/v2.57/server-create-resp.json"
            )
        ],
        "server_create_boot_from_volume": [
            Call(
                "POST", "servers", 202, "servers/v2.42/server-create-req.json", "servers/v2.42/server-create-resp.json"
            )
        ],
        "server_create_volume_type": [
            Call(
                "POST", "servers", 202, "servers/v2.67/server-create-req.json", "servers/v2.67/server-create-resp.json"
            )
        ],
        "server_create_on_host": [
            Call(
                "POST",
                "servers",
                202,
                "servers/v2.74/server-create-req-with-host-and-node.json",
                "servers/v2.74/server-create-resp.json",
            )
        ],
        "server_update": [
            Call("PUT", srv, 200, "servers/v2.75/server-update-req.json", "servers/v2.75/server-update-resp.json")
        ],
        "server_delete": [Call("DELETE", srv, 204)],
        "server_addresses": [
            Call("GET", f"{srv}/ips", 200, None, "server-ips/server-ips-resp.json"),
            Call("GET", f"{srv}/ips/private", 200, None, "server-ips/server-ips-network-resp.json"),
        ],
        "server_metadata": [
            Call("GET", f"{srv}/metadata", 200, None, "server-metadata/server-metadata-all-resp.json"),
            Call(
                "PUT",
                f"{srv}/metadata",
                200,
                "server-metadata/server-metadata-all-req.json",
                "server-metadata/server-metadata-all-resp.json",
            ),
            Call(
                "POST",
                f"{srv}/metadata",
                200,
                "server-metadata/server-metadata-all-req.json",
                "server-metadata/server-metadata-all-resp.json",
            ),
            Call("GET", f"{srv}/metadata/foo", 200, None, "server-metadata/server-metadata-resp.json"),
            Call(
                "PUT",
                f"{srv}/metadata/foo",
                200,
                "server-metadata/server-metadata-req.json",
                "server-metadata/server-metadata-resp.json",
            ),
            Call("DELETE", f"{srv}/metadata/foo", 204),
        ],
        "server_actions": [
            Call("POST", act, 202, "servers/server-action-reboot.json"),
            Call("POST", act, 202, "servers/server-action-resize.json"),
            Call("POST", act, 204, "servers/server-action-confirm-resize.json"),
            Call("POST", act, 202, "servers/server-action-revert-resize.json"),
            Call("POST", act, 202, "servers/server-action-stop.json"),
            Call("POST", act, 202, "servers/server-action-start.json"),
            Call("POST", act, 202, "os-pause-server/pause-server.json"),
            Call("POST", act, 202, "os-pause-server/unpause-server.json"),
            Call("POST", act, 202, "os-suspend-server/server-suspend.json"),
            Call("POST", act, 202, "os-suspend-server/server-resume.json"),
            Call("POST", act, 202, "os-lock-server/lock-server.json"),
            Call("POST", act, 202, "os-lock-server/v2.73/lock-server-with-reason.json"),
            Call("POST", act, 202, "os-lock-server/unlock-server.json"),
            Call("POST", act, 202, "os-rescue/server-unrescue-req.json"),
            Call("POST", act, 202, "os-shelve/os-shelve.json"),
            Call("POST", act, 202, "os-shelve/os-shelve-offload.json"),
            Call("POST", act, 202, "os-shelve/os-unshelve.json"),
            Call("POST", act, 202, "os-shelve/v2.77/os-unshelve-az.json"),
        ],
        "server_rescue": [
            Call("POST", act, 200, "os-rescue/server-rescue-req-with-image-ref.json", "os-rescue/server-rescue.json")
        ],
        "server_console_output": [
            Call(
                "POST",
                act,
                200,
                "os-console-output/console-output-post-req.json",
                "os-console-output/console-output-post-resp.json",
            )
        ],
        "server_rebuild": [
            Call(
                "POST",
                act,
                202,
                "servers/v2.75/server-action-rebuild.json",
                "servers/v2.75/server-action-rebuild-resp.json",
            )
        ],
        "server_create_image": [
            Call(
                "POST",
                act,
                202,
                "servers/v2.45/server-action-create-image.json",
                "servers/v2.45/server-action-create-image-resp.json",
            ),
            Call("GET", f"images/{i['created_image']}", 200, None, "images/image-get-resp.json", "2.35"),
        ],
        "flavors": [
            Call("GET", "flavors/detail", 200, None, "flavors/v2.75/flavors-detail-resp.json"),
            Call("GET", f"flavors/{i['flavor']}", 200, None, "flavors/v2.75/flavor-get-resp.json"),
        ],
        "images": [
            Call("GET", "images/detail", 200, None, "images/images-details-get-resp.json", "2.35"),
            Call("GET", img, 200, None, "images/image-get-resp.json", "2.35"),
            Call("DELETE", img, 204, version="2.35"),
        ],
        "image_metadata": [
            Call("GET", f"{img}/metadata", 200, None, "images/image-metadata-get-resp.json", "2.38"),
            Call(
                "POST",
                f"{img}/metadata",
                200,
                "images/image-metadata-post-req.json",
                "images/image-metadata-post-resp.json",
                "2.38",
            ),
            Call(
                "PUT",
                f"{img}/metadata",
                200,
                "images/image-metadata-put-req.json",
                "images/image-metadata-put-resp.json",
                "2.38",
            ),
            Call("DELETE", f"{img}/metadata/kernel_id", 204, version="2.38"),
        ],
        "keypairs": [
            Call("GET", "os-keypairs", 200, None, "os-keypairs/v2.10/keypairs-list-resp.json"),
            Call("GET", f"os-keypairs/{i['key']}", 200, None, "os-keypairs/v2.10/keypairs-get-resp.json"),
            Call(
                "POST",
                "os-keypairs",
                200,
                "os-keypairs/v2.2/keypairs-post-req.json",
                "os-keypairs/v2.2/keypairs-post-resp.json",
            ),
            Call(
                "POST",
                "os-keypairs",
                200,
                "os-keypairs/v2.2/keypairs-import-post-req.json",
                "os-keypairs/v2.2/keypairs-import-post-resp.json",
            ),
            Call("DELETE", f"os-keypairs/{i['key']}", 202),
        ],
        "limits": [Call("GET", "limits", 200, None, "limits/v2.57/limit-get-resp.json")],
        "availability_zones": [
            Call("GET", "os-availability-zone", 200, None, "os-availability-zone/availability-zone-list-resp.json"),
            Call(
                "GET",
                "os-availability-zone/detail",
                200,
                None,
                "os-availability-zone/availability-zone-detail-resp.json",
            ),
        ],
        "volume_attachments": [
            Call(
                "GET",
                f"{srv}/os-volume_attachments",
                200,
                None,
                "os-volume_attachments/v2.79/list-volume-attachments-resp.json",
            ),
            Call(
                "GET",
                f"{srv}/os-volume_attachments/{i['volume']}",
                200,
                None,
                "os-volume_attachments/v2.79/volume-attachment-detail-resp.json",
            ),
            Call(
                "POST",
                f"{srv}/os-volume_attachments",
                200,
                "os-volume_attachments/v2.79/attach-volume-to-server-req.json",
                "os-volume_attachments/v2.79/attach-volume-to-server-resp.json",
            ),
            Call("DELETE", f"{srv}/os-volume_attachments/{i['volume']}", 202),
        ],
        "server_groups": [
            Call("GET", "os-server-groups", 200, None, "os-server-groups/v2.64/server-groups-list-resp.json"),
            Call(
                "GET", f"os-server-groups/{i['group']}", 200, None, "os-server-groups/v2.64/server-groups-get-resp.json"
            ),
            Call(
                "POST",
                "os-server-groups",
                200,
                "os-server-groups/v2.64/server-groups-post-req.json",
                "os-server-groups/v2.64/server-groups-post-resp.json",
            ),
            Call("DELETE", f"os-server-groups/{i['group']}", 204),
        ],
        "server_tags": [
            Call("GET", f"{srv}/tags", 200, None, "os-server-tags/v2.26/server-tags-index-resp.json"),
            Call(
                "PUT",
                f"{srv}/tags",
                200,
                "os-server-tags/v2.26/server-tags-put-all-req.json",
                "os-server-tags/v2.26/server-tags-put-all-resp.json",
            ),
            Call("PUT", f"{srv}/tags/tag1", 201),
            Call("DELETE", f"{srv}/tags/tag1", 204),
        ],
    }


def compute_headers(version: str) -> tuple[dict[str, str], dict[str, str]]:
    """What a request at ``version`` carries (both of Nova's headers), and what Nova answers with."""
    sent = {"OpenStack-API-Version": f"compute {version}", "X-OpenStack-Nova-API-Version": version}
    return sent, {**sent, "Vary": "OpenStack-API-Version,X-OpenStack-Nova-API-Version"}


API = SampleApi(
    samples=NOVA,
    root=BASE,
    base=BASE,
    out=OUT,
    reference="the Nova API reference",
    version_headers=compute_headers,
    version_call=version_call(),
)


def main() -> int:
    return API.main(cassettes, TOKEN)


if __name__ == "__main__":
    raise SystemExit(main())
