"""No committed cassette holds a token, password, key or signature; and the scan does catch them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import devcloud
from tests.harness.cassettes import CASSETTES, Scrubber, scan_text

ALL = sorted(CASSETTES.rglob("*.yaml"))


@pytest.mark.parametrize("path", ALL, ids=[str(p.relative_to(CASSETTES)) for p in ALL])
def test_cassette_has_no_secret(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert scan_text(text, devcloud.passwords()) == []


def test_every_cassette_says_where_it_came_from() -> None:
    import yaml

    missing = [
        str(p.relative_to(CASSETTES))
        for p in ALL
        if not (yaml.safe_load(p.read_text()) or {}).get("metadata", {}).get("source")
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("x-subject-token:\n- gAAAAABkZm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4eHh4", "Fernet"),
        ('{"auth": {"passwordCredentials": {"username": "u", "password": "hunter2"}}}', "secret JSON"),
        ('{"apiKey": "0123456789abcdef"}', "secret JSON"),
        ("      X-Auth-Token:\n      - 3f2a9c6e5b7d4e1f", "token header"),
        ("uri: http://swift/v1/AUTH_a/c/o?temp_url_sig=da39a3ee5e6b4b0d3255bfef95601890afd80709&x=1", "signature"),
        ("      X-Account-Meta-Temp-URL-Key:\n      - mysecretkey", "temp URL key"),
    ],
)
def test_the_scan_catches_secrets(text: str, what: str) -> None:
    assert scan_text(text), f"a {what} was not caught"


def test_the_scan_accepts_scrubbed_values() -> None:
    clean = (
        "      X-Auth-Token:\n      - PKGCLOUD-TOKEN-1\n"
        '{"password": "***", "apiKey": "***"}\n'
        "uri: http://swift.devcloud.test/v1/AUTH_a/c/o?temp_url_sig=%2A%2A%2A&temp_url_expires=1\n"
        "      X-Account-Meta-Temp-URL-Key:\n      - '***'\n"
    )
    assert scan_text(clean) == []


def test_the_scan_finds_a_known_dev_cloud_password() -> None:
    assert scan_text("body: devcloud-demo", ("devcloud-demo",))


def test_the_scrubber_output_passes_the_scan() -> None:
    """Round trip: what the scrubber writes, the scan accepts; what it was given, the scan rejects."""
    import json

    from vcr.request import Request

    scrubber = Scrubber({"127.0.0.1:5000": "keystone.devcloud.test"})
    body = json.dumps(
        {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "devcloud-demo"}},
                }
            }
        }
    )
    request = Request(
        "POST", "http://127.0.0.1:5000/v3/auth/tokens", body, {"X-Auth-Token": "gAAAAABfernettokenvaluevaluevalue1234"}
    )
    scrubbed = scrubber.request(request)
    raw_text = f"{request.uri}\n{request.body!r}\nX-Auth-Token:\n- {request.headers['X-Auth-Token']}"
    clean_text = f"{scrubbed.uri}\n{scrubbed.body!r}\nX-Auth-Token:\n- {scrubbed.headers['X-Auth-Token']}"
    assert scan_text(raw_text, ("devcloud-demo",))
    assert scan_text(clean_text, ("devcloud-demo",)) == []
    assert scrubbed.uri == "http://keystone.devcloud.test/v3/auth/tokens"
    assert scrubbed.headers["X-Auth-Token"] == "PKGCLOUD-TOKEN-1"
    response = {
        "status": {"code": 201, "message": "Created"},
        "headers": {"X-Subject-Token": ["gAAAAABsubjecttokenvalue1234567890"], "Content-Length": ["1"]},
        "body": {
            "string": json.dumps(
                {
                    "token": {
                        "expires_at": "2026-01-01T00:00:00Z",
                        "catalog": [{"endpoints": [{"url": "http://127.0.0.1:5000/v3"}]}],
                    }
                }
            ).encode()
        },
    }
    out = scrubber.response(response)
    assert out["headers"]["X-Subject-Token"] == ["PKGCLOUD-TOKEN-2"]
    doc = json.loads(out["body"]["string"])
    assert doc["token"]["expires_at"].startswith("2099")
    assert doc["token"]["catalog"][0]["endpoints"][0]["url"] == "http://keystone.devcloud.test/v3"
    assert out["headers"]["Content-Length"] == [str(len(out["body"]["string"]))]
