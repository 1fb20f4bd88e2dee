"""The HTTP layer against a real local server: retries, backoff, Retry-After, typed errors, redaction."""

from __future__ import annotations

import io
import logging
import socket

import pytest

from pkgcloud import clock
from pkgcloud.errors import (
    BadRequest,
    Conflict,
    ConnectionFailed,
    NotFound,
    RateLimited,
    ServerError,
    ServiceUnavailable,
    UnprocessableEntity,
)
from pkgcloud.http import Transport, parse_retry_after
from tests.harness.server import Reply, ScriptedServer, scripted_server, sequence


@pytest.fixture
def server() -> ScriptedServer:
    with scripted_server() as srv:
        yield srv  # type: ignore[misc]


def test_503_on_get_is_retried_with_backoff(server: ScriptedServer, fake_clock: clock.FakeClock) -> None:
    server.route("GET", "/x", sequence(Reply(503, "busy"), Reply(503, "busy"), Reply(200, {"ok": True})))
    response = Transport(backoff=0.5).request("GET", server.url + "/x")
    assert response.json() == {"ok": True}
    assert len(server.requests("GET", "/x")) == 3
    assert fake_clock.slept == [0.5, 1.0]


def test_retry_after_is_honoured(server: ScriptedServer, fake_clock: clock.FakeClock) -> None:
    server.route("GET", "/x", sequence(Reply(429, "slow down", {"Retry-After": "7"}), Reply(200, "ok")))
    Transport().request("GET", server.url + "/x")
    assert fake_clock.slept == [7.0]


def test_retry_after_longer_than_allowed_raises_rate_limited_with_the_wait(
    server: ScriptedServer, fake_clock: clock.FakeClock
) -> None:
    server.route("GET", "/x", Reply(429, {"overLimit": {"message": "slow down"}}, {"Retry-After": "120"}))
    with pytest.raises(RateLimited) as info:
        Transport(max_backoff=30).request("GET", server.url + "/x")
    assert info.value.retry_after == 120.0
    assert info.value.message == "slow down"
    assert fake_clock.slept == []


def test_post_is_not_retried_on_503(server: ScriptedServer, fake_clock: clock.FakeClock) -> None:
    server.route("POST", "/x", Reply(503, "busy"))
    with pytest.raises(ServiceUnavailable):
        Transport().request("POST", server.url + "/x", json={"a": 1})
    assert len(server.requests("POST", "/x")) == 1


def test_a_one_shot_stream_is_not_retried(server: ScriptedServer, fake_clock: clock.FakeClock) -> None:
    server.route("PUT", "/x", Reply(503, "busy"))
    with pytest.raises(ServiceUnavailable):
        Transport().request("PUT", server.url + "/x", data=iter([b"abc", b"def"]))
    assert len(server.requests("PUT", "/x")) == 1


def test_a_seekable_file_is_rewound_before_a_retry(server: ScriptedServer, fake_clock: clock.FakeClock) -> None:
    server.route("PUT", "/x", sequence(Reply(503, "busy"), Reply(201, "")))
    body = io.BytesIO(b"0123456789")
    body.seek(2)  # the upload starts where the caller left the file
    Transport().request("PUT", server.url + "/x", data=body)
    sent = [seen.body for seen in server.requests("PUT", "/x")]
    assert sent == [b"23456789", b"23456789"]


def test_retries_are_bounded(server: ScriptedServer, fake_clock: clock.FakeClock) -> None:
    server.route("GET", "/x", Reply(502, "bad gateway"))
    with pytest.raises(ServerError):
        Transport(retries=2).request("GET", server.url + "/x")
    assert len(server.requests("GET", "/x")) == 3


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connection_refused_is_retried_then_raises(fake_clock: clock.FakeClock) -> None:
    port = closed_port()
    with pytest.raises(ConnectionFailed) as info:
        Transport(retries=2, backoff=1).request("POST", f"http://127.0.0.1:{port}/x?temp_url_sig=abcdef")
    assert fake_clock.slept == [1.0, 2.0], "a refused connection sent nothing: even a POST may retry"
    assert "after 3 attempts" in str(info.value)
    assert "abcdef" not in str(info.value)


@pytest.mark.parametrize(
    ("status", "body", "cls", "message"),
    [
        (
            400,
            {"badRequest": {"code": 400, "message": "Invalid flavorRef provided."}},
            BadRequest,
            "Invalid flavorRef provided.",
        ),
        (
            404,
            "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
            NotFound,
            "Not Found The resource could not be found.",
        ),
        (
            409,
            {"NeutronError": {"type": "InUse", "message": "Network is in use", "detail": ""}},
            Conflict,
            "Network is in use",
        ),
        (
            422,
            "<html><h1>Unprocessable Entity</h1><p>Unable to process the contained instructions</p></html>",
            UnprocessableEntity,
            "Unprocessable Entity Unable to process the contained instructions",
        ),
        (
            500,
            {"error": {"code": 500, "title": "Internal Server Error", "message": "An unexpected error"}},
            ServerError,
            "An unexpected error",
        ),
    ],
)
def test_errors_are_typed_and_carry_the_service_message_and_request_id(
    server: ScriptedServer, status: int, body: object, cls: type, message: str
) -> None:
    server.route("POST", "/x", Reply(status, body, {"X-Openstack-Request-Id": "req-123"}))
    with pytest.raises(cls) as info:
        Transport().request("POST", server.url + "/x?sig=secretsig")
    err = info.value
    assert err.status == status
    assert err.message == message
    assert err.request_id == "req-123"
    assert err.method == "POST"
    assert "secretsig" not in str(err) and "secretsig" not in err.url
    assert message in str(err) and "req-123" in str(err)


def test_swift_trans_id_is_the_request_id(server: ScriptedServer) -> None:
    server.route("GET", "/x", Reply(404, "", {"X-Trans-Id": "tx123"}))
    with pytest.raises(NotFound) as info:
        Transport().request("GET", server.url + "/x")
    assert info.value.request_id == "tx123"


def test_redirects_are_not_followed(server: ScriptedServer) -> None:
    # following would carry X-Auth-Token to wherever the Location points
    server.route("GET", "/x", Reply(302, "", {"Location": "http://evil.example/steal"}))
    response = Transport().request("GET", server.url + "/x", headers={"X-Auth-Token": "tok"})
    assert response.status_code == 302


def test_user_agent_names_pkgcloud_and_its_version(server: ScriptedServer) -> None:
    from pkgcloud import __version__

    server.route("GET", "/x", Reply(200, ""))
    Transport(user_agent="myapp/2").request("GET", server.url + "/x")
    agent = server.requests("GET", "/x")[0].headers["User-Agent"]
    assert agent.startswith("myapp/2 pkgcloud/" + __version__)


def test_debug_log_shows_neither_password_nor_token(server: ScriptedServer, caplog: pytest.LogCaptureFixture) -> None:
    server.route(
        "POST",
        "/v3/auth/tokens",
        Reply(
            201,
            {"token": {"expires_at": "2099-01-01T00:00:00Z", "id": "body-token-id"}},
            {"X-Subject-Token": "gAAAAAsubjecttoken"},
        ),
    )
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "s3cret-passw0rd"}},
            }
        }
    }
    with caplog.at_level(logging.DEBUG, logger="pkgcloud.http"):
        Transport().request(
            "POST",
            server.url + "/v3/auth/tokens",
            json=body,
            headers={"X-Auth-Token": "gAAAAArequesttoken", "X-Account-Meta-Temp-URL-Key": "tempkey123"},
        )
    text = caplog.text
    assert "REQ POST" in text and "RESP POST" in text, "the log must show the exchange"
    assert "demo" in text, "non-secret fields stay readable"
    for secret in ("s3cret-passw0rd", "gAAAAArequesttoken", "gAAAAAsubjecttoken", "tempkey123", "body-token-id"):
        assert secret not in text, f"{secret} leaked into the log"


def test_parse_retry_after_accepts_seconds_and_dates(fake_clock: clock.FakeClock) -> None:
    import email.utils

    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    when = email.utils.formatdate(fake_clock.time() + 20, usegmt=True)
    value = parse_retry_after(when)
    assert value is not None and 18 <= value <= 21


# -- answers cut short -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param("HTTP/1.1 200 OK\r\n", id="after-the-status-line"),
        pytest.param("Content-Type: appl", id="inside-a-header"),
        pytest.param("Content-Type: application/json\r\n", id="after-a-header-line"),
    ],
)
def test_an_answer_cut_inside_its_header_block_is_a_dropped_connection_and_retried(
    server: ScriptedServer, fake_clock: clock.FakeClock, cut: str
) -> None:
    # http.client takes the end of the connection for the end of the headers: without the check this
    # answer reads as a complete 200 with an empty body
    whole = Reply(200, {"ok": True}, {"Content-Type": "application/json", "X-Later": "1"})
    cut_short = Reply(200, {"ok": True}, {"Content-Type": "application/json", "X-Later": "1"}, cut=cut)
    server.route("GET", "/x", sequence(cut_short, whole))
    response = Transport(backoff=0.5).request("GET", server.url + "/x")
    assert response.json() == {"ok": True}
    assert len(server.requests("GET", "/x")) == 2
    assert fake_clock.slept == [0.5]


def test_a_cut_header_block_on_a_post_raises_connection_failed_and_is_not_sent_again(
    server: ScriptedServer, fake_clock: clock.FakeClock
) -> None:
    server.route("POST", "/x", Reply(202, {"ok": True}, cut="HTTP/1.1 202 Accepted\r\n"))
    with pytest.raises(ConnectionFailed, match="inside the header block of the answer") as info:
        Transport().request("POST", server.url + "/x", json={"a": 1})
    assert "(202 Accepted, 0 header line(s) received)" in str(info.value)
    assert len(server.requests("POST", "/x")) == 1


def test_a_cut_header_block_on_a_head_is_retried(server: ScriptedServer, fake_clock: clock.FakeClock) -> None:
    headers = {"Content-Length": "5", "ETag": "5d41402abc4b2a76b9719d911017c592"}
    server.route("HEAD", "/x", sequence(Reply(200, b"", headers, cut="ETag: 5d41"), Reply(200, b"", headers)))
    response = Transport().request("HEAD", server.url + "/x")
    assert response.headers["ETag"] == headers["ETag"]
    assert len(server.requests("HEAD", "/x")) == 2


def test_a_body_cut_short_is_retried_on_a_get_and_typed_on_a_post(
    server: ScriptedServer, fake_clock: clock.FakeClock
) -> None:
    body = b'{"items": [' + b"1, " * 1000 + b"1]}"
    server.route("GET", "/x", sequence(Reply(200, body, drop_after=100), Reply(200, body)))
    assert len(Transport().request("GET", server.url + "/x").json()["items"]) == 1001
    assert len(server.requests("GET", "/x")) == 2
    # requests raises ChunkedEncodingError for it, which must not escape
    server.route("POST", "/x", Reply(200, body, drop_after=100))
    with pytest.raises(ConnectionFailed, match="POST .* failed"):
        Transport().request("POST", server.url + "/x", json={})


def test_an_answer_the_check_finds_incomplete_is_handled_as_a_dropped_connection(
    server: ScriptedServer, fake_clock: clock.FakeClock
) -> None:
    server.route("GET", "/x", sequence(Reply(200, "a"), Reply(200, "a", {"X-Whole": "yes"})))

    def check(response: object) -> str | None:
        return None if getattr(response, "headers", {}).get("X-Whole") else "no X-Whole"

    response = Transport().request("GET", server.url + "/x", check=check)
    assert response.headers["X-Whole"] == "yes"
    server.route("GET", "/y", Reply(200, "a"))
    with pytest.raises(ConnectionFailed, match=r"incomplete answer \(200\): no X-Whole.*after 3 attempts"):
        Transport(retries=2).request("GET", server.url + "/y", check=check)
    assert len(server.requests("GET", "/y")) == 3
    server.route("POST", "/z", Reply(200, "a"))
    with pytest.raises(ConnectionFailed, match="after 1 attempt"):
        Transport().request("POST", server.url + "/z", check=check)


def test_parse_retry_after_accepts_iso_8601(fake_clock: clock.FakeClock) -> None:
    import datetime as dt

    when = dt.datetime.fromtimestamp(fake_clock.time() + 30, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    value = parse_retry_after(when)
    assert value is not None and 28 <= value <= 31
    assert parse_retry_after("2000-01-01T00:00:00Z") == 0.0  # already past


def test_a_413_with_a_retry_header_is_a_rate_limit_and_retried(
    server: ScriptedServer, fake_clock: clock.FakeClock
) -> None:
    server.route("GET", "/x", sequence(Reply(413, {"message": "over limit"}, {"Retry-After": "4"}), Reply(200, "ok")))
    Transport().request("GET", server.url + "/x")
    assert fake_clock.slept == [4.0]


def test_a_413_naming_its_wait_as_reply_after_is_a_rate_limit(
    server: ScriptedServer, fake_clock: clock.FakeClock
) -> None:
    server.route("POST", "/x", Reply(413, {"message": "over limit"}, {"Reply-After": "9"}))
    with pytest.raises(RateLimited) as info:
        Transport().request("POST", server.url + "/x", json={})
    assert info.value.status == 413 and info.value.retry_after == 9.0
    assert fake_clock.slept == []  # a POST is not retried by the transport


def test_a_413_without_a_retry_header_is_an_absolute_limit_not_retried(
    server: ScriptedServer, fake_clock: clock.FakeClock
) -> None:
    from pkgcloud.errors import RequestEntityTooLarge

    server.route("GET", "/x", Reply(413, {"message": "Limit of 500 domains has been reached"}))
    with pytest.raises(RequestEntityTooLarge) as info:
        Transport().request("GET", server.url + "/x")
    assert not isinstance(info.value, RateLimited)
    assert len(server.requests("GET", "/x")) == 1 and fake_clock.slept == []
