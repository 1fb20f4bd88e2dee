"""Rackspace Cloud Databases cassettes, built from licensed samples (the service cannot be reached here).

Each cassette is the API-key authentication (php-opencloud's captured Rackspace catalog: the real
``cloudDatabases`` URLs, account 123456) followed by the exchanges of one test on the ORD endpoint:

* instances, flavors and paging from pkgcloud's captured Rackspace database fixtures
  (``pkgcloud-fixtures/test/fixtures/rackspace/database*.json``, ``createdDatabaseInstance.json``;
  MIT), with the requests pkgcloud's tests paired them with (``instances?limit=2``,
  ``instances?limit=1&marker=...``);
* databases, users, root, actions, backups, configurations and datastores from Trove's 2019 API
  samples (``openstack-trove-legacy-2019``, Apache-2.0), the API Cloud Databases runs: the method,
  path and status of each come from the sample's ``-json-http.txt`` request and response lines, the
  bodies from its ``.json`` files; the sample's ``/v1.0/1234`` is the account's endpoint here.

Where a cassette departs from a sample (a body no sample has, a field Rackspace does not document)
its source says so. Run:
PKGCLOUD_API_SAMPLES=/work/shared/api-samples .venv/bin/python -m tests.builders.rackspace_database_samples
"""

from __future__ import annotations

import copy
from typing import Any

from tests.builders.common import SAMPLES, sample
from tests.builders.rackspace_files_samples import php_catalog_cassette
from tests.builders.rackspace_samples import Cassette

PKG = "pkgcloud-fixtures/test/fixtures/rackspace"
TL = "openstack-trove-legacy-2019/api-ref/source/samples"
CDB = "https://ord.databases.api.rackspacecloud.com/v1.0/123456"


def cassette(name: str) -> Cassette:
    return php_catalog_cassette(f"rackspace/database/{name}")


def _status(stem: str) -> int:
    """The status of a sample's response line (``HTTP/1.1 202 Accepted``)."""
    line = (SAMPLES / f"{TL}/{stem}-response-json-http.txt").read_text(encoding="utf-8").splitlines()[0]
    return int(line.split()[1])


def _request_line(stem: str) -> tuple[str, str]:
    """The method and the path after the account of a sample's request line."""
    line = (SAMPLES / f"{TL}/{stem}-request-json-http.txt").read_text(encoding="utf-8").splitlines()[0]
    method, target, _ = line.split()
    return method, target.split("/v1.0/1234", 1)[1]


def _body(stem: str, kind: str) -> Any:
    path = SAMPLES / f"{TL}/{stem}-{kind}.json"
    return sample(f"{TL}/{stem}-{kind}.json") if path.is_file() else None


def legacy(
    c: Cassette,
    stem: str,
    *,
    request: Any = "sample",
    response: Any = "sample",
    note: str = "",
) -> Cassette:
    """One exchange as the Trove 2019 sample ``stem`` shows it (method, path, status, bodies)."""
    method, path = _request_line(stem)
    sent = _body(stem, "request") if request == "sample" else request
    answer = _body(stem, "response") if response == "sample" else response
    files = [f"{TL}/{stem}-request-json-http.txt", f"{TL}/{stem}-response-json-http.txt"]
    files += [f"{TL}/{stem}-{k}.json" for k in ("request", "response") if (SAMPLES / f"{TL}/{stem}-{k}.json").is_file()]
    c.add(
        method,
        f"{CDB}{path}",
        _status(stem),
        answer,
        request=sent,
        source=", ".join(files) + (f" ({note})" if note else ""),
    )
    return c


def pkg(
    c: Cassette, method: str, path: str, status: int, fixture: str | None, *, request: Any = None, note: str = ""
) -> Cassette:
    """One exchange answered by a pkgcloud Rackspace fixture (or, with None, by no body)."""
    body = None if fixture is None else sample(f"{PKG}/{fixture}")
    source = f"{PKG}/{fixture}" if fixture else "no body"
    c.add(method, f"{CDB}/{path}", status, body, request=request, source=source + (f" ({note})" if note else ""))
    return c


INSTANCE = "51a28a3e-2b7b-4b5a-a1ba-99b871af2c8f"
CREATED = "37a7eb5b-3f92-41c5-afe7-670443faac15"
MARKER = "55041e91-98ab-4cd5-8148-f3b3978b3262"
SAMPLE_INSTANCE = "44b277eb-39be-4921-be31-3d61b43651d7"


def _listed_as_instance(fixture: str, instance_id: str) -> dict[str, Any]:
    """One entry of a pkgcloud instance list, as ``GET /instances/{id}`` wraps it."""
    for item in sample(f"{PKG}/{fixture}")["instances"]:
        if item["id"] == instance_id:
            return {"instance": copy.deepcopy(item)}
    raise KeyError(instance_id)


def instances_cassette() -> Cassette:
    c = cassette("instances")
    pkg(c, "GET", "flavors/1", 200, "databaseFlavor1.json")
    pkg(
        c,
        "POST",
        "instances",
        200,
        "createdDatabaseInstance.json",
        request={"instance": {"name": "test-instance", "flavorRef": "1", "volume": {"size": 1}, "databases": []}},
        note="the request pkgcloud's test paired it with, the flavor sent by its id as Rackspace documents",
    )
    c.add(
        "GET",
        f"{CDB}/instances/{CREATED}",
        200,
        _listed_as_instance("databaseInstancesDetails.json", CREATED),
        source=f"{PKG}/databaseInstancesDetails.json (its ACTIVE entry for this id, as GET /instances/{{id}} wraps it)",
    )
    pkg(c, "GET", "instances", 200, "databaseInstances.json")
    pkg(c, "GET", "instances?limit=2", 200, "databaseInstancesLimit2.json")
    pkg(c, "GET", f"instances?marker={MARKER}", 200, "databaseInstanceOffset.json")
    pkg(c, "GET", f"instances?limit=1&marker={MARKER}", 200, "databaseInstanceLimitOffset.json")
    pkg(c, "GET", f"instances/{INSTANCE}", 200, "databaseInstance.json")
    pkg(c, "GET", "flavors", 200, "databaseFlavors.json")
    pkg(c, "GET", "flavors/2", 200, "databaseFlavor2.json")
    pkg(c, "POST", f"instances/{INSTANCE}/action", 202, None, request={"restart": {}}, note="pkgcloud's test")
    pkg(
        c,
        "POST",
        f"instances/{INSTANCE}/action",
        202,
        None,
        request={"resize": {"flavorRef": "2"}},
        note="pkgcloud's test sent the flavor's href",
    )
    pkg(
        c,
        "POST",
        f"instances/{INSTANCE}/action",
        202,
        None,
        request={"resize": {"volume": {"size": 2}}},
        note="pkgcloud's test",
    )
    pkg(c, "DELETE", f"instances/{INSTANCE}", 202, None, note="pkgcloud's test")
    pkg(
        c,
        "GET",
        f"instances/{INSTANCE}",
        200,
        "databaseInstanceShutdown.json",
        note="the instance shutting down after the delete",
    )
    c.add(
        "GET",
        f"{CDB}/instances/{INSTANCE}",
        404,
        sample(f"{TL}/db-faults-itemNotFound.json"),
        source=f"{TL}/db-faults-itemNotFound.json (the instance is gone)",
    )
    return c


def databases_users_cassette() -> Cassette:
    c = cassette("databases_users")
    i = f"instances/{INSTANCE}"
    pkg(c, "GET", f"{i}/databases?limit=1", 200, "databasesLimit.json")
    c.add(
        "GET",
        f"{CDB}/{i}/databases?limit=1&marker=TestDatabase",
        200,
        {"databases": []},
        source=f"the page after {PKG}/databasesLimit.json's next link: no fixture has it; an empty last page",
    )
    pkg(c, "GET", f"{i}/users?limit=1", 200, "databaseUsersLimit.json")
    pkg(c, "GET", f"{i}/users?limit=1&marker=joeTest", 200, "databaseUsersLimitOffset.json")
    last = sample(f"{PKG}/databaseUsers.json")["users"][2:]
    c.add(
        "GET",
        f"{CDB}/{i}/users?limit=1&marker=joeTestTwo",
        200,
        {"users": last},
        source=f"{PKG}/databaseUsers.json (its third user, alone: the last page, without a next link)",
    )
    pkg(c, "GET", f"{i}/users", 200, "databaseUsers.json")
    pkg(
        c,
        "GET",
        f"{i}/users?limit=1&marker=joeTest",
        200,
        "databaseUsersLimitOffset.json",
        note="a list after a marker",
    )
    legacy(c, "db-create-databases")
    legacy(c, "db-list-databases")
    legacy(c, "db-delete-databases")
    legacy(c, "db-create-users")
    legacy(c, "db-list-users")
    legacy(c, "db-list-user-dbs")
    legacy(c, "db-change-user-attributes")
    legacy(c, "db-grant-user-access")
    legacy(c, "db-list-user-access")
    legacy(c, "db-revoke-user-access")
    legacy(c, "db-delete-users")
    legacy(c, "db-enable-root-user", request=None)
    legacy(c, "db-check-root-user")
    return c


def actions_configurations_cassette() -> Cassette:
    c = cassette("actions_configurations")
    legacy(c, "db-instance-restart")
    legacy(
        c, "db-instance-resize-flavor", request={"resize": {"flavorRef": "3"}}, note="the flavor's id sent as a string"
    )
    legacy(c, "db-instance-resize-volume")
    legacy(c, "db-instance-status-detail")
    c.add(
        "PATCH",
        f"{CDB}/instances/{SAMPLE_INSTANCE}",
        202,
        None,
        request=sample(f"{TL}/db-update-instance-name-request.json"),
        source=f"{TL}/db-update-instance-name-request.json (PATCH and 202: Rackspace's change-name operation)",
    )
    legacy(c, "db-instance-status-detail")
    legacy(c, "db-configuration-create")
    legacy(c, "db-configuration-list")
    legacy(c, "db-configuration-details")
    legacy(c, "db-configuration-edit-parameters")
    legacy(c, "db-configuration-update-parameters")
    legacy(c, "db-configuration-attach-to-instance")
    legacy(c, "db-instance-status-detail")
    legacy(c, "db-configuration-detach-from-instance")
    legacy(c, "db-instance-status-detail")
    legacy(c, "db-configuration-list-instances")
    legacy(c, "db-configuration-delete")
    return c


def backups_datastores_cassette() -> Cassette:
    c = cassette("backups_datastores")
    no_flag = 'without the sample\'s "incremental": 0, a field Rackspace does not document'
    legacy(
        c,
        "db-backup-create",
        request={"backup": {"name": "snapshot", "instance": SAMPLE_INSTANCE, "description": "My Backup"}},
        note=no_flag,
    )
    legacy(
        c,
        "db-backup-create-incremental",
        request={
            "backup": {
                "name": "Incremental Snapshot",
                "instance": SAMPLE_INSTANCE,
                "description": "My Incremental Backup",
                "parent_id": "a9832168-7541-4536-b8d9-a8a9b79cf1b4",
            }
        },
        note=no_flag,
    )
    legacy(c, "db-backup-get")
    legacy(c, "db-backup-list")
    legacy(c, "db-backups-by-instance")
    legacy(
        c,
        "db-backup-restore",
        request={
            "instance": {
                "name": "backup_instance",
                "flavorRef": "1",
                "volume": {"size": 2},
                "restorePoint": {"backupRef": "a9832168-7541-4536-b8d9-a8a9b79cf1b4"},
            }
        },
        note="the flavor's id sent as a string",
    )
    legacy(c, "db-backup-delete")
    legacy(c, "db-datastores-list")
    legacy(c, "db-datastore-by-id")
    legacy(c, "db-datastore-versions-list")
    legacy(c, "db-datastore-version-by-id")
    legacy(c, "db-configuration-parameters-without-datastore-version")
    legacy(c, "db-configuration-parameter-without-datastore-version")
    return c


def docs_cassette() -> Cassette:
    """The exchanges of the samples in docs/providers/rackspace/database.md, in their order: pkgcloud's
    fixtures for the instance, Trove's 2019 samples for what follows, on the page's instance."""
    c = Cassette("docs/providers/rackspace/database")
    c.items[0].response_body = php_catalog_cassette("x").items[0].response_body
    c.sources[0] = php_catalog_cassette("x").sources[0]
    i = f"instances/{CREATED}"
    here = f"on this page's instance, {CREATED}"
    pkg(c, "GET", "flavors", 200, "databaseFlavors.json")
    pkg(
        c,
        "POST",
        "instances",
        200,
        "createdDatabaseInstance.json",
        request={"instance": {"name": "test-instance", "flavorRef": "1", "volume": {"size": 1}}},
        note="request built by the SDK",
    )
    c.add(
        "GET",
        f"{CDB}/{i}",
        200,
        _listed_as_instance("databaseInstancesDetails.json", CREATED),
        source=f"{PKG}/databaseInstancesDetails.json (its ACTIVE entry for this id, as GET /instances/{{id}} wraps it)",
    )
    pkg(c, "GET", "instances?limit=2", 200, "databaseInstancesLimit2.json")
    pkg(c, "GET", f"instances?marker={MARKER}", 200, "databaseInstanceOffset.json")

    def moved(stem: str, path: str, *, request: Any = "sample", note: str = here) -> None:
        method, _ = _request_line(stem)
        sent = _body(stem, "request") if request == "sample" else request
        files = f"{TL}/{stem}-request-json-http.txt, {TL}/{stem}-response-json-http.txt"
        if (SAMPLES / f"{TL}/{stem}-response.json").is_file():
            files += f", {TL}/{stem}-response.json"
        c.add(method, f"{CDB}/{path}", _status(stem), _body(stem, "response"), request=sent, source=f"{files} ({note})")

    built = f"request built by the SDK, {here}"
    moved(
        "db-create-databases",
        f"{i}/databases",
        request={"databases": [{"name": "databaseA", "character_set": "utf8"}, {"name": "databaseB"}]},
        note=built,
    )
    moved(
        "db-create-users",
        f"{i}/users",
        request={"users": [{"name": "dbuser1", "password": "a-password", "databases": [{"name": "databaseA"}]}]},
        note=built,
    )
    moved(
        "db-grant-user-access",
        f"{i}/users/dbuser1/databases",
        request={"databases": [{"name": "databaseB"}]},
        note=built,
    )
    moved("db-list-user-access", f"{i}/users/dbuser1/databases")
    moved("db-enable-root-user", f"{i}/root", request=None)
    moved("db-check-root-user", f"{i}/root")
    moved(
        "db-backup-create",
        "backups",
        request={"backup": {"name": "snapshot", "instance": CREATED, "description": "My Backup"}},
        note=f'{built}; Rackspace documents no "incremental" field',
    )
    legacy(c, "db-backup-get")
    moved(
        "db-backup-create-incremental",
        "backups",
        request={
            "backup": {
                "name": "Incremental Snapshot",
                "instance": CREATED,
                "parent_id": "a9832168-7541-4536-b8d9-a8a9b79cf1b4",
            }
        },
        note=built,
    )
    moved("db-instance-resize-volume", f"{i}/action", request={"resize": {"volume": {"size": 2}}}, note=built)
    moved("db-delete-instance", i)
    c.add(
        "GET",
        f"{CDB}/{i}",
        404,
        sample(f"{TL}/db-faults-itemNotFound.json"),
        source=f"{TL}/db-faults-itemNotFound.json (the instance is gone)",
    )
    return c


def build() -> list[str]:
    instances = instances_cassette()
    users = databases_users_cassette()
    actions = actions_configurations_cassette()
    backups = backups_datastores_cassette()
    parts = [instances, users, actions, backups]
    every = [*parts, docs_cassette()]
    for c in every:  # what the client sends with each request after the authentication
        for item in c.items[1:]:
            item.request_headers["X-Auth-Project-Id"] = "123456"
    return [c.write() for c in every]


if __name__ == "__main__":
    for path in build():
        print(path)
