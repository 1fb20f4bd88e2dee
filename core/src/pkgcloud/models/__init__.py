"""Models: attrs classes with explicit fields, the provider's payload kept in ``raw``.

Imported lazily: ``pkgcloud.models.Server`` loads ``pkgcloud.models.compute`` on first access, so
creating a client does not pay for attrs or for other services' models.

The models take ``define`` and ``field`` from attrs' ``attr`` namespace: they are the very objects
``attrs.define``/``attrs.field`` are, and importing ``attrs`` would load five alias modules more
(about 2 M instructions, measured by ``bench/first_call.py``) before the first model exists.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pkgcloud.models.base import Model, parse_time
    from pkgcloud.models.blockstorage import (
        Backup,
        BackupRestore,
        QuotaSet,
        Snapshot,
        Volume,
        VolumeAttachmentInfo,
        VolumeTransfer,
        VolumeType,
    )
    from pkgcloud.models.cdn import CdnFlavor, CdnService
    from pkgcloud.models.compute import (
        ApiVersion,
        AvailabilityZone,
        Flavor,
        Image,
        Keypair,
        Limits,
        Server,
        ServerGroup,
        VolumeAttachment,
    )
    from pkgcloud.models.database import (
        ConfigurationGroup,
        ConfigurationInstance,
        ConfigurationParameter,
        Database,
        DatabaseBackup,
        DatabaseFlavor,
        DatabaseInstance,
        DatabaseUser,
        Datastore,
        DatastoreVersion,
    )
    from pkgcloud.models.network import (
        FloatingIp,
        Network,
        Port,
        Router,
        SecurityGroup,
        SecurityGroupRule,
        Subnet,
    )
    from pkgcloud.models.orchestration import Stack, StackEvent, StackResource
    from pkgcloud.models.status import Status
    from pkgcloud.models.storage import (
        AccountInfo,
        BulkDeleteResult,
        Container,
        StorageObject,
    )

_WHERE = {
    "Model": "base",
    "Status": "status",
    "parse_time": "base",
    **dict.fromkeys(
        (
            "Server",
            "Flavor",
            "Image",
            "Keypair",
            "Limits",
            "AvailabilityZone",
            "VolumeAttachment",
            "ServerGroup",
            "ApiVersion",
        ),
        "compute",
    ),
    **dict.fromkeys(("Container", "StorageObject", "AccountInfo", "BulkDeleteResult"), "storage"),
    **dict.fromkeys(
        (
            "Volume",
            "Snapshot",
            "VolumeType",
            "VolumeAttachmentInfo",
            "Backup",
            "BackupRestore",
            "VolumeTransfer",
            "QuotaSet",
        ),
        "blockstorage",
    ),
    **dict.fromkeys(
        ("Network", "Subnet", "Port", "SecurityGroup", "SecurityGroupRule", "Router", "FloatingIp"), "network"
    ),
    **dict.fromkeys(("Stack", "StackResource", "StackEvent"), "orchestration"),
    **dict.fromkeys(
        (
            "DatabaseInstance",
            "Database",
            "DatabaseUser",
            "DatabaseFlavor",
            "Datastore",
            "DatastoreVersion",
            "DatabaseBackup",
            "ConfigurationGroup",
            "ConfigurationParameter",
            "ConfigurationInstance",
        ),
        "database",
    ),
    **dict.fromkeys(("CdnService", "CdnFlavor"), "cdn"),
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'pkgcloud.models' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pkgcloud.models.{module}"), name)
    globals()[name] = value  # later lookups are plain attribute hits
    return value


def __dir__() -> list[str]:
    return __all__
