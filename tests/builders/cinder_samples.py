"""Cinder cassettes built from the official API samples (openstack/cinder ``api-ref/source/v3/samples``).

The dev cloud runs no backup service (``backup_driver`` is empty, and its fake volume driver cannot
be attached by os-brick for a backup to read it: a backup there goes to ``error``, "Service not
found for creating backup."), so the backup operations are tested from the documented bodies, with
the paths and statuses of the Cinder API reference; each cassette names its sample files in
``metadata: source:``. Where a sample request carries ``null`` fields (which the SDK never sends:
Cinder >= 3.53 refuses keys it does not expect), the request is the sample without them, as said.

Run where the samples are (``../shared/api-samples``, or ``PKGCLOUD_API_SAMPLES``)::

    PKGCLOUD_API_SAMPLES=/work/shared/api-samples .venv/bin/python -m tests.builders.cinder_samples

It rewrites ``cassettes/openstack/blockstorage/samples/*.yaml``; the cassettes are committed.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tests.builders.common import SampleApi, sample

CINDER = "openstack-cinder/api-ref/source/v3/samples"
# the project of the samples' links
PROJECT = "89afd400-b646-4bbc-b12b-c0a4d63e5bd3"
ROOT = "http://cinder.devcloud.test/v3"
BASE = f"{ROOT}/{PROJECT}"
OUT = "openstack/blockstorage/samples"
TOKEN = "PKGCLOUD-TOKEN-1"
VERSION = "3.60"


def cinder(relpath: str) -> Any:
    return sample(f"{CINDER}/{relpath}")


class Call(NamedTuple):
    method: str
    path: str
    status: int
    request: str | dict[str, Any] | None = None
    response: str | None = None
    version: str | None = VERSION
    note: str | None = None
    query: dict[str, str] | None = None


def without_nulls(relpath: str) -> dict[str, Any]:
    """A sample request with its ``null`` fields left out (the SDK sends what the caller set only)."""
    doc = cinder(relpath)
    return {key: {k: v for k, v in inner.items() if v is not None} for key, inner in doc.items()}


def ids() -> dict[str, str]:
    return {
        "shown": cinder("backups/v3.56/backup-show-response.json")["backup"]["id"],
        "updated": cinder("backups/v3.9/backup-update-response.json")["backup"]["id"],
        "restored": cinder("backup-restore-response.json")["restore"]["backup_id"],
    }


def version_call() -> Call:
    return Call("GET", "", 200, None, "versions/version-show-response.json", None)


def cassettes() -> dict[str, list[Call]]:
    i = ids()
    return {
        "backup_create": [
            Call(
                "POST",
                "backups",
                202,
                without_nulls("backups/backup-create-request.json"),
                "backups/v3.56/backup-create-response.json",
                note="request: backups/backup-create-request.json without its null fields",
            )
        ],
        "backup_get": [Call("GET", f"backups/{i['shown']}", 200, None, "backups/v3.56/backup-show-response.json")],
        "backups_list": [Call("GET", "backups/detail", 200, None, "backups/v3.56/backups-list-detailed-response.json")],
        "backup_update": [
            Call(
                "PUT",
                f"backups/{i['updated']}",
                200,
                "backups/v3.9/backup-update-request.json",
                "backups/v3.9/backup-update-response.json",
            )
        ],
        "backup_restore": [
            Call(
                "POST",
                f"backups/{i['restored']}/restore",
                202,
                "backup-restore-request.json",
                "backup-restore-response.json",
            )
        ],
        "backup_delete": [Call("DELETE", f"backups/{i['shown']}", 202)],
    }


def volume_headers(version: str) -> tuple[dict[str, str], dict[str, str]]:
    """What a request at ``version`` carries, and what Cinder answers with."""
    sent = {"OpenStack-API-Version": f"volume {version}"}
    return sent, {**sent, "Vary": "OpenStack-API-Version"}


API = SampleApi(
    samples=CINDER,
    root=ROOT,
    base=BASE,
    out=OUT,
    reference="the Cinder (Block Storage v3) API reference",
    version_headers=volume_headers,
    version_call=version_call(),
)


def main() -> int:
    return API.main(cassettes, TOKEN)


if __name__ == "__main__":
    raise SystemExit(main())
