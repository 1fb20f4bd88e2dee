"""Large objects: segment plans, manifests, the SLO ETag, manifest parsing; bulk-delete parsing."""

from __future__ import annotations

import hashlib
import json

import pytest

from pkgcloud.errors import ServerError, ValidationError
from pkgcloud_openstack.storage import bulk, large


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def test_plan_covers_the_source_exactly() -> None:
    segments = large.plan(10, 4, "p/")
    assert [(s.index, s.offset, s.length, s.name) for s in segments] == [
        (0, 0, 4, "p/00000000"),
        (1, 4, 4, "p/00000001"),
        (2, 8, 2, "p/00000002"),
    ]
    assert [s.length for s in large.plan(8, 4, "")] == [4, 4]


def test_segment_size_grows_to_fit_the_segment_limit() -> None:
    assert large.segment_size_for(10_000, 100, 1000, 1 << 30) == 100
    assert large.segment_size_for(1_000_001, 100, 1000, 1 << 30) == 1001
    assert large.segment_size_for(None, 100, 1000, 1 << 30) == 100
    with pytest.raises(ValidationError, match="over the cluster's max_file_size"):
        large.segment_size_for(10, 200, 1000, 100)
    with pytest.raises(ValidationError, match="cannot be stored in 2 segments"):
        large.segment_size_for(1000, 10, 2, 100)
    with pytest.raises(ValidationError, match="positive"):
        large.segment_size_for(10, 0, 1000, 100)


def test_default_prefix() -> None:
    assert large.default_prefix("a/b.bin", "slo", "1.5", 10, 4, 1024) == "a/b.bin/slo/1.5/10/4/"
    assert large.default_prefix("s", "dlo", "1.5", None, 4, 1024) == "s/dlo/1.5/stream/4/"
    long = "n" * 1020
    prefix = large.default_prefix(long, "slo", "1.5", 10, 4, 1024)
    assert prefix.startswith(hashlib.sha256(long.encode()).hexdigest() + "/slo/")


def test_slo_manifest_lists_path_etag_and_size() -> None:
    segments = large.plan(7, 4, "big/")
    segments[0].etag, segments[1].etag = md5(b"aaaa"), md5(b"bbb")
    assert json.loads(large.slo_manifest("cont_segments", segments)) == [
        {"path": "/cont_segments/big/00000000", "etag": md5(b"aaaa"), "size_bytes": 4},
        {"path": "/cont_segments/big/00000001", "etag": md5(b"bbb"), "size_bytes": 3},
    ]


def test_slo_etag_is_the_one_swift_computes() -> None:
    # Swift 2.38 answered ETag "c86e524620297d4f2a1e1fe10278806c" for a manifest of these two segments
    assert large.slo_etag([md5(b"aaaa"), md5(b"bbb")]) == "c86e524620297d4f2a1e1fe10278806c"


def test_manifest_segments_from_a_stored_manifest() -> None:
    stored = [
        {"name": "/s/1", "bytes": 4, "hash": md5(b"aaaa"), "content_type": "x", "last_modified": "y"},
        {"name": "/s/2", "bytes": 3, "hash": md5(b"bbb"), "content_type": "x", "last_modified": "y"},
    ]
    segments, etag = large.manifest_segments(stored)
    assert segments == [(4, md5(b"aaaa")), (3, md5(b"bbb"))]
    assert etag == "c86e524620297d4f2a1e1fe10278806c"


def test_manifest_segments_with_ranges_nesting_and_data_verify_sizes_only() -> None:
    stored = [
        {"name": "/s/1", "bytes": 100, "hash": "h1", "range": "10-19"},
        {"name": "/s/sub", "bytes": 50, "hash": "h2", "sub_slo": True},
        {"data": "aGVsbG8="},
    ]
    segments, etag = large.manifest_segments(stored)
    assert segments == [(10, None), (50, None), (5, md5(b"hello"))]
    assert etag is None


def test_manifest_put_answer() -> None:
    assert large.manifest_put_answer('  \n {"Response Status": "201 Created", "Etag": "\\"x\\""}') == {
        "Response Status": "201 Created",
        "Etag": '"x"',
    }
    assert large.manifest_put_answer("   ") == {}
    assert large.manifest_put_answer("<html>oops")["Response Status"] == "502 Bad Gateway"


# -- bulk delete ----------------------------------------------------------------------------------


def test_bulk_body_url_encodes_each_path() -> None:
    names = ["a b", "ü/x", "100%", "line\nbreak", "/lead", "q?#"]
    assert bulk.body("my cont", names).decode().split("\n") == [
        "/my%20cont/a%20b",
        "/my%20cont/%C3%BC/x",
        "/my%20cont/100%25",
        "/my%20cont/line%0Abreak",
        "/my%20cont//lead",
        "/my%20cont/q%3F%23",
    ]


def test_bulk_result_parsing() -> None:
    # the shape Swift 2.38 answered for a delete of a present object, two missing ones and a
    # non-empty container (error paths come back unquoted)
    answer = (
        ' \n{"Response Status": "400 Bad Request", "Response Body": "", "Number Deleted": 1, '
        '"Number Not Found": 2, "Errors": [["/c/ü x", "409 Conflict"], ["/other", "403 Forbidden"]]}'
    )
    result = bulk.result(bulk.parse_answer(answer.encode()), "c")
    assert (result.deleted, result.not_found) == (1, 2)
    assert result.errors == [("ü x", "409 Conflict"), ("/other", "403 Forbidden")]
    assert not result.ok


def test_bulk_result_whole_request_failure() -> None:
    doc = {
        "Response Status": "413 Request Entity Too Large",
        "Response Body": "Max delete count exceeded",
        "Number Deleted": 0,
        "Number Not Found": 0,
        "Errors": [],
    }
    result = bulk.result(doc, "c")
    assert result.errors == [("c", "413 Request Entity Too Large: Max delete count exceeded")]


def test_bulk_unreadable_answer() -> None:
    with pytest.raises(ServerError, match="unreadable bulk-delete answer"):
        bulk.parse_answer(b"<html>proxy error</html>")


def test_bulk_merge() -> None:
    a = bulk.result({"Number Deleted": 2, "Number Not Found": 1, "Errors": [["/c/x", "409 Conflict"]]}, "c")
    b = bulk.result({"Number Deleted": 3, "Number Not Found": 0, "Errors": []}, "c")
    total = bulk.merge([a, b])
    assert (total.deleted, total.not_found, total.errors) == (5, 1, [("x", "409 Conflict")])
