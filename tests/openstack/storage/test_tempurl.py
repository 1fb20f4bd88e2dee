"""Temp URL signatures: Swift's documented examples, the documented formula, and the URL built."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

import pytest

from pkgcloud.errors import UnsupportedOperation, ValidationError
from pkgcloud_openstack.storage.tempurl import signature, split_endpoint
from tests.harness.server import Reply
from tests.openstack.storage.conftest import SWIFT, Swift

PATH = "/v1/AUTH_account/container/object"

# Examples from the documentation of Swift's tempurl middleware (key "mykey")
SWIFT_DOC_EXAMPLES = [
    ("sha256", 1512508563, None, "732fcac368abb10c78a4cbe95c3fab7f311584532bf779abd5074e13cbe8b88b"),
    (
        "sha512",
        1516741234,
        None,
        "sha512:ZrSijn0GyDhsv1ltIj9hWUTrbAeE45NcKXyBaz7aPbSMvROQ4jtYH4nRAmm5ErY2X11Yc1Yhy2OMCyN3yueeXg",
    ),
    ("sha256", 1648082711, "1.2.3.4", "3f48476acaf5ec272acd8e99f7b5bad96c52ddba53ed27c60613711774a06f0c"),
    ("sha256", 1648082711, "1.2.3.0/24", "6ff81256b8a3ba11d239da51a703b9c06a56ffddeb8caab74ca83af8f73c9c83"),
]


@pytest.mark.parametrize(("digest", "expires", "ip_range", "expected"), SWIFT_DOC_EXAMPLES)
def test_signatures_match_swifts_documented_examples(
    digest: str, expires: int, ip_range: str | None, expected: str
) -> None:
    assert signature("mykey", "GET", expires, PATH, digest, ip_range) == expected


@pytest.mark.parametrize("digest", ["sha1", "sha256", "sha512"])
@pytest.mark.parametrize("method", ["GET", "PUT", "HEAD"])
def test_signatures_follow_the_documented_formula(digest: str, method: str) -> None:
    path = "/v1/AUTH_a/cont/ünï cødé/x?y#z"
    mac = hmac.new(b"s3cret", f"{method}\n2000000000\n{path}".encode(), getattr(hashlib, digest))
    expected = (
        "sha512:" + base64.urlsafe_b64encode(mac.digest()).decode().rstrip("=")
        if digest == "sha512"
        else mac.hexdigest()
    )
    assert signature("s3cret", method, 2000000000, path, digest) == expected


def test_prefix_signature_signs_the_prefix_path() -> None:
    mac = hmac.new(b"k", b"GET\n2000000000\nprefix:/v1/AUTH_a/c/photos/", hashlib.sha256).hexdigest()
    assert signature("k", "GET", 2000000000, "prefix:/v1/AUTH_a/c/photos/") == mac


def test_unknown_digest_is_refused() -> None:
    with pytest.raises(ValidationError, match="digest must be one of"):
        signature("k", "GET", 1, PATH, "md5")


@pytest.mark.parametrize(
    ("endpoint", "base", "account"),
    [
        ("https://swift.example.com/v1/AUTH_abc", "https://swift.example.com", "/v1/AUTH_abc"),
        ("https://swift.example.com/v1/AUTH_abc/", "https://swift.example.com", "/v1/AUTH_abc"),
        ("https://gw.example.com/object-store/v1/AUTH_abc", "https://gw.example.com/object-store", "/v1/AUTH_abc"),
        ("http://127.0.0.1:8080/v1/AUTH_a%20b", "http://127.0.0.1:8080", "/v1/AUTH_a%20b"),
    ],
)
def test_split_endpoint(endpoint: str, base: str, account: str) -> None:
    assert split_endpoint(endpoint) == (base, account)


def test_split_endpoint_refuses_an_endpoint_without_an_account() -> None:
    with pytest.raises(ValidationError, match="does not end in /v<N>/<account>"):
        split_endpoint("https://swift.example.com/")


# -- through the client --------------------------------------------------------------------------

TEMPURL_CAPS = {
    "tempurl": {"methods": ["GET", "HEAD", "PUT", "POST", "DELETE"], "allowed_digests": ["sha256", "sha512"]}
}


def test_client_temp_url(swift: Swift) -> None:
    swift.info(TEMPURL_CAPS)
    client = swift.client()
    url = client.temp_url(
        "cont", "dir/ünï #1.txt", key="k", expires_at=2000000000, filename="report 1.pdf", inline=True
    )
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == swift.server.url
    assert parts.path == f"{SWIFT}/cont/dir/%C3%BCn%C3%AF%20%231.txt"
    query = parse_qs(parts.query, keep_blank_values=True)
    signed = f"GET\n2000000000\n{SWIFT[len('/swift/RegionOne') :]}/cont/dir/ünï #1.txt"
    assert query["temp_url_sig"] == [hmac.new(b"k", signed.encode(), hashlib.sha256).hexdigest()]
    assert query["temp_url_expires"] == ["2000000000"]
    assert query["filename"] == ["report 1.pdf"]
    assert query["inline"] == [""]


def test_client_prefix_temp_url(swift: Swift) -> None:
    swift.info(TEMPURL_CAPS)
    client = swift.client()
    url = client.temp_url("cont", "photos/", prefix=True, key="k", expires_at=2000000000, method="put")
    parts = urlsplit(url)
    assert parts.path == f"{SWIFT}/cont/photos/"
    query = parse_qs(parts.query)
    signed = b"PUT\n2000000000\nprefix:/v1/AUTH_p1/cont/photos/"
    assert query["temp_url_sig"] == [hmac.new(b"k", signed, hashlib.sha256).hexdigest()]
    assert query["temp_url_prefix"] == ["photos/"]


def test_client_temp_url_uses_the_accounts_key_read_once(swift: Swift) -> None:
    swift.info(TEMPURL_CAPS)
    swift.route("HEAD", "", Reply(204, b"", {"X-Account-Meta-Temp-Url-Key": "acct-key"}))
    client = swift.client()
    first = client.temp_url("c", "o", expires_at=2000000000)
    second = client.temp_url("c", "o2", expires_at=2000000000)
    assert len(swift.seen("HEAD", "")) == 1
    sig = parse_qs(urlsplit(first).query)["temp_url_sig"][0]
    assert sig == hmac.new(b"acct-key", b"GET\n2000000000\n/v1/AUTH_p1/c/o", hashlib.sha256).hexdigest()
    assert "o2?" in second


def test_client_temp_url_reads_a_containers_key_once_until_it_is_set_again(swift: Swift) -> None:
    swift.info(TEMPURL_CAPS)
    swift.route("HEAD", "", Reply(204, b""))
    container_key = {"key": "c-key-1"}
    swift.route("HEAD", "/c", lambda seen: Reply(204, b"", {"X-Container-Meta-Temp-Url-Key": container_key["key"]}))
    swift.route("POST", "/c", Reply(204, b""))
    client = swift.client()

    def signature(url: str) -> str:
        return parse_qs(urlsplit(url).query)["temp_url_sig"][0]

    def expected(key: str, name: str) -> str:
        return hmac.new(key.encode(), f"GET\n2000000000\n/v1/AUTH_p1/c/{name}".encode(), hashlib.sha256).hexdigest()

    urls = [client.temp_url("c", f"o{n}", expires_at=2000000000) for n in range(3)]
    assert [signature(u) for u in urls] == [expected("c-key-1", f"o{n}") for n in range(3)]
    heads = lambda: [seen.path.rsplit("/", 1)[-1] for seen in swift.seen("HEAD")]  # noqa: E731
    assert heads() == ["AUTH_p1", "c"]
    container_key["key"] = "c-key-2"
    client.set_temp_url_key("c-key-2", container="c")
    assert signature(client.temp_url("c", "o9", expires_at=2000000000)) == expected("c-key-2", "o9")
    assert heads() == ["AUTH_p1", "c", "c"]


def test_client_temp_url_checks_digest_method_and_key(swift: Swift) -> None:
    swift.info(TEMPURL_CAPS)
    swift.route("HEAD", "", Reply(204))
    swift.route("HEAD", "/c", Reply(204))
    client = swift.client()
    with pytest.raises(ValidationError, match="'sha1' is not allowed by this cluster"):
        client.temp_url("c", "o", digest="sha1", key="k")
    with pytest.raises(ValidationError, match="method must be one of"):
        client.temp_url("c", "o", method="PATCH", key="k")
    with pytest.raises(ValidationError, match="expires_in must be a positive"):
        client.temp_url("c", "o", expires_in=0, key="k")
    with pytest.raises(ValidationError, match="no temp URL key is set"):
        client.temp_url("c", "o")


def test_client_temp_url_without_the_middleware(swift: Swift) -> None:
    swift.info({"swift": {"version": "2.38.0"}})
    client = swift.client()
    with pytest.raises(UnsupportedOperation, match="does not offer temp URLs"):
        client.temp_url("c", "o", key="k")
