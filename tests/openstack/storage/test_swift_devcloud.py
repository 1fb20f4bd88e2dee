"""Integration against the running dev cloud's Swift (skipped when none is reachable)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

import pkgcloud
from pkgcloud import clock
from pkgcloud.errors import NotFound, ValidationError
from tests.openstack.storage.test_swift_recorded import TRICKY_NAMES

pytestmark = pytest.mark.devcloud

Options = Callable[..., dict[str, Any]]


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


@pytest.fixture
def client(live_options: Options) -> Iterator[Any]:
    with pkgcloud.storage.create_client(provider="openstack", **live_options("demo")) as storage:
        yield storage


@pytest.fixture
def container(client: Any) -> Iterator[str]:
    name = f"it-{uuid.uuid4().hex[:10]}"
    client.create_container(name)
    yield name
    client.delete_container(name, delete_objects=True)
    with contextlib.suppress(NotFound):
        client.delete_container(f"{name}_segments", delete_objects=True)


def test_names_round_trip(client: Any, container: str) -> None:
    for i, name in enumerate(TRICKY_NAMES):
        client.upload(container, name, f"content {i}".encode())
    assert sorted(o.name for o in client.list_objects(container)) == sorted(TRICKY_NAMES)
    for i, name in enumerate(TRICKY_NAMES):
        assert client.get_object(container, name).etag == md5(f"content {i}".encode())
        assert b"".join(client.iter_object(container, name)) == f"content {i}".encode()
        client.delete_object(container, name)
    assert list(client.list_objects(container)) == []


def generated(size: int, seed: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """``size`` bytes made on the fly (a keyed counter stream), never all in memory."""
    block = hashlib.sha256(str(seed).encode()).digest() * (chunk // 32)
    sent = 0
    counter = 0
    while sent < size:
        piece = counter.to_bytes(8, "big") + block[8:]
        piece = piece[: min(chunk, size - sent)]
        counter += 1
        sent += len(piece)
        yield piece


def test_200_mb_streamed_both_ways_with_checksums(client: Any, container: str) -> None:
    size = 200 * 1000 * 1000
    expected = hashlib.md5(usedforsecurity=False)
    for piece in generated(size, seed=7):
        expected.update(piece)
    reported: list[int] = []
    made = client.upload(
        container, "stream-200mb", generated(size, seed=7), size=size, progress=lambda d, t: reported.append(d)
    )
    assert (made.size, made.etag) == (size, expected.hexdigest())
    assert reported[-1] == size
    received = hashlib.md5(usedforsecurity=False)
    count = 0
    for chunk in client.iter_object(container, "stream-200mb"):
        received.update(chunk)
        count += len(chunk)
    assert (count, received.hexdigest()) == (size, expected.hexdigest())


@pytest.mark.slow
def test_static_large_object_of_many_segments(client: Any, container: str, tmp_path: Path) -> None:
    # Swift serves an SLO's segments after the 10th at one per second by default
    # (rate_limit_after_segment, rate_limit_segments_per_sec): the download takes 90 s or more
    segment = 16384
    path = tmp_path / "big.bin"
    with open(path, "wb") as f:
        for piece in generated(100 * segment + 1234, seed=3, chunk=segment):
            f.write(piece)
    data = path.read_bytes()
    made = client.upload(
        container, "many.bin", path, large_object_threshold=segment, segment_size=segment, concurrency=4
    )
    assert made.is_static_large_object
    segments = [o.name for o in client.list_objects(f"{container}_segments")]
    assert len(segments) == 101
    etags = [md5(data[i : i + segment]) for i in range(0, len(data), segment)]
    assert made.etag == md5("".join(etags).encode())
    assert client.get_object(container, "many.bin").size == len(data)
    target = tmp_path / "back.bin"
    client.download(container, "many.bin", target)  # verified segment by segment
    assert target.read_bytes() == data
    client.delete_object(container, "many.bin")
    assert list(client.list_objects(f"{container}_segments")) == []


def test_temp_urls_with_plain_requests(client: Any, container: str) -> None:
    key = uuid.uuid4().hex
    client.set_temp_url_key(key)
    try:
        client.upload(container, "report ü.txt", b"temp url content")
        client.upload(container, "shared/a.txt", b"a")
        client.upload(container, "shared/b.txt", b"b")
        for digest in ("sha256", "sha1", "sha512"):
            url = client.temp_url(container, "report ü.txt", digest=digest, expires_in=300)
            answer = requests.get(url, timeout=10)
            assert (answer.status_code, answer.content) == (200, b"temp url content"), digest
        url = client.temp_url(container, "report ü.txt", filename="Rapport final.txt")
        answer = requests.get(url, timeout=10)
        assert 'filename="Rapport final.txt"' in answer.headers["Content-Disposition"]
        assert (
            requests.get(client.temp_url(container, "report ü.txt", inline=True), timeout=10)
            .headers["Content-Disposition"]
            .startswith("inline")
        )
        assert requests.get(client.temp_url(container, "report ü.txt", ip_range="127.0.0.1"), timeout=10).ok

        prefix_url = client.temp_url(container, "shared/", prefix=True)
        base, _, query = prefix_url.partition("?")
        for name in ("a", "b"):
            answer = requests.get(f"{base}{name}.txt?{query}", timeout=10)
            assert (answer.status_code, answer.content) == (200, name.encode())

        put_url = client.temp_url(container, "uploaded.txt", method="PUT")
        assert requests.put(put_url, data=b"via temp url", timeout=10).status_code == 201
        assert b"".join(client.iter_object(container, "uploaded.txt")) == b"via temp url"

        past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=5)
        with pytest.raises(ValidationError, match="expires_at is in the past"):
            client.temp_url(container, "report ü.txt", expires_at=past)
        # Swift refuses an expired URL: one made 20 s ago for 5 s
        previous = clock.set_clock(clock.FakeClock(time.time() - 20))
        try:
            expired = client.temp_url(container, "report ü.txt", expires_in=5)
        finally:
            clock.set_clock(previous)
        assert requests.get(expired, timeout=10).status_code == 401
        forged = client.temp_url(container, "report ü.txt", key="not-the-key")
        assert requests.get(forged, timeout=10).status_code == 401
    finally:
        client.set_temp_url_key(None)


def test_delete_container_with_objects(client: Any) -> None:
    name = f"it-del-{uuid.uuid4().hex[:8]}"
    client.create_container(name)
    for i in range(40):
        client.upload(name, f"obj/{i:03d}", os.urandom(100))
    client.upload(name, "large", os.urandom(5000), large_object_threshold=1000, segment_size=1000)
    client.delete_container(name, delete_objects=True)
    with pytest.raises(NotFound):
        client.get_container(name)
    assert list(client.list_objects(f"{name}_segments")) == []
    client.delete_container(f"{name}_segments")


def test_expiring_object_disappears(client: Any, container: str) -> None:
    client.upload(container, "short", b"x", delete_after=2)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            client.get_object(container, "short")
        except NotFound:
            return
        time.sleep(0.5)
    pytest.fail("an object uploaded with delete_after=2 was still there after 15 s")
