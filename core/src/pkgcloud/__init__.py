"""pkgcloud: one API for many clouds.

    import pkgcloud
    storage = pkgcloud.storage.create_client(provider="openstack", auth_url=..., username=..., ...)

Each service is a module (``pkgcloud.compute``, ``.storage``, ``.blockstorage``, ``.database``,
``.network``, ``.orchestration``, ``.cdn``, ``.dns``, ``.loadbalancer``) with ``create_client``.
Providers are plugins found through entry points and imported only when asked for:
``import pkgcloud`` imports no provider, no service and no model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pkgcloud._version import __version__
from pkgcloud.errors import PkgcloudError

if TYPE_CHECKING:
    from pkgcloud import (
        blockstorage,
        cdn,
        compute,
        database,
        dns,
        loadbalancer,
        models,
        network,
        orchestration,
        storage,
    )
    from pkgcloud.plugins import hookimpl
    from pkgcloud.plugins.provider import Provider

SERVICES = (
    "compute",
    "storage",
    "blockstorage",
    "database",
    "network",
    "orchestration",
    "cdn",
    "dns",
    "loadbalancer",
)

__all__ = ["SERVICES", "PkgcloudError", "__version__", "hookimpl", "models", "providers", *SERVICES]


def providers() -> dict[str, Provider]:
    """Every installed provider by name; ``.services`` says what each offers.

    This imports every provider plugin (but no service code).
    """
    from pkgcloud.plugins.registry import registry

    return registry.providers()


def __getattr__(name: str) -> Any:
    if name in SERVICES or name == "models":
        return importlib.import_module(f"pkgcloud.{name}")
    if name == "hookimpl":
        from pkgcloud.plugins import hookimpl

        return hookimpl
    raise AttributeError(f"module 'pkgcloud' has no attribute {name!r}")
