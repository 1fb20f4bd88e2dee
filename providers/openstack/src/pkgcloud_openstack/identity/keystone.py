"""Keystone v2.0 and v3 authentication, on the core's token lifecycle.

:class:`KeystoneAuth` knows how to ask Keystone for a token (password, token, application
credential; project, domain, system or no scope), how to find the version (asked, in the URL, or
discovered), and how to read the catalog. Renewal, single flight, invalidation and sharing are the
core's :class:`~pkgcloud.auth.TokenAuth`.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from pkgcloud.auth import AuthState, EndpointQuery, TokenAuth
from pkgcloud.dates import epoch as _epoch
from pkgcloud.errors import (
    AuthenticationFailed,
    HttpError,
    InvalidOption,
    MalformedResponse,
    MissingOption,
    NotFound,
    Unauthorized,
)
from pkgcloud.redact import redact_url
from pkgcloud_openstack.identity import catalog as _catalog
from pkgcloud_openstack.options import V2, V3, check_v3, url_version

if TYPE_CHECKING:
    from pkgcloud.http import Transport
    from pkgcloud.options import Options
    from pkgcloud.plugins.hookspecs import Hooks

# options that decide who the token is for; equal values -> equal cache_id -> one shared token
IDENTITY_OPTIONS = (
    "auth_url",
    "keystone_auth_version",
    "username",
    "user_id",
    "password",
    "tenant_id",
    "tenant_name",
    "domain_id",
    "domain_name",
    "project_domain_id",
    "project_domain_name",
    "scope_domain_id",
    "scope_domain_name",
    "system_scope",
    "unscoped",
    "token",
    "application_credential_id",
    "application_credential_name",
    "application_credential_secret",
    "api_key",
    "verify",
    "ca_cert",
    "insecure",
    "cert",
    "key",
)


def _given(options: Mapping[str, Any], name: str, default: float) -> float:
    """The option's value, or ``default`` only when it is not set (0 is a value)."""
    value = options.get(name)
    return default if value is None else float(value)


def cache_id_for(options: Mapping[str, Any], kind: str) -> str:
    """A stable id for these credentials: a SHA-256 of them, as keystoneauth1's cache ids are.

    The secrets are part of it (clients with a different password must not share a token), so it
    is not a secret itself but must be stored as privately as the tokens it keys.
    """
    picked = {k: options.get(k) for k in IDENTITY_OPTIONS if options.get(k) not in (None, False)}
    text = json.dumps([kind, picked], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_auth_url(auth_url: str) -> tuple[str, str | None]:
    """``(root, version)``: the URL without any version path or token path, and the version named.

    ``http://h:5000/v3/auth/tokens`` -> ``("http://h:5000", "v3")``; ``http://h/identity/`` ->
    ``("http://h/identity", None)``.
    """
    url = auth_url.split("?", 1)[0].rstrip("/")
    version = url_version(url + "/")
    if version is None:
        for suffix in ("/auth/tokens", "/tokens"):
            if url.endswith(suffix):
                url = url[: -len(suffix)]
        return url, None
    marker = "/v2.0" if version == V2 else "/v3"
    index = (url + "/").find(marker + "/")
    return url[:index], version


class KeystoneAuth(TokenAuth):
    """Tokens from Keystone (v2.0 or v3) and the catalog that comes with them."""

    kind = "keystone"

    def __init__(self, options: Options, *, transport: Transport, hooks: Hooks | None = None) -> None:
        super().__init__(
            transport=transport,
            cache_id=cache_id_for(options, self.kind),
            margin=float(_given(options, "expiry_margin", 120.0)),
            hooks=hooks,
        )
        self.options = options
        self.auth_url = str(options["auth_url"])
        self.root, url_named = split_auth_url(self.auth_url)
        self._asked_version: str | None = options.get("keystone_auth_version") or url_named
        self._version: str | None = self._asked_version
        self._discover_lock = threading.Lock()

    # -- version ---------------------------------------------------------------------------------

    @property
    def version(self) -> str:
        """The Keystone API version in use (discovered on first need when not given)."""
        if self._version is None:
            with self._discover_lock:
                if self._version is None:
                    self._version = self._discover()
        return self._version

    def _discover(self) -> str:
        """Read the version document at the unversioned URL; prefer v3."""
        response = self.transport.request("GET", self.root + "/", raise_for_status=False)
        if response.status_code >= 400:  # 300 Multiple Choices is the usual answer, and fine
            raise AuthenticationFailed(
                f"cannot discover the Keystone version at {redact_url(self.root)}: GET answered "
                f"{response.status_code}; give keystone_auth_version ('v3' or 'v2.0') or a versioned auth_url"
            )
        try:
            doc = response.json()
        except ValueError:
            doc = {}
        found = doc.get("versions", doc.get("version"))
        values = found.get("values", []) if isinstance(found, Mapping) else (found or [])
        if isinstance(values, Mapping):
            values = [values]
        ids = [str(v.get("id", "")) for v in values if isinstance(v, Mapping)]
        if any(i.startswith("v3") for i in ids):
            version = V3
        elif any(i.startswith("v2") for i in ids):
            version = V2
        else:
            raise AuthenticationFailed(
                f"the document at {redact_url(self.root)} lists no Keystone v3 or v2.0 API ({ids or 'nothing'}); "
                "check auth_url"
            )
        if version == V3:
            check_v3(dict(self.options))
        return version

    @property
    def base_url(self) -> str:
        return f"{self.root}/{self.version}"

    # -- issuing ---------------------------------------------------------------------------------

    def _issue(self) -> AuthState:
        if self.version == V3:
            return self._issue_v3()
        return self._issue_v2()

    def _who(self) -> str:
        o = self.options
        parts = []
        if o.get("application_credential_id") or o.get("application_credential_name"):
            parts.append(
                f"application credential {o.get('application_credential_id') or o.get('application_credential_name')!r}"
            )
        if o.get("username") or o.get("user_id"):
            parts.append(f"user {o.get('username') or o.get('user_id')!r}")
            domain = o.get("domain_name") or o.get("domain_id")
            if domain and self.version == V3:
                parts.append(f"(domain {domain!r})")
        elif o.get("token") and not parts:
            parts.append("the given token")
        project = o.get("tenant_name") or o.get("tenant_id")
        if project:
            parts.append(f"for project {project!r}")
        scope_domain = o.get("scope_domain_name") or o.get("scope_domain_id")
        if scope_domain:
            parts.append(f"for domain {scope_domain!r}")
        if o.get("system_scope"):
            parts.append("for the system scope")
        return " ".join(parts) or "these credentials"

    def _post_token(self, path: str, body: Mapping[str, Any], *, headers: Mapping[str, str] | None = None) -> Any:
        url = f"{self.base_url}/{path}"
        response = self.transport.request("POST", url, json=body, headers=headers, raise_for_status=False)
        if response.status_code in (200, 201):
            return response
        try:
            error = self._error(response)
        finally:
            response.close()
        raise error

    def _error(self, response: Any) -> Exception:
        from pkgcloud.http import error_from_response

        http_error: HttpError = error_from_response(response, "POST")
        where = redact_url(self.base_url)
        if isinstance(http_error, (Unauthorized, NotFound)) or response.status_code in (400, 401, 403, 404):
            reason = f": {http_error.message}" if http_error.message else ""
            failed = AuthenticationFailed(
                f"Keystone {self.version} at {where} refused {self._who()} ({response.status_code}{reason})"
            )
            failed.__cause__ = http_error
            return failed
        return http_error

    # v3 ------------------------------------------------------------------------------------------

    def _v3_user(self) -> dict[str, Any]:
        o = self.options
        if o.get("user_id"):
            return {"id": o["user_id"]}
        user: dict[str, Any] = {"name": o["username"]}
        if o.get("domain_id"):
            user["domain"] = {"id": o["domain_id"]}
        elif o.get("domain_name"):
            user["domain"] = {"name": o["domain_name"]}
        return user

    def v3_identity(self) -> dict[str, Any]:
        o = self.options
        if o.get("application_credential_id") or o.get("application_credential_name"):
            cred: dict[str, Any] = {"secret": o["application_credential_secret"]}
            if o.get("application_credential_id"):
                cred["id"] = o["application_credential_id"]
            else:
                cred["name"] = o["application_credential_name"]
                cred["user"] = self._v3_user()
            return {"methods": ["application_credential"], "application_credential": cred}
        if o.get("password"):
            user = self._v3_user()
            user["password"] = o["password"]
            return {"methods": ["password"], "password": {"user": user}}
        if o.get("token"):
            return {"methods": ["token"], "token": {"id": o["token"]}}
        raise MissingOption("no credentials for Keystone v3: give a password, a token or an application credential")

    def v3_scope(self) -> dict[str, Any] | str | None:
        o = self.options
        if o.get("application_credential_id") or o.get("application_credential_name"):
            return None  # an application credential carries its own scope
        if o.get("unscoped"):
            return "unscoped"
        if o.get("tenant_id"):
            return {"project": {"id": o["tenant_id"]}}
        if o.get("tenant_name"):
            project: dict[str, Any] = {"name": o["tenant_name"]}
            if o.get("project_domain_id"):
                project["domain"] = {"id": o["project_domain_id"]}
            elif o.get("project_domain_name"):
                project["domain"] = {"name": o["project_domain_name"]}
            elif o.get("domain_id"):
                project["domain"] = {"id": o["domain_id"]}
            elif o.get("domain_name"):
                project["domain"] = {"name": o["domain_name"]}
            return {"project": project}
        if o.get("scope_domain_id"):
            return {"domain": {"id": o["scope_domain_id"]}}
        if o.get("scope_domain_name"):
            return {"domain": {"name": o["scope_domain_name"]}}
        if o.get("system_scope"):
            if o["system_scope"] != "all":
                raise InvalidOption(f"system_scope must be 'all', not {o['system_scope']!r}")
            return {"system": {"all": True}}
        return None  # Keystone scopes to the user's default project, if any

    def v3_body(self) -> dict[str, Any]:
        auth: dict[str, Any] = {"identity": self.v3_identity()}
        scope = self.v3_scope()
        if scope is not None:
            auth["scope"] = scope
        return {"auth": auth}

    def _issue_v3(self) -> AuthState:
        response = self._post_token("auth/tokens", self.v3_body())
        token = response.headers.get("X-Subject-Token")
        if not token:
            raise AuthenticationFailed(f"Keystone at {redact_url(self.base_url)} answered without X-Subject-Token")
        return _read_state(response, "token", lambda body: state_from_v3(token, body))

    # v2.0 ----------------------------------------------------------------------------------------

    def v2_credentials(self) -> dict[str, Any]:
        o = self.options
        if o.get("password"):
            if not o.get("username"):
                raise MissingOption("Keystone v2.0 authenticates users by name: give 'username'")
            return {"passwordCredentials": {"username": o["username"], "password": o["password"]}}
        if o.get("token"):
            return {"token": {"id": o["token"]}}
        raise MissingOption("no credentials for Keystone v2.0: give username and password, or a token")

    def v2_body(
        self, credentials: Mapping[str, Any] | None = None, tenant: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        o = self.options
        auth = dict(credentials if credentials is not None else self.v2_credentials())
        if tenant is not None:
            auth.update(tenant)
        elif o.get("tenant_id"):
            auth["tenantId"] = o["tenant_id"]
        elif o.get("tenant_name"):
            auth["tenantName"] = o["tenant_name"]
        return {"auth": auth}

    def _issue_v2(self) -> AuthState:
        response = self._post_token("tokens", self.v2_body())
        state = _read_state(response, "access", state_from_v2)
        if state.data.get("project") is None and not (self.options.get("tenant_id") or self.options.get("tenant_name")):
            # unscoped: rescope to the first enabled tenant, as the Node library does
            tenant = self._first_tenant(state.token)
            if tenant is not None:
                rescoped = self._post_token(
                    "tokens", self.v2_body({"token": {"id": state.token}}, {"tenantId": tenant})
                )
                state = _read_state(rescoped, "access", state_from_v2)
        return state

    def _first_tenant(self, token: str) -> str | None:
        response = self.transport.request(
            "GET", f"{self.base_url}/tenants", headers={"X-Auth-Token": token}, raise_for_status=False
        )
        if response.status_code != 200:
            return None
        try:
            tenants = response.json().get("tenants")
        except (ValueError, AttributeError):
            tenants = None
        for tenant in tenants if isinstance(tenants, list) else []:
            if not isinstance(tenant, Mapping) or not tenant.get("id"):
                continue
            enabled = tenant.get("enabled", True)
            if isinstance(enabled, str):  # some deployments send "true"/"false"
                enabled = enabled.strip().lower() != "false"
            if enabled:
                return str(tenant["id"])
        return None

    # -- the catalog -----------------------------------------------------------------------------

    def endpoint(self, query: EndpointQuery) -> str:
        state = self.get_state()
        project = state.data.get("project") or {}
        return _catalog.select(state.data.get("catalog") or [], query, project.get("id"))

    @property
    def project_id(self) -> str | None:
        return (self.get_state().data.get("project") or {}).get("id")

    @property
    def user_id(self) -> str | None:
        return (self.get_state().data.get("user") or {}).get("id")


def _read_state(response: Any, key: str, make: Callable[[Mapping[str, Any]], AuthState]) -> AuthState:
    """The auth state from a token answer ``{key: {...}}``; an answer that cannot be read (truncated,
    not JSON, the wrong shape) is a :class:`MalformedResponse`, never a token of ``"None"``."""
    url = redact_url(response.url or "")
    try:
        body = response.json()
    except ValueError:
        raise MalformedResponse("the token answer is not JSON", service="identity", method="POST", url=url) from None
    inner = body.get(key) if isinstance(body, Mapping) else None
    if not isinstance(inner, Mapping):
        raise MalformedResponse(f"the token answer has no {key!r} object", service="identity", method="POST", url=url)
    try:
        state = make(inner)
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        raise MalformedResponse(
            f"a token the SDK cannot read ({exc})", service="identity", method="POST", url=url
        ) from None
    if not state.token:
        raise MalformedResponse("the token answer has no token id", service="identity", method="POST", url=url)
    return state


def state_from_v3(token: str, body: Mapping[str, Any]) -> AuthState:
    project = body.get("project")
    data = {
        "version": V3,
        "catalog": _catalog.from_v3(body.get("catalog") or []),
        "project": {"id": project.get("id"), "name": project.get("name"), "domain": project.get("domain")}
        if project
        else None,
        "domain": body.get("domain"),
        "system": body.get("system"),
        "user": {k: body.get("user", {}).get(k) for k in ("id", "name", "domain")},
        "roles": [r.get("name") for r in body.get("roles") or []],
        "methods": body.get("methods") or [],
    }
    return AuthState(token, _epoch(body.get("expires_at")), data, _epoch(body.get("issued_at")))


def state_from_v2(access: Mapping[str, Any]) -> AuthState:
    token = access.get("token") or {}
    tenant = token.get("tenant")
    user = access.get("user") or {}
    data = {
        "version": V2,
        "catalog": _catalog.from_v2(access.get("serviceCatalog") or []),
        "project": {"id": tenant.get("id"), "name": tenant.get("name")} if tenant else None,
        "user": {"id": user.get("id"), "name": user.get("name")},
        "roles": [r.get("name") for r in user.get("roles") or []],
    }
    return AuthState(str(token.get("id") or ""), _epoch(token.get("expires")), data, _epoch(token.get("issued_at")))
