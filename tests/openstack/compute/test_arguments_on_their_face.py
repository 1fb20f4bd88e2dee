"""Compute arguments wrong on their face raise ValidationError before any request (microversion discovery too).

``min_count``/``max_count`` are checked in Nova's create body; ``limit``/``page_size`` by
``pkgcloud.paging.check_listing``, which every listing calls first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import pkgcloud
from pkgcloud.errors import ValidationError
from tests.harness.server import ScriptedServer, scripted_server


@pytest.fixture
def nova() -> Iterator[tuple[Any, ScriptedServer]]:
    with scripted_server() as server:
        client = pkgcloud.compute.create_client(
            provider="openstack", token="t", endpoint_override=f"{server.url}/v2.1", retries=0
        )
        yield client, server


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ({"limit": -1}, "limit must be a non-negative int"),
        ({"page_size": 0}, "page_size must be a positive int"),
        ({"page_size": -5}, "page_size must be a positive int"),
        ({"page_size": "10"}, "page_size must be a positive int"),
    ],
)
@pytest.mark.parametrize("listing", ["list_servers", "list_flavors", "list_images"])
def test_nova_listings_refuse_a_bad_limit_or_page_size(
    nova: tuple[Any, ScriptedServer], listing: str, given: dict[str, Any], fragment: str
) -> None:
    client, server = nova
    with pytest.raises(ValidationError, match=fragment):
        getattr(client, listing)(**given)  # at the call: before the microversion discovery
    assert server.requests() == []


@pytest.mark.parametrize("listing", ["list_servers", "list_flavors", "list_images", "list_keys", "list_server_groups"])
@pytest.mark.parametrize("limit", [-1, 1.5, "10"])
def test_every_nova_listing_refuses_a_bad_limit(nova: tuple[Any, ScriptedServer], listing: str, limit: Any) -> None:
    client, server = nova
    with pytest.raises(ValidationError, match="limit must be a non-negative int"):
        getattr(client, listing)(limit=limit)
    assert server.requests() == []


# -- servers: min_count and max_count ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "fragment"),
    [
        ({"min_count": 3, "max_count": 2}, r"min_count \(3\) is above max_count \(2\)"),
        ({"min_count": 0}, "min_count must be a whole number, 1 or more"),
        ({"max_count": -1}, "max_count must be a whole number, 1 or more"),
    ],
)
def test_min_count_above_max_count_is_refused_before_any_request(
    nova: tuple[Any, ScriptedServer], counts: dict[str, int], fragment: str
) -> None:
    client, server = nova
    with pytest.raises(ValidationError, match=fragment):
        client.create_server("web", "flavor-id", "image-id", **counts)
    assert server.requests() == [], "not even the microversion discovery"


def test_equal_counts_are_right() -> None:
    from pkgcloud_openstack.compute import bodies

    body, _ = bodies.server_create("web", "f", "i", min_count=2, max_count=2)
    assert (body["server"]["min_count"], body["server"]["max_count"]) == (2, 2)
