"""The first call's cost: a cold process that imports, creates a client and HEADs one object.

    python bench/first_call.py [--devcloud DIR] [--python PATH] [--runs 12] [--out bench/results/first-call-<date>.md]

Each case is a fresh interpreter doing the whole sequence against the dev cloud's Keystone and
Swift: import, authenticate (a Keystone v3 password token), find Swift in the catalog, HEAD a small
object. The baseline is raw ``requests`` doing exactly that by hand (``requests.post`` for the
token, the catalog searched in Python, ``requests.head``); pkgcloud does it with
``create_client(...)`` and ``get_object``. The cases run interleaved, so machine noise hits them
alike. Reported: medians of wall time and of the process's CPU time (user + system), and, when
valgrind is installed, the instruction count of one run of each (the client's own work, the
servers' excluded: the figure to trust on a busy machine).

``--python`` defaults to the runtime-only virtualenv of ``bench/import_cost.py`` (pkgcloud and
pkgcloud-openstack installed from this checkout as a user gets them, bytecode compiled).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.import_cost import runtime_python  # noqa: E402

CONTAINER, OBJECT = "bench-first-call", "small-object"

RAW = """
import json, os
import requests
o = json.loads(os.environ["BENCH_OPTIONS"])
body = {"auth": {
    "identity": {"methods": ["password"], "password": {"user": {
        "name": o["username"], "password": o["password"], "domain": {"name": o["domain_name"]}}}},
    "scope": {"project": {"name": o["tenant_name"], "domain": {"name": o["project_domain_name"]}}}}}
session = requests.Session()
answer = session.post(o["auth_url"].rstrip("/") + "/auth/tokens", json=body)
answer.raise_for_status()
token = answer.headers["X-Subject-Token"]
url = next(
    e["url"] for s in answer.json()["token"]["catalog"] if s["type"] == "object-store"
    for e in s["endpoints"] if e["interface"] == "public" and e.get("region_id", e.get("region")) == o["region"])
head = session.head(f"{url}/CONTAINER/OBJECT", headers={"X-Auth-Token": token})
head.raise_for_status()
assert head.headers["Content-Length"] == "100"
""".replace("CONTAINER", CONTAINER).replace("OBJECT", OBJECT)

PKGCLOUD = """
import json, os
import pkgcloud
client = pkgcloud.storage.create_client(provider="openstack", **json.loads(os.environ["BENCH_OPTIONS"]))
assert client.get_object("CONTAINER", "OBJECT").size == 100
""".replace("CONTAINER", CONTAINER).replace("OBJECT", OBJECT)

CASES = {"raw requests": RAW, "pkgcloud": PKGCLOUD}
BASELINE = "raw requests"


def timed(python: str, code: str, env: dict[str, str]) -> tuple[float, float]:
    started = time.perf_counter()
    proc = subprocess.Popen([python, "-c", code], env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"case failed: {code!r}")
    return wall, usage.ru_utime + usage.ru_stime


def instructions(python: str, code: str, env: dict[str, str]) -> int | None:
    if not shutil.which("valgrind"):
        return None
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    return int(found.group(1)) if found and out.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devcloud", default=os.environ.get("PKGCLOUD_DEVCLOUD", "/tmp/pkgcloud-devcloud"))
    parser.add_argument("--python", help="interpreter to measure (default: the runtime-only venv)")
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--out", help="write the markdown report here too")
    args = parser.parse_args()
    os.environ["PKGCLOUD_DEVCLOUD"] = args.devcloud
    import pkgcloud
    from tests.harness import devcloud

    options = devcloud.options("demo", live=True)
    setup = pkgcloud.storage.create_client(provider="openstack", **options)
    setup.create_container(CONTAINER)
    setup.upload(CONTAINER, OBJECT, data=b"x" * 100)
    python = args.python or runtime_python()
    env = {"PATH": os.environ.get("PATH", ""), "BENCH_OPTIONS": json.dumps(options)}
    load_before = os.getloadavg()[0]
    for code in CASES.values():  # warm the pyc caches
        timed(python, code, env)
    wall: dict[str, list[float]] = {k: [] for k in CASES}
    cpu: dict[str, list[float]] = {k: [] for k in CASES}
    for _ in range(args.runs):
        for name, code in CASES.items():
            w, c = timed(python, code, env)
            wall[name].append(w)
            cpu[name].append(c)
    counts = {name: instructions(python, code, env) for name, code in CASES.items()}
    load_after = os.getloadavg()[0]
    setup.delete_container(CONTAINER, delete_objects=True)
    base_wall, base_cpu = statistics.median(wall[BASELINE]), statistics.median(cpu[BASELINE])
    base_n = counts[BASELINE]
    lines = [
        f"# first call, {dt.date.today().isoformat()}",
        "",
        f"`{' '.join(['python', 'bench/first_call.py', *sys.argv[1:]])}` — interpreter `{python}` "
        f"(Python {platform.python_version()}), {args.runs} interleaved runs per case, each a fresh process "
        f"(import, authenticate, HEAD one object on the dev cloud); load average {load_before:.1f} before, "
        f"{load_after:.1f} after",
        "",
        "| case | wall median ms | ratio | CPU median ms | ratio | instructions (valgrind) | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in CASES:
        w, c, n = statistics.median(wall[name]), statistics.median(cpu[name]), counts[name]
        n_text = f"{n / 1e6:.1f} M" if n else "-"
        n_ratio = f"{n / base_n:.3f}" if n and base_n else "-"
        lines.append(
            f"| {name} | {w * 1000:.1f} | {w / base_wall:.3f} | {c * 1000:.1f} | {c / base_cpu:.3f} | "
            f"{n_text} | {n_ratio} |"
        )
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        Path(args.out).write_text(report)


if __name__ == "__main__":
    main()
