"""gunicorn entry point for Keystone.

keystone.server.configure() calls oslo.config CONF() without args=, so it would
parse gunicorn's own sys.argv and exit(2) in every worker.  Hide the argv first.
Config comes from OS_KEYSTONE_CONFIG_DIR (set by the devcloud driver)."""
import sys
import warnings

warnings.filterwarnings("ignore")
sys.argv = sys.argv[:1]
from keystone.server import wsgi as _ks_wsgi  # noqa: E402

application = _ks_wsgi.initialize_public_application()
