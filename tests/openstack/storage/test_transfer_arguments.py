"""What upload and download are given: one meaning per argument, and every mistake refused before any request.

The scripted server records every request, the token request included: a refused argument leaves it empty.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pkgcloud.errors import ValidationError
from tests.harness.server import Reply, Seen
from tests.openstack.storage.conftest import Swift, md5


def stored(seen: Seen) -> Reply:
    return Reply(201, b"", {"ETag": md5(seen.body)})


# -- one meaning per argument ------------------------------------------------------------------------


def test_a_positional_str_is_a_path_as_for_download(swift: Swift, tmp_path: Path) -> None:
    """The headline mistake: upload(c, n, "/tmp/cat.jpg") uploads the file, not the 12 bytes of its name."""
    photo = tmp_path / "cat.jpg"
    photo.write_bytes(b"\xff\xd8 a cat")
    swift.route("PUT", "/photos/cat.jpg", stored)
    client = swift.client()
    obj = client.upload("photos", "cat.jpg", str(photo))
    put = swift.seen("PUT", "/photos/cat.jpg")[0]
    assert put.body == b"\xff\xd8 a cat"
    assert put.headers["Content-Type"] == "image/jpeg"
    assert obj.size == len(b"\xff\xd8 a cat")


def test_text_content_is_data(swift: Swift) -> None:
    swift.route("PUT", "/c/hello", stored)
    swift.client().upload("c", "hello", data="Hello, Swift! ✓")
    put = swift.seen("PUT", "/c/hello")[0]
    assert put.body == "Hello, Swift! ✓".encode()
    assert put.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_path_data_and_stream_keywords(swift: Swift, tmp_path: Path) -> None:
    source = tmp_path / "f.bin"
    source.write_bytes(b"from a path")
    for name in ("p", "d", "s", "i"):
        swift.route("PUT", f"/c/{name}", stored)
    client = swift.client()
    client.upload("c", "p", path=source)
    client.upload("c", "d", data=b"bytes")
    with open(source, "rb") as f:
        client.upload("c", "s", stream=f)
    client.upload("c", "i", stream=iter([b"it", b"er"]))
    bodies = {s.path.rsplit("/", 1)[1]: s.body for s in swift.seen("PUT")}
    assert bodies == {"p": b"from a path", "d": b"bytes", "s": b"from a path", "i": b"iter"}


def test_the_node_library_names_work(swift: Swift, tmp_path: Path) -> None:
    """Node: client.upload({container, remote, local}) and client.download({container, remote, local})."""
    source = tmp_path / "local.txt"
    source.write_bytes(b"node style")
    swift.route("PUT", "/my-container/my-file", stored)
    swift.route("GET", "/my-container/my-file", Reply(200, b"node style", {"ETag": md5(b"node style")}))
    client = swift.client()
    client.upload(container="my-container", remote="my-file", local=source)
    assert swift.seen("PUT", "/my-container/my-file")[0].body == b"node style"
    with open(source, "rb") as f:
        client.upload(container="my-container", remote="my-file", stream=f)
    assert swift.seen("PUT", "/my-container/my-file")[1].body == b"node style"
    target = tmp_path / "back.txt"
    client.download(container="my-container", remote="my-file", local=target)
    assert target.read_bytes() == b"node style"
    buffer = io.BytesIO()
    client.download(container="my-container", remote="my-file", stream=buffer)
    assert buffer.getvalue() == b"node style"


# -- mistakes refused before any request -----------------------------------------------------------


@pytest.fixture
def refused(swift: Swift) -> Callable[..., ValidationError]:
    """``refused(call, match)``: the call raises ValidationError matching ``match``, and nothing was sent."""

    def check(call: Callable[[], Any], match: str) -> ValidationError:
        with pytest.raises(ValidationError, match=match) as caught:
            call()
        assert swift.server.requests() == [], "a refused argument must not cost a request (not even the token)"
        return caught.value

    return check


def test_which_argument_is_missing_or_doubled(swift: Swift, refused: Callable[..., Any], tmp_path: Path) -> None:
    client = swift.client()
    refused(lambda: client.upload("c", "o"), "upload needs what to upload")
    refused(lambda: client.upload("c", "o", b"x", data=b"y"), "upload got source and data: give only one")
    refused(lambda: client.upload("c", "o", path=tmp_path, local=tmp_path), "got path and local")
    refused(lambda: client.upload("c", source=b"x"), "upload needs the object's name")
    refused(lambda: client.upload("c", "o", b"x", remote="o2"), "got name and remote")
    refused(lambda: client.download("c", "o"), "download needs where to write")
    refused(lambda: client.download("c", "o", tmp_path / "a", path=tmp_path / "b"), "got destination and path")
    refused(lambda: client.download("c", destination=tmp_path / "a"), "download needs the object's name")


def upload_sources(tmp_path: Path) -> dict[str, tuple[dict[str, Any], str]]:
    """Bad upload sources, as users make them: (upload keywords, what the error says)."""
    regular = tmp_path / "regular.bin"
    regular.write_bytes(b"x")
    closed = open(regular, "rb")  # noqa: SIM115 - closed on purpose
    closed.close()
    return {
        "a directory": ({"source": tmp_path}, "is a directory"),
        "a directory as path=": ({"path": str(tmp_path)}, r"path: .* is a directory"),
        "a missing file": ({"source": tmp_path / "missing.bin"}, "No such file"),
        "a str that is text": ({"source": "Hello, Swift!"}, "a str source is a path.*data="),
        "a closed file": ({"source": closed}, "source: the file object is closed"),
        "a file open for writing only": (
            {"source": open(tmp_path / "w.bin", "wb")},
            r"not open for reading \(mode 'wb'\)",
        ),
        "a file open for appending": (
            {"stream": open(tmp_path / "a.bin", "ab")},
            "stream=: the file is not open for reading",
        ),
        "a text-mode file": ({"source": open(regular)}, "text mode"),
        "a StringIO": ({"stream": io.StringIO("text")}, "text mode"),
        "a path as data=": ({"data": regular}, "data= must be bytes-like"),
        "a path as stream=": ({"stream": str(regular)}, "stream= must be a binary file object"),
        "bytes as path=": ({"path": b"/tmp/x"}, "path= must be a path"),
        "a number": ({"source": 12}, "cannot upload a int"),
    }


@pytest.mark.parametrize("case", list(upload_sources(Path("/")).keys()))
def test_bad_upload_sources_are_refused_before_the_token_request(
    case: str, swift: Swift, refused: Callable[..., Any], tmp_path: Path
) -> None:
    given, fragment = upload_sources(tmp_path)[case]
    client = swift.client()
    try:
        refused(lambda: client.upload("c", "o", **given), fragment)
    finally:
        for value in given.values():
            if hasattr(value, "close"):
                value.close()


def download_targets(tmp_path: Path) -> dict[str, tuple[dict[str, Any], str]]:
    """Bad download targets: (download keywords, what the error says)."""
    read_only = tmp_path / "read-only.bin"
    read_only.write_bytes(b"keep me")
    read_only.chmod(stat.S_IRUSR)
    regular = tmp_path / "regular.bin"
    regular.write_bytes(b"x")
    closed = open(tmp_path / "closed.bin", "wb")  # noqa: SIM115 - closed on purpose
    closed.close()
    return {
        "an existing directory": ({"destination": tmp_path}, r"destination: .* is a directory"),
        "an existing directory as local=": ({"local": str(tmp_path)}, r"local: .* is a directory"),
        "a missing directory": (
            {"destination": tmp_path / "no" / "such" / "dir.bin"},
            "its directory .* does not exist",
        ),
        "a file as its directory": ({"path": regular / "x.bin"}, "its directory .* is not a directory"),
        "a read-only file": ({"destination": read_only}, "is read-only"),
        "a closed file": ({"destination": closed}, "the file object is closed"),
        "a file open for reading only": ({"stream": open(regular, "rb")}, r"not open for writing \(mode 'rb'\)"),
        "a text-mode file": ({"destination": open(tmp_path / "t.txt", "w")}, "text mode"),
        "a StringIO": ({"destination": io.StringIO()}, "text mode"),
        "a path as stream=": ({"stream": str(regular)}, "stream= must be a binary file object"),
        "a number": ({"destination": 3}, "must be a path or a binary file object"),
        "bytes as path=": ({"path": b"/tmp/x"}, "path= must be a path"),
    }


@pytest.mark.parametrize("case", list(download_targets(Path("/")).keys()))
def test_bad_download_targets_are_refused_before_the_token_request(
    case: str, swift: Swift, refused: Callable[..., Any], tmp_path: Path
) -> None:
    given, fragment = download_targets(tmp_path)[case]
    client = swift.client()
    try:
        refused(lambda: client.download("c", "o", **given), fragment)
    finally:
        for value in given.values():
            if hasattr(value, "close"):
                value.close()
    if case == "a read-only file":
        assert (tmp_path / "read-only.bin").read_bytes() == b"keep me"


def test_a_read_only_directory_is_refused_when_it_cannot_be_written(
    swift: Swift, refused: Callable[..., Any], tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: a read-only directory is writable")
        refused(lambda: swift.client().download("c", "o", locked / "x.bin"), "is not writable")
    finally:
        locked.chmod(stat.S_IRWXU)


def test_a_writable_target_still_downloads(swift: Swift, tmp_path: Path) -> None:
    """The checks let through what is right: a new file, an existing writable one, a file open for writing."""
    swift.route("GET", "/c/o", Reply(200, b"content", {"ETag": md5(b"content")}))
    client = swift.client()
    existing = tmp_path / "existing.bin"
    existing.write_bytes(b"old")
    client.download("c", "o", existing)
    client.download("c", "o", str(tmp_path / "new.bin"))
    with open(tmp_path / "opened.bin", "wb") as f:
        client.download("c", "o", f)
    with open(tmp_path / "both.bin", "w+b") as f:
        client.download("c", "o", f)
    assert [p.read_bytes() for p in sorted(tmp_path.iterdir())] == [b"content"] * 4
