"""Every runnable code sample in docs/ runs, in replay, against the cassettes of the dev cloud.

A page's ```python blocks run in order in one namespace (```python no-run blocks are shown only), with
``cloud="devcloud-demo"`` (and the other dev-cloud users) resolved from a clouds.yaml: the dev cloud's
own when recording, one naming the canonical hosts of the cassettes in replay.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

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


PAGES = sorted(p for p in DOCS.rglob("*.md") if runnable_blocks(p))


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


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_doc_samples_run(
    page: Path, cassette: Any, recording: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clouds = devcloud.state_dir() / "clouds.yaml" if recording else replay_clouds_yaml(tmp_path / "clouds.yaml")
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
    monkeypatch.chdir(tmp_path)  # samples that write files write them here
    name = "docs/" + str(page.relative_to(DOCS).with_suffix(""))
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    # a page about a service that cannot run here replays a cassette built by tests/builders (never re-recorded)
    built = "built_by: tests/builders" in (cassette_text(name) or "")
    with cassette(name, source=f"recorded by running the samples of docs/{page.relative_to(DOCS)}", built=built):
        for line, code in runnable_blocks(page):
            compiled = compile(code, f"{page.relative_to(ROOT)}:{line}", "exec")
            exec(compiled, namespace)  # noqa: S102 - running our own documentation is the point
