"""The plugin registry: finds entry points, loads providers on demand, makes clients."""

from __future__ import annotations

import os
import threading
import warnings
import weakref
from collections.abc import Mapping
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any

import pluggy

from pkgcloud.errors import UnknownProvider, UnsupportedService
from pkgcloud.plugins import PROJECT, hookspecs
from pkgcloud.plugins.provider import Provider

if TYPE_CHECKING:
    from pkgcloud.auth import AuthContext
    from pkgcloud.client import BaseClient

PROVIDERS_GROUP = "pkgcloud.providers"
PLUGINS_GROUP = "pkgcloud.plugins"
LOAD_ENV = "PKGCLOUD_LOAD_PLUGINS"


class PluginWarning(UserWarning):
    """A plugin could not be loaded; the others keep working."""


def _allowed() -> set[str] | None:
    value = os.environ.get(LOAD_ENV)
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


class Registry:
    """Providers by name, loaded lazily from entry points through one pluggy manager."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._pm: pluggy.PluginManager | None = None
        self._providers: dict[str, Provider] = {}
        self._provider_eps: dict[str, EntryPoint] | None = None
        self._attempted: set[str] = set()
        self._general_loaded = False
        self._current_plugin: tuple[str, str | None] | None = None
        self._shared_auth: weakref.WeakValueDictionary[str, AuthContext] = weakref.WeakValueDictionary()

    # -- the manager -----------------------------------------------------------------------------

    @property
    def pm(self) -> pluggy.PluginManager:
        if self._pm is None:
            with self._lock:
                if self._pm is None:
                    pm = pluggy.PluginManager(PROJECT)
                    pm.add_hookspecs(hookspecs)
                    # historic: every plugin registered from now on is asked for its providers
                    pm.hook.register_providers.call_historic(kwargs={"register": self._add_provider})
                    self._pm = pm
        return self._pm

    @property
    def hooks(self) -> pluggy.HookRelay:
        return self.pm.hook

    def register(self, plugin: object, name: str | None = None) -> None:
        """Register an in-process plugin; its providers become available at once."""
        with self._lock:
            self._current_plugin = (name or str(getattr(plugin, "__name__", repr(plugin))), None)
            try:
                self.pm.register(plugin, name=name)
                self.pm.check_pending()
            finally:
                self._current_plugin = None

    def unregister(self, name: str) -> None:
        with self._lock:
            plugin = self.pm.get_plugin(name)
            if plugin is not None:
                self.pm.unregister(plugin)
            for key, prov in list(self._providers.items()):
                if prov.plugin == name:
                    del self._providers[key]

    def _add_provider(self, provider: Provider) -> None:
        if self._current_plugin is not None:
            provider.plugin, provider.distribution = self._current_plugin
        existing = self._providers.get(provider.name)
        if existing is not None and existing.plugin != provider.plugin:
            warnings.warn(
                f"pkgcloud: provider {provider.name!r} from {provider.plugin!r} replaces the one "
                f"from {existing.plugin!r}",
                PluginWarning,
                stacklevel=2,
            )
        self._providers[provider.name] = provider

    # -- entry points ----------------------------------------------------------------------------

    def _entry_points(self, group: str) -> list[EntryPoint]:
        allowed = _allowed()
        found = entry_points(group=group)
        return [ep for ep in found if allowed is None or ep.name in allowed]

    def _provider_entry_points(self) -> dict[str, EntryPoint]:
        if self._provider_eps is None:
            self._provider_eps = {ep.name: ep for ep in self._entry_points(PROVIDERS_GROUP)}
        return self._provider_eps

    def _load(self, ep: EntryPoint) -> None:
        key = f"{ep.group}:{ep.name}"
        if key in self._attempted:
            return
        self._attempted.add(key)
        dist_obj = getattr(ep, "dist", None)
        dist = dist_obj.name if dist_obj is not None else None
        try:
            plugin = ep.load()
            self._current_plugin = (ep.name, dist)
            try:
                if self.pm.get_plugin(ep.name) is None and not self.pm.is_registered(plugin):
                    self.pm.register(plugin, name=ep.name)
                    self.pm.check_pending()
            finally:
                self._current_plugin = None
        except Exception as exc:  # a broken plugin must not break the others
            plugin_obj = self.pm.get_plugin(ep.name)
            if plugin_obj is not None:
                self.pm.unregister(plugin_obj)
            where = f" (distribution {dist})" if dist else ""
            warnings.warn(
                f"pkgcloud: plugin {ep.name!r}{where} failed to load and was skipped: {type(exc).__name__}: {exc}",
                PluginWarning,
                stacklevel=3,
            )

    def load_general_plugins(self) -> None:
        """Import the observer/decorator plugins (group ``pkgcloud.plugins``), once."""
        if self._general_loaded:
            return
        with self._lock:
            if not self._general_loaded:
                for ep in self._entry_points(PLUGINS_GROUP):
                    self._load(ep)
                self._general_loaded = True

    def load_all(self) -> None:
        with self._lock:
            self.pm  # noqa: B018 - create the manager
            for ep in self._provider_entry_points().values():
                self._load(ep)
            self.load_general_plugins()

    # -- providers -------------------------------------------------------------------------------

    def provider(self, name: str) -> Provider:
        """The provider called ``name``, importing its plugin on first use."""
        found = self._providers.get(name)
        if found is not None:
            return found
        with self._lock:
            self.pm  # noqa: B018 - create the manager (and its historic registration call)
            ep = self._provider_entry_points().get(name)
            if ep is not None:
                self._load(ep)
            if name not in self._providers:
                # a plugin may register providers under names other than its entry point's
                self.load_all()
            if name not in self._providers:
                raise UnknownProvider(self._unknown_provider_message(name))
            return self._providers[name]

    def providers(self) -> dict[str, Provider]:
        """Every installed provider (this imports every provider plugin)."""
        self.load_all()
        return dict(sorted(self._providers.items()))

    def _unknown_provider_message(self, name: str) -> str:
        installed = sorted(self._providers)
        listed = ", ".join(repr(n) for n in installed) if installed else "none"
        msg = f"unknown provider {name!r}; installed providers: {listed}."
        extras: list[str] = []
        try:
            from importlib.metadata import metadata

            extras = metadata("pkgcloud").get_all("Provides-Extra") or []
        except Exception:
            extras = []
        if name in extras:
            msg += f' Install it with: pip install "pkgcloud[{name}]"'
        else:
            msg += f" No pkgcloud extra is named {name!r}; a third-party plugin distribution must provide it."
        if os.environ.get(LOAD_ENV) is not None:
            msg += f" ({LOAD_ENV} is set to {os.environ[LOAD_ENV]!r}, which limits the plugins loaded.)"
        return msg

    # -- clients ---------------------------------------------------------------------------------

    def create_client(self, service: str, provider: str, options: Mapping[str, Any]) -> BaseClient:
        from pkgcloud.client import ClientContext

        prov = self.provider(provider)
        if service not in prov.services:
            offered = ", ".join(prov.services) or "none"
            raise UnsupportedService(f"provider {provider!r} has no {service} service; it offers: {offered}")
        opts = prov.resolve_options(options, service)
        self.load_general_plugins()
        auth = self._auth_for(prov, opts)
        cls = prov.client_class(service)
        client: BaseClient = cls(ClientContext(prov, service, opts, auth, self.hooks))
        return client

    def _auth_for(self, prov: Provider, options: Any) -> AuthContext:
        from pkgcloud.auth import AuthContext

        auth: AuthContext | None = self.hooks.auth_context(provider=prov.name, options=options, hooks=self.hooks)
        if auth is None:
            return AuthContext()
        if options.get("share_auth", True) and auth.cache_id:
            with self._lock:
                existing = self._shared_auth.get(auth.cache_id)
                if existing is not None:
                    auth.close()
                    return existing
                self._shared_auth[auth.cache_id] = auth
        return auth


registry = Registry()
