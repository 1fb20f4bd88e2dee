"""Command line: python3 -m devcloud {up,down,status,env} [options]."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys

from . import settings as settings_mod
from .cloud import DevCloud, DevcloudError, read, tail

EPILOG = """\
environment (an option wins over its variable):
  PKGCLOUD_DEVCLOUD_DIR                state dir (default /tmp/pkgcloud-devcloud)
  PKGCLOUD_DEVCLOUD_PROFILE            core | full
  PKGCLOUD_DEVCLOUD_PORT_<NAME>=N      one port, e.g. PKGCLOUD_DEVCLOUD_PORT_KEYSTONE=5001
  PKGCLOUD_DEVCLOUD_PORT_OFFSET=N      add N to every default port
  TOKEN_EXPIRATION / PKGCLOUD_DEVCLOUD_TOKEN_EXPIRATION            Keystone token lifetime (s)
  AUTHTOKEN_CACHE_TIME / PKGCLOUD_DEVCLOUD_AUTHTOKEN_CACHE_TIME    Swift's token cache (s, -1 = off)
  PKGCLOUD_DEVCLOUD_SWIFT_STORAGE      tmpfs | dir;  PKGCLOUD_DEVCLOUD_SWIFT_STORAGE_SIZE (12g)
port names: """ + ", ".join(settings_mod.DEFAULT_PORTS)


def build_parser():
    ap = argparse.ArgumentParser(
        prog="python3 -m devcloud",
        description=(
            "Real OpenStack services (Keystone + Swift; with --all also Glance, Placement, Nova, "
            "Cinder, Neutron, Heat, Trove in fake mode) on 127.0.0.1 for pkgcloud's integration tests."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = ap.add_subparsers(dest="command", required=True)

    def common(p):
        p.add_argument("--state-dir", help="state dir (env PKGCLOUD_DEVCLOUD_DIR)")

    up = sub.add_parser(
        "up",
        help="install what is missing and start (idempotent)",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(up)
    up.add_argument("--all", action="store_true", help="same as --profile full")
    up.add_argument(
        "--profile",
        choices=settings_mod.PROFILES,
        help="core = Keystone + Swift (default); full = + Glance, Placement, Nova, Trove, "
        "Cinder, Neutron, Heat.  Without it, the profile of the previous up is kept",
    )
    up.add_argument("--port", action="append", metavar="NAME=N", help="set one port (repeatable)")
    up.add_argument("--port-offset", type=int, help="add N to every default port")
    up.add_argument(
        "--token-expiration",
        type=int,
        metavar="SECONDS",
        help="Keystone token lifetime (default 3600; >= 5 is reliable; restarts Keystone only)",
    )
    up.add_argument(
        "--authtoken-cache-time",
        type=int,
        metavar="SECONDS",
        help="how long Swift caches a validated token (default 300; -1 = validate "
        "every request, so revoked tokens fail at once)",
    )
    up.add_argument("--swift-storage", choices=("tmpfs", "dir"))
    up.add_argument("--swift-storage-size", metavar="SIZE", help="tmpfs size (default 12g)")
    up.add_argument("--swift-chunk", type=int, metavar="BYTES", help="Swift I/O chunk (default 1 MiB)")
    up.add_argument("--timeout", type=int, default=300, help="seconds to wait for each service")

    down = sub.add_parser("down", help="stop everything we started (by pid)")
    common(down)
    down.add_argument(
        "--purge", action="store_true", help="also unmount Swift's tmpfs and delete all state except the venvs"
    )
    down.add_argument("--venvs", action="store_true", help="with --purge: delete the venvs too")

    st = sub.add_parser("status", help="what runs; exit 0 only if everything answers")
    common(st)
    st.add_argument("--json", action="store_true", help="print devcloud.json as well")
    st.add_argument("--mem", action="store_true", help="RSS/PSS per service as well")

    rec = sub.add_parser(
        "record",
        help="re-record cassettes of a provider/service against this dev cloud, then replay them",
        description=(
            "Runs the tests of TARGET (openstack/storage -> tests/openstack/storage, docs -> tests/test_docs.py) "
            "with --record-mode, against the running dev cloud, then runs them again offline to prove the new "
            "cassettes replay. Needs the project's .venv (scripts/test creates it)."
        ),
    )
    common(rec)
    rec.add_argument("targets", nargs="+", metavar="TARGET", help="provider/service, e.g. openstack/storage")
    rec.add_argument(
        "--mode",
        default="all",
        choices=("all", "once", "new_episodes"),
        help="vcrpy record mode (default all: re-record every cassette the tests use)",
    )
    rec.add_argument("pytest_args", nargs=argparse.REMAINDER, help="after --: more pytest arguments")

    env = sub.add_parser("env", help="print the env file (or its path)")
    common(env)
    env.add_argument("--path", action="store_true", help="print only the path")
    env.add_argument("--json", action="store_true", help="print devcloud.json instead")
    env.add_argument("--clouds", action="store_true", help="print clouds.yaml instead")
    return ap


def main(argv=None):
    # survive a closed stdout (`python3 -m devcloud up | head -1`)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    args = build_parser().parse_args(argv)
    state_dir = settings_mod.state_dir_from(os.environ, args.state_dir)
    saved = None
    raw = read(f"{state_dir}/run/settings.json")
    if raw:
        try:
            saved = settings_mod.Settings.from_json(json.loads(raw))
        except (ValueError, TypeError):
            saved = None
    try:
        if args.command == "up":
            s = settings_mod.resolve(args, os.environ, saved.profile if saved else None)
        else:
            s = saved or settings_mod.resolve(args, os.environ)
    except settings_mod.SettingsError as e:
        print(f"devcloud: {e}", file=sys.stderr)
        return 2
    s.state_dir = state_dir
    cloud = DevCloud(s)
    try:
        if args.command == "up":
            return cloud.up(wait_timeout=args.timeout)
        if args.command == "down":
            return cloud.down(purge=args.purge, purge_venvs=args.venvs)
        if args.command == "status":
            if saved is None:
                print(f"devcloud: nothing was started in {state_dir}")
                return 1
            rc = cloud.status()
            if args.mem:
                cloud.memory()
            if args.json:
                print(read(cloud.p.json_file, "{}"))
            return rc
        if args.command == "record":
            from .record import record

            return record(cloud, args.targets, args.mode, args.pytest_args)
        if args.command == "env":
            path = cloud.p.json_file if args.json else cloud.p.clouds_yaml if args.clouds else cloud.p.env_file
            if args.path:
                print(path)
                return 0 if os.path.exists(path) else 1
            text = read(path)
            if text is None:
                print(f"devcloud: no {path}; run `python3 -m devcloud up` first", file=sys.stderr)
                return 1
            print(f"# {path}")
            sys.stdout.write(text)
            return 0
    except DevcloudError as e:
        print(f"devcloud: ERROR: {e}", file=sys.stderr)
        for log in e.logs:
            print(f"---- last lines of {log}", file=sys.stderr)
            print(tail(log), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("devcloud: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # stdout closed early (`status | head`): stop printing, keep the exit code sane
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0 if args.command != "status" else 1
    return 2
