"""Cloud Files CDN in replay, against cassettes built from captured fixtures (tests/builders/
rackspace_files_samples.py): the CDN listing, a container's state (404: not enabled), enable,
update, purge on the CDN endpoint and the daily purge limit."""

from __future__ import annotations

from typing import Any

import pytest

import pkgcloud.storage
from pkgcloud_rackspace.storage import CloudFiles, PurgeLimitExceeded

CDN = "https://cdn1.clouddrive.com/v1/MossoCloudFS_00aa00aa-aa00-aa00-aa00-aa00aa00aa00"


def files(**extra: Any) -> CloudFiles:
    options: dict[str, Any] = {"username": "MOCK-USERNAME", "api_key": "MOCK-API-KEY", "region": "DFW"}
    options.update(extra)
    client = pkgcloud.storage.create_client(provider="rackspace", **options)
    assert isinstance(client, CloudFiles)
    return client


def test_cdn_listing_and_state(cassette: Any) -> None:
    with cassette("rackspace/storage/cdn_list_and_state", built=True):
        client = files()
        assert client.cdn_endpoint == CDN
        listed = list(client.list_cdn_containers(enabled_only=True))
        assert [c.name for c in listed][:4] == [
            "cdn-container-1",
            "cdn-container-2",
            "cdn-container-3",
            "cdn-container-4 with spaces",
        ]
        assert listed[1].log_retention is True and listed[3].ttl == 777777
        assert listed[0].cdn_ssl_uri == "https://ssl-id-1.ssl.rackspace.com"
        after = [c.name for c in client.list_cdn_containers(marker="cdn-container-2")]
        assert after[0] == "cdn-container-3"
        found = client.get_cdn_container("cdn-container-1")
        assert (found.cdn_enabled, found.ttl, found.cdn_uri) == (True, 259200, "http://id-1.cdn.rackspace.com")
        assert client.get_cdn_container("private").cdn_enabled is False


def test_enable_update_purge_and_the_purge_limit(cassette: Any) -> None:
    with cassette("rackspace/storage/cdn_enable_update_purge", built=True):
        client = files()
        enabled = client.enable_cdn("cdn-container-1", ttl=900)
        assert (enabled.cdn_enabled, enabled.ttl) == (True, 900)
        assert client.update_cdn_container("cdn-container-1", log_retention=True).log_retention is True
        client.purge_cdn_object("cdn-container-1", "logo.png")
        with pytest.raises(PurgeLimitExceeded):
            client.purge_cdn_object("cdn-container-1", "logo.png")


def test_the_pkgcloud_catalog_whose_cdn_url_is_the_storage_url_is_refused(cassette: Any) -> None:
    # the identity exchange of the Cloud DNS cassettes is pkgcloud's catalog unchanged
    from pkgcloud.errors import EndpointNotFound

    with (
        cassette("rackspace/dns/limits_jobs", built=True, allow_unplayed=True),
        pytest.raises(EndpointNotFound, match="is the storage endpoint"),
    ):
        files().purge_cdn_object("c", "o")
