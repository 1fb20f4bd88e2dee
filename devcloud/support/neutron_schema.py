"""neutron_schema.py SQLALCHEMY_URL

Neutron's alembic migrations cannot run on SQLite ("No support for ALTER of
constraints in SQLite dialect").  Neutron's own unit tests build the schema
from the models instead; do the same.  The driver then runs
`neutron-db-manage stamp heads` so the DB looks fully migrated."""

import sys
import warnings

warnings.filterwarnings("ignore")
import sqlalchemy as sa  # noqa: E402
from neutron.db.migration.models import head  # noqa: E402  (imports every model)

engine = sa.create_engine(sys.argv[1])
head.get_metadata().create_all(engine)
print("tables:", len(sa.inspect(engine).get_table_names()))
