"""nova_db_init.py NOVA_CONF CELL0_URL

What `nova-manage api_db sync`, `cell_v2 map_cell0`, `cell_v2 create_cell
--name cell1` and `db sync` do, in one process: each nova-manage call spends
5-15 s importing nova on a busy 2-core machine, and these four are on the
critical path of a cold full-profile start."""

import sys
import warnings

warnings.filterwarnings("ignore")
conf_file, cell0_url = sys.argv[1], sys.argv[2]
sys.argv = ["nova-manage", "--config-file", conf_file, "db", "sync"]
from nova.cmd import manage  # noqa: E402

manage.CONF.register_cli_opts([manage.category_opt, manage.post_mortem_opt])
manage.config.parse_args(sys.argv)
manage.logging.setup(manage.CONF, "nova")
manage.objects.register_all()


def step(name, rc):
    print(f"{name}: {rc}", flush=True)
    # create_cell returns 2 when the cell already exists: fine for a re-run
    if rc not in (None, 0) and not (name == "create_cell" and rc == 2):
        sys.exit(f"{name} failed ({rc})")


step("api_db sync", manage.ApiDbCommands().sync())
step("map_cell0", manage.CellV2Commands().map_cell0(database_connection=cell0_url))
step("create_cell", manage.CellV2Commands().create_cell(name="cell1"))
step("db sync", manage.DbCommands().sync())
manage.rpc.cleanup()
