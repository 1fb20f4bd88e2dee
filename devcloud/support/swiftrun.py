"""swiftrun.py SWIFT_DIR module:function [args...]

Run a Swift server/daemon with swift.conf read from SWIFT_DIR instead of the
hard-coded /etc/swift/swift.conf (hash prefix/suffix, storage policies,
constraints).  The WSGI servers honour swift_dir only for the hash; the
daemons (updaters, expirer) not at all."""

import importlib
import sys
import warnings

warnings.filterwarnings("ignore")
swift_dir, target = sys.argv[1], sys.argv[2]
sys.argv = [target.split(":")[0], *sys.argv[3:]]
from swift.common import utils  # noqa: E402

utils.set_swift_dir(swift_dir)
from swift.common import constraints, storage_policy  # noqa: E402

storage_policy.reload_storage_policies()
constraints.reload_constraints()
mod, func = target.split(":")
sys.exit(getattr(importlib.import_module(mod), func)())
