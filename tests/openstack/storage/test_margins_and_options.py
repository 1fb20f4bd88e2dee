"""Margins that fit the token, and option values taken as given (0 and False are values), on real sockets.

Tokens shorter than ``expiry_margin`` used to be renewed before every request (354 operations made
355 token requests); ``expiry_margin=0`` became 120 s, and other numeric options read with
``x or default`` lost their 0 the same way.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from pkgcloud import clock
from pkgcloud.errors import ConnectionFailed, InvalidOption, ServiceUnavailable
from tests.harness.server import Reply, Seen
from tests.openstack.storage.conftest import Swift, data_of, md5


def test_tokens_shorter_than_the_margin_are_shared_not_requested_for_every_call(
    swift: Swift, fake_clock: clock.FakeClock
) -> None:
    swift.keystone.lifetime = 6.0  # the default margin (120 s) is 20 times longer
    swift.route("HEAD", "", Reply(204))
    client = swift.client()
    for _ in range(100):
        client.get_account()
        fake_clock.advance(0.1)
    # 10 s of calls with 6 s tokens used for three quarters of their life: 3 tokens, not 100
    assert swift.keystone.token_requests == 3
    # each was used until a quarter of its life was left (4.5 s: 45 calls, give or take one)
    tokens = [seen.headers["X-Auth-Token"] for seen in swift.seen("HEAD")]
    uses = [tokens.count(t) for t in dict.fromkeys(tokens)]
    assert all(44 <= n <= 46 for n in uses[:-1]), uses


def test_threads_share_one_short_token(swift: Swift, fake_clock: clock.FakeClock) -> None:
    swift.keystone.lifetime = 6.0
    swift.route("HEAD", "", Reply(204))
    client = swift.client()
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(10):
                client.get_account()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert swift.keystone.token_requests == 1  # the clock did not move: one token for 80 calls


def test_expiry_margin_zero_is_honoured(swift: Swift, fake_clock: clock.FakeClock) -> None:
    swift.keystone.lifetime = 600.0
    swift.route("HEAD", "", Reply(204))
    client = swift.client(expiry_margin=0)
    assert client.auth.margin == 0.0
    client.get_account()
    fake_clock.advance(599)  # one second left: with margin 0 the token is still used
    client.get_account()
    assert swift.keystone.token_requests == 1
    fake_clock.advance(1)
    client.get_account()
    assert swift.keystone.token_requests == 2


def test_a_margin_within_a_quarter_of_the_lifetime_is_used_as_given(swift: Swift, fake_clock: clock.FakeClock) -> None:
    swift.keystone.lifetime = 3600.0
    swift.route("HEAD", "", Reply(204))
    client = swift.client(expiry_margin=300)
    client.get_account()
    fake_clock.advance(3290)  # 310 s left: fresh
    client.get_account()
    assert swift.keystone.token_requests == 1
    fake_clock.advance(20)  # 290 s left: within the 300 s margin
    client.get_account()
    assert swift.keystone.token_requests == 2


# -- option values: 0 and False are values ------------------------------------------------------------


def test_retries_zero_means_no_retry(swift: Swift, fake_clock: clock.FakeClock) -> None:  # an int option
    swift.route("HEAD", "/c/o", Reply(503, "busy"))
    with pytest.raises(ServiceUnavailable):
        swift.client(retries=0).get_object("c", "o")
    assert len(swift.seen("HEAD", "/c/o")) == 1


def test_retries_zero_means_a_cut_download_is_not_resumed(swift: Swift, tmp_path: Path) -> None:
    data = data_of(100_000)
    swift.route("GET", "/c/o", Reply(200, data, {"ETag": md5(data)}, drop_after=1000))
    with pytest.raises(ConnectionFailed, match="after 0 resumes"):
        swift.client(retries=0).download("c", "o", tmp_path / "o")
    assert len(swift.seen("GET", "/c/o")) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["backoff", "max_backoff"])
def test_zero_backoff_retries_without_waiting(swift: Swift, fake_clock: clock.FakeClock, option: str) -> None:
    swift.route("HEAD", "/c/o", Reply(503, "busy"))
    with pytest.raises(ServiceUnavailable):
        swift.client(**{option: 0}).get_object("c", "o")
    assert len(swift.seen("HEAD", "/c/o")) == 4
    assert fake_clock.slept == [0.0, 0.0, 0.0]


def test_zero_backoff_resumes_a_download_without_waiting(
    swift: Swift, fake_clock: clock.FakeClock, tmp_path: Path
) -> None:
    data = data_of(100_000)

    def cut(seen: Seen) -> Reply:
        if "Range" not in seen.headers:
            return Reply(200, data, {"ETag": md5(data)}, drop_after=0)
        whole = {"ETag": md5(data), "Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}"}
        return Reply(206, data, whole, drop_after=0)

    swift.route("GET", "/c/o", cut)
    with pytest.raises(ConnectionFailed, match="after 2 resumes"):
        swift.client(backoff=0, retries=2).download("c", "o", tmp_path / "o")
    assert fake_clock.slept == [0.0, 0.0]


def test_false_is_a_value(swift: Swift) -> None:  # bool options
    shared = swift.client()
    assert swift.client().auth is shared.auth
    assert swift.client(share_auth=False).auth is not shared.auth
    assert swift.client(verify=False).api.transport.session.verify is False
    assert swift.client(insecure=False).api.transport.session.verify is True


@pytest.mark.parametrize(
    ("option", "value", "wanted"),
    [
        ("expiry_margin", -1, "zero or more"),
        ("retries", -1, "zero or more"),
        ("backoff", -0.5, "zero or more"),
        ("max_backoff", -1, "zero or more"),
        ("pool_size", 0, "above zero"),
        ("timeout", 0, "above zero"),
        ("connect_timeout", 0.0, "above zero"),
    ],
)
def test_numbers_out_of_range_are_refused_before_any_request(
    swift: Swift, option: str, value: float, wanted: str
) -> None:
    with pytest.raises(InvalidOption, match=f"option '{option}' = {value!r} must be {wanted}"):
        swift.client(**{option: value})
    assert swift.server.seen == []


# -- clients sharing a token context ------------------------------------------------------------------


def test_clients_share_a_context_only_with_the_same_margin_and_http_settings(swift: Swift) -> None:
    first = swift.client()
    assert swift.client().auth is first.auth
    assert swift.client(region="RegionOne").auth is first.auth  # not a setting of the context
    for different in ({"expiry_margin": 30}, {"timeout": 5}, {"connect_timeout": 2}, {"retries": 0}, {"backoff": 0}):
        other = swift.client(**different)
        assert other.auth is not first.auth, different
        assert swift.client(**different).auth is other.auth, different


def test_a_shared_context_uses_each_clients_own_keystone_timeout(swift: Swift) -> None:
    patient = swift.client(timeout=120)
    hasty = swift.client(timeout=2)
    assert patient.auth.transport.timeout[1] == 120.0
    assert hasty.auth.transport.timeout[1] == 2.0
