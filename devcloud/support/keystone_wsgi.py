"""gunicorn entry point for Keystone.

keystone.server.configure() calls oslo.config CONF() without args=, so it would
parse gunicorn's own sys.argv and exit(2) in every worker.  Hide the argv first.
Config comes from OS_KEYSTONE_CONFIG_DIR (set by the devcloud driver).

Dev-cloud patch: Keystone 30 writes user.last_active_at on every user's first
password auth of a day, inside a read-then-write SQLite transaction.  When a
dozen services authenticate at once (full profile start, or just after
midnight UTC) SQLite answers SQLITE_BUSY at once ("database is locked", no
busy-wait is possible for a read->write upgrade) and Keystone returns 500.
The column is only read by [security_compliance]
disable_user_account_days_inactive, which the dev cloud does not set, so the
write is skipped unless that option is on."""

import sys
import warnings

warnings.filterwarnings("ignore")
sys.argv = sys.argv[:1]
from keystone.server import wsgi as _ks_wsgi  # noqa: E402

application = _ks_wsgi.initialize_public_application()

from keystone.identity.shadow_backends import sql as _shadow_sql  # noqa: E402
from oslo_config import cfg as _cfg  # noqa: E402

_set_last_active_at = _shadow_sql.ShadowUsers.set_last_active_at


def _maybe_set_last_active_at(self, user_id):
    if _cfg.CONF.security_compliance.disable_user_account_days_inactive:
        return _set_last_active_at(self, user_id)
    return None


_shadow_sql.ShadowUsers.set_last_active_at = _maybe_set_last_active_at
