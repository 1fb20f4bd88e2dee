"""Faults, against a scripted Swift on real sockets: drops, retries, corruption, tokens, limits."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from pkgcloud import clock
from pkgcloud.errors import (
    ConnectionFailed,
    IntegrityError,
    ReauthenticationImpossible,
    ValidationError,
)
from tests.harness.server import Reply, Seen, sequence
from tests.openstack.storage.conftest import INFO, Swift, data_of, md5

DATA = data_of(3 * 1024 * 1024 + 17)
ETAG = md5(DATA)


def stored(seen: Seen) -> Reply:
    """A PUT handler that stores nothing and answers like Swift: 201 with the MD5 of what it read."""
    return Reply(201, b"", {"ETag": md5(seen.body)})


def ranged(data: bytes, etag: str, *, drop_first_at: int | None = None) -> object:
    """A GET handler: the whole object (cut after ``drop_first_at`` bytes the first time), or a range."""
    state = {"first": True}

    def handler(seen: Seen) -> Reply:
        wanted = seen.headers.get("Range")
        if wanted is None:
            drop = drop_first_at if state["first"] else None
            state["first"] = False
            return Reply(200, data, {"ETag": etag, "Content-Type": "application/octet-stream"}, drop_after=drop)
        found = re.fullmatch(r"bytes=(\d+)-(\d*)", wanted)
        assert found, wanted
        start = int(found.group(1))
        end = int(found.group(2)) if found.group(2) else len(data) - 1
        return Reply(
            206,
            data[start : end + 1],
            {"ETag": etag, "Content-Range": f"bytes {start}-{end}/{len(data)}"},
        )

    return handler


# -- downloads -----------------------------------------------------------------------------------


def test_dropped_download_resumes_with_a_range_request_and_is_verified(swift: Swift, tmp_path: Path) -> None:
    swift.route("GET", "/c/big.bin", ranged(DATA, ETAG, drop_first_at=1_000_000))
    client = swift.client()
    target = tmp_path / "big.bin"

    obj = client.download("c", "big.bin", target)

    assert target.read_bytes() == DATA
    assert obj.size == len(DATA)
    gets = swift.seen("GET", "/c/big.bin")
    assert len(gets) == 2
    assert "Range" not in gets[0].headers
    # the resume asks for exactly what is missing
    assert gets[1].headers["Range"] == f"bytes=1000000-{len(DATA) - 1}"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left


def test_iter_object_resumes_too(swift: Swift) -> None:
    swift.route("GET", "/c/big.bin", ranged(DATA, ETAG, drop_first_at=2_500_000))
    client = swift.client()
    assert b"".join(client.iter_object("c", "big.bin", chunk_size=65536)) == DATA


def test_resumed_ranged_download_keeps_its_range(swift: Swift) -> None:
    state = {"n": 0}

    def handler(seen: Seen) -> Reply:
        state["n"] += 1
        found = re.fullmatch(r"bytes=(\d+)-(\d+)", seen.headers["Range"])
        assert found
        start, end = int(found.group(1)), int(found.group(2))
        body = DATA[start : end + 1]
        return Reply(
            206,
            body,
            {"ETag": ETAG, "Content-Range": f"bytes {start}-{end}/{len(DATA)}"},
            drop_after=1000 if state["n"] == 1 else None,
        )

    swift.route("GET", "/c/big.bin", handler)
    client = swift.client()
    out = io.BytesIO()
    obj = client.download("c", "big.bin", out, offset=5000, length=200_000)
    assert out.getvalue() == DATA[5000:205000]
    assert obj.size == len(DATA)
    ranges = [s.headers["Range"] for s in swift.seen("GET")]
    assert ranges == ["bytes=5000-204999", "bytes=6000-204999"]


def test_object_changed_during_resume_raises_and_leaves_no_file(swift: Swift, tmp_path: Path) -> None:
    state = {"first": True}

    def handler(seen: Seen) -> Reply:
        if state["first"]:
            state["first"] = False
            return Reply(200, DATA, {"ETag": ETAG}, drop_after=100_000)
        start = int(seen.headers["Range"].split("=")[1].split("-")[0])
        other = data_of(len(DATA), seed=2)
        return Reply(
            206, other[start:], {"ETag": md5(other), "Content-Range": f"bytes {start}-{len(DATA) - 1}/{len(DATA)}"}
        )

    swift.route("GET", "/c/big.bin", handler)
    client = swift.client()
    with pytest.raises(IntegrityError, match="changed during the download"):
        client.download("c", "big.bin", tmp_path / "big.bin")
    assert list(tmp_path.iterdir()) == []


def test_download_gives_up_after_the_retries(swift: Swift, tmp_path: Path) -> None:
    # every answer is cut after 10 bytes of the same region: no progress, so retries run out
    def handler(seen: Seen) -> Reply:
        if "Range" in seen.headers:
            start = int(seen.headers["Range"].split("=")[1].split("-")[0])
            return Reply(
                206,
                DATA[start:],
                {"ETag": ETAG, "Content-Range": f"bytes {start}-{len(DATA) - 1}/{len(DATA)}"},
                drop_after=0,
            )
        return Reply(200, DATA, {"ETag": ETAG}, drop_after=10)

    swift.route("GET", "/c/big.bin", handler)
    client = swift.client(retries=2)
    with pytest.raises(ConnectionFailed, match="at byte 10 after 2 resumes"):
        client.download("c", "big.bin", tmp_path / "big.bin")
    assert len(swift.seen("GET", "/c/big.bin")) == 3
    assert list(tmp_path.iterdir()) == []


def test_corrupted_download_raises_and_leaves_no_file(swift: Swift, tmp_path: Path) -> None:
    corrupted = bytearray(DATA)
    corrupted[123456] ^= 1
    swift.route("GET", "/c/big.bin", Reply(200, bytes(corrupted), {"ETag": ETAG}))
    client = swift.client()
    with pytest.raises(IntegrityError, match=f"the ETag says {ETAG}"):
        client.download("c", "big.bin", tmp_path / "big.bin")
    assert list(tmp_path.iterdir()) == []
    # without verification the bytes are delivered as they are
    client.download("c", "big.bin", tmp_path / "raw.bin", verify=False)
    assert (tmp_path / "raw.bin").read_bytes() == bytes(corrupted)


# -- retries ---------------------------------------------------------------------------------------


def test_503_on_an_idempotent_call_is_retried(swift: Swift) -> None:
    headers = {"Content-Length": "5", "ETag": md5(b"hello"), "Content-Type": "text/plain"}
    swift.route("HEAD", "/c/o", sequence(Reply(503, "busy", {"Retry-After": "1"}), Reply(200, b"", headers)))
    client = swift.client()
    obj = client.get_object("c", "o")
    assert (obj.size, obj.etag) == (5, md5(b"hello"))
    assert len(swift.seen("HEAD", "/c/o")) == 2


def test_503_on_a_replayable_upload_is_retried(swift: Swift) -> None:
    swift.route("PUT", "/c/o", sequence(Reply(503), Reply(201, b"", {"ETag": md5(b"payload")})))
    client = swift.client()
    client.upload("c", "o", b"payload")
    puts = swift.seen("PUT", "/c/o")
    assert [p.body for p in puts] == [b"payload", b"payload"]


def test_an_upload_keeps_the_answers_headers_as_get_object_does(swift: Swift) -> None:
    answer = {"ETag": md5(b"payload"), "X-Trans-Id": "tx1", "X-Container-Meta-Temp-Url-Key": "leaked?"}
    swift.route("PUT", "/c/o", Reply(201, b"", answer))
    obj = swift.client().upload("c", "o", b"payload")
    assert obj.raw["x-trans-id"] == "tx1" and "etag" in obj.raw
    assert not any("temp-url-key" in name for name in obj.raw)


def test_503_on_a_one_shot_upload_is_not_retried(swift: Swift) -> None:
    swift.route("PUT", "/c/o", sequence(Reply(503), Reply(201, b"", {"ETag": md5(b"payload")})))
    client = swift.client()
    with pytest.raises(Exception, match="503"):
        client.upload("c", "o", iter([b"pay", b"load"]))
    assert len(swift.seen("PUT", "/c/o")) == 1


# -- upload integrity ------------------------------------------------------------------------------


def test_streamed_upload_whose_etag_does_not_match_raises_and_deletes(swift: Swift, tmp_path: Path) -> None:
    source = tmp_path / "file.bin"
    source.write_bytes(DATA)
    swift.route("PUT", "/c/o", Reply(201, b"", {"ETag": md5(b"something else")}))
    swift.route("DELETE", "/c/o", Reply(204))
    client = swift.client()
    with pytest.raises(IntegrityError, match="the object was deleted"):
        client.upload("c", "o", source)
    assert swift.seen("PUT", "/c/o")[0].body == DATA
    assert len(swift.seen("DELETE", "/c/o")) == 1


def test_in_memory_upload_sends_its_md5_and_a_422_raises(swift: Swift) -> None:
    swift.route("PUT", "/c/o", Reply(422, "<html>Unprocessable Entity</html>", {"Content-Type": "text/html"}))
    client = swift.client()
    with pytest.raises(IntegrityError, match="nothing was stored"):
        client.upload("c", "o", b"payload")
    put = swift.seen("PUT", "/c/o")[0]
    assert put.headers["ETag"] == md5(b"payload")
    assert swift.seen("DELETE") == []  # Swift stored nothing: nothing to clean up


def test_known_etag_that_does_not_match_in_memory_data_is_refused_before_sending(swift: Swift) -> None:
    client = swift.client()
    with pytest.raises(IntegrityError, match="nothing was sent"):
        client.upload("c", "o", b"payload", etag="0" * 32)
    assert swift.seen("PUT") == []


def test_stream_shorter_than_its_size_raises(swift: Swift) -> None:
    swift.route("PUT", "/c/o", Reply(201, b"", {"ETag": md5(b"12345")}))
    client = swift.client()
    with pytest.raises(ValidationError, match="ended 5 bytes before the announced size"):
        client.upload("c", "o", iter([b"12345"]), size=10)


def test_stream_longer_than_its_size_is_not_kept(swift: Swift) -> None:
    swift.route("PUT", "/c/o", Reply(201, b"", {"ETag": md5(b"12345")}))
    swift.route("DELETE", "/c/o", Reply(204))
    client = swift.client()
    with pytest.raises(ValidationError, match="more than size=5 bytes"):
        client.upload("c", "o", iter([b"123", b"45", b"678"]), size=5)
    assert swift.seen("PUT", "/c/o")[0].body == b"12345"
    assert len(swift.seen("DELETE", "/c/o")) == 1


@pytest.mark.parametrize(
    ("make_source", "size"),
    [
        (lambda p: DATA, None),
        (lambda p: p, None),
        (lambda p: open(p, "rb"), None),  # noqa: SIM115 - closed by the test below
        (lambda p: io.BytesIO(DATA), None),
        (lambda p: iter([DATA[:100], DATA[100:]]), len(DATA)),
    ],
    ids=["bytes", "path", "file", "bytesio", "sized-iterator"],
)
def test_known_sizes_are_sent_with_content_length(
    swift: Swift, tmp_path: Path, make_source: object, size: int | None
) -> None:
    path = tmp_path / "file.bin"
    path.write_bytes(DATA)
    swift.route("PUT", "/c/o", Reply(201, b"", {"ETag": ETAG}))
    client = swift.client()
    source = make_source(path)  # type: ignore[operator]
    try:
        client.upload("c", "o", source, size=size)
    finally:
        if hasattr(source, "close"):
            source.close()
    put = swift.seen("PUT", "/c/o")[0]
    assert put.headers.get("Content-Length") == str(len(DATA))
    assert "Transfer-Encoding" not in put.headers
    assert put.body == DATA


def test_unknown_sizes_are_sent_chunked(swift: Swift) -> None:
    swift.route("PUT", "/c/o", Reply(201, b"", {"ETag": ETAG}))
    client = swift.client()
    client.upload("c", "o", (DATA[i : i + 4096] for i in range(0, len(DATA), 4096)))
    put = swift.seen("PUT", "/c/o")[0]
    assert put.headers.get("Transfer-Encoding") == "chunked"
    assert put.body == DATA


def test_file_upload_starts_at_the_files_position(swift: Swift, tmp_path: Path) -> None:
    path = tmp_path / "file.bin"
    path.write_bytes(DATA)
    swift.route("PUT", "/c/o", Reply(201, b"", {"ETag": md5(DATA[1000:])}))
    client = swift.client()
    with open(path, "rb") as f:
        f.read(1000)
        client.upload("c", "o", f)
        assert f.tell() == len(DATA)  # consumed, as a read would leave it
    assert swift.seen("PUT", "/c/o")[0].body == DATA[1000:]


# -- tokens ------------------------------------------------------------------------------------------


def test_one_shot_upload_starts_with_a_fresh_token(swift: Swift, fake_clock: clock.FakeClock) -> None:
    swift.keystone.lifetime = 250.0
    swift.route("HEAD", "", Reply(204))
    swift.route("PUT", "/c/o", stored)
    client = swift.client()
    client.get_account()
    assert swift.keystone.token_requests == 1
    # 150 s left: fresh for ordinary calls (margin 120 s, capped at a quarter of the 250 s lifetime),
    # too short for a stream (300 s wanted, capped at the three quarters a new token would give)
    fake_clock.advance(100)
    client.upload("c", "o", b"bytes need no fresh token")  # replayable: may re-authenticate on a 401
    assert swift.keystone.token_requests == 1
    client.upload("c", "o", iter([b"stream", b"ed"]))
    assert swift.keystone.token_requests == 2
    assert swift.seen("PUT", "/c/o")[-1].headers["X-Auth-Token"] == swift.keystone.issued[-1]


def test_401_on_a_one_shot_upload_raises_reauthentication_impossible(swift: Swift) -> None:
    swift.route("HEAD", "", Reply(204))
    swift.route("PUT", "/c/o", Reply(201, b"", {"ETag": md5(b"streamed")}))
    client = swift.client()
    client.get_account()
    swift.keystone.revoke(swift.keystone.issued[0])  # revoked, though not expired: no renewal first
    with pytest.raises(ReauthenticationImpossible, match="one-shot stream"):
        client.upload("c", "o", iter([b"stream", b"ed"]))


def test_401_on_a_replayable_upload_reauthenticates_and_replays(swift: Swift) -> None:
    swift.route("HEAD", "", Reply(204))
    swift.route("PUT", "/c/o", Reply(201, b"", {"ETag": md5(b"payload")}))
    client = swift.client()
    client.get_account()
    swift.keystone.revoke(swift.keystone.issued[0])
    client.upload("c", "o", b"payload")
    assert swift.keystone.token_requests == 2
    assert len(swift.seen("PUT", "/c/o")) == 2


# -- listings and bulk -----------------------------------------------------------------------------


def test_listing_adapts_to_a_lower_maximum_limit(swift: Swift) -> None:
    names = [f"obj-{i:02d}" for i in range(7)]

    def handler(seen: Seen) -> Reply:
        from urllib.parse import parse_qs, urlsplit

        query = {k: v[0] for k, v in parse_qs(urlsplit(seen.path).query).items()}
        limit = int(query["limit"])
        if limit > 3:
            return Reply(412, "Maximum limit is 3", {"Content-Type": "text/html"})
        marker = query.get("marker", "")
        page = [n for n in names if n > marker][:limit]
        return Reply(200, [{"name": n, "bytes": 1, "hash": "x", "last_modified": "2024-01-01T00:00:00"} for n in page])

    swift.route("GET", "/c?", handler)
    client = swift.client()
    assert [o.name for o in client.list_objects("c")] == names
    limits = [re.search(r"limit=(\d+)", s.path).group(1) for s in swift.seen("GET", "/c?")]  # type: ignore[union-attr]
    assert limits == ["10000", "3", "3", "3"]
    # the client remembers: the next listing asks for 3 straight away
    assert [o.name for o in client.list_objects("c", limit=4)] == names[:4]
    assert re.search(r"limit=(\d+)", swift.seen("GET", "/c?")[4].path).group(1) == "3"  # type: ignore[union-attr]


def test_bulk_delete_falls_back_to_parallel_deletes_without_the_middleware(swift: Swift) -> None:
    swift.server.route("GET", INFO, Reply(200, {"swift": {"version": "2.0"}}))
    swift.route("DELETE", "/c/gone", Reply(204))
    swift.route("DELETE", "/c/missing", Reply(404))
    swift.route("DELETE", "/c/locked", Reply(409, "Conflict"))
    client = swift.client()
    result = client.bulk_delete("c", ["gone", "missing", "locked"])
    assert (result.deleted, result.not_found) == (1, 1)
    assert result.errors == [("locked", "409 Conflict")]
    assert swift.seen("POST") == []


def test_parallel_deletes_never_outnumber_the_pooled_connections(swift: Swift) -> None:
    import threading
    import time

    swift.server.route("GET", INFO, Reply(200, {"swift": {"version": "2.0"}}))  # no bulk middleware
    lock = threading.Lock()
    in_flight = {"now": 0, "max": 0}

    def delete(seen: Seen) -> Reply:
        with lock:
            in_flight["now"] += 1
            in_flight["max"] = max(in_flight["max"], in_flight["now"])
        time.sleep(0.02)  # overlap, so the parallelism shows
        with lock:
            in_flight["now"] -= 1
        return Reply(204)

    swift.route("DELETE", "/c/", delete)
    result = swift.client(pool_size=3).bulk_delete("c", [f"o{n}" for n in range(12)])
    assert result.deleted == 12
    assert in_flight["max"] == 3


def test_bulk_delete_uses_the_middleware_in_batches(swift: Swift) -> None:
    swift.info({"bulk_delete": {"max_deletes_per_request": 2}})
    bodies: list[bytes] = []

    def handler(seen: Seen) -> Reply:
        bodies.append(seen.body)
        count = seen.body.count(b"\n") + 1
        return Reply(
            200,
            "  \n" + f'{{"Number Deleted": {count}, "Number Not Found": 0, "Errors": [], '
            '"Response Status": "200 OK", "Response Body": ""}',
        )

    swift.route("POST", "?bulk-delete", handler)
    client = swift.client()
    result = client.bulk_delete("c", (n for n in ["a b", "ü/x", "100%"]))
    assert result.deleted == 3
    assert bodies == [b"/c/a%20b\n/c/%C3%BC/x", b"/c/100%25"]


# -- large objects in parallel ---------------------------------------------------------------------


def test_parallel_segments_land_whole_and_a_corrupted_one_is_sent_again(swift: Swift, tmp_path: Path) -> None:
    import json
    import threading

    source = tmp_path / "big.bin"
    source.write_bytes(DATA)
    stored: dict[str, bytes] = {}
    lock = threading.Lock()
    in_flight = {"now": 0, "max": 0}
    corrupted_once: set[str] = set()

    def put_segment(seen: Seen) -> Reply:
        name = seen.path.split("/c_segments/", 1)[1]
        with lock:
            in_flight["now"] += 1
            in_flight["max"] = max(in_flight["max"], in_flight["now"])
        import time

        time.sleep(0.02)  # overlap, so parallelism shows
        with lock:
            in_flight["now"] -= 1
            body = seen.body
            if name.endswith("00000002") and name not in corrupted_once:
                corrupted_once.add(name)
                body = b"X" + body[1:]  # damaged on the way: Swift's ETag will not match
            stored[name] = body
        return Reply(201, b"", {"ETag": md5(body)})

    def put_manifest(seen: Seen) -> Reply:
        manifest = json.loads(seen.body)
        errors = [
            [m["path"], "Etag Mismatch"]
            for m in manifest
            if md5(stored[m["path"].split("/c_segments/", 1)[1]]) != m["etag"]
        ]
        if errors:
            return Reply(202, json.dumps({"Response Status": "400 Bad Request", "Errors": errors}))
        etag = md5("".join(m["etag"] for m in manifest).encode())
        return Reply(202, " \n" + json.dumps({"Response Status": "201 Created", "Etag": f'"{etag}"', "Errors": []}))

    swift.info({"slo": {"max_manifest_segments": 1000}, "bulk_delete": {}})
    swift.route("HEAD", "/c/big.bin", Reply(404))
    swift.route("HEAD", "/c_segments", Reply(204))
    swift.route("PUT", "/c_segments/", put_segment)
    swift.route("PUT", "/c/big.bin?multipart-manifest=put", put_manifest)
    reported: list[int] = []
    client = swift.client()

    obj = client.upload(
        "c",
        "big.bin",
        source,
        large_object_threshold=1 << 20,
        segment_size=500_000,
        segment_prefix="big.bin/s/",
        concurrency=4,
        progress=lambda done, total: reported.append(done),
    )

    assert obj.is_static_large_object
    assert obj.size == len(DATA)
    names = sorted(stored)
    assert names == [f"big.bin/s/{i:08d}" for i in range(7)]
    assert b"".join(stored[n] for n in names) == DATA  # the damaged segment was replaced
    assert len(swift.seen("PUT", "/c_segments/big.bin/s/00000002")) == 2
    assert in_flight["max"] > 1
    assert max(reported) == len(DATA)  # progress rolled back for the resent segment, then completed


def test_failed_large_upload_deletes_the_segments_it_uploaded(swift: Swift) -> None:
    swift.info({"slo": {}, "bulk_delete": {"max_deletes_per_request": 100}})
    swift.route("HEAD", "/c/big.bin", Reply(404))
    swift.route("HEAD", "/c_segments", Reply(204))
    swift.route("PUT", "/c_segments/", stored)
    swift.route("PUT", "/c/big.bin?multipart-manifest=put", Reply(413, "Manifest too big"))
    bulk_bodies: list[bytes] = []

    def bulk_delete(seen: Seen) -> Reply:
        bulk_bodies.append(seen.body)
        return Reply(200, {"Number Deleted": 3, "Number Not Found": 0, "Errors": [], "Response Status": "200 OK"})

    swift.route("POST", "?bulk-delete", bulk_delete)
    client = swift.client()
    with pytest.raises(Exception, match="413"):
        client.upload("c", "big.bin", DATA[:30], large_object_threshold=10, segment_size=10, segment_prefix="p/")
    assert bulk_bodies == [b"/c_segments/p/00000000\n/c_segments/p/00000001\n/c_segments/p/00000002"]


def test_large_object_download_checks_each_segment_against_its_manifest(swift: Swift, tmp_path: Path) -> None:
    import json

    parts = [DATA[:1_500_000], DATA[1_500_000:]]
    hashes = [md5(p) for p in parts]
    slo_etag = md5("".join(hashes).encode())
    manifest = [
        {"name": f"/c_segments/s/{i}", "bytes": len(p), "hash": hashes[i], "content_type": "x"}
        for i, p in enumerate(parts)
    ]
    served = {"body": DATA}

    def get(seen: Seen) -> Reply:
        if "multipart-manifest=get" in seen.path:
            return Reply(200, json.dumps(manifest), {"Content-Type": "application/json"})
        return Reply(200, served["body"], {"ETag": f'"{slo_etag}"', "X-Static-Large-Object": "True"})

    swift.route("GET", "/c/large", get)
    client = swift.client()
    client.download("c", "large", tmp_path / "ok.bin")
    assert (tmp_path / "ok.bin").read_bytes() == DATA

    damaged = bytearray(DATA)
    damaged[2_000_000] ^= 0xFF  # in the second segment
    served["body"] = bytes(damaged)
    with pytest.raises(IntegrityError, match="segment 2 of 2 has MD5"):
        client.download("c", "large", tmp_path / "bad.bin")
    assert not (tmp_path / "bad.bin").exists()


def test_a_dlo_whose_listing_never_shows_every_byte_raises_an_integrity_error(
    swift: Swift, fake_clock: clock.FakeClock
) -> None:
    data = b"abcdefghij" * 30
    swift.route("HEAD", "/c_segments", Reply(204))
    swift.route("PUT", "/c_segments/", stored)
    swift.route("PUT", "/c/dyn.bin", Reply(201, b"", {"ETag": md5(b"")}))
    # the manifest reads as the first segment only, however long we wait
    swift.route("HEAD", "/c/dyn.bin", Reply(200, b"", {"Content-Length": "128", "X-Object-Manifest": "c_segments/p/"}))
    client = swift.client()
    started = fake_clock.monotonic()
    with pytest.raises(IntegrityError, match="reads as 128 bytes, 300 were uploaded"):
        client.upload(
            "c", "dyn.bin", data, large_object="dlo", large_object_threshold=100, segment_size=128, concurrency=1
        )
    assert 1 < len(swift.seen("HEAD", "/c/dyn.bin")) <= 7
    assert fake_clock.monotonic() - started >= 5
