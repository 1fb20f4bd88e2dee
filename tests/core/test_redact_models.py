"""Redaction rules and what models show."""

from __future__ import annotations

import datetime as dt

from pkgcloud import models
from pkgcloud.dates import parse_time
from pkgcloud.redact import REDACTED, redact_headers, redact_json, redact_pairs_in_text, redact_text, redact_url


def test_secret_headers_are_redacted_whatever_their_case() -> None:
    out = redact_headers(
        {
            "x-auth-token": "t",
            "X-Subject-Token": "s",
            "X-Account-Meta-Temp-URL-Key-2": "k",
            "Authorization": "Basic x",
            "Content-Type": "application/json",
        }
    )
    assert out["Content-Type"] == "application/json"
    assert [out[k] for k in ("x-auth-token", "X-Subject-Token", "X-Account-Meta-Temp-URL-Key-2", "Authorization")] == [
        REDACTED
    ] * 4


def test_json_secrets_are_redacted_and_the_rest_kept() -> None:
    doc = {
        "auth": {
            "RAX-KSKEY:apiKeyCredentials": {"username": "bob", "apiKey": "k3y"},
            "passwordCredentials": {"username": "bob", "password": "pw"},
            "token": {"id": "tok"},
        },
        "server": {"name": "web", "adminPass": "ap"},
        "application_credential": {"id": "ac", "secret": "sec"},
        "keypair": {"name": "k", "private_key": "-----BEGIN"},
        "access": {"token": {"id": "tok2", "expires": "2099"}},
        "credential": {"blob": '{"access": "a", "secret": "s"}'},
    }
    out = redact_json(doc)
    assert out["auth"]["RAX-KSKEY:apiKeyCredentials"] == {"username": "bob", "apiKey": REDACTED}
    assert out["auth"]["passwordCredentials"] == {"username": "bob", "password": REDACTED}
    assert out["auth"]["token"] == {"id": REDACTED}
    assert out["server"] == {"name": "web", "adminPass": REDACTED}
    assert out["application_credential"] == {"id": "ac", "secret": REDACTED}
    assert out["keypair"]["private_key"] == REDACTED
    assert out["access"]["token"] == {"id": REDACTED, "expires": "2099"}
    assert out["credential"]["blob"] == REDACTED
    assert doc["server"]["adminPass"] == "ap", "the input is not modified"


def test_a_volume_transfers_auth_key_is_a_secret() -> None:
    # whoever has a Cinder transfer's auth_key (and its id) takes the volume
    out = redact_json({"transfer": {"id": "t1", "auth_key": "f3c1b2a9"}, "accept": {"auth_key": "f3c1b2a9"}})
    assert out == {"transfer": {"id": "t1", "auth_key": REDACTED}, "accept": {"auth_key": REDACTED}}


def test_redact_text_handles_json_binary_and_length() -> None:
    assert "pw" not in redact_text(b'{"password": "pw"}')
    assert redact_text(b"\xff\xfe", "application/octet-stream") == "<2 bytes>"
    assert redact_text("x" * 10, limit=4).startswith("xxxx... <6 more")


def test_redact_url_hides_signatures_and_userinfo() -> None:
    url = "https://user:pass@swift.example/v1/AUTH_a/c/o?temp_url_sig=abc&temp_url_expires=1"
    out = redact_url(url)
    assert "abc" not in out and "pass" not in out and "temp_url_expires=1" in out


def test_models_keep_raw_aside_and_hide_secrets() -> None:
    server = models.Server(id="s1", name="web", admin_pass="ap-secret", raw={"id": "s1", "adminPass": "ap-secret"})
    assert "ap-secret" not in repr(server)
    assert server == models.Server(id="s1", name="web", admin_pass="ap-secret", raw={})
    key = models.Keypair(name="k", private_key="-----BEGIN RSA")
    assert "BEGIN" not in repr(key) and key.id == "k"
    assert models.Status.RUNNING == "RUNNING"
    assert str(models.Status.STOPPED) == "STOPPED"


def test_parse_time_reads_the_formats_services_send() -> None:
    utc = dt.timezone.utc
    assert parse_time("2015-08-27T10:49:32.000000Z") == dt.datetime(2015, 8, 27, 10, 49, 32, tzinfo=utc)
    assert parse_time("2012-08-20T21:11:09Z") == dt.datetime(2012, 8, 20, 21, 11, 9, tzinfo=utc)
    assert parse_time("2014-01-15T16:41:49.39027") == dt.datetime(2014, 1, 15, 16, 41, 49, 390270, tzinfo=utc)
    assert parse_time("2013-05-07T11:17:30.000-05:00") == dt.datetime(2013, 5, 7, 16, 17, 30, tzinfo=utc)
    assert parse_time("Wed, 15 Jan 2014 16:41:49 GMT") == dt.datetime(2014, 1, 15, 16, 41, 49, tzinfo=utc)
    assert parse_time(None) is None and parse_time("garbage") is None


def test_secret_pairs_in_free_text_are_replaced_and_the_rest_kept() -> None:
    text = (
        "Max retries exceeded with url: /v1/AUTH_a/c/o?temp_url_sig=abc123&temp_url_expires=99 "
        "(Caused by x) https://s3.example/b?X-Amz-Signature=deadbeef&X-Amz-Date=1 password=hunter2)"
    )
    out = redact_pairs_in_text(text)
    assert "abc123" not in out and "deadbeef" not in out and "hunter2" not in out
    assert "temp_url_expires=99" in out and "X-Amz-Date=1" in out and f"temp_url_sig={REDACTED}" in out
