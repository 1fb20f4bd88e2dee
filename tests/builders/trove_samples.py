"""Trove cassettes built from the official API samples (openstack/trove ``api-ref/source/samples``).

For what the dev cloud's Trove (fake mode) cannot show: answers from real guests and a real Nova
(a public address beside the private one, ``used_percent``, a generated root password, backups with
a storage location, configuration groups of a real MySQL version), and the documented request
bodies, sent exactly as the samples show them (replay matches JSON bodies): the actions, a rename,
configuration attach/detach, databases with a character set, users with databases, a user moved to
another host (the fake guest cannot), access grants, root with a password. Each cassette names its
sample files; paths follow the Trove API reference.

Run where the samples are (``../shared/api-samples``, or ``PKGCLOUD_API_SAMPLES``)::

    PKGCLOUD_API_SAMPLES=/work/shared/api-samples .venv/bin/python -m tests.builders.trove_samples

It rewrites ``cassettes/openstack/database/samples/*.yaml``; the cassettes are committed.
"""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlsplit

from tests.builders.common import SAMPLES, Interaction, sample, write_cassette

TROVE = "openstack-trove/api-ref/source/samples"
HOST = "http://trove.devcloud.test"
OUT = "openstack/database/samples"
TOKEN = "PKGCLOUD-TOKEN-1"


def trove(name: str) -> Any:
    return sample(f"{TROVE}/{name}")


def project() -> str:
    """The project the samples' own links name."""
    href = trove("instance-show-response.json")["instance"]["links"][0]["href"]
    return urlsplit(href).path.split("/")[2]


def instance_id() -> str:
    return str(trove("instance-show-response.json")["instance"]["id"])


def config_id() -> str:
    return str(trove("instance-put-attach-config-group-request.json")["instance"]["configuration"])


def call(
    method: str, path: str, status: int, response: str | None = None, *, request: str | None = None
) -> tuple[Interaction, list[str]]:
    reasons = {200: "OK", 202: "Accepted", 204: "No Content"}
    interaction = Interaction(
        method,
        f"{HOST}/v1.0/{project()}/{path}",
        request_body=trove(request) if request else None,
        request_headers={"X-Auth-Token": TOKEN, "Accept": "application/json"},
        status=status,
        reason=reasons.get(status, "OK"),
        response_body=trove(response) if response else None,
    )
    return interaction, [name for name in (request, response) if name]


def cassette(*calls: tuple[Interaction, list[str]]) -> tuple[list[Interaction], list[str]]:
    sources: list[str] = []
    for _, names in calls:
        sources += [n for n in names if n not in sources]
    return [i for i, _ in calls], sources


def cassettes() -> dict[str, tuple[list[Interaction], list[str]]]:
    inst = f"instances/{instance_id()}"
    backup = trove("backup-get-response.json")["backup"]["id"]
    version = trove("datastore-version-parameter-show-response.json")["datastore_version_id"]
    return {
        "instances": cassette(
            call("GET", "instances", 200, "instance-list-response.json"),
            call("GET", inst, 200, "instance-show-response.json"),
            # each update is read back (the answer is empty)
            call("PATCH", inst, 202, request="instance-patch-update-name-request.json"),
            call("GET", inst, 200, "instance-show-response.json"),
            call("PUT", inst, 202, request="instance-put-attach-config-group-request.json"),
            call("GET", inst, 200, "instance-show-response.json"),
            call("PUT", inst, 202, request="instance-put-detach-config-group-request-2.json"),
            call("GET", inst, 200, "instance-show-response.json"),
            call("POST", f"{inst}/action", 202, request="instance-action-restart-request.json"),
            call("POST", f"{inst}/action", 202, request="instance-action-resize-request.json"),
            call("POST", f"{inst}/action", 202, request="instance-action-resize-volume-request.json"),
            call("GET", f"{inst}/backups", 200, "instance-backup-list-response.json"),
        ),
        "databases_users": cassette(
            call("POST", f"{inst}/databases", 202, request="databases-create-request.json"),
            call("GET", f"{inst}/databases", 200, "databases-list-response.json"),
            call("POST", f"{inst}/users", 202, request="user-create-request.json"),
            call("GET", f"{inst}/users", 200, "user-list-response.json"),
            call("GET", f"{inst}/users/dbuser1", 200, "user-show-response.json"),
            call("PUT", f"{inst}/users/dbuser1", 202, request="user-put-request.json"),
            call("PUT", f"{inst}/users/dbuser2/databases", 202, request="user-grant-databases-access-request.json"),
            call("GET", f"{inst}/root", 200, "user-check-root-response.json"),
            call(
                "POST", f"{inst}/root", 200, "user-enable-root-response.json", request="user-root-enable-request.json"
            ),
        ),
        "backups_configurations": cassette(
            call("GET", "backups", 200, "backup-list-response.json"),
            call("GET", f"backups/{backup}", 200, "backup-get-response.json"),
            call("GET", "configurations", 200, "config-groups-list-response.json"),
            call("GET", f"configurations/{config_id()}", 200, "config-group-show-response.json"),
            call("PATCH", f"configurations/{config_id()}", 202, request="config-group-patch-request.json"),
            call("PUT", f"configurations/{config_id()}", 202, request="config-group-put-request.json"),
            call("GET", f"configurations/{config_id()}/instances", 200, "config-group-list-instances-response.json"),
            call(
                "GET",
                f"datastores/versions/{version}/parameters",
                200,
                "datastore-version-parameter-list-response.json",
            ),
            call("GET", "datastores", 200, "datastore-list-response.json"),
        ),
    }


def main() -> int:
    if not (SAMPLES / TROVE).is_dir():
        print(f"no Trove samples at {SAMPLES / TROVE}", file=sys.stderr)
        return 1
    for name, (interactions, sources) in cassettes().items():
        path = write_cassette(f"{OUT}/{name}", interactions, [f"{TROVE}/{s}" for s in sources])
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
