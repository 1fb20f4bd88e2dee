"""Storage arguments wrong on their face raise ValidationError before the first request, the token's included.

Each class is checked in one place: temp URL arguments in ``tempurl.check_arguments`` (no token and no
/info needed), ``delete_at`` in the expiry headers, ``limit`` in the pager every listing goes through.
(Nova's: tests/openstack/compute/test_arguments_on_their_face.py.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pkgcloud import clock
from pkgcloud.errors import ValidationError
from tests.openstack.storage.conftest import Swift


@pytest.fixture
def nothing_sent(swift: Swift) -> Callable[..., ValidationError]:
    def check(call: Callable[[], Any], match: str) -> ValidationError:
        def run() -> None:
            result = call()
            if isinstance(result, Iterator):
                next(result)  # a Swift listing checks its arguments when first iterated, still before a request

        with pytest.raises(ValidationError, match=match) as caught:
            run()
        assert swift.server.requests() == [], "nothing may be sent for an argument wrong on its face"
        return caught.value

    return check


def past(seconds: int = 60) -> dt.datetime:
    return dt.datetime.fromtimestamp(clock.time() - seconds, dt.timezone.utc)


# -- temp URLs: no token, no /info -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ({"expires_at": "past"}, r"expires_at is in the past \(60 s ago\)"),
        ({"expires_at": 1}, "expires_at is in the past"),
        ({"expires_at": 0}, "expires_at must be an aware datetime or epoch seconds"),
        ({"expires_at": dt.datetime(2099, 1, 1)}, "aware datetime"),
        ({"expires_in": 0}, "expires_in must be a positive number"),
        ({"expires_in": -10}, "expires_in must be a positive number"),
        ({"ip_range": "300.1.2.3"}, "ip_range must be an IP address or a CIDR range"),
        ({"ip_range": "203.0.113.0/33"}, "ip_range must be an IP address or a CIDR range"),
        ({"ip_range": "localhost"}, "ip_range must be an IP address or a CIDR range"),
        ({"ip_range": ""}, "ip_range must be an IP address or a CIDR range"),
        ({"ip_range": ["203.0.113.1"]}, "ip_range must be a str"),
        ({"method": "PATCH"}, "method must be one of"),
        ({"digest": "md5"}, "digest must be one of"),
    ],
)
def test_temp_url_arguments_need_neither_a_token_nor_info(
    swift: Swift, nothing_sent: Callable[..., Any], given: dict[str, Any], fragment: str
) -> None:
    if given.get("expires_at") == "past":
        given = {"expires_at": past()}
    client = swift.client()
    # even without key=: the key lookup (a token and a HEAD of the account) would come after the checks
    nothing_sent(lambda: client.temp_url("c", "o", **given), fragment)


def test_temp_url_accepts_addresses_and_ranges_of_both_families(swift: Swift) -> None:
    swift.info({"tempurl": {"allowed_digests": ["sha256"]}})
    client = swift.client()
    for ip_range in ("203.0.113.7", "203.0.113.0/24", "2001:db8::1", "2001:db8::/32"):
        url = client.temp_url("c", "o", key="k", expires_in=60, ip_range=ip_range)
        assert "temp_url_ip_range=" in url
    assert len(swift.server.requests("GET")) >= 1, "the digest check does read /info once arguments are right"


# -- uploads: delete_at ------------------------------------------------------------------------------


@pytest.mark.parametrize("delete_at", ["past", 1, 1_000_000_000])
def test_delete_at_in_the_past_is_refused_before_the_token_request(
    swift: Swift, nothing_sent: Callable[..., Any], delete_at: Any
) -> None:
    when = past() if delete_at == "past" else delete_at
    client = swift.client()
    nothing_sent(lambda: client.upload("c", "o", b"x", delete_at=when), "delete_at must be in the future")


# -- listings: limit and page_size -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ({"limit": -1}, "limit must be a non-negative int"),
        ({"limit": 2.5}, "limit must be a non-negative int"),
        ({"limit": True}, "limit must be a non-negative int"),
    ],
)
def test_swift_listings_refuse_a_bad_limit(
    swift: Swift, nothing_sent: Callable[..., Any], given: dict[str, Any], fragment: str
) -> None:
    client = swift.client()
    nothing_sent(lambda: client.list_containers(**given), fragment)
    nothing_sent(lambda: client.list_objects("c", **given), fragment)
