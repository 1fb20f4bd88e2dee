"""The options of the OpenStack provider, and the checks of their combinations.

Names follow the Node library's docs in snake_case (its camelCase spellings work too), with the
openstacksdk/clouds.yaml names as aliases (``project_name`` for ``tenant_name``...).
"""

from __future__ import annotations

from pkgcloud.errors import InvalidOption, MissingOption
from pkgcloud.options import Option, Options, http_url, non_negative

V2 = "v2.0"
V3 = "v3"
INTERFACES = ("public", "internal", "admin")


def normalise_version(value: str) -> str:
    text = str(value).strip().lower().lstrip("v")
    if text in ("2", "2.0"):
        return V2
    if text in ("3", "3.0") or text.startswith("3."):
        return V3
    raise InvalidOption(f"keystone_auth_version must be 'v2.0' or 'v3' (or unset to discover), not {value!r}")


def normalise_interface(value: str) -> str:
    text = str(value).strip().lower()
    if text.endswith("url"):  # publicURL, internalURL, adminURL (Keystone v2 names)
        text = text[:-3]
    if text not in INTERFACES:
        raise InvalidOption(f"interface must be one of {', '.join(INTERFACES)}, not {value!r}")
    return text


OPTIONS = [
    Option("cloud", str, aliases=("os_cloud",), help="a cloud named in clouds.yaml"),
    Option("auth_url", str, valid=http_url, help="Keystone URL, versioned (.../v3, .../v2.0) or not (then discovered)"),
    Option(
        "keystone_auth_version",
        (str, int, float),
        aliases=("identity_api_version", "auth_version"),
        convert=normalise_version,
        help="'v2.0' or 'v3'; unset: from the auth_url, else discovered (v3 preferred)",
    ),
    Option("username", str, aliases=("user_name",)),
    Option("user_id", str),
    Option("password", str, secret=True),
    Option("tenant_id", str, aliases=("project_id",), help="project (tenant) id to scope to"),
    Option("tenant_name", str, aliases=("project_name",), help="project (tenant) name to scope to"),
    Option("domain_id", str, aliases=("user_domain_id",), help="the user's domain id (v3)"),
    Option("domain_name", str, aliases=("user_domain_name",), help="the user's domain name (v3)"),
    Option("project_domain_id", str, help="the project's domain id (v3; default: the user's)"),
    Option("project_domain_name", str, help="the project's domain name (v3; default: the user's)"),
    Option("scope_domain_id", str, help="scope the token to this domain (v3)"),
    Option("scope_domain_name", str, help="scope the token to this domain (v3)"),
    Option("system_scope", str, help="scope the token to the system: 'all' (v3)"),
    Option("unscoped", bool, default=False, help="ask for an unscoped token (v3)"),
    Option("token", str, aliases=("auth_token",), secret=True, help="an existing token"),
    Option("application_credential_id", str),
    Option("application_credential_name", str),
    Option("application_credential_secret", str, secret=True),
    Option("region", str, aliases=("region_name", "region_id")),
    Option("interface", str, default="public", aliases=("endpoint_type",), convert=normalise_interface),
    Option("use_internal", bool, default=False, help="same as interface='internal'"),
    Option("use_admin", bool, default=False, help="same as interface='admin'"),
    Option("service_type", str, help="catalog service type for this client (default: the service's own)"),
    Option("service_name", str, help="catalog service name to pick among several of one type"),
    Option(
        "endpoint_override",
        str,
        aliases=("endpoint",),
        valid=http_url,
        help="use this endpoint instead of the catalog's",
    ),
    Option(
        "expiry_margin",
        (int, float),
        default=120.0,
        valid=non_negative,
        aliases=("token_margin",),
        help="renew a token this many seconds before it expires (at most a quarter of its lifetime); 0: at expiry",
    ),
    Option("microversion", str, aliases=("api_version",), help="pin the API microversion (e.g. compute '2.79')"),
]


def url_version(auth_url: str) -> str | None:
    """The Keystone version an auth URL names in its path (a ``v2.0`` or ``v3`` segment), if any."""
    path = auth_url.split("?", 1)[0].split("://", 1)[-1]
    for segment in path.split("/")[1:]:
        if segment == "v2.0":
            return V2
        if segment == "v3":
            return V3
    return None


def validate(options: Options) -> Options:
    """Check combinations that types cannot: credentials present, scope complete, v2/v3 consistent."""
    o = dict(options)
    if o.get("use_internal") and o.get("use_admin"):
        raise InvalidOption("use_internal and use_admin cannot both be set")
    if o.get("use_internal"):
        o["interface"] = "internal"
    elif o.get("use_admin"):
        o["interface"] = "admin"

    static = o.get("token") and o.get("endpoint_override") and not o.get("auth_url")
    if not o.get("auth_url") and not static:
        raise MissingOption(
            "provider 'openstack' needs option 'auth_url' (the Keystone URL), or both 'token' and "
            "'endpoint_override' to use a known token without Keystone"
        )
    has_password = bool(o.get("password"))
    has_app_cred = bool(o.get("application_credential_id") or o.get("application_credential_name"))
    if has_password and not (o.get("username") or o.get("user_id")):
        raise MissingOption("option 'password' needs 'username' or 'user_id'")
    if (o.get("username") or o.get("user_id")) and not has_password and not has_app_cred and not o.get("token"):
        raise MissingOption("option 'username'/'user_id' needs 'password' (or use 'token' or application credentials)")
    if has_app_cred and not o.get("application_credential_secret"):
        raise MissingOption("application credentials need 'application_credential_secret'")
    owner = o.get("user_id") or o.get("username")
    if o.get("application_credential_name") and not o.get("application_credential_id") and not owner:
        raise MissingOption("'application_credential_name' needs the owner: 'user_id', or 'username' with its domain")
    if not (has_password or has_app_cred or o.get("token")) and not static:
        raise MissingOption(
            "provider 'openstack' needs credentials: 'username' and 'password', 'token', or "
            "'application_credential_id' and 'application_credential_secret'"
        )

    version = o.get("keystone_auth_version") or (url_version(o["auth_url"]) if o.get("auth_url") else None)
    v3_only = [
        name
        for name in (
            "domain_id",
            "domain_name",
            "project_domain_id",
            "project_domain_name",
            "scope_domain_id",
            "scope_domain_name",
            "system_scope",
            "application_credential_id",
            "application_credential_name",
        )
        if o.get(name)
    ]
    if o.get("unscoped"):
        v3_only.append("unscoped")
    if version == V2 and v3_only:
        raise InvalidOption(
            f"option {v3_only[0]!r} is a Keystone v3 option, but this client uses Keystone v2.0 "
            "(from keystone_auth_version or the auth_url)"
        )
    if version == V3:
        check_v3(o)
    scopes = [
        bool(o.get("tenant_id") or o.get("tenant_name")),
        bool(o.get("scope_domain_id") or o.get("scope_domain_name")),
        bool(o.get("system_scope")),
        bool(o.get("unscoped")),
    ]
    if sum(scopes) > 1:
        raise InvalidOption(
            "choose one scope: a project (tenant), a domain (scope_domain_*), system_scope, or unscoped"
        )
    return Options(o, secret=(k for k in o if options.is_secret(k)))


def check_v3(o: dict[str, object]) -> None:
    """v3 needs domains with names: a user name needs its domain, a project name its domain."""
    user_domain = o.get("domain_id") or o.get("domain_name")
    if (
        o.get("username")
        and not o.get("user_id")
        and not user_domain
        and (o.get("password") or o.get("application_credential_name"))
    ):
        raise MissingOption(
            f"Keystone v3 needs the domain of user {o['username']!r}: give 'domain_name' (often 'Default') "
            "or 'domain_id' (often 'default')"
        )
    project_domain = o.get("project_domain_id") or o.get("project_domain_name") or user_domain
    if o.get("tenant_name") and not o.get("tenant_id") and not project_domain:
        raise MissingOption(
            f"Keystone v3 needs the domain of project {o['tenant_name']!r}: give 'project_domain_name' or "
            "'project_domain_id' (or 'domain_name'/'domain_id', used for both user and project)"
        )
