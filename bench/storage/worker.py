"""One benchmark operation with one client, in a process of its own; prints one JSON line.

Run by ``bench/storage/run.py`` (never alone): the project's venv runs the ``pkgcloud`` and
``requests`` clients, the bench venv the peers (``swiftclient``, ``openstacksdk``), so each is
measured with only its own imports. The configuration comes in ``BENCH_CONFIG`` (JSON): the
dev cloud's credentials, a token and the storage URL for the clients that take them as is.

Measured: the wall time and the process CPU time of the operation alone (authentication and
imports happen before; user and system time, minor page faults and context switches beside), and
the process's peak RSS at the end (VmHWM).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

CHUNK = 1 << 20
CFG: dict[str, Any] = json.loads(os.environ["BENCH_CONFIG"])


def url_of(container: str, name: str | None = None) -> str:
    base = f"{CFG['storage_url']}/{quote(container, safe='')}"
    return base if name is None else f"{base}/{quote(name, safe='/')}"


# -- clients: prepare() authenticates and returns op(name, *args) callables ---------------------


def prepare_requests() -> dict[str, Callable[..., Any]]:
    import requests

    session = requests.Session()
    session.headers["X-Auth-Token"] = CFG["token"]

    def upload(container: str, name: str, path: str, **_: Any) -> None:
        with open(path, "rb") as f:
            session.put(url_of(container, name), data=f).raise_for_status()

    def download(container: str, name: str, path: str) -> None:
        with session.get(url_of(container, name), stream=True) as r, open(path, "wb") as out:
            r.raise_for_status()
            for chunk in r.iter_content(CHUNK):
                out.write(chunk)

    def heads(container: str, name: str, count: int) -> None:
        url = url_of(container, name)
        for _ in range(count):
            session.head(url).raise_for_status()

    def listing(container: str) -> int:
        marker, total = "", 0
        while True:
            page = session.get(url_of(container), params={"format": "json", "marker": marker}).json()
            if not page:
                return total
            total += len(page)
            marker = page[-1]["name"]

    return {"upload": upload, "download": download, "heads": heads, "listing": listing}


def prepare_pkgcloud(checksum: bool = True, hash_thread: bool = False) -> dict[str, Callable[..., Any]]:
    from pathlib import Path

    import pkgcloud

    if hash_thread:  # the alternative measured against the default (MD5 in line): a hashing thread
        from pkgcloud_openstack.storage import transfer

        transfer.OVERLAP_MIN = 8 << 20

    client = pkgcloud.storage.create_client(provider="openstack", **CFG["options"])
    client.auth.ensure_fresh(3000)
    _ = client.endpoint

    def upload(container: str, name: str, path: str, slo: bool = False) -> None:
        if slo:
            client.upload(
                container,
                name,
                Path(path),
                large_object_threshold=CFG["slo_segment"],
                segment_size=CFG["slo_segment"],
                concurrency=CFG["slo_threads"],
                checksum=checksum,
            )
        else:  # one stream, whatever the size
            client.upload(container, name, Path(path), large_object_threshold=1 << 40, checksum=checksum)

    def download(container: str, name: str, path: str) -> None:
        client.download(container, name, path, verify=checksum)

    def heads(container: str, name: str, count: int) -> None:
        for _ in range(count):
            client.get_object(container, name)

    def listing(container: str) -> int:
        return sum(1 for _ in client.list_objects(container))

    return {"upload": upload, "download": download, "heads": heads, "listing": listing}


def prepare_swiftclient() -> dict[str, Callable[..., Any]]:
    from swiftclient.client import Connection

    o = CFG["options"]
    conn = Connection(
        authurl=o["auth_url"],
        user=o["username"],
        key=o["password"],
        auth_version="3",
        os_options={
            "project_name": o["tenant_name"],
            "user_domain_name": o["domain_name"],
            "project_domain_name": o["project_domain_name"],
            "region_name": o.get("region"),
        },
    )
    conn.head_account()

    def upload(container: str, name: str, path: str, slo: bool = False) -> None:
        if slo:
            from swiftclient.service import SwiftService, SwiftUploadObject

            opts = {
                "auth": o["auth_url"],
                "user": o["username"],
                "key": o["password"],
                "auth_version": "3",
                "os_project_name": o["tenant_name"],
                "os_user_domain_name": o["domain_name"],
                "os_project_domain_name": o["project_domain_name"],
                "os_region_name": o.get("region"),
                "segment_size": CFG["slo_segment"],
                "use_slo": True,
                "segment_threads": CFG["slo_threads"],
            }
            with SwiftService(options=opts) as service:
                for result in service.upload(container, [SwiftUploadObject(path, object_name=name)]):
                    if not result["success"]:
                        raise RuntimeError(result.get("error"))
            return
        with open(path, "rb") as f:
            conn.put_object(container, name, f, content_length=os.path.getsize(path), chunk_size=CHUNK)

    def download(container: str, name: str, path: str) -> None:
        _, body = conn.get_object(container, name, resp_chunk_size=CHUNK)
        with open(path, "wb") as out:
            for chunk in body:
                out.write(chunk)

    def heads(container: str, name: str, count: int) -> None:
        for _ in range(count):
            conn.head_object(container, name)

    def listing(container: str) -> int:
        return len(conn.get_container(container, full_listing=True)[1])

    return {"upload": upload, "download": download, "heads": heads, "listing": listing}


def prepare_openstacksdk() -> dict[str, Callable[..., Any]]:
    import openstack

    o = CFG["options"]
    conn = openstack.connect(
        auth_url=o["auth_url"],
        username=o["username"],
        password=o["password"],
        project_name=o["tenant_name"],
        user_domain_name=o["domain_name"],
        project_domain_name=o["project_domain_name"],
        region_name=o.get("region"),
        load_yaml_config=False,
        load_envvars=False,
    )
    conn.object_store.get_account_metadata()

    def upload(container: str, name: str, path: str, slo: bool = False) -> None:
        # its own defaults (it hashes the file first, md5 and sha256, and HEADs the object)
        conn.object_store.create_object(
            container, name, filename=path, segment_size=CFG["slo_segment"] if slo else 1 << 40
        )

    def download(container: str, name: str, path: str) -> None:
        with open(path, "wb") as out:
            for chunk in conn.object_store.stream_object(name, container, chunk_size=CHUNK):
                out.write(chunk)

    def heads(container: str, name: str, count: int) -> None:
        for _ in range(count):
            conn.object_store.get_object_metadata(name, container)

    def listing(container: str) -> int:
        return sum(1 for _ in conn.object_store.objects(container))

    return {"upload": upload, "download": download, "heads": heads, "listing": listing}


CLIENTS = {
    "requests": prepare_requests,
    "pkgcloud": prepare_pkgcloud,
    "pkgcloud-unverified": lambda: prepare_pkgcloud(checksum=False),
    "pkgcloud-hash-thread": lambda: prepare_pkgcloud(hash_thread=True),
    "swiftclient": prepare_swiftclient,
    "openstacksdk": prepare_openstacksdk,
}


def peak_rss_kib() -> int:
    """This program's peak RSS (VmHWM): ``ru_maxrss`` would include the parent's, inherited at fork."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def warm_up(ops: dict[str, Callable[..., Any]], op: str, args: list[Any]) -> None:
    """One small call of the same kind first, so first-use imports and connections are not timed."""
    if op in ("upload", "download"):
        ops["upload"](args[0], "warm-up", CFG["warm_file"])
        ops["download"](args[0], "warm-up", CFG["warm_file"] + ".out")
    elif op == "heads":
        ops["heads"](args[0], args[1], 1)


def main() -> None:
    client, op, *args = sys.argv[1:]
    ops = CLIENTS[client]()
    kwargs: dict[str, Any] = {}
    if op == "upload-slo":
        op, kwargs = "upload", {"slo": True}
    if op == "heads":
        args[2:] = [int(args[2])]
    warm_up(ops, op, args)
    before = resource.getrusage(resource.RUSAGE_SELF)
    wall, cpu = time.perf_counter(), time.process_time()
    result = ops[op](*args, **kwargs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_SELF)
    usage = {
        "user": after.ru_utime - before.ru_utime,
        "system": after.ru_stime - before.ru_stime,
        "minor_faults": after.ru_minflt - before.ru_minflt,
        "context_switches": (after.ru_nvcsw - before.ru_nvcsw) + (after.ru_nivcsw - before.ru_nivcsw),
    }
    rss_kib = peak_rss_kib()
    print(
        json.dumps(
            {
                "client": client,
                "op": op,
                "wall": wall,
                "cpu": cpu,
                "rss_mib": rss_kib / 1024,
                "result": result,
                "usage": usage,
            }
        )
    )


if __name__ == "__main__":
    main()
