"""Rackspace identity: Keystone v2.0 with ``RAX-KSKEY:apiKeyCredentials``, US and UK endpoints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pkgcloud.errors import InvalidOption, MissingOption
from pkgcloud.http import Transport
from pkgcloud.options import Options
from pkgcloud_openstack.identity.keystone import KeystoneAuth
from pkgcloud_openstack.options import V2, normalise_interface

if TYPE_CHECKING:
    from pkgcloud.plugins.hookspecs import Hooks
US_IDENTITY = "https://identity.api.rackspacecloud.com/v2.0"
UK_IDENTITY = "https://lon.identity.api.rackspacecloud.com/v2.0"


def validate(options: Options) -> Options:
    o = dict(options)
    if not (o.get("api_key") or o.get("password")):
        raise MissingOption("provider 'rackspace' needs 'api_key' (or 'password') with 'username'")
    if not o.get("auth_url"):
        o["auth_url"] = UK_IDENTITY if o.get("region") == "LON" else US_IDENTITY
    o["interface"] = "internal" if o.get("use_internal") else normalise_interface(o.get("interface") or "public")
    if o["interface"] == "admin":
        raise InvalidOption("Rackspace has no admin endpoints: interface must be 'public' or 'internal'")
    o["keystone_auth_version"] = V2
    return Options(o, secret=(k for k in o if options.is_secret(k)))


class RackspaceAuth(KeystoneAuth):
    """Keystone v2.0 as Rackspace runs it: API-key credentials (a password still works)."""

    kind = "rackspace"

    def v2_credentials(self) -> dict[str, Any]:
        o = self.options
        if o.get("api_key"):
            return {"RAX-KSKEY:apiKeyCredentials": {"username": o["username"], "apiKey": o["api_key"]}}
        return super().v2_credentials()

    def _who(self) -> str:
        return f"Rackspace user {self.options.get('username')!r}"


def make_auth(options: Options, hooks: Hooks | None = None) -> RackspaceAuth:
    return RackspaceAuth(options, transport=Transport.from_options(options), hooks=hooks)
