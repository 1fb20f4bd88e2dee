"""The plugin registry: lazy providers, errors naming what is installed, broken plugins, the env filter."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

import pkgcloud
from pkgcloud.errors import UnknownProvider, UnsupportedService
from pkgcloud.plugins import Provider, hookimpl
from pkgcloud.plugins.registry import PluginWarning, Registry, registry


def run_python(code: str, **env: str) -> str:
    import os

    full_env = {**os.environ, **env}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=full_env, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_import_pkgcloud_imports_no_provider_no_service_and_no_attrs() -> None:
    out = run_python(
        """
        import sys, json
        import pkgcloud
        print(json.dumps(sorted(m for m in sys.modules if m.startswith(("pkgcloud", "attr", "pluggy")))))
        """
    )
    loaded = json.loads(out)
    assert loaded, "pkgcloud itself must be there"
    assert not [m for m in loaded if m.startswith("pkgcloud_")], loaded
    assert not [m for m in loaded if m.startswith(("attr", "pluggy"))], loaded
    assert "pkgcloud.storage" not in loaded and "pkgcloud.models" not in loaded


def test_create_client_imports_only_the_provider_and_service_asked_for() -> None:
    out = run_python(
        """
        import sys, json
        import pkgcloud
        pkgcloud.storage.create_client(provider="openstack", auth_url="http://keystone.invalid/v3",
                                       username="u", password="p", tenant_name="t", domain_name="Default")
        print(json.dumps(sorted(m for m in sys.modules if m.startswith(("pkgcloud", "attr", "pluggy")))))
        """
    )
    loaded = json.loads(out)
    assert "pkgcloud_openstack.storage" in loaded or any(m.startswith("pkgcloud_openstack.storage") for m in loaded)
    assert not [m for m in loaded if m.startswith("pkgcloud_rackspace")], "the other provider stays unloaded"
    assert not [m for m in loaded if m.startswith("pkgcloud_openstack.compute")], "other services stay unloaded"
    assert not [m for m in loaded if m.startswith("attr")], "models load on first use, not at client creation"
    assert not [m for m in loaded if m.startswith("pluggy")], "no plugin needs pluggy's extras here"


def test_the_installed_entry_points_are_read_once_for_both_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    from pkgcloud.plugins import registry as registry_module

    calls: list[int] = []
    real = registry_module.distributions

    def counting() -> object:
        calls.append(1)
        return real()

    monkeypatch.setattr(registry_module, "distributions", counting)
    fresh = Registry()
    assert fresh.provider("openstack").name == "openstack"
    fresh.load_general_plugins()
    fresh.providers()
    assert len(calls) == 1, calls


def test_the_entry_point_scan_finds_what_importlib_metadata_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib.metadata import entry_points

    from pkgcloud.plugins.registry import PLUGINS_GROUP, PROVIDERS_GROUP, _installed_entry_points

    first, shadowed = tmp_path / "first", tmp_path / "shadowed"
    write_fake_distribution(first, "dup-cloud", "dup_cloud_plugin", "")
    write_fake_distribution(first, "watcher", "watcher_plugin", "", group=PLUGINS_GROUP)
    # the same distribution again, later on the path, with one more provider: not seen
    write_fake_distribution(shadowed, "dup-cloud", "dup_cloud_plugin", "")
    (shadowed / "dup_cloud-1.0.dist-info" / "entry_points.txt").write_text(
        f"[{PROVIDERS_GROUP}]\ndup-cloud = dup_cloud_plugin\nghost = ghost_plugin\n[console_scripts]\nx = y:z\n"
    )
    monkeypatch.syspath_prepend(str(shadowed))
    monkeypatch.syspath_prepend(str(first))

    def described(eps: object) -> list[tuple[str, str, str]]:
        return sorted((ep.name, ep.value, ep.group) for ep in eps)  # type: ignore[attr-defined]

    ours = _installed_entry_points()
    for group in (PROVIDERS_GROUP, PLUGINS_GROUP):
        assert described(ours[group]) == described(entry_points(group=group)), group
    names = [ep.name for ep in ours[PROVIDERS_GROUP]]
    assert "dup-cloud" in names and "openstack" in names and "ghost" not in names
    assert "watcher" in [ep.name for ep in ours[PLUGINS_GROUP]]


def test_a_providers_distribution_name_is_read_when_asked_for() -> None:
    fresh = Registry()
    found = fresh.provider("openstack")
    assert found._dist is not None, "the metadata is not parsed to create a client"
    assert found.distribution == "pkgcloud-openstack"
    assert found._dist is None and found.distribution == "pkgcloud-openstack"


def test_providers_lists_installed_ones_and_their_services() -> None:
    found = pkgcloud.providers()
    assert "openstack" in found and "rackspace" in found
    assert {"compute", "storage"} <= set(found["openstack"].services)
    assert found["openstack"].distribution == "pkgcloud-openstack"


def test_unknown_provider_lists_the_installed_ones_and_the_extra() -> None:
    with pytest.raises(UnknownProvider) as info:
        pkgcloud.compute.create_client(provider="azure")
    text = str(info.value)
    assert "'azure'" in text and "'openstack'" in text and "'rackspace'" in text
    assert "third-party plugin" in text


def test_unknown_provider_that_is_an_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PKGCLOUD_LOAD_PLUGINS", "openstack")
    fresh = Registry()
    with pytest.raises(UnknownProvider) as info:
        fresh.provider("rackspace")
    assert 'pip install "pkgcloud[rackspace]"' in str(info.value)
    assert "PKGCLOUD_LOAD_PLUGINS" in str(info.value)


def test_a_service_the_provider_lacks_lists_what_it_has() -> None:
    with pytest.raises(UnsupportedService, match=r"no dns service; it offers: .*compute.*storage"):
        pkgcloud.dns.create_client(provider="openstack", auth_url="http://k/v3", token="t")


def test_env_var_restricts_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PKGCLOUD_LOAD_PLUGINS", "rackspace")
    fresh = Registry()
    assert set(fresh.providers()) == {"rackspace"}
    monkeypatch.setenv("PKGCLOUD_LOAD_PLUGINS", "")
    assert Registry().providers() == {}


def write_fake_distribution(root: Path, name: str, module: str, source: str, group: str = "pkgcloud.providers") -> None:
    """An installed distribution (dist-info + module) on a path, as pip would leave it."""
    dist = root / f"{name.replace('-', '_')}-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[{group}]\n{name} = {module}\n")
    (root / f"{module}.py").write_text(textwrap.dedent(source))


def test_a_broken_plugin_warns_with_its_name_and_the_others_keep_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_fake_distribution(tmp_path, "broken", "broken_pkgcloud_plugin", "raise RuntimeError('boom at import')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    fresh = Registry()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = fresh.providers()
    messages = [str(w.message) for w in caught if issubclass(w.category, PluginWarning)]
    assert any("'broken'" in m and "boom at import" in m and "distribution broken" in m for m in messages), messages
    assert "openstack" in found


@pytest.mark.parametrize("use_pluggy", [False, True], ids=["direct", "pluggy"])
def test_a_plugin_with_a_misspelled_hook_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_pluggy: bool
) -> None:
    write_fake_distribution(
        tmp_path,
        "typo",
        "typo_pkgcloud_plugin",
        """
        from pkgcloud.plugins import hookimpl
        @hookimpl
        def register_provider(register):  # the spec is register_providers
            pass
        """,
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    fresh = Registry(use_pluggy=use_pluggy)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = fresh.providers()
    assert any("'typo'" in str(w.message) and "register_provider" in str(w.message) for w in caught)
    assert "openstack" in found


def test_in_process_plugin_registers_a_provider() -> None:
    class Plugin:
        @hookimpl
        def register_providers(self, register):  # type: ignore[no-untyped-def]
            register(Provider("inproc", services={"storage": "pkgcloud.storage:StorageClient"}))

    registry.register(Plugin(), name="inproc-plugin")
    try:
        client = pkgcloud.storage.create_client(provider="inproc")
        assert client.provider == "inproc"
        from pkgcloud.errors import UnsupportedOperation

        with pytest.raises(UnsupportedOperation, match="inproc storage client does not support list_containers"):
            list(client.list_containers())
    finally:
        registry.unregister("inproc-plugin")
    with pytest.raises(UnknownProvider):
        registry.provider("inproc")


class Recorder:
    """An in-process plugin that answers and observes, to compare the two dispatchers."""

    def __init__(self, label: str, answer: str | None) -> None:
        self.label = label
        self.answer = answer
        self.calls: list[str] = []

    @hookimpl
    def load_auth_state(self, cache_id: str) -> str | None:
        self.calls.append(f"load:{cache_id}")
        return self.answer

    @hookimpl
    def token_issued(self, cache_id: str, renewed: bool) -> str:
        self.calls.append(f"issued:{renewed}")
        return self.label


@pytest.mark.parametrize("use_pluggy", [False, True], ids=["direct", "pluggy"])
def test_direct_dispatch_follows_pluggys_rules(use_pluggy: bool) -> None:
    fresh = Registry(use_pluggy=use_pluggy)
    first, second, third = Recorder("first", "state-1"), Recorder("second", None), Recorder("third", "state-3")
    for plugin in (first, second, third):
        fresh.register(plugin, name=plugin.label)
    # firstresult: last registered first, stop at the first answer
    assert fresh.hooks.load_auth_state(cache_id="c") == "state-3"
    assert (first.calls, second.calls, third.calls) == ([], [], ["load:c"])
    # broadcast: every implementation, last registered first, non-None results collected
    assert fresh.hooks.token_issued(cache_id="c", state=None, renewed=True) == ["third", "second", "first"]
    fresh.unregister("third")
    assert fresh.hooks.load_auth_state(cache_id="c") == "state-1"
    assert (fresh._pm is not None) is use_pluggy


def test_a_hook_wrapper_hands_the_registry_over_to_pluggy() -> None:
    fresh = Registry()
    fresh.register(Recorder("plain", None), name="plain")
    assert fresh._pm is None

    class Wrapper:
        @hookimpl(wrapper=True)
        def load_auth_state(self, cache_id: str):  # type: ignore[no-untyped-def]
            inner = yield
            return inner or "from-wrapper"

    fresh.register(Wrapper(), name="wrapper")
    assert fresh._pm is not None, "only pluggy implements wrappers"
    assert fresh.hooks.load_auth_state(cache_id="c") == "from-wrapper"
    assert "openstack" in fresh.providers()


def test_an_observer_plugin_group_entry_point_loads_pluggy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_fake_distribution(
        tmp_path,
        "observer",
        "observer_pkgcloud_plugin",
        """
        from pkgcloud.plugins import hookimpl
        SEEN = []
        @hookimpl
        def token_invalidated(cache_id, reason):
            SEEN.append(reason)
        """,
        group="pkgcloud.plugins",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    fresh = Registry()
    fresh.provider("openstack")
    assert fresh._pm is None
    fresh.load_general_plugins()
    assert fresh._pm is not None
    fresh.hooks.token_invalidated(cache_id="c", state=None, reason="401")
    import observer_pkgcloud_plugin  # type: ignore[import-not-found]

    assert observer_pkgcloud_plugin.SEEN == ["401"]
    assert "openstack" in fresh.providers(), "providers registered before the hand-over are kept"
