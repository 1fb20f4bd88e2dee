"""The plugin system: hook specs, the ``hookimpl`` marker, and what providers register.

A plugin is a module (or object) with functions marked ``@hookimpl`` whose names match the specs in
:mod:`pkgcloud.plugins.hookspecs`. It is found through an entry point:

* group ``pkgcloud.providers``: the entry-point name is the provider name; the module is imported
  the first time that provider is asked for (``import pkgcloud`` imports none);
* group ``pkgcloud.plugins``: plugins that only observe or decorate (token caches, tracing); they are
  imported when the first client is created.

``PKGCLOUD_LOAD_PLUGINS`` (a comma-separated list of entry-point names) restricts which entry points
load; set it empty to load none. The built-in providers go through exactly this path.
"""

from __future__ import annotations

import pluggy

from pkgcloud.plugins.provider import Provider

PROJECT = "pkgcloud"
hookimpl = pluggy.HookimplMarker(PROJECT)
hookspec = pluggy.HookspecMarker(PROJECT)

__all__ = ["PROJECT", "Provider", "hookimpl", "hookspec", "register"]


def register(plugin: object, name: str | None = None) -> None:
    """Register an in-process plugin (a module or object with ``@hookimpl`` functions)."""
    from pkgcloud.plugins.registry import registry

    registry.register(plugin, name)
