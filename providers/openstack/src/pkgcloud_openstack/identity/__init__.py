"""Keystone identity for the OpenStack provider: v2.0 and v3 tokens, and the service catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pkgcloud.auth import AuthContext, StaticTokenAuth
from pkgcloud.http import Transport

if TYPE_CHECKING:
    from pkgcloud.options import Options
    from pkgcloud.plugins.hookspecs import Hooks


def make_auth(options: Options, hooks: Hooks | None = None) -> AuthContext:
    """The auth context for these options: Keystone, or a known token used as is (no Keystone)."""
    if not options.get("auth_url"):
        # validated: a token and an endpoint override, and nothing to renew them with
        from pkgcloud_openstack.identity.keystone import cache_id_for

        return StaticTokenAuth(str(options["token"]), cache_id=cache_id_for(options, "static"))
    from pkgcloud_openstack.identity.keystone import KeystoneAuth

    return KeystoneAuth(options, transport=Transport.from_options(options), hooks=hooks)
