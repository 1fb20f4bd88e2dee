"""Swift's extract-archive (the bulk middleware's archive upload): recorded against the dev cloud's
Swift, replayed offline; bad input and answers without the middleware on the scripted server."""

from __future__ import annotations

import gzip
import io
import tarfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest

import pkgcloud

Cassette = Callable[..., AbstractContextManager[Any]]
Options = Callable[..., dict[str, Any]]


def archive(files: dict[str, bytes], *, gz: bool = True) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_700_000_000  # fixed, so a re-recording sends the same bytes
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(out.getvalue(), mtime=0) if gz else out.getvalue()


def test_extract_archive_into_a_container_and_at_the_account(cassette: Cassette, devcloud_options: Options) -> None:
    with cassette("openstack/storage/extract-archive"):
        client = pkgcloud.storage.create_client(provider="openstack", **devcloud_options("demo"))
        client.create_container("rec-extract")
        result = client.extract_archive(
            archive({"a.txt": b"alpha", "dir/b.txt": "beta ü".encode()}), container="rec-extract", prefix="up"
        )
        assert (result.created, result.errors, result.ok) == (2, [], True)
        names = sorted(o.name for o in client.list_objects("rec-extract"))
        assert names == ["up/a.txt", "up/dir/b.txt"]
        assert b"".join(client.iter_object("rec-extract", "up/dir/b.txt")) == "beta ü".encode()

        plain = archive({"rec-extract-2/c.txt": b"gamma"}, gz=False)
        at_account = client.extract_archive(io.BytesIO(plain), format="tar")
        assert at_account.created == 1
        assert [o.name for o in client.list_objects("rec-extract-2")] == ["c.txt"]

        broken = client.extract_archive(b"not a tar file", container="rec-extract")
        assert broken.created == 0 and not broken.ok
        assert broken.errors[0][1].startswith("400")

        client.delete_container("rec-extract", delete_objects=True)
        client.delete_container("rec-extract-2", delete_objects=True)


# -- on the scripted server ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.extract_archive(b"x", format="zip"), "tar, tar.gz, tar.bz2"),
        (lambda c: c.extract_archive(b"x", prefix="p"), "prefix needs a container"),
        (lambda c: c.extract_archive(42, container="c"), "path, bytes or a binary file object"),
        (lambda c: c.extract_archive(b"x", container=""), "container"),
    ],
)
def test_bad_input_is_refused_before_any_request(swift: Any, call: Any, match: str) -> None:
    from pkgcloud.errors import ValidationError

    with pytest.raises(ValidationError, match=match):
        call(swift.client())
    assert [s for s in swift.seen() if "extract-archive" in s.path] == []


def test_a_swift_without_the_bulk_middleware_is_refused_before_the_upload(swift: Any) -> None:
    from pkgcloud.errors import UnsupportedOperation

    swift.info({"swift": {"version": "2.0"}, "slo": {}})
    with pytest.raises(UnsupportedOperation, match="extract-archive"):
        swift.client().extract_archive(b"x", container="c")
    assert swift.seen("PUT") == []


def test_errors_per_file_are_listed_and_a_whole_failure_is_named(swift: Any, tmp_path: Any) -> None:
    from tests.harness.server import Reply, sequence

    swift.info({"bulk_upload": {}})
    per_file = (
        ' \n{"Number Files Created": 1, "Errors": [["/c/p/a%20b.txt", "401 Unauthorized"]],'
        ' "Response Status": "400 Bad Request", "Response Body": ""}'
    )
    whole = '{"Number Files Created": 0, "Errors": [], "Response Status": "500 Internal Error", "Response Body": ""}'
    swift.route("PUT", "/c/p?extract-archive=tar", sequence(Reply(200, per_file), Reply(200, whole)))
    archive_file = tmp_path / "a.tar"
    archive_file.write_bytes(b"tar bytes")
    client = swift.client()
    first = client.extract_archive(archive_file, container="c", prefix="p", format="tar")
    assert (first.created, first.errors, first.status) == (1, [("p/a b.txt", "401 Unauthorized")], "400 Bad Request")
    second = client.extract_archive(io.BytesIO(b"tar bytes"), container="c", prefix="p", format="tar")
    assert second.errors == [("c", "500 Internal Error")]
    (put, _) = swift.seen("PUT")
    assert put.body == b"tar bytes"


@pytest.mark.parametrize("body", ["<html>oops</html>", '{"something": 1}', "[1, 2]"])
def test_a_malformed_answer_is_typed(swift: Any, body: str) -> None:
    from pkgcloud.errors import MalformedResponse
    from tests.harness.server import Reply

    swift.info({"bulk_upload": {}})
    swift.route("PUT", "/c?extract-archive=tar.gz", Reply(200, body, headers={"Content-Type": "text/plain"}))
    with pytest.raises(MalformedResponse):
        swift.client().extract_archive(b"x", container="c")
