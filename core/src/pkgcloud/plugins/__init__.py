"""The plugin system: hook specs, the ``hookimpl`` marker, and what providers register.

A plugin is a module (or object) with functions marked ``@hookimpl`` whose names match the specs in
:mod:`pkgcloud.plugins.hookspecs`. It is found through an entry point:

* group ``pkgcloud.providers``: the entry-point name is the provider name; the module is imported
  the first time that provider is asked for (``import pkgcloud`` imports none);
* group ``pkgcloud.plugins``: plugins that only observe or decorate (token caches, tracing); they are
  imported when the first client is created.

``PKGCLOUD_LOAD_PLUGINS`` (a comma-separated list of entry-point names) restricts which entry points
load; set it empty to load none. The built-in providers go through exactly this path.

The markers here are pluggy's (they set the same ``pkgcloud_impl``/``pkgcloud_spec`` attributes
``pluggy.HookimplMarker("pkgcloud")`` would), defined locally so that marking a function does not
import pluggy: see :mod:`pkgcloud.plugins.registry` for why that matters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, overload

from pkgcloud.plugins.provider import Provider

PROJECT = "pkgcloud"
IMPL_ATTR = f"{PROJECT}_impl"
SPEC_ATTR = f"{PROJECT}_spec"

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["PROJECT", "Provider", "hookimpl", "hookspec", "register"]


@overload
def hookimpl(function: F) -> F: ...


@overload
def hookimpl(
    function: None = None,
    *,
    wrapper: bool = False,
    hookwrapper: bool = False,
    optionalhook: bool = False,
    tryfirst: bool = False,
    trylast: bool = False,
    specname: str | None = None,
) -> Callable[[F], F]: ...


def hookimpl(
    function: F | None = None,
    *,
    wrapper: bool = False,
    hookwrapper: bool = False,
    optionalhook: bool = False,
    tryfirst: bool = False,
    trylast: bool = False,
    specname: str | None = None,
) -> Any:
    """Mark a hook implementation (the options are pluggy's ``HookimplMarker`` options)."""
    opts = {
        "wrapper": wrapper,
        "hookwrapper": hookwrapper,
        "optionalhook": optionalhook,
        "tryfirst": tryfirst,
        "trylast": trylast,
        "specname": specname,
    }

    def mark(func: F) -> F:
        setattr(func, IMPL_ATTR, opts)
        return func

    return mark(function) if function is not None else mark


@overload
def hookspec(function: F) -> F: ...


@overload
def hookspec(
    function: None = None,
    *,
    firstresult: bool = False,
    historic: bool = False,
    warn_on_impl: Warning | None = None,
    warn_on_impl_args: Mapping[str, Warning] | None = None,
) -> Callable[[F], F]: ...


def hookspec(
    function: F | None = None,
    *,
    firstresult: bool = False,
    historic: bool = False,
    warn_on_impl: Warning | None = None,
    warn_on_impl_args: Mapping[str, Warning] | None = None,
) -> Any:
    """Mark a hook specification (the options are pluggy's ``HookspecMarker`` options)."""
    if historic and firstresult:
        raise ValueError("cannot have a historic firstresult hook")
    opts = {
        "firstresult": firstresult,
        "historic": historic,
        "warn_on_impl": warn_on_impl,
        "warn_on_impl_args": warn_on_impl_args,
    }

    def mark(func: F) -> F:
        setattr(func, SPEC_ATTR, opts)
        return func

    return mark(function) if function is not None else mark


def register(plugin: object, name: str | None = None) -> None:
    """Register an in-process plugin (a module or object with ``@hookimpl`` functions)."""
    from pkgcloud.plugins.registry import registry

    registry.register(plugin, name)
