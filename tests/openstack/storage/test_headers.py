"""Header building: metadata (limits, Unicode, removal), expiry, ACLs, extra headers."""

from __future__ import annotations

import datetime as dt

import pytest

from pkgcloud.errors import ValidationError
from pkgcloud_openstack.storage.headers import (
    MetadataLimits,
    acl_headers,
    decode_header,
    expiry_headers,
    extra_headers,
    meta_headers,
    read_meta,
    remove_meta_headers,
    strip_etag,
)


def test_metadata_headers_ascii_and_unicode() -> None:
    headers = meta_headers("Object", {"Color": "blue", "note": "ünï ✓"})
    assert headers == {"X-Object-Meta-Color": "blue", "X-Object-Meta-note": "ünï ✓".encode()}


def test_metadata_none_removes_on_containers_and_accounts_only() -> None:
    assert meta_headers("Container", {"old": None, "new": "1"}) == {
        "X-Remove-Container-Meta-old": "x",
        "X-Container-Meta-new": "1",
    }
    assert meta_headers("Account", {"gone": None}) == {"X-Remove-Account-Meta-gone": "x"}
    with pytest.raises(ValidationError, match="update_object_metadata"):
        meta_headers("Object", {"gone": None})


@pytest.mark.parametrize(
    ("metadata", "fragment"),
    [
        ({"my_key": "v"}, "would come back as 'my-key'"),
        ({"with space": "v"}, "not a valid header name"),
        ({"colon:": "v"}, "not a valid header name"),
        ({"ключ": "v"}, "not a valid header name"),
        ({"": "v"}, "non-empty"),
        ({"k": "line\nbreak"}, "line break"),
        ({"k": 5}, "must be a str"),
        ({"k" * 129: "v"}, "129 bytes; the limit is 128"),
        ({"k": "v" * 257}, "257 bytes in UTF-8; the limit is 256"),
        ({"k": "é" * 129}, "258 bytes in UTF-8"),
        ({f"k{i}": "v" for i in range(91)}, "91 metadata items; the limit is 90"),
        ({f"key-{i:03d}": "v" * 200 for i in range(20)}, "the limit is 4096"),
    ],
)
def test_metadata_checked_before_sending(metadata: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        meta_headers("Object", metadata)  # type: ignore[arg-type]


def test_metadata_limits_follow_the_cluster() -> None:
    limits = MetadataLimits({"max_meta_value_length": 8, "max_meta_count": 2})
    with pytest.raises(ValidationError, match="limit is 8"):
        meta_headers("Object", {"k": "123456789"}, limits)
    with pytest.raises(ValidationError, match="limit is 2"):
        meta_headers("Object", {"a": "1", "b": "2", "c": "3"}, limits)


def test_metadata_must_be_a_mapping() -> None:
    with pytest.raises(ValidationError, match="mapping"):
        meta_headers("Object", [("a", "b")])  # type: ignore[arg-type]


def test_remove_metadata_headers() -> None:
    assert remove_meta_headers("Container", ["a", "B"]) == {
        "X-Remove-Container-Meta-a": "x",
        "X-Remove-Container-Meta-B": "x",
    }
    with pytest.raises(ValidationError, match="wrap it in a list"):
        remove_meta_headers("Container", "abc")


def test_read_metadata_lower_cases_keys_and_decodes_utf8() -> None:
    # http.client hands header values over as latin-1 text
    received = {
        "X-Object-Meta-Color": "blue",
        "X-Object-Meta-Note": "ünï ✓".encode().decode("latin-1"),
        "Content-Type": "text/plain",
    }
    assert read_meta(received, "Object") == {"color": "blue", "note": "ünï ✓"}
    assert decode_header("caf\xe9") == "caf\xe9"  # not UTF-8: kept as received


def test_delete_at_and_after() -> None:
    when = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    assert expiry_headers(when, None) == {"X-Delete-At": str(int(when.timestamp()))}
    assert expiry_headers(1893456000, None) == {"X-Delete-At": "1893456000"}
    assert expiry_headers(None, 60) == {"X-Delete-After": "60"}
    assert expiry_headers(None, None) == {}


@pytest.mark.parametrize(
    ("delete_at", "delete_after", "fragment"),
    [
        (dt.datetime(2030, 1, 1), None, "aware datetime"),
        (1, 60, "not both"),
        ("tomorrow", None, "datetime or epoch"),
        (-5, None, "in the future"),
        (None, 0, "positive"),
        (None, 1.5, "positive"),
        (None, True, "positive"),
    ],
)
def test_expiry_checked(delete_at: object, delete_after: object, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        expiry_headers(delete_at, delete_after)  # type: ignore[arg-type]


def test_acl_headers() -> None:
    assert acl_headers(".r:*,.rlistings", None) == {"X-Container-Read": ".r:*,.rlistings"}
    assert acl_headers(None, "demo:demo") == {"X-Container-Write": "demo:demo"}
    assert acl_headers("", "") == {"X-Remove-Container-Read": "x", "X-Remove-Container-Write": "x"}
    assert acl_headers("", None, for_create=True) == {}
    assert acl_headers(None, None) == {}


def test_extra_headers_checked() -> None:
    assert extra_headers({"Cache-Control": "max-age=60", "X-Object-Meta-A": "ü"}) == {
        "Cache-Control": "max-age=60",
        "X-Object-Meta-A": "ü".encode(),
    }
    with pytest.raises(ValidationError, match="not a valid HTTP header name"):
        extra_headers({"Bad Header": "x"})
    with pytest.raises(ValidationError, match="line break"):
        extra_headers({"X-Injected": "a\r\nX-Evil: 1"})


def test_strip_etag() -> None:
    assert strip_etag('"abc"') == "abc"
    assert strip_etag("abc") == "abc"
    assert strip_etag(None) is None
