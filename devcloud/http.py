"""Tiny stdlib HTTP + Keystone v3 client used by the driver (registration,
resource bootstrap, smoke tests, status).  No third-party packages: the driver
runs with the machine's bare python3."""

from __future__ import annotations

import json
import urllib.error
import urllib.request


class HTTPError(Exception):
    def __init__(self, method, url, status, body):
        super().__init__(f"{method} {url} -> {status}: {body[:300]!r}")
        self.status = status
        self.body = body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **kw):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def request(method, url, body=None, headers=None, timeout=30.0, raw=None, ok=(200, 299)):
    """-> (status, headers, parsed-JSON-or-text).  Raises HTTPError outside ok."""
    h = {"Accept": "application/json"}
    h.update(headers or {})
    data = None
    if raw is not None:
        data = raw
    elif body is not None:
        data = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with _opener.open(req, timeout=timeout) as r:
            status, rh, text = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, rh, text = e.code, e.headers, e.read()
    text = text.decode(errors="replace")
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        parsed = text
    if ok and not (ok[0] <= status <= ok[1]):
        raise HTTPError(method, url, status, text)
    return status, rh, parsed


def answers(url, timeout=2.0) -> int:
    """HTTP status of a GET, 0 when nothing answers."""
    try:
        status, _, _ = request("GET", url, timeout=timeout, ok=None)
        return status
    except OSError:
        return 0
    except Exception:
        return 0


def password_auth_body(user, password, project=None, domain="Default"):
    ident = {
        "methods": ["password"],
        "password": {"user": {"name": user, "domain": {"name": domain}, "password": password}},
    }
    body = {"auth": {"identity": ident}}
    if project:
        body["auth"]["scope"] = {"project": {"name": project, "domain": {"name": domain}}}
    return body


class Keystone:
    """The few Keystone v3 calls the driver needs, as one authenticated user."""

    def __init__(self, auth_url, user, password, project):
        self.url = auth_url.rstrip("/")
        _st, h, body = request("POST", self.url + "/auth/tokens", password_auth_body(user, password, project))
        self.token = h["X-Subject-Token"]
        self.token_body = body["token"]
        self.project_id = body["token"]["project"]["id"]

    def call(self, method, path, body=None, ok=(200, 299), **kw):
        url = path if path.startswith("http") else self.url + path
        return request(method, url, body, headers={"X-Auth-Token": self.token}, ok=ok, **kw)[2]

    def endpoint(self, stype, region="RegionOne", interface="public"):
        for svc in self.token_body.get("catalog", []):
            if svc["type"] == stype:
                for ep in svc["endpoints"]:
                    if ep["interface"] == interface and ep["region_id"] == region:
                        return ep["url"]
        return None

    # ---------------------------------------------------------- idempotent helpers
    def find(self, coll, **query):
        q = "&".join(f"{k}={urllib.request.quote(str(v))}" for k, v in query.items())
        return self.call("GET", f"/{coll}" + (f"?{q}" if q else ""))[coll]

    def ensure(self, coll, key, body, **query):
        found = self.find(coll, **query)
        if found:
            obj = found[0]
            if "password" in body:  # keep passwords as documented
                self.call("PATCH", f"/users/{obj['id']}", {"user": {"password": body["password"]}})
            return obj
        return self.call("POST", f"/{coll}", {key: body})[key]

    def ensure_region(self, region_id):
        st, _, _ = request("GET", f"{self.url}/regions/{region_id}", headers={"X-Auth-Token": self.token}, ok=None)
        if st == 404:
            self.call("POST", "/regions", {"region": {"id": region_id}})

    def grant_project(self, project_id, user_id, role_id):
        self.call("PUT", f"/projects/{project_id}/users/{user_id}/roles/{role_id}")

    def grant_domain(self, domain_id, user_id, role_id):
        self.call("PUT", f"/domains/{domain_id}/users/{user_id}/roles/{role_id}")

    def ensure_endpoints(self, stype, name, url, regions, admin_url=None):
        """One service of type stype with public/internal/admin endpoints in
        exactly the given regions."""
        svcs = self.find("services", type=stype)
        if svcs:
            svc = svcs[0]
            for extra in svcs[1:]:
                self.delete_service(extra["id"])
        else:
            svc = self.call(
                "POST", "/services", {"service": {"type": stype, "name": name, "description": f"devcloud {name}"}}
            )["service"]
        existing = self.find("endpoints", service_id=svc["id"])
        want = {
            (r, i): (admin_url or url) if i == "admin" else url
            for r in regions
            for i in ("public", "internal", "admin")
        }
        seen = set()
        for ep in existing:
            k = (ep["region_id"], ep["interface"])
            if k not in want or k in seen:
                self.call("DELETE", f"/endpoints/{ep['id']}")
                continue
            seen.add(k)
            if ep["url"] != want[k]:
                self.call("PATCH", f"/endpoints/{ep['id']}", {"endpoint": {"url": want[k]}})
        for (r, i), u in want.items():
            if (r, i) not in seen:
                self.call(
                    "POST",
                    "/endpoints",
                    {"endpoint": {"service_id": svc["id"], "interface": i, "url": u, "region_id": r}},
                )
        return svc

    def delete_service(self, service_id):
        for ep in self.find("endpoints", service_id=service_id):
            self.call("DELETE", f"/endpoints/{ep['id']}")
        self.call("DELETE", f"/services/{service_id}")
