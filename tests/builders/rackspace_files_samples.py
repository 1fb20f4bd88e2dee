"""Rackspace Cloud Files CDN cassettes, built from licensed captured fixtures.

The CDN cannot be reached from here. Each cassette is the API-key authentication (pkgcloud's captured
Rackspace catalog, ``rackspace/auth.json``) and the documented exchanges of one test. That catalog
points ``cloudFilesCDN`` at the same URL as ``cloudFiles`` (both at the fixture's mock server), which
the client refuses (a purge there would delete the object): the cassettes give ``cloudFilesCDN`` the
documented ``cdn*.clouddrive.com`` URL, and their metadata says so. Listing bodies are jclouds'
``cdn_container_list*.json``; HEAD/PUT/POST/DELETE answers carry only headers, as documented
(services-round2 §6.1), and say so.

Run: PKGCLOUD_API_SAMPLES=/work/shared/api-samples .venv/bin/python -m tests.builders.rackspace_files_samples
"""

from __future__ import annotations

import copy
from typing import Any

from tests.builders.common import sample
from tests.builders.rackspace_samples import PKG, Cassette

JF = "jclouds-fixtures/apis/rackspace-cloudfiles/src/test/resources"
ACCOUNT = "MossoCloudFS_00aa00aa-aa00-aa00-aa00-aa00aa00aa00"
CDN = f"https://cdn1.clouddrive.com/v1/{ACCOUNT}"
STORE = f"http://localhost:12345/v1/{ACCOUNT}"
HEADERS_ONLY = "headers only, as the CDN API documents (no fixture has them)"


def catalog_with_cdn() -> dict[str, Any]:
    doc = copy.deepcopy(sample(f"{PKG}/auth.json"))
    for service in doc["access"]["serviceCatalog"]:
        if service["name"] == "cloudFilesCDN":
            for endpoint in service["endpoints"]:
                endpoint["publicURL"] = endpoint["publicURL"].replace(
                    "http://localhost:12345", "https://cdn1.clouddrive.com"
                )
    return doc


def files_cassette(name: str) -> Cassette:
    c = Cassette(name)
    c.items[0].response_body = catalog_with_cdn()
    c.sources[0] = f"{PKG}/auth.json (identity; cloudFilesCDN publicURL set to the documented cdn1.clouddrive.com host)"
    return c


def cdn_cassettes() -> list[Cassette]:
    out: list[Cassette] = []
    c = files_cassette("rackspace/storage/cdn_list_and_state")
    c.add(
        "GET",
        f"{CDN}?format=json&enabled_only=true&limit=10000",
        200,
        sample(f"{JF}/cdn_container_list.json"),
        source=f"{JF}/cdn_container_list.json",
    )
    c.add(
        "GET",
        f"{CDN}?format=json&marker=cdn-container-2&limit=10000",
        200,
        sample(f"{JF}/cdn_container_list_at.json"),
        source=f"{JF}/cdn_container_list_at.json",
    )
    enabled = {
        "X-Cdn-Enabled": "True",
        "X-Ttl": "259200",
        "X-Log-Retention": "False",
        "X-Cdn-Uri": "http://id-1.cdn.rackspace.com",
        "X-Cdn-Ssl-Uri": "https://ssl-id-1.ssl.rackspace.com",
    }
    c.add(
        "HEAD",
        f"{CDN}/cdn-container-1",
        204,
        None,
        headers=enabled,
        source=f"URIs of {JF}/cdn_container_list.json; {HEADERS_ONLY}",
    )
    c.add("HEAD", f"{CDN}/private", 404, None, source="404: the container is not CDN-enabled")
    out.append(c)

    c = files_cassette("rackspace/storage/cdn_enable_update_purge")
    c.add("PUT", f"{CDN}/cdn-container-1", 201, None, headers={**enabled, "X-Ttl": "900"}, source=f"201 {HEADERS_ONLY}")
    c.add("POST", f"{CDN}/cdn-container-1", 204, None, source=f"204 {HEADERS_ONLY}")
    c.add(
        "HEAD", f"{CDN}/cdn-container-1", 204, None, headers={**enabled, "X-Log-Retention": "True"}, source=HEADERS_ONLY
    )
    c.add("DELETE", f"{CDN}/cdn-container-1/logo.png", 204, None, source=f"204 {HEADERS_ONLY}")
    c.add(
        "DELETE", f"{CDN}/cdn-container-1/logo.png", 498, "Rate Limited", source="498: the documented daily purge limit"
    )
    out.append(c)
    return out


# -- the whole catalog -----------------------------------------------------------------------------

PO_AUTH = "php-opencloud-fixtures/tests/OpenCloud/Tests/_response/Auth.resp"


def catalog_cassette() -> str:
    """php-opencloud's captured Rackspace catalog: every service of the account, every region."""
    from tests.builders.common import Interaction, write_cassette
    from tests.builders.rackspace_samples import IDENTITY, resp

    item = Interaction(
        "POST",
        IDENTITY,
        request_body={"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "MOCK-USERNAME", "apiKey": "MOCK-API-KEY"}}},
        response_body=resp(PO_AUTH),
    )
    return str(write_cassette("rackspace/catalog/every_service", [item], [f"{PO_AUTH} (identity, unchanged)"]))


# -- Cloud Block Storage (Cinder v1) ------------------------------------------------------------------

CV1 = "openstack-cinder-v1-legacy/api-ref/source/v1/samples"
CBS = "https://dfw.blockstorage.api.rackspacecloud.com/v1/123456"


def php_catalog_cassette(name: str) -> Cassette:
    """A cassette whose identity exchange is php-opencloud's captured catalog (real Rackspace URLs)."""
    from tests.builders.rackspace_samples import resp

    c = Cassette(name)
    c.items[0].response_body = resp(PO_AUTH)
    c.sources[0] = f"{PO_AUTH} (identity)"
    return c


def block_storage_cassettes() -> list[Cassette]:
    out: list[Cassette] = []
    c = php_catalog_cassette("rackspace/blockstorage/v1_volumes")
    created = sample(f"{PKG}/createVolume.json")
    vid = created["volume"]["id"]
    c.add(
        "POST",
        f"{CBS}/volumes",
        200,
        created,
        request={
            "volume": {"size": 100, "display_name": "foo3", "display_description": "my volume", "volume_type": "SATA"}
        },
        source=f"{PKG}/createVolume.json",
    )
    c.add("GET", f"{CBS}/volumes/detail", 200, sample(f"{PKG}/volumes.json"), source=f"{PKG}/volumes.json")
    renamed = copy.deepcopy(created)
    renamed["volume"]["display_name"] = "bar"
    renamed["volume"]["display_description"] = ""
    c.add(
        "PUT",
        f"{CBS}/volumes/{vid}",
        200,
        renamed,
        request={"volume": {"display_name": "bar", "display_description": ""}},
        source=f"{PKG}/createVolume.json with the new name and description",
    )
    c.add(
        "GET",
        f"{CBS}/volumes/{vid}",
        200,
        sample(f"{CV1}/volume-show-response.json"),
        source=f"{CV1}/volume-show-response.json",
    )
    c.add(
        "POST",
        f"{CBS}/snapshots",
        200,
        sample(f"{CV1}/snapshot-show-response.json"),
        request={
            "snapshot": {
                "volume_id": vid,
                "display_name": "snap-001",
                "display_description": "Daily backup",
                "force": True,
            }
        },
        source=f"{CV1}/snapshot-create-request.json, {CV1}/snapshot-show-response.json",
    )
    c.add(
        "GET",
        f"{CBS}/types",
        200,
        sample(f"{CV1}/volume-types-list-response.json"),
        source=f"{CV1}/volume-types-list-response.json",
    )
    c.add("DELETE", f"{CBS}/volumes/{vid}", 202, None, source="202 with no body (v1 API reference)")
    out.append(c)
    return out


# -- Cloud Servers extras --------------------------------------------------------------------------

RS = "rackspace-cloud-servers/extracted"
NOVA_V2 = "openstack-nova/doc/api_samples/versions/v2-version-get-resp.json"
SERVERS = "https://ord.servers.api.rackspacecloud.com/v2/123456"


def compute_extras_cassettes() -> list[Cassette]:
    out: list[Cassette] = []
    c = php_catalog_cassette("rackspace/compute/networks_and_interfaces")
    c.add(
        "GET",
        "https://ord.servers.api.rackspacecloud.com/v2",
        200,
        sample(NOVA_V2),
        source=f"{NOVA_V2} (no Rackspace sample has the v2 version document: Nova's v2.0 one, no microversions)",
    )
    nets = f"{RS}/get-retrieve-list-of-networks-os-networksv2/2-response.json"
    c.add("GET", f"{SERVERS}/os-networksv2", 200, sample(nets), source=nets)
    created = f"{RS}/post-create-network-os-networksv2/2-response.json"
    c.add(
        "POST",
        f"{SERVERS}/os-networksv2",
        200,
        sample(created),
        request=sample(f"{RS}/post-create-network-os-networksv2/1-request.json"),
        source=f"{RS}/post-create-network-os-networksv2/1-request.json, {created}",
    )
    shown = f"{RS}/get-show-network-os-networksv2-id/1-response.json"
    c.add("GET", f"{SERVERS}/os-networksv2/f212726e-6321-4210-9bae-a13f5a33f83f", 200, sample(shown), source=shown)
    server = f"{SERVERS}/servers/a1061a57-0136-4c29-aac1-8b1a646a3001/os-virtual-interfacesv2"
    vif = f"{RS}/creating-virt-interface-curl/2-response.json"
    c.add(
        "POST",
        server,
        200,
        sample(vif),
        request={"virtual_interface": {"network_id": "196a0246-86cc-46fa-9ecf-850f67c2cb7c"}},
        source=f"{RS}/creating-virt-interface-curl/1-request.json (its network id from the answer), {vif}",
    )
    vifs = f"{RS}/get-retrieve-list-of-virtual-interfaces-servers-server-id-os-virtual-interfacesv2/2-response.json"
    c.add("GET", server, 200, sample(vifs), source=vifs)
    c.add(
        "DELETE",
        f"{server}/045f195f-3347-487b-8e80-8ee3390eda56",
        200,
        None,
        source=f"{RS}/delete-delete-virtual-interface-servers-server-id-os-virtual-interfacesv2-interface-id (200)",
    )
    c.add(
        "DELETE",
        f"{SERVERS}/os-networksv2/1ff4489e-db0e-45a6-8c9f-4616c6ef5db1",
        202,
        None,
        source=f"{RS}/delete-delete-network-os-networksv2-id (202)",
    )
    out.append(c)
    return out


# -- Cloud Networks ----------------------------------------------------------------------------------

RN = "rackspace-cloud-networks/extracted"
NETWORKS = "https://dfw.networks.api.rackspacecloud.com/v2.0"


def networks_cassettes() -> list[Cassette]:
    c = php_catalog_cassette("rackspace/network/networks_subnets_groups")
    listed = f"{RN}/get-retrieve-list-of-networks-v2.0-networks/1-response.json"
    c.add("GET", f"{NETWORKS}/networks?limit=200", 200, sample(listed), source=listed)
    made = f"{RN}/post-create-network-v2.0-networks"
    c.add(
        "POST",
        f"{NETWORKS}/networks",
        201,
        sample(f"{made}/2-response.json"),
        request={"network": {"name": "testnet-3", "shared": False}},
        source=f"{made}/1-request.json (without its tenant_id, which the token implies), {made}/2-response.json",
    )
    subnets = f"{RN}/get-retrieve-list-of-subnets-v2.0-subnets/1-response.json"
    c.add("GET", f"{NETWORKS}/subnets?limit=200", 200, sample(subnets), source=subnets)
    groups = f"{RN}/get-list-security-groups-v2.0-security-groups/1-response.json"
    c.add("GET", f"{NETWORKS}/security-groups?limit=200", 200, sample(groups), source=groups)
    group = f"{RN}/post-create-security-group-v2.0-security-groups"
    c.add(
        "POST",
        f"{NETWORKS}/security-groups",
        201,
        sample(f"{group}/2-response.json"),
        request=sample(f"{group}/1-request.json"),
        source=f"{group}/1-request.json, {group}/2-response.json",
    )
    return [c]


def docs_page(page: str, parts: list[Cassette]) -> Cassette:
    """The cassette of a docs page: one authentication, then the exchanges of ``parts`` in order
    (the page's samples make the same calls as the replay tests, in the same order)."""
    c = Cassette(f"docs/providers/rackspace/{page}")
    c.items = [parts[0].items[0]]
    c.sources = [parts[0].sources[0]]
    for part in parts:
        c.items += part.items[1:]
        c.sources += part.sources[1:]
    return c


def build() -> list[str]:
    cdn = cdn_cassettes()
    volumes = block_storage_cassettes()
    extras = compute_extras_cassettes()
    networks = networks_cassettes()
    docs = [docs_page("storage", cdn), docs_page("blockstorage", volumes), docs_page("compute", extras)]
    return [*(c.write() for c in [*cdn, *volumes, *extras, *networks, *docs]), catalog_cassette()]


if __name__ == "__main__":
    for path in build():
        print(path)
