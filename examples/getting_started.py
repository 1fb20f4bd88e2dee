"""Getting started with pkgcloud on OpenStack: storage, then (where the cloud has it) compute.

Authenticates, creates a container, uploads a file with a progress bar, lists, downloads it and
verifies its checksum, makes a temp URL and fetches it with plain ``requests``; then, if the cloud
has a compute service, creates two servers and waits for them to run, as the Node library's
getting-started does. Everything it creates is deleted before it exits::

    python examples/getting_started.py --cloud devcloud-demo

``--cloud`` names a cloud in clouds.yaml (``OS_CLIENT_CONFIG_FILE`` says where; ``scripts/demo``
points it at the dev cloud's).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import secrets
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import requests

import pkgcloud
from pkgcloud.errors import EndpointNotFound, PkgcloudError

MiB = 1 << 20


def progress_bar(label: str, total: int) -> tuple[Callable[[int, int | None], None], Callable[[], None]]:
    """A progress callback (bytes done, total) drawn by tqdm when installed, else by hand."""
    try:
        from tqdm import tqdm
    except ImportError:
        tqdm = None
    if tqdm is not None:
        bar = tqdm(total=total, unit="B", unit_scale=True, desc=label, leave=True)
        seen = [0]

        def update(done: int, _total: int | None) -> None:
            bar.update(done - seen[0])
            seen[0] = done

        return update, bar.close

    def update_plain(done: int, total_: int | None) -> None:
        if total_:
            print(f"\r{label}: {done * 100 // total_:3d}% ({done}/{total_} bytes)", end="", flush=True)

    return update_plain, lambda: print()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(MiB), b""):
            digest.update(block)
    return digest.hexdigest()


def storage_tour(cloud: str, size: int, workdir: Path) -> None:
    storage = pkgcloud.storage.create_client(provider="openstack", cloud=cloud)
    state = storage.auth.ensure_fresh()  # authenticate now (it would happen at the first call anyway)
    project = (state.data.get("project") or {}).get("name")
    user = (state.data.get("user") or {}).get("name")
    print(f"authenticated as {user!r} in project {project!r}; token valid for {state.remaining():.0f}s")
    print(f"object storage endpoint: {storage.endpoint}")

    container = f"pkgcloud-getting-started-{secrets.token_hex(4)}"
    source = workdir / "hello.bin"
    with source.open("wb") as f:  # random content, written in blocks
        for _ in range(size // MiB):
            f.write(os.urandom(MiB))
        f.write(os.urandom(size % MiB))
    try:
        storage.create_container(container, metadata={"purpose": "getting-started"})
        print(f"CONTAINER CREATED: {container}")

        update, close = progress_bar("upload", size)
        uploaded = storage.upload(container, "hello.bin", source, progress=update, metadata={"owner": "example"})
        close()
        print(f"FILE UPLOADED: {uploaded.name}, {uploaded.size} bytes, etag {uploaded.etag}")

        # The container's own HEAD is current; the account listing's counts lag until Swift's
        # container updater has run, so list names there and take the counts from the HEAD.
        listed = [found.name for found in storage.list_containers(prefix="pkgcloud-getting-started-")]
        print(f"  containers listed: {', '.join(listed)}")
        info = storage.get_container(container)
        print(f"  container {info.name}: {info.count} object(s), {info.bytes} bytes")
        for obj in storage.list_objects(container):
            print(f"  object {obj.name}: {obj.size} bytes, {obj.content_type}, modified {obj.last_modified}")

        copy = workdir / "hello.copy"
        update, close = progress_bar("download", size)
        storage.download(container, "hello.bin", copy, progress=update)
        close()
        if sha256_of(copy) != sha256_of(source):
            raise SystemExit("the downloaded file differs from the uploaded one")
        print(f"FILE DOWNLOADED and verified: sha256 {sha256_of(copy)[:16]}... matches")

        storage.set_temp_url_key(secrets.token_hex(16), container=container)
        url = storage.temp_url(container, "hello.bin", expires_in=300)
        fetched = requests.get(url, timeout=30)
        fetched.raise_for_status()
        if hashlib.sha256(fetched.content).hexdigest() != sha256_of(source):
            raise SystemExit("the temp URL served different content")
        print(f"TEMP URL fetched without a token ({len(fetched.content)} bytes): {url.split('?')[0]}?...")
    finally:
        storage.delete_container(container, delete_objects=True)
        print(f"CONTAINER DELETED: {container} (with its objects)")


def compute_tour(cloud: str) -> int:
    compute = pkgcloud.compute.create_client(provider="openstack", cloud=cloud)
    try:
        _ = compute.endpoint  # looks the service up in the catalog
    except EndpointNotFound:
        print("this cloud has no compute service: skipping servers (the dev cloud's full profile has Nova)")
        return 0
    sys.path.insert(0, str(Path(__file__).parent))
    import compute_getting_started

    return compute_getting_started.main(["--cloud", cloud])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cloud", default="devcloud-demo", help="a cloud named in clouds.yaml")
    parser.add_argument("--size", type=int, default=16 * MiB, help="bytes to upload (default 16 MiB)")
    parser.add_argument("--no-servers", action="store_true", help="skip the compute part")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="pkgcloud-example-") as tmp:
            storage_tour(args.cloud, args.size, Path(tmp))
    except PkgcloudError as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 1
    if args.no_servers:
        return 0
    return compute_tour(args.cloud)


if __name__ == "__main__":
    raise SystemExit(main())
