"""Which endpoint each Rackspace service picks from a real account's catalog (php-opencloud's captured
one, every service in every region; cassette built by tests/builders/rackspace_files_samples.py):
by region, ServiceNet with ``use_internal`` (Cloud Databases has none), the region-less DNS, and the CDN
that stays public."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

import pkgcloud.storage
from pkgcloud.errors import EndpointNotFound

CASSETTE = "rackspace/catalog/every_service"
ACCOUNT = "MossoCloudFS_XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"


def endpoint(cassette: Any, service: str, **options: Any) -> str:
    with cassette(CASSETTE, built=True, allow_unplayed=True):
        module = importlib.import_module(f"pkgcloud.{service}")
        client = module.create_client(provider="rackspace", username="MOCK-USERNAME", api_key="MOCK-API-KEY", **options)
        return str(client.endpoint)


@pytest.mark.parametrize(
    ("service", "options", "expected"),
    [
        ("compute", {"region": "ORD"}, "https://ord.servers.api.rackspacecloud.com/v2/123456"),
        ("storage", {"region": "ORD"}, f"https://storage101.ord1.clouddrive.com/v1/{ACCOUNT}"),
        (
            "storage",
            {"region": "ORD", "use_internal": True},
            f"https://snet-storage101.ord1.clouddrive.com/v1/{ACCOUNT}",
        ),
        ("dns", {"region": "SYD"}, "https://dns.api.rackspacecloud.com/v1.0/123456"),
        ("loadbalancer", {"region": "DFW"}, "https://dfw.loadbalancers.api.rackspacecloud.com/v1.0/123456"),
        ("blockstorage", {"region": "IAD"}, "https://iad.blockstorage.api.rackspacecloud.com/v1/123456"),
        ("network", {"region": "DFW"}, "https://dfw.networks.api.rackspacecloud.com/v2.0"),
        ("network", {"region": "IAD"}, "https://iad.networks.api.rackspacecloud.com/v2.0"),
        ("cdn", {"region": "DFW"}, "https://global.cdn.api.rackspacecloud.com/v1.0/123456"),
        ("orchestration", {"region": "ORD"}, "https://ord.orchestration.api.rackspacecloud.com/v1/123456"),
        ("database", {"region": "ORD"}, "https://ord.databases.api.rackspacecloud.com/v1.0/123456"),
        ("database", {"region": "SYD"}, "https://syd.databases.api.rackspacecloud.com/v1.0/123456"),
        ("database", {"region": "HKG"}, "https://hkg.databases.api.rackspacecloud.com/v1.0/123456"),
    ],
)
def test_each_service_finds_its_endpoint(cassette: Any, service: str, options: dict[str, Any], expected: str) -> None:
    assert endpoint(cassette, service, **options) == expected


def test_the_cdn_endpoint_stays_public_under_servicenet(cassette: Any) -> None:
    with cassette(CASSETTE, built=True, allow_unplayed=True):
        client = pkgcloud.storage.create_client(
            provider="rackspace", username="MOCK-USERNAME", api_key="MOCK-API-KEY", region="DFW", use_internal=True
        )
        assert client.cdn_endpoint == f"https://cdn1.clouddrive.com/v1/{ACCOUNT}"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("service", "region"), [("network", "ORD"), ("orchestration", "HKG")])
def test_a_region_the_service_is_not_in_is_named(cassette: Any, service: str, region: str) -> None:
    with pytest.raises(EndpointNotFound):
        endpoint(cassette, service, region=region)


def test_cloud_databases_publishes_no_servicenet_endpoint(cassette: Any) -> None:
    # the captured catalog gives cloudDatabases public URLs only: use_internal names what there is
    with pytest.raises(EndpointNotFound, match="interface 'internal'.*rax:database 'cloudDatabases' \\(public;"):
        endpoint(cassette, "database", region="ORD", use_internal=True)


def test_compute_picks_the_openstack_servers_not_the_first_generation(cassette: Any) -> None:
    # both are type "compute"; the region-less first-generation cloudServers would match any region
    assert "servers.api.rackspacecloud.com/v1.0" not in endpoint(cassette, "compute", region="DFW")
