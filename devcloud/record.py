"""`python3 -m devcloud record TARGET...`: re-record cassettes against this dev cloud, then replay them."""

from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_paths(target):
    """openstack/storage -> tests/openstack/storage; docs -> tests/test_docs.py."""
    if target == "docs":
        return [os.path.join("tests", "test_docs.py")]
    path = os.path.join("tests", *target.strip("/").split("/"))
    if os.path.isdir(os.path.join(ROOT, path)) or os.path.isfile(os.path.join(ROOT, path)):
        return [path]
    if os.path.isfile(os.path.join(ROOT, path + ".py")):
        return [path + ".py"]
    raise ValueError(f"no tests for {target!r} (looked for {path})")


def record(cloud, targets, mode, pytest_args):
    python = os.path.join(ROOT, ".venv", "bin", "python")
    if not os.path.exists(python):
        print("devcloud: no .venv: run scripts/test once first", file=sys.stderr)
        return 2
    if cloud.status(out=open(os.devnull, "w")) != 0:  # noqa: SIM115 - a throwaway sink
        print("devcloud: the dev cloud is not up: python3 -m devcloud up [--all]", file=sys.stderr)
        return 1
    try:
        paths = [p for t in targets for p in test_paths(t)]
    except ValueError as e:
        print(f"devcloud: {e}", file=sys.stderr)
        return 2
    extra = [a for a in pytest_args if a != "--"]
    env = dict(os.environ, PKGCLOUD_DEVCLOUD=cloud.s.state_dir)
    base = [python, "-m", "pytest", "-p", "no:cacheprovider", *paths, *extra]
    print(f"devcloud: recording {' '.join(paths)} (record mode {mode})")
    rc = subprocess.call([*base, f"--record-mode={mode}"], cwd=ROOT, env=env)
    if rc != 0:
        return rc
    print("devcloud: replaying what was recorded (offline)")
    return subprocess.call([*base, "--record-mode=none"], cwd=ROOT, env=env)
