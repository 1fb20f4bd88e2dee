"""A third-party provider, built as a wheel and installed beside pkgcloud, works through create_client."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

DIST = Path(__file__).resolve().parents[1] / "thirdparty_provider"


def test_a_third_party_provider_installs_and_works_end_to_end(tmp_path: Path) -> None:
    # build the distribution's wheel with its own build backend, then install it (a pure wheel
    # installs by unpacking it into a directory on the path, dist-info and entry points included)
    out = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=DIST,
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("pkgcloud_memory_example-1.0.0-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    assert (site / "pkgcloud_memory_example-1.0.0.dist-info" / "entry_points.txt").is_file()

    script = textwrap.dedent(
        """
        import sys, tempfile, pathlib
        import pkgcloud
        print("providers", sorted(pkgcloud.providers()))
        print("services", pkgcloud.providers()["memory"].services)
        client = pkgcloud.storage.create_client(provider="memory", namespace="t")
        client.create_container("photos")
        obj = client.upload("photos", "cat.jpg", b"meow")
        print("uploaded", obj.name, obj.size, obj.etag)
        print("listed", [(c.name, c.count, c.bytes) for c in client.list_containers()])
        dest = pathlib.Path(tempfile.mkdtemp()) / "cat.jpg"
        client.download("photos", "cat.jpg", dest)
        print("downloaded", dest.read_bytes())
        print("loaded", sorted(m for m in sys.modules if m.startswith("pkgcloud_")))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    assert "'memory'" in lines["providers"] and "'openstack'" in lines["providers"]
    assert lines["services"] == "('storage',)"
    assert lines["uploaded"] == "cat.jpg 4 " + __import__("hashlib").md5(b"meow", usedforsecurity=False).hexdigest()
    assert lines["listed"] == "[('photos', 1, 4)]"
    assert lines["downloaded"] == "b'meow'"


def test_without_the_distribution_the_provider_is_unknown() -> None:
    import pytest

    import pkgcloud
    from pkgcloud.errors import UnknownProvider

    with pytest.raises(UnknownProvider, match="'memory'"):
        pkgcloud.storage.create_client(provider="memory")
