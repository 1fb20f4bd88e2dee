"""OpenStack Swift object storage: :class:`SwiftStorage`, the ``storage`` service of the provider.

Modules: ``client`` (the operations), ``names`` (name checks and quoting), ``headers`` (metadata,
expiry, ACL headers), ``transfer`` (streaming uploads and downloads, checksums, progress),
``large`` (segmented objects), ``bulk`` (bulk delete), ``tempurl`` (signatures), ``parse`` (models).
"""

from __future__ import annotations

from pkgcloud_openstack.storage.client import SwiftStorage

__all__ = ["SwiftStorage"]
