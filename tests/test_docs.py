"""Every runnable code sample of the README and of docs/ runs, in replay, against the cassettes of the dev cloud.

A page's ```python blocks run in order in one namespace (```python no-run blocks are shown only), with
``cloud="devcloud-demo"`` (and the other dev-cloud users) resolved from a clouds.yaml: the dev cloud's
own when recording, one naming the canonical hosts of the cassettes in replay. The blocks run in a
fresh directory holding the files a page's reader is assumed to have (``GIVEN_FILES``); what a page
leaves on the cloud is removed afterwards (``CLEANUP``, recorded with it).

Record a page's cassette against the dev cloud (``python3 -m devcloud up``):
``scripts/test tests/test_docs.py -k README --record-mode=all``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from pkgcloud.errors import Conflict
from tests.harness import devcloud

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```python[ \t]*(?P<info>[^\n]*)\n(?P<code>.*?)^```", re.MULTILINE | re.DOTALL)


def runnable_blocks(page: Path) -> list[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    blocks = []
    for match in FENCE.finditer(text):
        if "no-run" in match.group("info"):
            continue
        line = text.count("\n", 0, match.start()) + 2
        blocks.append((line, match.group("code")))
    return blocks


def cassette_text(name: str) -> str | None:
    path = ROOT / "cassettes" / f"{name}.yaml"
    return path.read_text(encoding="utf-8") if path.is_file() else None


PAGES = [ROOT / "README.md", *sorted(p for p in DOCS.rglob("*.md") if runnable_blocks(p))]

# files the reader of a page has in their working directory (the README uploads "a photo")
GIVEN_FILES: dict[str, dict[str, bytes]] = {"README.md": {"cat.jpg": b"\xff\xd8\xff\xe0 not quite a cat\xff\xd9"}}
# what runs after a page's blocks, so that its samples leave nothing behind on the dev cloud
CLEANUP: dict[str, str] = {"README.md": 'storage.delete_container("photos", delete_objects=True)\n'}


def replay_clouds_yaml(path: Path) -> Path:
    users = {"admin": "admin", "demo": "demo", "alt_demo": "alt_demo", "demo_reader": "demo"}
    lines = ["clouds:"]
    for user, project in users.items():
        lines += [
            f"  devcloud-{user}:",
            "    auth:",
            f"      auth_url: {devcloud.canonical_auth_url()}",
            f"      username: {user}",
            f"      password: {devcloud.REPLAY_PASSWORD}",
            f"      project_name: {project}",
            "      user_domain_name: Default",
            "      project_domain_name: Default",
            "    region_name: RegionOne",
            "    identity_api_version: 3",
        ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_sample_extractor_sees_run_and_no_run_blocks(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("x\n```python\nprint(1)\n```\n\n```python no-run\nboom()\n```\n")
    assert runnable_blocks(page) == [(3, "print(1)\n")]


def test_the_readme_headline_runs() -> None:
    """The first sample a reader meets is run, not only shown."""
    readme = ROOT / "README.md"
    assert runnable_blocks(readme), "the README's headline snippet must be a runnable ```python block"
    assert "storage.upload(" in runnable_blocks(readme)[0][1]


def run_page(page: Path, workdir: Path) -> None:
    """Run the page's blocks in order in one namespace, in ``workdir`` (holding the page's given files)."""
    relative = str(page.relative_to(ROOT))
    for filename, content in GIVEN_FILES.get(relative, {}).items():
        (workdir / filename).write_bytes(content)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for line, code in runnable_blocks(page):
        compiled = compile(code, f"{relative}:{line}", "exec")
        exec(compiled, namespace)  # noqa: S102 - running our own documentation is the point
    if relative in CLEANUP:
        exec(compile(CLEANUP[relative], f"{relative} (cleanup)", "exec"), namespace)  # noqa: S102


def page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


def services_of(page: Path) -> tuple[str, ...]:
    """The dev-cloud services a page's samples use (what ``@pytest.mark.devcloud`` must find running)."""
    text = "".join(code for _, code in runnable_blocks(page))
    needed = ["keystone"]
    if "pkgcloud.storage." in text:
        needed.append("swift")
    if "pkgcloud.compute." in text:
        needed += ["nova", "glance", "neutron"]
    for module, service in (
        ("blockstorage", "cinder"),
        ("network", "neutron"),
        ("orchestration", "heat"),
        ("database", "trove"),
    ):
        if f"pkgcloud.{module}." in text and service not in needed:
            needed.append(service)
    return tuple(needed)


@pytest.mark.parametrize("page", PAGES, ids=[page_id(p) for p in PAGES])
def test_doc_samples_run(
    page: Path, cassette: Any, recording: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In replay (or recording with ``--record-mode``): the page against its cassette."""
    clouds = devcloud.state_dir() / "clouds.yaml" if recording else replay_clouds_yaml(tmp_path / "clouds.yaml")
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)  # samples that write files write them here
    name = str(page.relative_to(ROOT).with_suffix(""))
    # a page about a service that cannot run here replays a cassette built by tests/builders (never re-recorded)
    built = "built_by: tests/builders" in (cassette_text(name) or "")
    with cassette(name, source=f"recorded by running the samples of {page_id(page)}", built=built):
        run_page(page, workdir)


@pytest.mark.parametrize(
    "page", [pytest.param(p, id=page_id(p), marks=pytest.mark.devcloud(*services_of(p))) for p in PAGES]
)
def test_doc_samples_run_on_the_dev_cloud(
    page: Path, recording: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a dev cloud up (as in CI): the page as a reader runs it, against the live services, no cassette."""
    if recording:
        pytest.skip("recording runs the pages live already (test_doc_samples_run)")
    if "built_by: tests/builders" in (cassette_text(str(page.relative_to(ROOT).with_suffix(""))) or ""):
        pytest.skip("this page's service cannot run on the dev cloud: its samples replay a built cassette")
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(devcloud.state_dir() / "clouds.yaml"))
    monkeypatch.chdir(tmp_path)
    try:
        run_page(page, tmp_path)
    except Conflict as exc:
        # the compute samples boot on the project's only network; on a shared dev cloud another
        # user's test may have made a second one for a while (nothing was created yet then)
        if "Multiple possible networks" not in str(exc):
            raise
        pytest.skip(f"the dev cloud's demo project has several networks right now (not this test's): {exc}")
