"""Streaming pieces: sources, bodies as requests sees them, verification, progress (with tqdm)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import requests
from tqdm import tqdm

from pkgcloud.errors import IntegrityError, ValidationError
from pkgcloud_openstack.storage.transfer import (
    CHUNK,
    FileSource,
    MemorySource,
    ProgressReporter,
    SeekableSource,
    SizedBody,
    StreamBody,
    StreamSource,
    Verifier,
    make_body,
    open_source,
)
from tests.openstack.storage.conftest import data_of, md5

DATA = data_of(2 * CHUNK + 123)


def collect(source: object, offset: int = 0, length: int | None = None) -> bytes:
    return b"".join(bytes(c) for c in source.chunks(offset, length))  # type: ignore[attr-defined]


class NonSeekable(io.RawIOBase):
    """A pipe-like binary file: readable, not seekable."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        chunk = self._inner.read(min(len(b), 7000))
        b[: len(chunk)] = chunk
        return len(chunk)


def test_sources_by_kind(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(DATA)
    cases = {
        "bytes": (DATA, MemorySource, True, True),
        "bytearray": (bytearray(DATA), MemorySource, True, True),
        "path": (path, FileSource, True, True),
        "str path": (str(path), FileSource, True, True),
        "bytesio": (io.BytesIO(DATA), MemorySource, True, True),
        "pipe": (NonSeekable(DATA), StreamSource, False, False),
        "iterator": (iter([DATA]), StreamSource, False, False),
        "list": ([DATA[:10], DATA[10:]], StreamSource, False, False),
    }
    for name, (given, kind, replayable, positional) in cases.items():
        src = open_source(given, None, checksum=True)
        try:
            assert isinstance(src, kind), name
            assert (src.replayable, src.positional) == (replayable, positional), name
            expected = DATA
            assert collect(src) == expected, name
            assert src.size == (len(expected) if replayable else None), name
        finally:
            src.close()


def test_file_object_with_a_position_and_a_seekable_non_file(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(DATA)
    with open(path, "rb") as f:
        f.seek(100)
        src = open_source(f, None, checksum=True)
        assert isinstance(src, FileSource)
        assert src.size == len(DATA) - 100
        assert collect(src, 10, 20) == DATA[110:130]
        src.close()
        assert f.tell() == len(DATA)

    class Seekable(io.RawIOBase):  # seekable, but no file descriptor
        def __init__(self) -> None:
            self.inner = io.BytesIO(DATA)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return True

        def seek(self, pos: int, whence: int = 0) -> int:
            return self.inner.seek(pos, whence)

        def tell(self) -> int:
            return self.inner.tell()

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            chunk = self.inner.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    src = open_source(Seekable(), None, checksum=True)
    assert isinstance(src, SeekableSource)
    assert src.size == len(DATA)
    assert collect(src, CHUNK - 5, 10) == DATA[CHUNK - 5 : CHUNK + 5]


def test_memory_source_precomputes_its_md5_unless_unchecked() -> None:
    assert open_source(DATA, None, checksum=True).md5 == md5(DATA)
    assert open_source(DATA, None, checksum=False).md5 is None


def test_bytesio_can_grow_again_after_the_upload() -> None:
    buf = io.BytesIO(DATA)
    open_source(buf, None, checksum=False).close()
    buf.write(b"more")  # would raise BufferError if a view were still exported


def test_stream_source_cuts_pieces_at_segment_boundaries() -> None:
    src = StreamSource(iter([b"abcdef", b"gh", b"", b"ijkl"]), None)
    assert collect(src, 0, 4) == b"abcd"
    assert collect(src, 4, 5) == b"efghi"
    assert b"".join(bytes(p) for p in src.take(100)) == b"jkl"
    assert src.at_end()
    with pytest.raises(ValidationError, match="cannot be read again"):
        collect(src, 0, 1)


@pytest.mark.parametrize(
    ("given", "size", "fragment"),
    [
        (b"abc", 4, "size=4 was given but the data holds 3 bytes"),
        (b"abc", -1, "non-negative"),
        (12, None, "cannot upload a int"),
        (io.StringIO("text"), None, "binary mode"),
        (iter(["text"]), None, "yielded str"),
        (Path("/nonexistent/file"), None, "cannot read"),
    ],
)
def test_bad_sources(given: object, size: int | None, fragment: str) -> None:
    def read() -> bytes:
        return collect(open_source(given, size, checksum=True))

    with pytest.raises(ValidationError, match=fragment):
        read()


def test_a_str_is_a_path_and_text_is_data(tmp_path: Path) -> None:
    """One meaning for a positional str, as in open() and download(): a path; text goes as data=."""
    existing = tmp_path / "photo.jpg"
    existing.write_bytes(b"\xff\xd8")
    assert collect(open_source(str(existing), None, checksum=True)) == b"\xff\xd8"
    with pytest.raises(ValidationError, match=r"cannot read .*not-there.jpg.*a str source is a path.*data="):
        open_source(str(tmp_path / "not-there.jpg"), None, checksum=True)
    text = open_source("ünï cødé", None, checksum=True, kind="data")
    assert isinstance(text, MemorySource)
    assert collect(text) == "ünï cødé".encode()
    assert collect(open_source(str(existing), None, checksum=True, kind="path")) == b"\xff\xd8"
    assert collect(open_source(existing, None, checksum=True, kind="local")) == b"\xff\xd8"
    assert collect(open_source(iter([b"a", b"b"]), None, checksum=True, kind="stream")) == b"ab"


@pytest.mark.parametrize(
    ("kind", "given", "fragment"),
    [
        ("path", b"/tmp/x", "path= must be a path"),
        ("path", io.BytesIO(b"x"), "path= must be a path"),
        ("local", 12, "local= must be a path"),
        ("data", Path("/etc/hostname"), "data= must be bytes-like or a str"),
        ("data", iter([b"x"]), "data= must be bytes-like or a str"),
        ("stream", "/tmp/x", "stream= must be a binary file object"),
        ("stream", b"bytes", "stream= must be a binary file object"),
        ("stream", 12, "stream= must be a binary file object"),
    ],
)
def test_each_keyword_takes_one_kind(kind: str, given: object, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        open_source(given, None, checksum=True, kind=kind)


def test_bodies_as_requests_prepares_them() -> None:
    """Sized bodies get Content-Length (no chunking), unsized ones are chunked; no read() for urllib3."""
    src = open_source(DATA, None, checksum=False)
    sized = make_body(src, 0, len(DATA), hashing=True, progress=None)
    assert isinstance(sized, SizedBody)
    assert not hasattr(sized, "read")
    prepared = requests.Request("PUT", "http://x/", data=sized).prepare()
    assert prepared.headers["Content-Length"] == str(len(DATA))
    assert "Transfer-Encoding" not in prepared.headers

    unsized = make_body(StreamSource(iter([DATA]), None), 0, None, hashing=True, progress=None)
    assert type(unsized) is StreamBody
    prepared = requests.Request("PUT", "http://x/", data=unsized).prepare()
    assert prepared.headers["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in prepared.headers


def test_sized_body_hashes_and_rewinds_only_when_replayable() -> None:
    reported: list[tuple[int, int | None]] = []
    progress = ProgressReporter(lambda done, total: reported.append((done, total)), len(DATA))
    body = make_body(open_source(DATA, None, checksum=False), 0, len(DATA), hashing=True, progress=progress)
    assert b"".join(bytes(c) for c in body) == DATA
    assert body.md5 == md5(DATA)
    assert reported[-1] == (len(DATA), len(DATA))
    assert body.seekable()
    body.seek(0)  # a retry: progress goes back
    assert progress.done == 0
    assert b"".join(bytes(c) for c in body) == DATA
    assert progress.done == len(DATA)

    one_shot = make_body(StreamSource(iter([DATA]), len(DATA)), 0, len(DATA), hashing=False, progress=None)
    assert not one_shot.seekable()  # type: ignore[attr-defined]
    with pytest.raises(OSError, match="only when its source is replayable"):
        one_shot.seek(0)  # type: ignore[attr-defined]


def test_file_truncated_during_upload(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(DATA)
    src = open_source(path, None, checksum=True)
    os.truncate(path, 1000)
    with pytest.raises(ValidationError, match="truncated during the upload"):
        collect(src)
    src.close()


# -- verification ---------------------------------------------------------------------------------


def feed(verifier: Verifier, data: bytes, step: int) -> None:
    for i in range(0, len(data), step):
        verifier.update(data[i : i + step])


def test_verifier_plain_object() -> None:
    ok = Verifier(size=len(DATA), md5=md5(DATA))
    feed(ok, DATA, 1000)
    ok.check()
    short = Verifier(size=len(DATA), md5=md5(DATA))
    feed(short, DATA[:-1], 1000)
    with pytest.raises(IntegrityError, match=f"received {len(DATA) - 1} bytes, expected {len(DATA)}"):
        short.check()
    wrong = Verifier(size=3, md5=md5(b"abc"), what="c/o")
    feed(wrong, b"abd", 1)
    with pytest.raises(IntegrityError, match="c/o: content MD5 is"):
        wrong.check()


@pytest.mark.parametrize("step", [1, 3, 4, 1000])
def test_verifier_checks_each_segment(step: int) -> None:
    parts = [b"aaaa", b"", b"bbb", b"cc"]
    data = b"".join(parts)
    verifier = Verifier(size=len(data), segments=[(len(p), md5(p)) for p in parts])
    feed(verifier, data, step)
    verifier.check()

    bad = Verifier(size=len(data), segments=[(len(p), md5(p)) for p in parts])
    with pytest.raises(IntegrityError, match="segment 3 of 4 has MD5"):
        feed(bad, b"aaaabxbcc", step)


def test_verifier_segments_of_unknown_md5_check_size_only() -> None:
    verifier = Verifier(size=6, segments=[(3, None), (3, md5(b"def"))])
    feed(verifier, b"xyzdef", 2)
    verifier.check()


# -- progress --------------------------------------------------------------------------------------


def test_progress_drives_a_tqdm_bar_directly() -> None:
    out = io.StringIO()
    with tqdm(file=out, unit="B", unit_scale=True) as bar:
        progress = ProgressReporter(bar, 1000)
        assert bar.total == 1000
        progress.advance(600)
        progress.advance(400)
        assert bar.n == 1000
    assert "1.00k/1.00k" in out.getvalue()


def test_progress_rejects_what_it_cannot_drive() -> None:
    with pytest.raises(ValidationError, match="callable"):
        ProgressReporter(42, None)


# -- hashing beside the I/O ---------------------------------------------------------------------------


def test_by_default_large_bodies_hash_in_line() -> None:
    import threading

    from pkgcloud_openstack.storage import transfer

    assert transfer.OVERLAP_MIN is None
    data = data_of((8 << 20) + 1)
    before = threading.active_count()
    body = make_body(open_source(data, None, checksum=False), 0, len(data), hashing=True, progress=None)
    chunks = iter(body)
    first = next(chunks)
    assert threading.active_count() == before  # no hashing thread
    assert first + b"".join(chunks) == data
    assert body.md5 == md5(data)


def test_large_bodies_hash_in_a_helper_thread_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from pkgcloud_openstack.storage import transfer

    monkeypatch.setattr(transfer, "OVERLAP_MIN", 8 << 20)  # the thread is off by default
    data = data_of((8 << 20) + 12345)
    before = threading.active_count()
    body = make_body(open_source(data, None, checksum=False), 0, len(data), hashing=True, progress=None)
    chunks = iter(body)
    first = next(chunks)
    assert threading.active_count() == before + 1  # the hashing thread
    rest = b"".join(chunks)
    assert first + rest == data
    assert body.md5 == md5(data)
    assert threading.active_count() == before  # and it is gone


def test_an_abandoned_body_stops_its_hashing_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from pkgcloud_openstack.storage import transfer

    monkeypatch.setattr(transfer, "OVERLAP_MIN", 8 << 20)  # the thread is off by default
    data = data_of((8 << 20) + 1)
    before = threading.active_count()
    chunks = iter(make_body(open_source(data, None, checksum=False), 0, len(data), hashing=True, progress=None))
    next(chunks)
    chunks.close()  # type: ignore[attr-defined]  # what happens when a send fails half-way
    assert threading.active_count() == before


def test_background_errors_reach_the_producer() -> None:
    from pkgcloud_openstack.storage.transfer import Background

    def consume(chunk: bytes) -> None:
        if chunk == b"bad":
            raise IntegrityError("segment 2 does not match")

    def feed() -> None:
        worker.put(b"good")
        worker.put(b"bad")
        for _ in range(100):  # raised by a later put once the thread got there, or by finish
            worker.put(b"more")
        worker.finish()

    worker = Background(consume, depth=1)
    with pytest.raises(IntegrityError, match="segment 2"):
        feed()
    worker.close()
