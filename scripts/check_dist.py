"""Run by scripts/check-dist inside a venv where ``pkgcloud[<extra>]`` was installed from the built wheels.

Checks, from outside the checkout: the right distributions are installed (and only those) at the
versions built; each holds every module and file of its source tree, ``py.typed`` included; every
module imports from the venv; the providers register through their entry points and create a client
of each service they offer (lazily: no request is sent); ``pkgcloud.__version__`` is the release's.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata as metadata
import pkgutil
import sys
from pathlib import Path, PurePosixPath

# distribution -> (import package, source directory in the checkout)
DISTRIBUTIONS = {
    "pkgcloud": ("pkgcloud", "core/src/pkgcloud"),
    "pkgcloud-openstack": ("pkgcloud_openstack", "providers/openstack/src/pkgcloud_openstack"),
    "pkgcloud-rackspace": ("pkgcloud_rackspace", "providers/rackspace/src/pkgcloud_rackspace"),
}
# what each extra of the core must bring: distributions, and the providers that register
EXTRAS = {
    "openstack": ({"pkgcloud", "pkgcloud-openstack"}, {"openstack"}),
    "rackspace": ({"pkgcloud", "pkgcloud-openstack", "pkgcloud-rackspace"}, {"openstack", "rackspace"}),
    "all": ({"pkgcloud", "pkgcloud-openstack", "pkgcloud-rackspace"}, {"openstack", "rackspace"}),
}
# options that create a client of any service of the provider without sending a request
CLIENT_OPTIONS = {
    "openstack": {
        "auth_url": "http://127.0.0.1:9/v3",
        "username": "u",
        "password": "p",
        "tenant_name": "t",
        "domain_name": "Default",
    },
    "rackspace": {"username": "u", "api_key": "k", "region": "DFW"},
}

problems: list[str] = []


def fail(message: str) -> None:
    problems.append(message)
    print(f"  FAIL {message}", file=sys.stderr)


def source_files(src: Path) -> set[str]:
    """Every file a distribution must ship: its modules and data files (no caches)."""
    return {
        str(PurePosixPath(src.name, *path.relative_to(src).parts))
        for path in src.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def check_distribution(dist: str, package: str, src: Path, built: dict[str, str]) -> None:
    version = metadata.version(dist)
    if built.get(dist) != version:
        fail(f"{dist} {version} is installed, the wheel built is {built.get(dist)}")
    shipped = {str(f) for f in metadata.files(dist) or [] if not str(f).endswith(".pyc")}
    missing = sorted(source_files(src) - shipped)
    if missing:
        fail(f"{dist} lacks files of its source tree: {missing}")
    if f"{package}/py.typed" not in shipped:
        fail(f"{dist} lacks {package}/py.typed")
    root = importlib.import_module(package)
    names = [root.__name__] + [m.name for m in pkgutil.walk_packages(root.__path__, prefix=f"{package}.")]
    for name in names:
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # any import failure is a packaging problem to report
            fail(f"import {name}: {type(exc).__name__}: {exc}")
            continue
        where = Path(module.__file__ or "").resolve()
        if Path(sys.prefix).resolve() not in where.parents:
            fail(f"{name} was imported from {where}, not from the venv")
    print(f"  {dist} {version}: {len(shipped)} files, {len(names)} modules imported")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--extra", required=True, choices=sorted(EXTRAS))
    parser.add_argument("--dist", required=True, type=Path, help="the directory of the built wheels")
    parser.add_argument("--src", required=True, type=Path, help="the checkout")
    args = parser.parse_args()
    built = {}
    for wheel in args.dist.glob("*.whl"):
        name, version = wheel.name.split("-")[:2]
        built[name.replace("_", "-")] = version
    wanted_dists, wanted_providers = EXTRAS[args.extra]
    print(f"pkgcloud[{args.extra}]:")
    installed = set()
    for dist in DISTRIBUTIONS:
        try:
            metadata.version(dist)
            installed.add(dist)
        except metadata.PackageNotFoundError:
            pass
    if installed != wanted_dists:
        fail(f"pkgcloud[{args.extra}] installed {sorted(installed)}, expected {sorted(wanted_dists)}")
    for dist in sorted(installed):
        package, src = DISTRIBUTIONS[dist]
        check_distribution(dist, package, args.src / src, built)

    import pkgcloud

    if pkgcloud.__version__ != metadata.version("pkgcloud"):
        fail(f"pkgcloud.__version__ is {pkgcloud.__version__}, the distribution {metadata.version('pkgcloud')}")
    providers = pkgcloud.providers()
    if set(providers) != wanted_providers:
        fail(f"providers registered: {sorted(providers)}, expected {sorted(wanted_providers)}")
    for name, provider in sorted(providers.items()):
        for service in provider.services:
            try:
                client = getattr(pkgcloud, service).create_client(provider=name, **CLIENT_OPTIONS[name])
                client.close()
            except Exception as exc:  # a service the provider lists must be creatable
                fail(f"{service}.create_client(provider={name!r}): {type(exc).__name__}: {exc}")
        print(f"  provider {name}: {', '.join(provider.services)}")
    if problems:
        print(f"pkgcloud[{args.extra}]: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
