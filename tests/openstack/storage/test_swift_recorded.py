"""Swift, recorded against the dev cloud's real Swift and replayed offline.

Every test works in containers of its own (``rec-<test>``), creates what it needs and deletes it,
uses fixed data and fixed segment names, so a re-recording replays the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from tqdm import tqdm

import pkgcloud
from pkgcloud.errors import Conflict, IntegrityError, NotFound, PreconditionFailed

Cassette = Callable[..., AbstractContextManager[Any]]
Options = Callable[..., dict[str, Any]]


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def client_for(devcloud_options: Options) -> Any:
    return pkgcloud.storage.create_client(provider="openstack", **devcloud_options("demo"))


def names_in(client: Any, container: str, **kw: Any) -> list[str]:
    return [o.name for o in client.list_objects(container, **kw)]


def test_account_and_capabilities(cassette: Cassette, devcloud_options: Options) -> None:
    with cassette("openstack/storage/account"):
        client = client_for(devcloud_options)
        caps = client.get_capabilities()
        assert {"slo", "bulk_delete", "tempurl"} <= set(caps)
        assert caps["swift"]["max_object_name_length"] == 1024
        assert client.get_capabilities() is caps  # cached: one request
        client.update_account_metadata({"Pkgcloud-Test": "ünï"})
        account = client.get_account()
        assert account.metadata["pkgcloud-test"] == "ünï"
        assert account.container_count >= 0
        client.update_account_metadata({"Pkgcloud-Test": None})
        assert "pkgcloud-test" not in client.get_account().metadata


def test_containers(cassette: Cassette, devcloud_options: Options) -> None:
    with cassette("openstack/storage/containers"):
        client = client_for(devcloud_options)
        made = client.create_container(
            "rec-containers-a",
            metadata={"Owner": "team ü", "Color": "blue"},
            read_acl=".r:*,.rlistings",
            storage_policy="Policy-0",
        )
        assert (made.name, made.count, made.bytes) == ("rec-containers-a", 0, 0)
        assert made.metadata == {"owner": "team ü", "color": "blue"}
        assert made.read_acl == ".r:*,.rlistings"
        assert made.storage_policy == "Policy-0"
        for suffix in ("b", "c", "d"):
            client.create_container(f"rec-containers-{suffix}")

        listed = [c.name for c in client.list_containers(prefix="rec-containers-")]
        assert listed == ["rec-containers-a", "rec-containers-b", "rec-containers-c", "rec-containers-d"]
        assert [c.name for c in client.list_containers(prefix="rec-containers-", limit=2)] == listed[:2]
        assert [c.name for c in client.list_containers(prefix="rec-containers-", marker="rec-containers-b")] == listed[
            2:
        ]
        assert [
            c.name for c in client.list_containers(prefix="rec-containers-", end_marker="rec-containers-c")
        ] == listed[:2]
        assert [c.name for c in client.list_containers(prefix="rec-containers-", reverse=True)] == listed[::-1]
        first = next(iter(client.list_containers(prefix="rec-containers-a")))
        assert (first.count, first.bytes) == (0, 0)

        client.update_container_metadata("rec-containers-a", {"Color": "red", "Owner": None, "New": "1"})
        client.set_container_acl("rec-containers-a", read="", write="demo:demo")
        got = client.get_container("rec-containers-a")
        assert got.metadata == {"color": "red", "new": "1"}
        assert (got.read_acl, got.write_acl) == (None, "demo:demo")
        client.remove_container_metadata("rec-containers-a", ["New"])
        assert client.get_container("rec-containers-a").metadata == {"color": "red"}

        client.upload("rec-containers-a", "x", b"x")
        with pytest.raises(Conflict, match="delete_objects=True"):
            client.delete_container("rec-containers-a")
        for suffix in ("a", "b", "c", "d"):
            client.delete_container(f"rec-containers-{suffix}", delete_objects=True)
        assert list(client.list_containers(prefix="rec-containers-")) == []
        with pytest.raises(NotFound):
            client.get_container("rec-containers-a")


def test_objects(cassette: Cassette, devcloud_options: Options, tmp_path: Path) -> None:
    data = bytes(range(256)) * 40  # 10240 bytes
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    with cassette("openstack/storage/objects"):
        client = client_for(devcloud_options)
        client.create_container("rec-objects")
        uploads = {
            "from-bytes.bin": data,
            "notes/from-str.txt": "ünï cødé ✓\n",
            "notes/from-path.bin": path,
            "photos/2024/from-iterator.jpg": iter([data[:1000], data[1000:]]),
        }
        for name, source in uploads.items():
            given = {"data": source} if isinstance(source, str) else {"source": source}  # a str source is a path
            obj = client.upload("rec-objects", name, **given, metadata={"Source": type(source).__name__})
            assert obj.etag == md5("ünï cødé ✓\n".encode() if name.endswith(".txt") else data)
        with open(path, "rb") as f:
            client.upload("rec-objects", "photos/from-file.png", f, content_type="image/x-test")

        head = client.get_object("rec-objects", "notes/from-str.txt")
        assert head.content_type == "text/plain"
        assert head.size == len("ünï cødé ✓\n".encode())
        assert head.metadata == {"source": "str"}
        assert client.get_object("rec-objects", "photos/2024/from-iterator.jpg").content_type == "image/jpeg"
        assert client.get_object("rec-objects", "photos/from-file.png").content_type == "image/x-test"

        assert names_in(client, "rec-objects") == [
            "from-bytes.bin",
            "notes/from-path.bin",
            "notes/from-str.txt",
            "photos/2024/from-iterator.jpg",
            "photos/from-file.png",
        ]
        top = list(client.list_objects("rec-objects", delimiter="/"))
        assert [(o.name, o.is_pseudo_dir) for o in top] == [
            ("from-bytes.bin", False),
            ("notes/", True),
            ("photos/", True),
        ]
        assert names_in(client, "rec-objects", prefix="photos/", delimiter="/") == [
            "photos/2024/",
            "photos/from-file.png",
        ]
        assert names_in(client, "rec-objects", path="notes") == ["notes/from-path.bin", "notes/from-str.txt"]
        assert names_in(client, "rec-objects", limit=2, marker="from-bytes.bin") == [
            "notes/from-path.bin",
            "notes/from-str.txt",
        ]
        listed = next(iter(client.list_objects("rec-objects", prefix="from-bytes")))
        assert (listed.size, listed.etag, listed.content_type) == (len(data), md5(data), "application/octet-stream")

        out = io.BytesIO()
        got = client.download("rec-objects", "from-bytes.bin", out)
        assert out.getvalue() == data
        assert got.etag == md5(data)
        client.download("rec-objects", "notes/from-path.bin", tmp_path / "copy.bin")
        assert (tmp_path / "copy.bin").read_bytes() == data
        assert b"".join(client.iter_object("rec-objects", "photos/from-file.png", chunk_size=1000)) == data
        assert b"".join(client.iter_object("rec-objects", "from-bytes.bin", offset=100, length=50)) == data[100:150]
        assert b"".join(client.iter_object("rec-objects", "from-bytes.bin", offset=10000)) == data[10000:]
        assert b"".join(client.iter_object("rec-objects", "from-bytes.bin", offset=-16)) == data[-16:]
        ranged = io.BytesIO()
        whole = client.download("rec-objects", "from-bytes.bin", ranged, offset=5, length=5)
        assert ranged.getvalue() == data[5:10]
        assert whole.size == len(data)  # the object's size, not the range's

        client.delete_object("rec-objects", "from-bytes.bin")
        with pytest.raises(NotFound):
            client.get_object("rec-objects", "from-bytes.bin")
        with pytest.raises(NotFound):
            client.delete_object("rec-objects", "from-bytes.bin")
        with pytest.raises(NotFound):
            client.iter_object("rec-objects", "from-bytes.bin")
        client.delete_container("rec-objects", delete_objects=True)


TRICKY_NAMES = [
    "ünïcødé ✓ 名前.txt",
    "with space",
    "100%",
    "100%25",
    "hash#tag",
    "query?x=1&y=2",
    "plus+sign",
    "semi;colon",
    "/leading-slash",
    "//two/leading",
    "trailing/",
    "dots/../and/./more",
    ".",
    "..",
    "e\u0301",
    "n" * 1024,
]


def test_names_round_trip(cassette: Cassette, devcloud_options: Options) -> None:
    with cassette("openstack/storage/names"):
        client = client_for(devcloud_options)
        client.create_container("rec-names ü#?%")
        for i, name in enumerate(TRICKY_NAMES):
            client.upload("rec-names ü#?%", name, data=f"content {i}")
        assert sorted(names_in(client, "rec-names ü#?%")) == sorted(TRICKY_NAMES)
        for i, name in enumerate(TRICKY_NAMES):
            assert client.get_object("rec-names ü#?%", name).size == len(f"content {i}")
            assert b"".join(client.iter_object("rec-names ü#?%", name)) == f"content {i}".encode()
        copied = client.copy_object("rec-names ü#?%", "hash#tag", "rec-names ü#?%", "copy of ?#%")
        assert copied.etag == md5(b"content 4")
        result = client.bulk_delete("rec-names ü#?%", [*TRICKY_NAMES[:8], "copy of ?#%", "never existed"])
        assert (result.deleted, result.not_found, result.errors) == (9, 1, [])
        for name in TRICKY_NAMES[8:]:
            client.delete_object("rec-names ü#?%", name)
        assert names_in(client, "rec-names ü#?%") == []
        client.delete_container("rec-names ü#?%")


def test_object_metadata_and_expiry(cassette: Cassette, devcloud_options: Options) -> None:
    delete_at = dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc)
    with cassette("openstack/storage/object-metadata"):
        client = client_for(devcloud_options)
        client.create_container("rec-metadata")
        made = client.upload(
            "rec-metadata",
            "doc.pdf",
            b"%PDF-1.4",
            metadata={"Author": "Zoë", "Rev": "1"},
            delete_at=delete_at,
            headers={"Content-Disposition": 'attachment; filename="doc.pdf"', "Cache-Control": "max-age=60"},
        )
        assert made.delete_at == delete_at
        obj = client.get_object("rec-metadata", "doc.pdf")
        assert obj.metadata == {"author": "Zoë", "rev": "1"}
        assert obj.delete_at == delete_at
        assert obj.content_type == "application/pdf"
        assert obj.content_disposition == 'attachment; filename="doc.pdf"'

        # merge: keys added, changed, removed; expiry and disposition survive the POST
        client.update_object_metadata("rec-metadata", "doc.pdf", {"Rev": "2", "Author": None, "Tag": "x"})
        obj = client.get_object("rec-metadata", "doc.pdf")
        assert obj.metadata == {"rev": "2", "tag": "x"}
        assert obj.delete_at == delete_at
        assert obj.content_disposition == 'attachment; filename="doc.pdf"'
        assert obj.raw.get("cache-control") == "max-age=60"
        assert obj.content_type == "application/pdf"

        # replace: Swift's own semantics drop what is not sent again
        client.set_object_metadata("rec-metadata", "doc.pdf", {"Only": "this"})
        obj = client.get_object("rec-metadata", "doc.pdf")
        assert obj.metadata == {"only": "this"}
        assert obj.delete_at is None
        assert obj.content_disposition is None

        later = client.upload("rec-metadata", "short-lived", b"x", delete_after=3600)
        assert client.get_object("rec-metadata", later.name).delete_at is not None
        client.delete_container("rec-metadata", delete_objects=True)


def test_copy(cassette: Cassette, devcloud_options: Options) -> None:
    with cassette("openstack/storage/copy"):
        client = client_for(devcloud_options)
        client.create_container("rec-copy-src")
        client.create_container("rec-copy-dst ü")
        client.upload("rec-copy-src", "orig.txt", data="original", metadata={"A": "1", "B": "2"})
        same = client.copy_object("rec-copy-src", "orig.txt", "rec-copy-src", "copy.txt", metadata={"B": "3"})
        assert same.metadata == {"a": "1", "b": "3"}
        assert same.etag == md5(b"original")
        across = client.copy_object(
            "rec-copy-src", "orig.txt", "rec-copy-dst ü", fresh_metadata=True, metadata={"C": "1"}
        )
        assert (across.container, across.name, across.metadata) == ("rec-copy-dst ü", "orig.txt", {"c": "1"})
        assert b"".join(client.iter_object("rec-copy-dst ü", "orig.txt")) == b"original"
        with pytest.raises(NotFound):
            client.copy_object("rec-copy-src", "missing", "rec-copy-src", "x")
        client.delete_container("rec-copy-src", delete_objects=True)
        client.delete_container("rec-copy-dst ü", delete_objects=True)


def test_conditional_and_verified_uploads(cassette: Cassette, devcloud_options: Options, tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"streamed content")
    with cassette("openstack/storage/verified-uploads"):
        client = client_for(devcloud_options)
        client.create_container("rec-verified")
        client.upload("rec-verified", "once", b"first", if_none_match="*")
        with pytest.raises(PreconditionFailed):
            client.upload("rec-verified", "once", b"second", if_none_match="*")
        assert b"".join(client.iter_object("rec-verified", "once")) == b"first"

        # a streamed body with a wrong known ETag: Swift answers 422 and stores nothing
        with pytest.raises(IntegrityError, match="nothing was stored"):
            client.upload("rec-verified", "bad-etag", path, etag=md5(b"something else"))
        with pytest.raises(NotFound):
            client.get_object("rec-verified", "bad-etag")
        good = client.upload("rec-verified", "good-etag", path, etag=md5(b"streamed content"))
        assert good.etag == md5(b"streamed content")
        client.delete_container("rec-verified", delete_objects=True)


def test_bulk_delete(cassette: Cassette, devcloud_options: Options) -> None:
    with cassette("openstack/storage/bulk-delete"):
        client = client_for(devcloud_options)
        client.create_container("rec-bulk")
        names = [f"dir/obj {i:02d} ü%#?" for i in range(12)]
        for name in names:
            client.upload("rec-bulk", name, data=name)
        result = client.bulk_delete("rec-bulk", [*names, "missing-1", "missing-2"])
        assert (result.deleted, result.not_found, result.errors, result.ok) == (12, 2, [], True)
        assert names_in(client, "rec-bulk") == []
        client.delete_container("rec-bulk")


def test_listing_pages(cassette: Cassette, devcloud_options: Options) -> None:
    with cassette("openstack/storage/listing-pages"):
        client = client_for(devcloud_options)
        client.create_container("rec-pages")
        names = [f"o{i:02d}" for i in range(11)]
        for name in names:
            client.upload("rec-pages", name, b"")
        client._listing_limit = 4  # as a cluster with a 4-object page would answer: 3 pages
        assert names_in(client, "rec-pages") == names
        assert names_in(client, "rec-pages", limit=5) == names[:5]
        assert names_in(client, "rec-pages", reverse=True) == names[::-1]
        client.delete_container("rec-pages", delete_objects=True)


def test_static_large_object(cassette: Cassette, devcloud_options: Options) -> None:
    data = bytes(range(256)) * 4 + b"tail"  # 1028 bytes: 11 segments of 100
    out = io.StringIO()
    with cassette("openstack/storage/slo"):
        client = client_for(devcloud_options)
        client.create_container("rec-slo")
        with tqdm(file=out, unit="B") as bar:
            made = client.upload(
                "rec-slo",
                "big.bin",
                data,
                large_object_threshold=500,
                segment_size=100,
                segment_prefix="big.bin/segments/v1/",
                concurrency=1,  # vcrpy cannot record parallel requests: test_faults covers them
                metadata={"Kind": "slo"},
                progress=bar,
            )
            assert bar.n == len(data)
        assert made.is_static_large_object
        assert made.size == len(data)
        segment_etags = [md5(data[i : i + 100]) for i in range(0, len(data), 100)]
        assert made.etag == md5("".join(segment_etags).encode())

        obj = client.get_object("rec-slo", "big.bin")
        assert (obj.is_static_large_object, obj.size, obj.etag) == (True, len(data), made.etag)
        assert obj.metadata == {"kind": "slo"}
        listed = next(iter(client.list_objects("rec-slo")))
        assert (listed.is_static_large_object, listed.size, listed.etag) == (True, len(data), made.etag)
        assert names_in(client, "rec-slo_segments") == [f"big.bin/segments/v1/{i:08d}" for i in range(11)]

        assert b"".join(client.iter_object("rec-slo", "big.bin", chunk_size=64)) == data
        assert b"".join(client.iter_object("rec-slo", "big.bin", offset=95, length=10)) == data[95:105]

        # replacing it removes the old segments once the new object is in place
        client.upload(
            "rec-slo",
            "big.bin",
            data[::-1],
            large_object_threshold=500,
            segment_size=300,
            segment_prefix="big.bin/segments/v2/",
            concurrency=1,
        )
        assert names_in(client, "rec-slo_segments") == [f"big.bin/segments/v2/{i:08d}" for i in range(4)]
        assert b"".join(client.iter_object("rec-slo", "big.bin")) == data[::-1]

        client.delete_object("rec-slo", "big.bin")
        assert names_in(client, "rec-slo_segments") == []
        client.delete_container("rec-slo")
        client.delete_container("rec-slo_segments")


def test_static_large_object_from_a_stream_of_unknown_size(cassette: Cassette, devcloud_options: Options) -> None:
    data = b"0123456789" * 25

    def pieces() -> Iterator[bytes]:
        for i in range(0, len(data), 7):
            yield data[i : i + 7]

    with cassette("openstack/storage/slo-stream"):
        client = client_for(devcloud_options)
        client.create_container("rec-slo-stream")
        made = client.upload(
            "rec-slo-stream",
            "piped",
            pieces(),
            segment_size=100,
            segment_prefix="piped/segments/",
            segment_container="rec-slo-stream-parts",
        )
        assert (made.is_static_large_object, made.size) == (True, 250)
        assert names_in(client, "rec-slo-stream-parts") == [f"piped/segments/{i:08d}" for i in range(3)]
        assert b"".join(client.iter_object("rec-slo-stream", "piped")) == data
        client.delete_container("rec-slo-stream", delete_objects=True)
        assert names_in(client, "rec-slo-stream-parts") == []  # the SLO took its segments with it
        client.delete_container("rec-slo-stream-parts")


def test_dynamic_large_object(cassette: Cassette, devcloud_options: Options) -> None:
    data = b"abcdefghij" * 30
    with cassette("openstack/storage/dlo"):
        client = client_for(devcloud_options)
        client.create_container("rec-dlo")
        made = client.upload(
            "rec-dlo",
            "dyn.bin",
            data,
            large_object="dlo",
            large_object_threshold=100,
            segment_size=128,
            segment_prefix="dyn.bin/parts/",
            concurrency=1,
        )
        assert made.manifest == "rec-dlo_segments/dyn.bin/parts/"
        obj = client.get_object("rec-dlo", "dyn.bin")
        assert (obj.manifest, obj.size) == ("rec-dlo_segments/dyn.bin/parts/", len(data))
        assert b"".join(client.iter_object("rec-dlo", "dyn.bin")) == data
        client.delete_object("rec-dlo", "dyn.bin")
        assert names_in(client, "rec-dlo_segments") == []
        client.delete_container("rec-dlo")
        client.delete_container("rec-dlo_segments")


def test_delete_container_with_objects_and_large_objects(cassette: Cassette, devcloud_options: Options) -> None:
    with cassette("openstack/storage/delete-container"):
        client = client_for(devcloud_options)
        client.create_container("rec-delete")
        for i in range(5):
            client.upload("rec-delete", f"plain-{i}", b"x" * i)
        client.upload(
            "rec-delete",
            "large",
            b"y" * 300,
            large_object_threshold=100,
            segment_size=100,
            segment_prefix="large/parts/",
            concurrency=1,
        )
        client.delete_container("rec-delete", delete_objects=True)
        with pytest.raises(NotFound):
            client.get_container("rec-delete")
        assert names_in(client, "rec-delete_segments") == []
        client.delete_container("rec-delete_segments")


def test_temp_url_keys(cassette: Cassette, devcloud_options: Options) -> None:
    with cassette("openstack/storage/temp-url-keys"):
        client = client_for(devcloud_options)
        client.set_temp_url_key("first-key")
        client.set_temp_url_key("second-key", second=True)
        first, second = client.get_temp_url_keys()
        assert first is not None  # the values are scrubbed from the cassette
        assert second is not None
        assert "first-key" not in repr(client.get_account())
        client.set_temp_url_key(None)
        client.set_temp_url_key(None, second=True)
        assert client.get_temp_url_keys() == (None, None)

        client.create_container("rec-keys")
        client.set_temp_url_key("container-key", container="rec-keys")
        assert client.get_temp_url_keys("rec-keys")[0] is not None
        client.set_temp_url_key(None, container="rec-keys")
        assert client.get_temp_url_keys("rec-keys") == (None, None)
        client.delete_container("rec-keys")


def long_name(char: str) -> str:
    """A name of exactly 1024 bytes (Swift's limit) made of ``char``, padded with ASCII."""
    name = char * (1024 // len(char.encode()))
    return name + "a" * (1024 - len(name.encode()))


# 1-, 2-, 3- and 4-byte UTF-8: legal names, but the last three are over the bulk middleware's path
# limit once URL-encoded (3072 bytes for the 2-byte ones, as many for the others)
LONG_NAMES = [long_name(char) for char in ("a", "é", "€", "😀")]


def test_bulk_delete_long_names(cassette: Cassette, devcloud_options: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    with cassette("openstack/storage/bulk-delete-long-names"):
        client = client_for(devcloud_options)
        # the long names' single DELETEs one after the other: vcrpy cannot record parallel requests
        monkeypatch.setattr(client, "run_parallel", lambda func, items, concurrency: [func(i) for i in items])
        client.create_container("rec-long")
        assert all(len(name.encode()) == 1024 for name in LONG_NAMES)
        for name in [*LONG_NAMES, "short-1", "short-2"]:
            client.upload("rec-long", name, data=b"x")
        result = client.bulk_delete("rec-long", [*LONG_NAMES, "short-1", "short-2", "missing"])
        assert (result.deleted, result.not_found, result.errors) == (6, 1, [])
        assert names_in(client, "rec-long") == []
        # the same names emptied by delete_container: every one deleted, the container too
        for name in [*LONG_NAMES, "short-1"]:
            client.upload("rec-long", name, data=b"x")
        client.delete_container("rec-long", delete_objects=True)
        with pytest.raises(NotFound):
            client.get_container("rec-long")
