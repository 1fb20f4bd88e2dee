"""Shared fixtures: a clean environment, the clock, cassettes and the dev cloud."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest

from pkgcloud import clock
from pkgcloud.plugins.registry import registry
from tests.harness import devcloud
from tests.harness.cassettes import Scrubber, cassette_path, make_vcr, provenance

RECORD_MODES = ("none", "once", "new_episodes", "all")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record-mode",
        default=os.environ.get("PKGCLOUD_RECORD_MODE", "none"),
        choices=RECORD_MODES,
        help="vcrpy record mode: 'none' replays only (CI); 'all' re-records against the dev cloud",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``@pytest.mark.devcloud`` needs a reachable dev cloud; ``devcloud("nova")`` also needs that service."""
    marked = [item for item in items if item.get_closest_marker("devcloud")]
    if not marked:
        return
    if not devcloud.reachable():
        reason = f"no dev cloud reachable (start one: python3 -m devcloud up; state {devcloud.state_dir()})"
        for item in marked:
            item.add_marker(pytest.mark.skip(reason=reason))
        return
    running = {name for name, up in ((devcloud.facts() or {}).get("services") or {}).items() if up}
    for item in marked:
        marker = item.get_closest_marker("devcloud")
        missing = [name for name in (marker.args if marker else ()) if name not in running]
        if missing:
            reason = f"the dev cloud does not run {', '.join(missing)} (python3 -m devcloud up --all)"
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No OS_* variables, no user clouds.yaml, no plugin restriction, no token shared across tests."""
    for name in list(os.environ):
        if name.startswith("OS_") or name == "PKGCLOUD_LOAD_PLUGINS":
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    registry._shared_auth.clear()
    previous = clock.get_clock()
    yield
    clock.set_clock(previous)
    registry._shared_auth.clear()


@pytest.fixture
def fake_clock() -> Iterator[clock.FakeClock]:
    fake = clock.FakeClock()
    previous = clock.set_clock(fake)
    yield fake
    clock.set_clock(previous)


@pytest.fixture(scope="session")
def record_mode(pytestconfig: pytest.Config) -> str:
    return str(pytestconfig.getoption("--record-mode"))


@pytest.fixture(scope="session")
def recording(record_mode: str) -> bool:
    return record_mode != "none"


def devcloud_source() -> str:
    info = devcloud.facts() or {}
    versions = info.get("versions") or {}
    shown = ", ".join(f"{k} {v}" for k, v in sorted(versions.items())) if versions else "see devcloud/README.md"
    return f"recorded against the pkgcloud dev cloud (devcloud/ in this repository; {shown})"


@pytest.fixture
def cassette(record_mode: str, recording: bool) -> Callable[..., AbstractContextManager[Any]]:
    """``with cassette("openstack/storage/upload"):`` records (``--record-mode``) or replays a cassette.

    Replay installs a fake clock (no test sleeps) and requires every recorded interaction to be
    played, so a client that stops sending a request it used to send fails the test.
    """

    @contextmanager
    def use(
        name: str, *, source: str | None = None, allow_unplayed: bool = False, built: bool = False
    ) -> Iterator[Any]:
        """``built``: the cassette was built from official samples (tests/builders) and is never re-recorded."""
        path = cassette_path(name)
        live = recording and not built
        if not live:
            if not path.is_file():
                pytest.fail(f"cassette {path} is missing: record it against the dev cloud with --record-mode=once")
        elif not devcloud.reachable():
            pytest.skip("recording needs a running dev cloud")
        elif record_mode == "all":
            path.unlink(missing_ok=True)  # vcrpy's "all" would keep the old interactions beside the new
        scrubber = Scrubber(devcloud.host_map())
        with make_vcr(record_mode if live else "none", scrubber).use_cassette(str(path)) as cass:
            if live:
                for key, value in provenance(source or devcloud_source()).items():
                    cass._metadata[key] = value
                previous = None
            else:
                previous = clock.set_clock(clock.FakeClock())
            try:
                yield cass
            finally:
                if previous is not None:
                    clock.set_clock(previous)
            if not live and not allow_unplayed:
                unplayed = [
                    f"{req.method} {req.uri}" for i, (req, _) in enumerate(cass.data) if not cass.play_counts[i]
                ]
                assert not unplayed, f"cassette {name}: interactions never requested: {unplayed}"

    return use


@pytest.fixture
def devcloud_options(recording: bool) -> Callable[..., dict[str, Any]]:
    """``devcloud_options("demo")``: live dev-cloud credentials when recording, canonical ones in replay."""

    def options(user: str = "demo", **extra: Any) -> dict[str, Any]:
        found = devcloud.options(user, live=recording)
        found.update(extra)
        return found

    return options


@pytest.fixture
def live_options() -> Callable[..., dict[str, Any]]:
    """Credentials of the running dev cloud, for integration tests (marked ``devcloud``)."""

    def options(user: str = "demo", **extra: Any) -> dict[str, Any]:
        found = devcloud.options(user, live=True)
        found.update(extra)
        return found

    return options
