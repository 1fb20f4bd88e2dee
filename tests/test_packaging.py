"""The three distributions' metadata agree with each other and with the code (scripts/check-dist builds them).

The release steps (docs/releasing.md) keep the three versions in lockstep; this catches one forgotten.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import pkgcloud

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the packaging check itself runs on any 3.10+

ROOT = Path(__file__).resolve().parents[1]
PROJECTS = {
    "pkgcloud": ROOT / "core",
    "pkgcloud-openstack": ROOT / "providers" / "openstack",
    "pkgcloud-rackspace": ROOT / "providers" / "rackspace",
}


def project(name: str) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads((PROJECTS[name] / "pyproject.toml").read_text(encoding="utf-8"))
    return data


def test_versions_are_in_lockstep_with_pkgcloud_version() -> None:
    versions = {name: project(name)["project"]["version"] for name in PROJECTS}
    assert set(versions.values()) == {pkgcloud.__version__}, versions


def test_the_core_extras_name_the_provider_distributions() -> None:
    extras = project("pkgcloud")["project"]["optional-dependencies"]
    names = {extra: {re.split(r"[<>=!~ \[;]", req)[0] for req in reqs} for extra, reqs in extras.items()}
    assert names == {
        "openstack": {"pkgcloud-openstack"},
        "rackspace": {"pkgcloud-rackspace"},
        "all": {"pkgcloud-openstack", "pkgcloud-rackspace"},
    }


@pytest.mark.parametrize("name", ["pkgcloud-openstack", "pkgcloud-rackspace"])
def test_providers_need_the_core_of_their_release_and_register_an_entry_point(name: str) -> None:
    meta = project(name)["project"]
    assert f"pkgcloud>={pkgcloud.__version__}" in meta["dependencies"]
    assert meta["entry-points"]["pkgcloud.providers"]


@pytest.mark.parametrize("name", list(PROJECTS))
def test_each_distribution_ships_its_package_with_py_typed_and_a_readme(name: str) -> None:
    packages = project(name)["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert len(packages) == 1
    assert (PROJECTS[name] / packages[0] / "py.typed").is_file()
    assert (PROJECTS[name] / project(name)["project"]["readme"]).is_file()


def test_the_readme_install_block_names_distributions_of_this_checkout() -> None:
    """The first block under Install works on a fresh clone: every ./path it installs is a project here."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Install\n", 1)[1]
    block = section.split("```", 2)[1]
    paths = re.findall(r"\./[\w/]+", block)
    assert paths, "the install block installs from the checkout until a release exists"
    for path in paths:
        assert (ROOT / path / "pyproject.toml").is_file(), path
    assert {"./core", "./providers/openstack", "./providers/rackspace"} <= set(paths)
