"""Names: what Swift can store passes, what it cannot raises ValidationError before any request."""

from __future__ import annotations

import pytest

from pkgcloud.errors import ValidationError
from pkgcloud_openstack.storage.names import (
    check_container_name,
    check_object_name,
    container_path,
    object_path,
    quote_name,
)

VALID_OBJECT_NAMES = [
    "plain.txt",
    "ünïcødé ✓ 名前",
    "with space",
    "100%",
    "hash#tag",
    "query?x=1&y=2",
    "a+b",
    "semi;colon",
    "/leading/slash",
    "//double//slashes",
    "trailing/",
    "dots/../and/./more",
    ".",
    "..",
    "e\u0301",
    "x" * 1024,
    "é" * 512,  # 1024 bytes in UTF-8
]


@pytest.mark.parametrize("name", VALID_OBJECT_NAMES)
def test_valid_object_names_pass(name: str) -> None:
    assert check_object_name(name) == name


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "empty"),
        ("x" * 1025, "1025 bytes"),
        ("é" * 513, "1026 bytes"),
        ("nul\x00byte", "NUL"),
        ("lone \ud800 surrogate", "not valid Unicode"),
        (b"bytes", "must be a str"),
        (None, "must be a str"),
    ],
)
def test_invalid_object_names_raise(name: object, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        check_object_name(name)


def test_object_name_limit_follows_the_cluster() -> None:
    check_object_name("x" * 2000, max_length=2048)
    with pytest.raises(ValidationError, match="limit is 100"):
        check_object_name("x" * 101, max_length=100)


@pytest.mark.parametrize("name", ["photos", "ünï cødé", "a b", "x" * 256, "dots.in.name", "%", "#?"])
def test_valid_container_names_pass(name: str) -> None:
    assert check_container_name(name) == name


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "empty"),
        ("a/b", "contains '/'"),
        ("/", "contains '/'"),
        (".", "not allowed"),
        ("..", "not allowed"),
        ("x" * 257, "257 bytes"),
        ("ü" * 129, "258 bytes"),
        (42, "must be a str"),
    ],
)
def test_invalid_container_names_raise(name: object, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        check_container_name(name)


@pytest.mark.parametrize(
    ("name", "quoted"),
    [
        ("plain.txt", "plain.txt"),
        ("a b", "a%20b"),
        ("100%", "100%25"),
        ("h#a?x=1", "h%23a%3Fx%3D1"),
        ("a+b;c", "a%2Bb%3Bc"),
        ("/lead", "/lead"),
        ("dir/sub/", "dir/sub/"),
        ("ü", "%C3%BC"),
        # dot segments would be resolved away by URL handling: they are escaped
        (".", "%2E"),
        ("..", "%2E%2E"),
        ("a/../b", "a/%2E%2E/b"),
        ("./x", "%2E/x"),
        ("x/.", "x/%2E"),
        ("...", "..."),
        (".hidden", ".hidden"),
        ("a/.b", "a/.b"),
    ],
)
def test_quote_name(name: str, quoted: str) -> None:
    assert quote_name(name) == quoted


def test_paths() -> None:
    assert container_path("a b/c") == "a%20b%2Fc"  # never valid, but never a path separator either
    assert object_path("cont", "/x/../y") == "cont//x/%2E%2E/y"


def test_invalid_names_raise_before_any_request() -> None:
    import pkgcloud

    # nothing listens on port 9: any request would fail with ConnectionFailed instead
    client = pkgcloud.storage.create_client(
        provider="openstack",
        auth_url="http://127.0.0.1:9/v3",
        username="u",
        password="p",
        tenant_name="t",
        domain_name="Default",
        retries=0,
    )
    for container, name in [("a/b", "o"), ("", "o"), ("c" * 257, "o"), ("c", ""), ("c", "n" * 1025), ("c", "\x00")]:
        with pytest.raises(ValidationError):
            client.upload(container, name, b"x")
        with pytest.raises(ValidationError):
            client.get_object(container, name)
    with pytest.raises(ValidationError, match="would come back as 'my-key'"):
        client.upload("c", "o", b"x", metadata={"my_key": "v"})
    with pytest.raises(ValidationError, match="contains '/'"):
        client.create_container("a/b")
    with pytest.raises(ValidationError, match="only if_none_match='\\*'"):
        client.upload("c", "o", b"x", if_none_match="etag")
