"""The plugin registry: finds entry points, loads providers on demand, calls hooks, makes clients.

pluggy is the plugin manager. But importing it (it imports :mod:`inspect`) costs about 6% of
``import requests``, more than everything else ``create_client`` does, and the common case needs
little of it: one provider plugin whose hooks are plain calls. So hooks start out dispatched here,
with pluggy's rules for what this case uses (last registered called first; ``firstresult`` stops at
the first non-None answer; ``historic`` calls late plugins too; a hook that matches no spec is an
error). The moment anything needs more (an observer plugin from the ``pkgcloud.plugins`` group, a
hook wrapper or call-order option, or a caller asking for :attr:`Registry.pm`), every plugin loaded so
far is registered with a real ``pluggy.PluginManager`` and all calls go through it from then on.
"""

from __future__ import annotations

import os
import threading
import warnings
import weakref
from collections.abc import Callable, Mapping
from importlib.metadata import Distribution, EntryPoint, distributions
from typing import TYPE_CHECKING, Any, cast

from pkgcloud.errors import PkgcloudError, UnknownProvider, UnsupportedService
from pkgcloud.plugins import IMPL_ATTR, PROJECT, SPEC_ATTR
from pkgcloud.plugins.provider import Provider

if TYPE_CHECKING:
    import pluggy

    from pkgcloud.auth import AuthContext
    from pkgcloud.client import BaseClient
    from pkgcloud.options import Options
    from pkgcloud.plugins.hookspecs import Hooks

PROVIDERS_GROUP = "pkgcloud.providers"
PLUGINS_GROUP = "pkgcloud.plugins"
LOAD_ENV = "PKGCLOUD_LOAD_PLUGINS"
# implementation options only pluggy itself can honour
PLUGGY_ONLY_OPTIONS = ("wrapper", "hookwrapper", "tryfirst", "trylast")


class PluginWarning(UserWarning):
    """A plugin could not be loaded; the others keep working."""


class PluginError(PkgcloudError):
    """A plugin does not fit the hook specs (an unknown hook, or arguments the spec does not have)."""


def _allowed() -> set[str] | None:
    value = os.environ.get(LOAD_ENV)
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


def _installed_entry_points() -> dict[str, list[EntryPoint]]:
    """The entry points of pkgcloud's groups, as ``importlib.metadata.entry_points()`` finds them.

    With less work: that function parses every distribution's ``entry_points.txt`` (most of them
    console scripts) and sorts all of them by group; here only a file that names a pkgcloud group
    is parsed. As there, a distribution found twice on ``sys.path`` counts once, the first time.
    """
    found: dict[str, list[EntryPoint]] = {group: [] for group in (PROVIDERS_GROUP, PLUGINS_GROUP)}
    seen: set[str] = set()
    for dist in distributions():
        # the key entry_points() tells copies apart by (a normalised name, from the path when it can)
        key = getattr(dist, "_normalized_name", None) or str(dist.name).lower().replace("_", "-")
        if key in seen:
            continue
        seen.add(key)
        text = dist.read_text("entry_points.txt")
        if not text or "[pkgcloud." not in text:  # a group is named on a line of its own: [group]
            continue
        for ep in dist.entry_points:
            if ep.group in found:
                found[ep.group].append(ep)
    return found


def _argnames(function: Any) -> tuple[str, ...]:
    """Positional parameter names, without ``self``/``cls`` of a bound method (what pluggy passes)."""
    func = getattr(function, "__func__", function)
    code = func.__code__
    # parameters with defaults are not hook arguments (pluggy's rule)
    names = code.co_varnames[: code.co_argcount - len(func.__defaults__ or ())]
    return tuple(names[1:] if hasattr(function, "__self__") else names)


class _Spec:
    __slots__ = ("argnames", "firstresult", "historic", "name")

    def __init__(self, name: str, function: Any, opts: Mapping[str, Any]) -> None:
        self.name = name
        self.argnames = _argnames(function)
        self.firstresult = bool(opts.get("firstresult"))
        self.historic = bool(opts.get("historic"))


def _specs() -> dict[str, _Spec]:
    from pkgcloud.plugins import hookspecs

    found = {}
    for name in dir(hookspecs):
        function = getattr(hookspecs, name)
        opts = getattr(function, SPEC_ATTR, None)
        if isinstance(opts, dict):
            found[name] = _Spec(name, function, opts)
    return found


class _Impl:
    __slots__ = ("argnames", "function", "plugin")

    def __init__(self, plugin: str, function: Callable[..., Any], argnames: tuple[str, ...]) -> None:
        self.plugin = plugin
        self.function = function
        self.argnames = argnames


class _NeedsPluggy(Exception):
    """A plugin uses a feature only pluggy implements."""


class _Caller:
    """One hook, dispatched directly (see the module docstring)."""

    __slots__ = ("impls", "spec")

    def __init__(self, spec: _Spec, impls: list[_Impl]) -> None:
        self.spec = spec
        self.impls = impls

    def __call__(self, **kwargs: Any) -> Any:
        results = []
        for impl in reversed(self.impls):  # the last registered is called first, as pluggy does
            result = impl.function(**{name: kwargs[name] for name in impl.argnames})
            if result is not None:
                if self.spec.firstresult:
                    return result
                results.append(result)
        return None if self.spec.firstresult else results

    def get_hookimpls(self) -> list[_Impl]:
        return list(self.impls)


class _DirectHooks:
    """The hooks of the plugins registered so far, called without pluggy."""

    def __init__(self, specs: dict[str, _Spec]) -> None:
        self.specs = specs
        self.callers = {name: _Caller(spec, []) for name, spec in specs.items()}
        self.plugins: list[tuple[str, object]] = []

    def __getattr__(self, name: str) -> _Caller:
        try:
            return self.__dict__["callers"][name]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError(name) from None

    def implementations(self, name: str, plugin: object) -> list[tuple[str, _Impl]]:
        """The hook implementations of ``plugin``, checked against the specs as pluggy would."""
        found = []
        for attr in dir(plugin):
            if attr.startswith("__"):
                continue
            function = getattr(plugin, attr, None)
            opts = getattr(function, IMPL_ATTR, None)
            if not isinstance(opts, dict) or not callable(function):
                continue
            hook = opts.get("specname") or attr
            spec = self.specs.get(hook)
            if spec is None:
                if opts.get("optionalhook"):
                    continue
                raise PluginError(f"plugin {name!r}: unknown hook {attr!r} (the hooks are: {', '.join(self.specs)})")
            if any(opts.get(option) for option in PLUGGY_ONLY_OPTIONS):
                raise _NeedsPluggy(hook)
            argnames = _argnames(function)
            extra = [a for a in argnames if a not in spec.argnames]
            if extra:
                raise PluginError(f"plugin {name!r}: hook {attr!r} takes arguments the spec does not have: {extra}")
            found.append((hook, _Impl(name, function, argnames)))
        return found

    def add(self, name: str, plugin: object, historic: Mapping[str, Mapping[str, Any]]) -> None:
        impls = self.implementations(name, plugin)  # check everything before changing anything
        self.plugins.append((name, plugin))
        for hook, impl in impls:
            self.callers[hook].impls.append(impl)
        for hook, impl in impls:
            if hook in historic:
                impl.function(**{a: historic[hook][a] for a in impl.argnames})

    def remove(self, name: str) -> object | None:
        plugin = next((p for n, p in self.plugins if n == name), None)
        self.plugins = [(n, p) for n, p in self.plugins if n != name]
        for caller in self.callers.values():
            caller.impls = [impl for impl in caller.impls if impl.plugin != name]
        return plugin


class Registry:
    """Providers by name, loaded lazily from entry points; hooks dispatched as the module explains."""

    def __init__(self, *, use_pluggy: bool = False) -> None:
        self._lock = threading.RLock()
        self._pm: pluggy.PluginManager | None = None
        self._direct: _DirectHooks | None = None
        self._use_pluggy = use_pluggy
        self._providers: dict[str, Provider] = {}
        self._provider_eps: dict[str, EntryPoint] | None = None
        self._found_eps: dict[str, list[EntryPoint]] | None = None
        self._attempted: set[str] = set()
        self._general_loaded = False
        self._current_plugin: tuple[str, Distribution | None] | None = None
        self._historic: dict[str, Mapping[str, Any]] = {"register_providers": {"register": self._add_provider}}
        self._shared_auth: weakref.WeakValueDictionary[str, AuthContext] = weakref.WeakValueDictionary()

    # -- dispatch --------------------------------------------------------------------------------

    @property
    def hooks(self) -> Hooks:
        """The hooks as callables: ``registry.hooks.auth_context(provider=..., ...)``."""
        if self._pm is not None:
            return cast("Hooks", self._pm.hook)
        if self._use_pluggy:
            return cast("Hooks", self.pm.hook)
        if self._direct is None:
            with self._lock:
                if self._direct is None:
                    self._direct = _DirectHooks(_specs())
        return cast("Hooks", self._direct)

    @property
    def pm(self) -> pluggy.PluginManager:
        """The pluggy manager, with every plugin loaded so far (created on first use)."""
        if self._pm is None:
            with self._lock:
                if self._pm is None:
                    self._pm = self._make_pm()
        return self._pm

    def _make_pm(self) -> pluggy.PluginManager:
        import pluggy

        from pkgcloud.plugins import hookspecs

        pm = pluggy.PluginManager(PROJECT)
        pm.add_hookspecs(hookspecs)
        moving = self._direct.plugins if self._direct is not None else []
        for name, plugin in moving:
            pm.register(plugin, name=name)
        pm.check_pending()
        # historic: every plugin registered from now on is asked for its providers; those above
        # are asked again, which re-registers the same providers
        pm.hook.register_providers.call_historic(kwargs=dict(self._historic["register_providers"]))
        self._direct = None
        return pm

    def _add_plugin(self, name: str, plugin: object) -> None:
        if self._pm is None and not self._use_pluggy:
            direct = cast(_DirectHooks, self.hooks)
            if any(n == name for n, _ in direct.plugins):
                return
            try:
                direct.add(name, plugin, self._historic)
                return
            except _NeedsPluggy:
                pass  # hand over to pluggy, below
        pm = self.pm
        if pm.get_plugin(name) is None and not pm.is_registered(plugin):
            try:
                pm.register(plugin, name=name)
                pm.check_pending()
            except Exception:
                if pm.get_plugin(name) is not None:
                    pm.unregister(name=name)
                raise

    def register(self, plugin: object, name: str | None = None) -> None:
        """Register an in-process plugin; its providers become available at once."""
        label = name or str(getattr(plugin, "__name__", repr(plugin)))
        with self._lock:
            self._current_plugin = (label, None)
            try:
                self._add_plugin(label, plugin)
            finally:
                self._current_plugin = None

    def unregister(self, name: str) -> None:
        with self._lock:
            if self._pm is not None:
                if self._pm.get_plugin(name) is not None:
                    self._pm.unregister(name=name)
            elif self._direct is not None:
                self._direct.remove(name)
            for key, prov in list(self._providers.items()):
                if prov.plugin == name:
                    del self._providers[key]

    def _add_provider(self, provider: Provider) -> None:
        if self._current_plugin is not None:
            provider.set_origin(*self._current_plugin)
        existing = self._providers.get(provider.name)
        if existing is not None and existing.plugin != provider.plugin and provider.plugin is not None:
            warnings.warn(
                f"pkgcloud: provider {provider.name!r} from {provider.plugin!r} replaces the one "
                f"from {existing.plugin!r}",
                PluginWarning,
                stacklevel=2,
            )
        if existing is not None and provider.plugin is None:
            provider.take_origin(existing)
        self._providers[provider.name] = provider

    # -- entry points ----------------------------------------------------------------------------

    def _entry_points(self, group: str) -> list[EntryPoint]:
        if self._found_eps is None:
            # one scan of the installed distributions serves both groups (the first client needs both)
            self._found_eps = _installed_entry_points()
        allowed = _allowed()
        return [ep for ep in self._found_eps[group] if allowed is None or ep.name in allowed]

    def _provider_entry_points(self) -> dict[str, EntryPoint]:
        if self._provider_eps is None:
            self._provider_eps = {ep.name: ep for ep in self._entry_points(PROVIDERS_GROUP)}
        return self._provider_eps

    def _load(self, ep: EntryPoint) -> None:
        key = f"{ep.group}:{ep.name}"
        if key in self._attempted:
            return
        self._attempted.add(key)
        dist: Distribution | None = getattr(ep, "dist", None)
        try:
            plugin = ep.load()
            self._current_plugin = (ep.name, dist)
            try:
                self._add_plugin(ep.name, plugin)
            finally:
                self._current_plugin = None
        except Exception as exc:  # a broken plugin must not break the others
            where = f" (distribution {dist.name})" if dist is not None else ""
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
                    self.pm  # noqa: B018 - observer plugins get the whole of pluggy
                    self._load(ep)
                self._general_loaded = True

    def load_all(self) -> None:
        with self._lock:
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

    def _auth_for(self, prov: Provider, options: Options) -> AuthContext:
        from pkgcloud.auth import AuthContext

        hooks = self.hooks
        auth = hooks.auth_context(provider=prov.name, options=options, hooks=hooks)
        if auth is None:
            return AuthContext()
        if options.get("share_auth", True) and auth.cache_id:
            key = auth.share_key
            with self._lock:
                existing = self._shared_auth.get(key)
                if existing is not None:
                    auth.close()
                    return existing
                self._shared_auth[key] = auth
        return auth


registry = Registry()
