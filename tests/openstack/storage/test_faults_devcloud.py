"""Answers of the dev cloud's real Swift cut short by a loopback proxy (integration, not replay).

The proxy forwards to Swift and cuts the answer to one chosen request: right after the status line,
inside a header, inside the ETag. None may pass for a whole answer.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import pkgcloud
from pkgcloud.errors import ConnectionFailed
from tests.harness.faults import Cut, FaultProxy, fault_proxy

pytestmark = pytest.mark.devcloud

Options = Callable[..., dict[str, Any]]
DATA = os.urandom(300_000)
ETAG = hashlib.md5(DATA, usedforsecurity=False).hexdigest()


@pytest.fixture
def setup(live_options: Options) -> Iterator[tuple[Any, FaultProxy, str]]:
    """A client whose Swift endpoint is the proxy, the proxy, and a container holding ``o``."""
    with pkgcloud.storage.create_client(provider="openstack", **live_options("demo")) as direct:
        endpoint = direct.endpoint
        parts = urlsplit(endpoint)
        container = f"it-cut-{uuid.uuid4().hex[:8]}"
        direct.create_container(container)
        direct.upload(container, "o", DATA)
        with fault_proxy((parts.hostname or "127.0.0.1", parts.port or 80)) as proxy:
            override = endpoint.replace(parts.netloc, proxy.address, 1)
            options = live_options("demo", endpoint_override=override, share_auth=False, backoff=0.01)
            with pkgcloud.storage.create_client(provider="openstack", **options) as client:
                yield client, proxy, container
        direct.delete_container(container, delete_objects=True)


@pytest.mark.parametrize(
    ("after", "extra"),
    [
        pytest.param(b"HTTP/1.1 200 OK\r\n", 0, id="after-the-status-line"),
        pytest.param(b"\r\nEtag: ", 8, id="inside-the-etag"),
        pytest.param(b"\r\nContent-Type: ", 3, id="inside-a-header"),
    ],
)
def test_a_real_download_cut_in_its_headers_is_fetched_again(
    setup: tuple[Any, FaultProxy, str], tmp_path: Path, after: bytes, extra: int
) -> None:
    client, proxy, container = setup
    proxy.arm(Cut("GET", f"/{container}/o", after, extra=extra))
    target = tmp_path / "o"
    obj = client.download(container, "o", target)
    assert target.read_bytes() == DATA
    assert (obj.size, obj.etag) == (len(DATA), ETAG)
    assert len(proxy.seen("GET", f"/{container}/o")) == 2
    proxy.arm(Cut("GET", f"/{container}/o", after, extra=extra))
    assert b"".join(client.iter_object(container, "o")) == DATA


def test_a_real_head_cut_inside_its_etag_is_asked_again(setup: tuple[Any, FaultProxy, str]) -> None:
    client, proxy, container = setup
    proxy.arm(Cut("HEAD", f"/{container}/o", b"\r\nEtag: ", extra=5))
    obj = client.get_object(container, "o")
    assert (obj.size, obj.etag) == (len(DATA), ETAG)
    assert len(proxy.seen("HEAD", f"/{container}/o")) == 2


def test_a_real_upload_whose_answer_is_cut_is_sent_again_and_kept(setup: tuple[Any, FaultProxy, str]) -> None:
    client, proxy, container = setup
    payload = os.urandom(50_000)
    proxy.arm(Cut("PUT", f"/{container}/p", b"\r\nEtag: ", extra=4))
    obj = client.upload(container, "p", payload)
    assert obj.etag == hashlib.md5(payload, usedforsecurity=False).hexdigest()
    assert len(proxy.seen("PUT", f"/{container}/p")) == 2
    assert b"".join(client.iter_object(container, "p")) == payload
    assert proxy.seen("DELETE", f"/{container}/p") == []


def test_a_real_answer_always_cut_raises_and_leaves_no_file(setup: tuple[Any, FaultProxy, str], tmp_path: Path) -> None:
    client, proxy, container = setup
    proxy.arm(Cut("GET", f"/{container}/o", b"HTTP/1.1 200 OK\r\n", times=10))
    with pytest.raises(ConnectionFailed, match="inside the header block"):
        client.download(container, "o", tmp_path / "o")
    assert list(tmp_path.iterdir()) == []
    assert len(proxy.seen("GET", f"/{container}/o")) == 4  # 1 + 3 retries
