"""OpenStack Swift object storage: :class:`SwiftStorage`, the ``storage`` service of the provider.

Modules: ``client`` (the operations), ``names`` (name checks and quoting), ``headers`` (metadata,
expiry, ACL headers), ``transfer`` (streaming uploads and downloads, checksums, progress),
``large`` (segmented objects), ``bulk`` (bulk delete), ``tempurl`` (signatures), ``parse`` (models).
The client imports ``transfer``, ``uploads``, ``downloads``, ``large``, ``bulk`` and ``tempurl`` in
the operations that use them, so that a client whose first call is a HEAD does not load the
streaming code.
"""

from __future__ import annotations

from pkgcloud_openstack.storage.client import SwiftStorage

__all__ = ["SwiftStorage"]
