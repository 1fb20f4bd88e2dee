"""Swift answers cut short, on real sockets: never a success, retried where the call allows it.

A connection that drops right after ``HTTP/1.1 200 OK`` (or inside a header) used to be read as a
complete answer without a body: ``download`` left a 0-byte file, ``iter_object`` yielded nothing and
``get_object`` returned ``size=None``. A well-formed answer without a length or with a malformed
ETag cannot come whole from Swift either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pkgcloud.errors import ConnectionFailed
from tests.harness.server import Reply, sequence
from tests.openstack.storage.conftest import Swift, data_of, md5

DATA = data_of(200_000)
ETAG = md5(DATA)
HEADERS = {"Content-Type": "application/octet-stream", "ETag": ETAG, "X-Object-Meta-Color": "blue"}

# where an answer may be cut inside its header block
CUTS = [
    pytest.param("HTTP/1.1 200 OK\r\n", id="after-the-status-line"),
    pytest.param("Content-Type: application/octet-stream\r\n", id="before-the-etag"),
    pytest.param(f"ETag: {ETAG[:10]}", id="inside-the-etag"),
]


def cut_then_whole(cut: str | int, *, headers: dict[str, str | None] | None = None) -> object:
    return sequence(Reply(200, DATA, headers or HEADERS, cut=cut), Reply(200, DATA, HEADERS))


@pytest.mark.parametrize("cut", CUTS)
def test_download_of_an_answer_cut_in_its_headers_is_retried_never_a_short_file(
    swift: Swift, tmp_path: Path, cut: str
) -> None:
    swift.route("GET", "/c/o", cut_then_whole(cut))
    target = tmp_path / "o"
    obj = swift.client().download("c", "o", target)
    assert target.read_bytes() == DATA
    assert (obj.size, obj.etag) == (len(DATA), ETAG)
    assert len(swift.seen("GET", "/c/o")) == 2


@pytest.mark.parametrize("cut", CUTS)
def test_iter_object_of_an_answer_cut_in_its_headers_is_retried(swift: Swift, cut: str) -> None:
    swift.route("GET", "/c/o", cut_then_whole(cut))
    assert b"".join(swift.client().iter_object("c", "o")) == DATA


@pytest.mark.parametrize("cut", [*CUTS, pytest.param("X-Object-Meta-Color: bl", id="inside-the-metadata")])
def test_get_object_of_an_answer_cut_in_its_headers_is_retried(swift: Swift, cut: str) -> None:
    head = {"Content-Length": str(len(DATA)), **HEADERS}
    swift.route("HEAD", "/c/o", sequence(Reply(200, b"", head, cut=cut), Reply(200, b"", head)))
    obj = swift.client().get_object("c", "o")
    assert (obj.size, obj.etag, obj.metadata) == (len(DATA), ETAG, {"color": "blue"})
    assert len(swift.seen("HEAD", "/c/o")) == 2


def test_an_answer_always_cut_raises_and_leaves_no_file(swift: Swift, tmp_path: Path) -> None:
    swift.route("GET", "/c/o", Reply(200, DATA, HEADERS, cut="HTTP/1.1 200 OK\r\n"))
    client = swift.client(retries=2, backoff=0)
    with pytest.raises(ConnectionFailed, match="inside the header block"):
        client.download("c", "o", tmp_path / "o")
    assert list(tmp_path.iterdir()) == []
    assert len(swift.seen("GET", "/c/o")) == 3
    with pytest.raises(ConnectionFailed, match="inside the header block"):
        swift.client(retries=0).iter_object("c", "o")


@pytest.mark.parametrize(
    ("headers", "missing"),
    [
        pytest.param({"Content-Length": None, "ETag": ETAG}, "no Content-Length and no chunked", id="no-length"),
        pytest.param({"ETag": None}, "no ETag", id="no-etag"),
        pytest.param({"ETag": ETAG[:20]}, "a malformed ETag", id="short-etag"),
    ],
)
def test_a_whole_looking_object_answer_swift_could_not_send_is_a_dropped_connection(
    swift: Swift, tmp_path: Path, headers: dict[str, str | None], missing: str
) -> None:
    # header blocks that end properly, but lack what every Swift object answer carries
    swift.route("GET", "/c/o", sequence(Reply(200, DATA, {**HEADERS, **headers}), Reply(200, DATA, HEADERS)))
    target = tmp_path / "o"
    swift.client().download("c", "o", target)
    assert target.read_bytes() == DATA
    swift.route("GET", "/c/o", Reply(200, DATA, {**HEADERS, **headers}))
    with pytest.raises(ConnectionFailed, match=missing):
        swift.client(retries=1, backoff=0).download("c", "o", tmp_path / "again")
    assert not (tmp_path / "again").exists()


def test_a_resume_whose_answer_is_cut_in_its_headers_is_tried_again(swift: Swift, tmp_path: Path) -> None:
    whole_range = {"ETag": ETAG, "Content-Range": f"bytes 50000-{len(DATA) - 1}/{len(DATA)}"}
    answers = sequence(
        Reply(200, DATA, HEADERS, drop_after=50_000),
        Reply(206, DATA[50_000:], whole_range, cut="HTTP/1.1 206 Partial Content\r\n"),
        Reply(206, DATA[50_000:], whole_range),
    )
    swift.route("GET", "/c/o", answers)
    target = tmp_path / "o"
    swift.client().download("c", "o", target)
    assert target.read_bytes() == DATA
    ranges = [s.headers.get("Range") for s in swift.seen("GET", "/c/o")]
    assert ranges == [None, f"bytes=50000-{len(DATA) - 1}", f"bytes=50000-{len(DATA) - 1}"]


def test_an_upload_whose_answer_is_cut_is_sent_again_never_deleted(swift: Swift) -> None:
    payload = b"payload"
    answer = {"ETag": md5(payload)}
    swift.route(
        "PUT", "/c/o", sequence(Reply(201, b"", answer, cut=f"ETag: {md5(payload)[:8]}"), Reply(201, b"", answer))
    )
    swift.route("DELETE", "/c/o", Reply(204))
    obj = swift.client().upload("c", "o", payload)
    assert obj.etag == md5(payload)
    assert len(swift.seen("PUT", "/c/o")) == 2
    assert swift.seen("DELETE", "/c/o") == []  # a cut answer is no proof of corruption


def test_a_one_shot_upload_whose_answer_is_cut_raises_connection_failed_and_deletes_nothing(swift: Swift) -> None:
    # a header block that ends properly: the generic check passes it, the ETag check does not
    swift.route("PUT", "/c/o", Reply(201, b"", {"ETag": "0123456789"}))
    swift.route("DELETE", "/c/o", Reply(204))
    with pytest.raises(ConnectionFailed, match="malformed ETag"):
        swift.client().upload("c", "o", iter([b"pay", b"load"]))
    assert len(swift.seen("PUT", "/c/o")) == 1
    assert swift.seen("DELETE", "/c/o") == []


def test_the_etag_check_accepts_exactly_what_swifts_etag_pattern_does() -> None:
    import itertools
    import re

    from pkgcloud_openstack.storage.parse import is_object_etag

    pattern = re.compile(r'(?:W/)?("?)[0-9a-fA-F]{32}(?:-\d+)?\1')
    digests = [ETAG, ETAG.upper(), ETAG[:31], ETAG + "0", ETAG[:31] + "g", "", ETAG[:16] + " " + ETAG[17:]]
    tails = ["", "-1", "-12", "-", "-x", "--1", "-1-", "-\u0663", "-\u00b2", "1", " "]
    prefixes = ["", "W/", "w/", "W", '"', 'W/"']
    suffixes = ["", '"', '""']
    checked = 0
    for prefix, digest, tail, suffix in itertools.product(prefixes, digests, tails, suffixes):
        value = prefix + digest + tail + suffix
        assert is_object_etag(value) == bool(pattern.fullmatch(value)), value
        checked += 1
    assert checked > 1000
    assert is_object_etag(f'"{ETAG}-3"') and is_object_etag(f"W/{ETAG}") and not is_object_etag('"' + ETAG)
