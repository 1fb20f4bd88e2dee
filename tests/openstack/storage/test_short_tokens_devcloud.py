"""Bulk deletes against the dev cloud's real Keystone and Swift with short-lived tokens.

Run with a Keystone issuing short tokens (``python3 -m devcloud up --token-expiration 6``; .ci/run
does it for the tests marked ``short_tokens``). One bulk request of every name outlives such a
token: Swift answers 200 and lists the deletes it refused with 401 inside (then gives up after
1000 of them), which the SDK used to report as failures.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

import pkgcloud
from pkgcloud.errors import NotFound
from pkgcloud_openstack.storage import bulk
from tests.harness import devcloud

pytestmark = [pytest.mark.devcloud, pytest.mark.short_tokens]

Options = Callable[..., dict[str, Any]]
# far more than one short token lasts for: the dev cloud deletes a few hundred objects a second
OBJECTS_PER_TOKEN_SECOND = 400


def token_lifetime() -> int:
    return int((devcloud.facts() or {}).get("token_expiration") or 3600)


@pytest.fixture
def lifetime() -> int:
    found = token_lifetime()
    if found > 30:
        pytest.skip(f"the dev cloud's tokens live {found}s; run: python3 -m devcloud up --token-expiration 6")
    return found


def fill(client: Any, container: str, names: list[str]) -> None:
    """Upload whichever of ``names`` the container does not hold."""
    client.create_container(container)
    present = {obj.name for obj in client.list_objects(container)}
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda name: client.upload(container, name, b"x"), [n for n in names if n not in present]))


def test_a_short_token_bulk_delete_of_more_objects_than_one_token_lives_for(
    live_options: Options, lifetime: int
) -> None:
    count = OBJECTS_PER_TOKEN_SECOND * lifetime
    with pkgcloud.storage.create_client(provider="openstack", **live_options("demo")) as client:
        name = f"it-short-{uuid.uuid4().hex[:8]}"
        names = [f"obj-{i:05d}" for i in range(count)]
        fill(client, name, names)
        # what one request of every name (what the SDK used to send) meets: the token expires during it
        raw = requests.post(
            client.endpoint + "?bulk-delete",
            data=bulk.body(name, names),
            headers={"X-Auth-Token": client.auth.token, "Accept": "application/json", "Content-Type": "text/plain"},
            timeout=120,
        )
        doc = bulk.parse_answer(raw.content)
        refused = bulk.refused(bulk.result(doc, name))
        assert raw.status_code == 200 and refused, f"one request deleted everything in one token's life: {doc}"

        fill(client, name, names)  # put the deleted ones back
        issued = client.auth.issued_count
        started = time.monotonic()
        client.delete_container(name, delete_objects=True)
        took = time.monotonic() - started
        with pytest.raises(NotFound):
            client.get_container(name)
        assert took > lifetime, f"{count} deletes took {took:.1f}s, less than one {lifetime}s token: not a test"
        assert client.auth.issued_count > issued, "the deletes did not span a renewal"
