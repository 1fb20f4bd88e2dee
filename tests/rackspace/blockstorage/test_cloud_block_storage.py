"""Rackspace Cloud Block Storage (Cinder v1): replay against a cassette built from pkgcloud's Rackspace
fixtures and the Cinder v1 samples (tests/builders/rackspace_files_samples.py), the v1 bodies
(display_name, falsy values kept), the type/size ranges and what v1 has not, before any request."""

from __future__ import annotations

from typing import Any

import pytest

import pkgcloud.blockstorage
from pkgcloud.errors import UnsupportedOperation, ValidationError
from pkgcloud_rackspace.blockstorage import CloudBlockStorage
from pkgcloud_rackspace.blockstorage import bodies as B
from tests.harness.server import Reply, ScriptedServer, scripted_server
from tests.rackspace.conftest import rax_options

CBS = "https://dfw.blockstorage.api.rackspacecloud.com/v1/123456"


def cbs(**extra: Any) -> CloudBlockStorage:
    options: dict[str, Any] = {"username": "MOCK-USERNAME", "api_key": "MOCK-API-KEY", "region": "DFW"}
    options.update(extra)
    client = pkgcloud.blockstorage.create_client(provider="rackspace", **options)
    assert isinstance(client, CloudBlockStorage)
    return client


def test_volumes_and_snapshots_in_v1(cassette: Any) -> None:
    with cassette("rackspace/blockstorage/v1_volumes", built=True):
        client = cbs()
        assert client.endpoint == CBS
        assert client.microversion is None
        volume = client.create_volume(100, name="foo3", description="my volume", volume_type="sata")
        assert (volume.name, volume.description, volume.size, volume.volume_type) == ("foo3", "my volume", 100, "SATA")
        (listed,) = client.list_volumes()
        assert listed.id == "b14658a5-62fe-44ef-bcee-ea25abd0598e"
        renamed = client.update_volume(volume, name="bar", description="")
        assert (renamed.name, renamed.description) == ("bar", "")
        shown = client.get_volume(volume.id)
        assert shown.name == "vol-001"
        snap = client.create_snapshot(volume, name="snap-001", description="Daily backup", force=True)
        assert (snap.name, snap.description, snap.status) == ("snap-001", "Daily backup", "available")
        assert [t.name for t in client.list_volume_types()] == ["vol-type-001", "vol-type-002"]
        client.delete_volume(volume)


def test_v1_bodies_keep_falsy_values_and_leave_out_unset_ones() -> None:
    assert B.named_update("update_volume", None, "") == {"display_description": ""}
    assert B.snapshot_create("v", name="", description=None, force=False, metadata={}) == {
        "volume_id": "v",
        "display_name": "",
        "force": False,
        "metadata": {},
    }
    body = B.volume_create(50, volume_type="SSD", name="", metadata={})
    assert body == {"volume": {"size": 50, "display_name": "", "volume_type": "SSD", "metadata": {}}}
    assert B.volume_create(None, snapshot_id="s") == {"volume": {"snapshot_id": "s"}}


@pytest.fixture
def server() -> Any:
    def token(seen: Any) -> Reply:
        return Reply(
            200,
            {
                "access": {
                    "token": {"id": "t", "expires": "2099-12-31T23:59:59Z", "tenant": {"id": "1", "name": "1"}},
                    "user": {"id": "u", "name": "MOCK-USERNAME"},
                    "serviceCatalog": [
                        {
                            "name": "cloudBlockStorage",
                            "type": "volume",
                            "endpoints": [{"region": "DFW", "tenantId": "1", "publicURL": f"{found.url}/v1/1"}],
                        }
                    ],
                }
            },
        )

    with scripted_server() as found:
        found.route("POST", "/v2.0/tokens", token)
        yield found


def client(server: ScriptedServer) -> CloudBlockStorage:
    found = pkgcloud.blockstorage.create_client(provider="rackspace", **rax_options(server))
    assert isinstance(found, CloudBlockStorage)
    return found


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.create_volume(74), "SATA volume is 75 to 1024 GB"),
        (lambda c: c.create_volume(1025, volume_type="SSD"), "SSD volume is 50 to 1024 GB"),
        (lambda c: c.create_volume(49, volume_type="ssd"), "SSD volume is 50 to 1024"),
        (lambda c: c.create_volume(100, volume_type="gold"), "'SATA' and 'SSD'"),
        (lambda c: c.create_volume(), "size is required"),
        (lambda c: c.create_volume(100, multiattach=True), "unknown option 'multiattach'"),
        (lambda c: c.create_volume(100, snapshot_id="s", image_id="i"), "one source at most"),
        (lambda c: c.create_volume(True), "whole number"),
        (lambda c: c.update_volume("v"), "at least one field"),
        (lambda c: c.create_snapshot("v", force="yes"), "True or False"),
    ],
)
def test_bad_input_is_refused_before_any_request(server: ScriptedServer, call: Any, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        call(client(server))
    assert [s for s in server.requests() if not s.path.startswith("/v2.0/")] == []


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.create_backup("v"),
        lambda c: list(c.list_backups()),
        lambda c: c.create_transfer("v"),
        lambda c: list(c.list_messages()),
        lambda c: c.revert_volume_to_snapshot("v", "s"),
        lambda c: c.get_quotas(),
    ],
)
def test_what_v1_has_not_is_unsupported(server: ScriptedServer, call: Any) -> None:
    with pytest.raises(UnsupportedOperation, match="Cloud Block Storage"):
        call(client(server))
    assert [s for s in server.requests() if not s.path.startswith("/v2.0/")] == []


def test_an_in_use_volume_is_snapshotted_with_force_and_no_microversion_header(server: ScriptedServer) -> None:
    server.route("GET", "/v1/1/volumes/v", Reply(200, {"volume": {"id": "v", "status": "in-use", "size": 100}}))
    server.route(
        "POST", "/v1/1/snapshots", Reply(200, {"snapshot": {"id": "s", "volume_id": "v", "status": "creating"}})
    )
    client(server).create_snapshot("v", name="n")
    (seen,) = server.requests("POST", "/v1/1/snapshots")
    import json

    assert json.loads(seen.body) == {"snapshot": {"volume_id": "v", "display_name": "n", "force": True}}
    assert not any(k.lower() == "openstack-api-version" for k in seen.headers)
