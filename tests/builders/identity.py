"""Keystone v2.0 and Rackspace identity cassettes, from the official v2.0 samples and pkgcloud's
captured Rackspace and OpenStack tokens (Keystone itself no longer serves v2.0).

Run: .venv/bin/python -m tests.builders.identity
"""

from __future__ import annotations

import copy

from tests.builders.common import Interaction, sample, write_cassette

V2 = "openstack-keystone-v2-legacy/api-ref/source/v2/samples"
PKG = "pkgcloud-fixtures/test/fixtures"
KEYSTONE = "http://keystone.samples.test/v2.0"
RACKSPACE = "https://identity.api.rackspacecloud.com/v2.0"


def build() -> list[str]:
    written = []
    # password credentials, tenant by name (the official request and response)
    written.append(
        str(
            write_cassette(
                "openstack/identity/v2/password_tenant_name",
                [
                    Interaction(
                        "POST",
                        f"{KEYSTONE}/tokens",
                        request_body=sample(f"{V2}/client/authenticate-credentials-request.json"),
                        response_body=sample(f"{V2}/client/authenticate-response.json"),
                    )
                ],
                [f"{V2}/client/authenticate-credentials-request.json", f"{V2}/client/authenticate-response.json"],
            )
        )
    )
    # token credentials (the official admin sample request), same response shape
    written.append(
        str(
            write_cassette(
                "openstack/identity/v2/token_tenant_name",
                [
                    Interaction(
                        "POST",
                        f"{KEYSTONE}/tokens",
                        request_body=sample(f"{V2}/admin/authenticate-token-request.json"),
                        response_body=sample(f"{V2}/admin/authenticate-response.json"),
                    )
                ],
                [f"{V2}/admin/authenticate-token-request.json", f"{V2}/admin/authenticate-response.json"],
            )
        )
    )
    # unscoped token, tenant listing, rescope to the first enabled tenant (pkgcloud's captured exchange)
    initial = sample(f"{PKG}/openstack/initialToken.json")
    tenants = sample(f"{PKG}/openstack/tenantId.json")
    real = sample(f"{PKG}/openstack/realToken.json")
    unscoped_id = initial["access"]["token"]["id"]
    tenant_id = tenants["tenants"][0]["id"]
    written.append(
        str(
            write_cassette(
                "openstack/identity/v2/rescope_first_tenant",
                [
                    Interaction(
                        "POST",
                        f"{KEYSTONE}/tokens",
                        request_body={
                            "auth": {"passwordCredentials": {"username": "MOCK-USERNAME", "password": "asdf1234"}}
                        },
                        response_body=initial,
                    ),
                    Interaction(
                        "GET",
                        f"{KEYSTONE}/tenants",
                        request_headers={"X-Auth-Token": unscoped_id},
                        response_body=tenants,
                    ),
                    Interaction(
                        "POST",
                        f"{KEYSTONE}/tokens",
                        request_body={"auth": {"token": {"id": unscoped_id}, "tenantId": tenant_id}},
                        response_body=real,
                    ),
                ],
                [
                    f"{PKG}/openstack/initialToken.json",
                    f"{PKG}/openstack/tenantId.json",
                    f"{PKG}/openstack/realToken.json",
                ],
            )
        )
    )
    # no enabled tenant: the token stays unscoped (pkgcloud's captured "no active tenants")
    written.append(
        str(
            write_cassette(
                "openstack/identity/v2/no_active_tenant",
                [
                    Interaction(
                        "POST",
                        f"{KEYSTONE}/tokens",
                        request_body={
                            "auth": {"passwordCredentials": {"username": "MOCK-USERNAME", "password": "asdf1234"}}
                        },
                        response_body=initial,
                    ),
                    Interaction(
                        "GET",
                        f"{KEYSTONE}/tenants",
                        request_headers={"X-Auth-Token": unscoped_id},
                        response_body=sample(f"{PKG}/openstack/no-activeTenants.json"),
                    ),
                ],
                [f"{PKG}/openstack/initialToken.json", f"{PKG}/openstack/no-activeTenants.json"],
            )
        )
    )
    # Rackspace: API-key credentials (the publicly documented request body) -> pkgcloud's captured auth.json
    auth = sample(f"{PKG}/rackspace/auth.json")
    written.append(
        str(
            write_cassette(
                "rackspace/identity/api_key",
                [
                    Interaction(
                        "POST",
                        f"{RACKSPACE}/tokens",
                        request_body={
                            "auth": {
                                "RAX-KSKEY:apiKeyCredentials": {"username": "MOCK-USERNAME", "apiKey": "MOCK-API-KEY"}
                            }
                        },
                        response_body=auth,
                    )
                ],
                [f"{PKG}/rackspace/auth.json", "request body: Rackspace Cloud Identity v2.0 docs (apiKeyCredentials)"],
            )
        )
    )
    # Rackspace: the UK identity endpoint for LON, password credentials, same captured catalog
    uk = copy.deepcopy(auth)
    written.append(
        str(
            write_cassette(
                "rackspace/identity/password_uk",
                [
                    Interaction(
                        "POST",
                        "https://lon.identity.api.rackspacecloud.com/v2.0/tokens",
                        request_body={
                            "auth": {"passwordCredentials": {"username": "MOCK-USERNAME", "password": "asdf1234"}}
                        },
                        response_body=uk,
                    )
                ],
                [f"{PKG}/rackspace/auth.json"],
            )
        )
    )
    return written


if __name__ == "__main__":
    for path in build():
        print(path)
