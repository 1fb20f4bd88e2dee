"""Cinder's microversions: the default this SDK sends, and the features that need a window of them.

The default, 3.60 (Ussuri, 2020), is accepted by every Cinder released since, including the dev
cloud's Cinder 29 (3.0 to 3.71); an older cloud is negotiated down to its maximum, and a cloud that
publishes only v2 (``volumev2``) is used without microversions (it behaves as 3.0). At 3.60 lists
take ``created_at``/``updated_at`` comparison filters, transfers live at ``/volume-transfers`` and
carry ``no_snapshots`` (3.55), and request bodies are validated strictly (3.53: an unknown key is a
400, which is why nothing the caller did not set is ever sent).

Two behaviours change above the default and are handled per request rather than by pinning:

* from **3.66** a snapshot of an in-use volume needs no ``force`` (and ``force`` values other than
  true are refused): ``force`` is sent below 3.66 only;
* from **3.42** an in-use volume can be extended: an extend of an in-use volume is refused with
  :class:`~pkgcloud_openstack.microversion.MicroversionUnsupported` before anything is sent below it.

Pin a version with the ``microversion`` option: the SDK then never sends a higher one.
"""

from __future__ import annotations

from pkgcloud_openstack.microversion import Version, feature

DEFAULT_MICROVERSION = "3.60"
BASE = "3.0"
SERVICE = "volume"

MESSAGES = feature("user messages (/messages)", added="3.3")
BACKUP_UPDATE = feature("updating a backup's name or description", added="3.9")
LIKE_FILTERS = feature("inexact filters (name~)", added="3.34")
REVERT = feature("reverting a volume to its latest snapshot", added="3.40")
EXTEND_IN_USE = feature("extending an in-use volume", added="3.42")
BACKUP_METADATA = feature("backup metadata", added="3.43")
VOLUME_FROM_BACKUP = feature("creating a volume from a backup (backup_id)", added="3.47")
TRANSFERS = feature("volume transfers at /volume-transfers (with no_snapshots)", added="3.55")
TIME_FILTERS = feature("created_at/updated_at comparison filters", added="3.60")
# from 3.66 an in-use volume is snapshotted without force (and force other than true is refused)
SNAPSHOT_WITHOUT_FORCE_SINCE = Version(3, 66)

# every feature, for the documentation and the tests
ALL = (
    MESSAGES,
    BACKUP_UPDATE,
    LIKE_FILTERS,
    REVERT,
    EXTEND_IN_USE,
    BACKUP_METADATA,
    VOLUME_FROM_BACKUP,
    TRANSFERS,
    TIME_FILTERS,
)

# Cinder's statuses (volumes, snapshots and backups share the client's wait_for), as Cinder spells them
VOLUME_STATUSES = frozenset(
    {
        *("creating", "available", "reserved", "attaching", "detaching", "in-use", "maintenance"),
        *("deleting", "awaiting-transfer", "error", "error_deleting", "backing-up", "restoring-backup"),
        *("error_backing-up", "error_restoring", "error_extending", "downloading", "uploading"),
        *("retyping", "extending", "managing", "error_managing"),
    }
)
SNAPSHOT_STATUSES = frozenset(
    {"creating", "available", "backing-up", "deleting", "error", "deleted", "unmanaging", "restoring", "error_deleting"}
)
BACKUP_STATUSES = frozenset(
    {"creating", "available", "deleting", "error", "restoring", "error_deleting", "error_restoring"}
)
STATUSES = VOLUME_STATUSES | SNAPSHOT_STATUSES | BACKUP_STATUSES
ERROR_STATUSES = (
    "error",
    "error_deleting",
    "error_extending",
    "error_restoring",
    "error_backing-up",
    "error_managing",
)
