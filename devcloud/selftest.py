"""End-to-end self-test of a running dev cloud, stdlib only:

    python3 -m devcloud.selftest [--state-dir DIR]

Reads <state>/devcloud.json, then exercises the services as the demo users
(Swift always; Glance, Neutron, Nova, Cinder, Heat and Trove when the profile
is full) and cleans up what it created.  Prints one line per check and a closing
'N passed, N failed' line; exit 1 on any failure."""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import sys
import time
import uuid

from .http import Keystone, request
from .settings import state_dir_from


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.t0 = time.monotonic()

    def check(self, name, cond, detail=""):
        ok = bool(cond)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(
            f"{'ok  ' if ok else 'FAIL'} {time.monotonic() - self.t0:6.1f}s {name}"
            + (f"  ({detail})" if detail and not ok else ""),
            flush=True,
        )
        return ok


def st(method, url, token=None, **kw):
    h = dict(kw.pop("headers", {}))
    if token:
        h["X-Auth-Token"] = token
    return request(method, url, headers=h, ok=None, **kw)


def wait_for(fn, want, timeout=120, bad=("ERROR", "error", "CREATE_FAILED")):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = fn()
        if last == want or last in bad:
            return last
        time.sleep(0.5)
    return last


def swift_checks(c, info, demo, reader, alt):
    url = demo.endpoint("object-store")
    url2 = demo.endpoint("object-store", region="RegionTwo")
    c.check("catalog: object-store in RegionOne and RegionTwo", url and url2)
    tok = demo.token
    cont = f"selftest-{uuid.uuid4().hex[:8]}"
    c.check("swift: HEAD account", 200 <= st("HEAD", url, tok)[0] < 300)
    c.check("swift: PUT container", st("PUT", f"{url}/{cont}", tok)[0] in (201, 202))
    body = os.urandom(4096)
    c.check("swift: PUT object", st("PUT", f"{url}/{cont}/o1", tok, raw=body)[0] == 201)
    s, h, _ = st("GET", f"{url}/{cont}/o1", tok, headers={"Accept": "*/*"})
    c.check("swift: GET object (etag)", s == 200 and h.get("Etag") == hashlib.md5(body).hexdigest())
    c.check("swift: reader cannot write (403)", st("PUT", f"{url}/{cont}/o2", reader.token, raw=b"x")[0] == 403)
    c.check("swift: other project forbidden (403)", st("GET", f"{url}/{cont}", alt.token)[0] == 403)
    c.check("swift: bogus token (401)", st("GET", f"{url}/{cont}", "bogus")[0] == 401)
    s, _, inf = st("GET", url.split("/v1/")[0] + "/info")
    digests = (inf or {}).get("tempurl", {}).get("allowed_digests", [])
    c.check(
        "swift: /info has tempurl sha1/sha256/sha512, slo, bulk_delete, versioned_writes",
        s == 200
        and {"sha1", "sha256", "sha512"} <= set(digests)
        and all(k in inf for k in ("slo", "bulk_delete", "versioned_writes", "symlink")),
        f"{sorted(inf or {})}",
    )
    # temp URL (sha256)
    key = "selftest-key"
    st("POST", url, tok, headers={"X-Account-Meta-Temp-URL-Key": key})
    path = "/v1/" + url.split("/v1/")[1] + f"/{cont}/o1"
    exp = int(time.time()) + 60
    sig = hmac.new(key.encode(), f"GET\n{exp}\n{path}".encode(), hashlib.sha256).hexdigest()
    base = url.split("/v1/")[0]
    c.check(
        "swift: temp URL (sha256) GET without token",
        st("GET", f"{base}{path}?temp_url_sig={sig}&temp_url_expires={exp}", headers={"Accept": "*/*"})[0] == 200,
    )
    # SLO
    segs = [os.urandom(1024 * 1024), os.urandom(1000)]
    manifest = []
    for i, seg in enumerate(segs):
        st("PUT", f"{url}/{cont}/seg{i}", tok, raw=seg)
        manifest.append({"path": f"/{cont}/seg{i}", "etag": hashlib.md5(seg).hexdigest(), "size_bytes": len(seg)})
    s = st("PUT", f"{url}/{cont}/big?multipart-manifest=put", tok, raw=json.dumps(manifest).encode())[0]
    import urllib.request

    req = urllib.request.Request(f"{url}/{cont}/big", headers={"X-Auth-Token": tok})
    with urllib.request.urlopen(req, timeout=30) as r:
        got = r.read()
    c.check("swift: SLO manifest returns the concatenation", s == 201 and got == b"".join(segs))
    st("DELETE", f"{url}/{cont}/big?multipart-manifest=delete", tok)
    # bulk delete
    for i in range(5):
        st("PUT", f"{url}/{cont}/b{i}", tok, raw=b"x")
    names = "\n".join(f"/{cont}/b{i}" for i in range(5)) + f"\n/{cont}/o1\n/{cont}"
    s, _, res = st(
        "POST",
        f"{url}?bulk-delete",
        tok,
        raw=names.encode(),
        headers={"Content-Type": "text/plain", "Accept": "application/json"},
    )
    c.check(
        "swift: bulk delete (objects + container)", s == 200 and (res or {}).get("Number Deleted") == 7, f"{s} {res}"
    )


def full_checks(c, info, demo, admin):
    tok = demo.token
    pid = demo.project_id
    res = info.get("resources", {})
    glance = demo.endpoint("image")
    s, _, imgs = st("GET", f"{glance}/v2/images", tok)
    names = [i["name"] for i in (imgs or {}).get("images", [])]
    c.check(
        "glance: image list shows the public devcloud-tiny image",
        s == 200 and res["image"]["name"] in names,
        f"{s} {names}",
    )

    neutron = demo.endpoint("network")
    s, _, net = st("POST", f"{neutron}/v2.0/networks", tok, body={"network": {"name": f"selftest-{pid[:6]}"}})
    net = (net or {}).get("network", {})
    s2, _, _sub = st(
        "POST",
        f"{neutron}/v2.0/subnets",
        tok,
        body={"subnet": {"network_id": net.get("id"), "cidr": "10.99.0.0/24", "ip_version": 4}},
    )
    c.check("neutron: demo creates a network + subnet", s == 201 and s2 == 201, f"{s} {s2}")

    cinder = demo.endpoint("block-storage")
    s, _, vol = st("POST", f"{cinder}/volumes", tok, body={"volume": {"size": 1, "name": "selftest"}})
    vid = (vol or {}).get("volume", {}).get("id")
    vstat = wait_for(lambda: st("GET", f"{cinder}/volumes/{vid}", tok)[2]["volume"]["status"], "available")
    c.check("cinder: volume available", s == 202 and vstat == "available", f"{s} {vstat}")

    nova = demo.endpoint("compute")
    s, _, srv = st(
        "POST",
        f"{nova}/servers",
        tok,
        body={
            "server": {
                "name": "selftest-vm",
                "imageRef": res["image"]["id"],
                "flavorRef": res["flavors"]["m1.tiny"],
                "networks": [{"uuid": res["network"]["id"]}],
            }
        },
    )
    sid = (srv or {}).get("server", {}).get("id")
    sstat = wait_for(lambda: st("GET", f"{nova}/servers/{sid}", tok)[2]["server"]["status"], "ACTIVE")
    c.check("nova: server on the public network goes ACTIVE", s == 202 and sstat == "ACTIVE", f"{s} {sstat}")

    heat = demo.endpoint("orchestration")
    tpl = {
        "heat_template_version": "2021-04-16",
        "resources": {
            "pw": {"type": "OS::Heat::RandomString", "properties": {"length": 12}},
            "n": {"type": "OS::Heat::None"},
        },
        "outputs": {"pw": {"value": {"get_attr": ["pw", "value"]}}},
    }
    name = f"selftest-{uuid.uuid4().hex[:6]}"
    s, _, stk = st("POST", f"{heat}/stacks", tok, body={"stack_name": name, "template": tpl})
    stid = (stk or {}).get("stack", {}).get("id")
    hstat = wait_for(
        lambda: st("GET", f"{heat}/stacks/{name}/{stid}", tok)[2]["stack"]["stack_status"], "CREATE_COMPLETE"
    )
    c.check("heat: RandomString + None stack CREATE_COMPLETE", s == 201 and hstat == "CREATE_COMPLETE", f"{s} {hstat}")

    # cleanup
    if stid:
        st("DELETE", f"{heat}/stacks/{name}/{stid}", tok)
    if sid:
        st("DELETE", f"{nova}/servers/{sid}", tok)
        wait_for(lambda: st("GET", f"{nova}/servers/{sid}", tok)[0], 404, 60)
    if vid:
        st("DELETE", f"{cinder}/volumes/{vid}", tok)
    if net.get("id"):
        st("DELETE", f"{neutron}/v2.0/networks/{net['id']}", tok)
    if stid:
        hs = wait_for(
            lambda: (
                (st("GET", f"{heat}/stacks/{name}/{stid}", tok)[2] or {}).get("stack", {}).get("stack_status", "gone")
            ),
            "DELETE_COMPLETE",
            60,
            bad=("gone", "DELETE_FAILED"),
        )
        c.check("cleanup: stack deleted", hs in ("DELETE_COMPLETE", "gone"), hs)


def trove_checks(c, demo):
    """Trove in fake mode: tokens are validated by our Keystone; an instance reaches ACTIVE and goes."""
    trove = demo.endpoint("database")
    c.check("catalog: database (trove) endpoint", trove)
    if not trove:
        return
    tok = demo.token
    c.check("trove: no token (401)", st("GET", f"{trove}/instances")[0] == 401)
    s, _, fl = st("GET", f"{trove}/flavors", tok)
    c.check("trove: demo lists the fake flavors", s == 200 and (fl or {}).get("flavors"), f"{s}")
    body = {
        "instance": {
            "name": f"selftest-{uuid.uuid4().hex[:6]}",
            "flavorRef": "1",
            "volume": {"size": 1},
            "datastore": {"type": "mysql", "version": "8.0"},
            "databases": [{"name": "selftest"}],
        }
    }
    s, _, inst = st("POST", f"{trove}/instances", tok, body=body)
    iid = ((inst or {}).get("instance") or {}).get("id")
    c.check("trove: create an instance (mysql 8.0, 1 GB)", s == 200 and iid, f"{s} {inst}")
    if not iid:
        return

    def status():
        s, _, got = st("GET", f"{trove}/instances/{iid}", tok)
        return ((got or {}).get("instance") or {}).get("status") if s == 200 else s

    istat = wait_for(status, "ACTIVE", 90)
    c.check("trove: instance ACTIVE", istat == "ACTIVE", f"{istat} (see log/trove.log)")
    s = st("DELETE", f"{trove}/instances/{iid}", tok)[0]
    gone = wait_for(lambda: st("GET", f"{trove}/instances/{iid}", tok)[0], 404, 60, bad=())
    c.check("trove: instance deleted (404)", s == 202 and gone == 404, f"{s} {gone}")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m devcloud.selftest")
    ap.add_argument("--state-dir")
    args = ap.parse_args(argv)
    path = f"{state_dir_from(os.environ, args.state_dir)}/devcloud.json"
    with open(path) as f:
        info = json.load(f)
    pw = info["users"]
    c = Checks()
    auth = info["auth_url"]
    demo = Keystone(auth, "demo", pw["demo"]["password"], "demo")
    c.check("keystone: demo token (project scope)", demo.token and demo.project_id == info["projects"]["demo"])
    reader = Keystone(auth, "demo_reader", pw["demo_reader"]["password"], "demo")
    alt = Keystone(auth, "alt_demo", pw["alt_demo"]["password"], "alt_demo")
    admin = Keystone(auth, "admin", pw["admin"]["password"], "admin")
    swift_checks(c, info, demo, reader, alt)
    if info["profile"] == "full":
        full_checks(c, info, demo, admin)
        trove_checks(c, demo)
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
