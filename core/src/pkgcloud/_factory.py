"""``create_client`` for each service module."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def create(service: str, provider: str, options: Mapping[str, Any]) -> Any:
    from pkgcloud.plugins.registry import registry

    return registry.create_client(service, provider, options)
