"""Trove 26.0.0 in fake mode for the dev cloud, in one process.

    venv-trove/bin/python trove_fakemode.py --config-file trove.conf

One process holds Trove's real API (paste pipeline with keystonemiddleware), its taskmanager
(started the way trove-taskmanager starts it, over the in-memory ``fake:/`` transport) and the
fakes Trove ships in its wheel (trove/tests/fakes: Nova, Cinder, Neutron, Swift, the guest agent).
Before it serves, it builds the schema in the SQLite file named by [database] connection and
registers the datastores mysql 8.0 (default) and 5.7 and postgresql 16: the fakes keep their state
in memory, so the driver hands it a new database file on every start.

The shipped fakes were last kept up for Trove's old integration tests; `adapt_fakes` makes them
fit the Trove 26 code that calls them. Each adaptation names what failed without it. They patch
test doubles only, never Trove's API code, and they fail loudly (an AttributeError or TypeError in
trove.log, an instance in ERROR) if a Trove other than the pinned 26.0.0 moves things: the
dev cloud's selftest creates an instance and waits for ACTIVE to catch that.
"""

import trove.cmd  # noqa: F401 - eventlet.monkey_patch(), as in every trove command

import functools
import inspect
import json
import os
import sqlite3
import sys

DATASTORES = (("mysql", ("8.0", "5.7")), ("postgresql", ("16",)))
HEARTBEAT_EVERY = 3  # s between fake guest heartbeats
HEARTBEAT_REFRESH = 30  # s: rewrite an unchanged status before Trove's 90 s guest-agent expiry


def _drop_unknown_kwargs(fn):
    """fn, but keyword arguments it does not declare are dropped (Trove 26 passes more than the
    fakes know: servers.create(tags=, meta=), prepare(ds_version=), stop_db(do_not_start_on_reboot=)...)."""
    params = inspect.signature(fn).parameters
    if any(p.kind == p.VAR_KEYWORD for p in params.values()):
        return fn

    @functools.wraps(fn)
    def call(*args, **kwargs):
        return fn(*args, **{k: v for k, v in kwargs.items() if k in params})

    return call


class _Images:
    """Trove 26 checks a datastore version's image in Glance; no Glance fake ships."""

    def get(self, image_id):
        return {"id": image_id, "name": image_id, "status": "active", "checksum": "devcloud"}

    def list(self, *args, **kwargs):
        return [self.get("devcloud-fake-image")]


class _Glance:
    images = _Images()


def glance_client(context, region_name=None):
    """remote_glance_client in trove.conf."""
    return _Glance()


def adapt_fakes():
    from novaclient import api_versions

    import trove.tests.util as test_util
    from trove.common.context import TroveContext
    from trove.extensions.common.common import unquote_user_host

    # the fake guest imports unquote_user_host from trove.tests.util, where it lived once
    test_util.unquote_user_host = unquote_user_host
    from trove.tests.fakes import guestagent as fguest
    from trove.tests.fakes import neutron as fneutron
    from trove.tests.fakes import nova as fnova

    # GET /instances -> 500 "'FakeClient' object has no attribute 'api_version'": Trove compares it
    # with 2.26 to decide on server tags; below that it lists every server
    fnova.FakeClient.api_version = api_versions.APIVersion("2.1")
    plain_list = fnova.FakeServers.list
    fnova.FakeServers.list = lambda self, *a, **kw: plain_list(self)  # list(limit=-1) -> TypeError
    fnova.FakeServers.create = _drop_unknown_kwargs(fnova.FakeServers.create)
    # the fake server says "HEALTHY" where Nova says "ACTIVE" (a rename of the datastore status
    # reached it), and Trove shows such an instance as UNKNOWN
    fnova.FakeServer.status = property(
        lambda self: "ACTIVE" if self._current_status == "HEALTHY" else self._current_status
    )

    # oslo.context dropped the `tenant` alias the fakes read
    if not hasattr(TroveContext, "tenant"):
        TroveContext.tenant = property(lambda self: self.project_id)

    # the guest API grew arguments and methods since the fake guest was written
    for name, fn in list(vars(fguest.FakeGuest).items()):
        if inspect.isfunction(fn) and not name.startswith("__"):
            setattr(fguest.FakeGuest, name, _drop_unknown_kwargs(fn))
    answers = {"rpc_ping": True, "guest_log_list": [], "get_root_password": None, "pre_upgrade": {},
               "get_replica_context": {}, "get_last_txn": None, "get_latest_txn_id": None,
               "get_txn_count": 0, "ssl_show": {}}  # fmt: skip
    for name in ("upgrade", "post_upgrade", "rebuild", "pre_create_backup", "post_create_backup",
                 "make_read_only", "detach_replica", "attach_replica", "enable_as_master",
                 "demote_replication_master", "cleanup_source_on_replica_detach", "wait_for_txn",
                 "ssl_action", "ssl_rollback", "guest_log_action"):  # fmt: skip
        answers.setdefault(name, None)
    for name, value in answers.items():
        if not hasattr(fguest.FakeGuest, name):
            setattr(fguest.FakeGuest, name, lambda self, *a, _value=value, **kw: _value)

    # delete: volumes.list(search_opts={"name": ...}) -> TypeError, then vol.delete() is missing
    def volumes_list(self, detailed=True, search_opts=None, **kw):
        name = (search_opts or {}).get("name")
        return [v for v in self.db.values()
                if (self.context.is_admin or v.owner.project_id == self.context.project_id)
                and name in (None, v.name)]  # fmt: skip

    def volume_delete(self):
        self._current_status = "deleting"
        fnova.FAKE_VOLUMES_DB.pop(self.id, None)

    # resize volume: Trove 26 extends the attached volume; the fake extends 'available' ones only
    def volumes_extend(self, volume_id, new_size):
        volume = self.get(volume_id)
        if volume._current_status not in ("available", "in-use"):
            raise Exception(f"Invalid volume status: {volume._current_status}")
        before, volume._current_status = volume._current_status, "extending"

        def done():
            volume.size, volume._current_status = new_size, before

        fnova.eventlet.spawn_after(1.0, done)

    fnova.FakeVolumes.list = volumes_list
    fnova.FakeVolume.delete = volume_delete
    fnova.FakeVolumes.extend = volumes_extend

    # the fake guest writes a status only when an action ends; a real agent reports a heartbeat.
    # Without one a resize waits 120 s for the guest to leave PAUSED, and idle instances turn
    # operating_status ERROR after 90 s. Remember what the fake datastore does and report it.
    set_status, prepare = fguest.FakeGuest._set_task_status, fguest.FakeGuest.prepare

    def set_task_status(self, new_status="HEALTHY"):
        self._devcloud_state = new_status
        return set_status(self, new_status)

    def prepare_guest(self, *a, **kw):
        self._devcloud_state = "HEALTHY"
        return prepare(self, *a, **kw)

    fguest.FakeGuest._set_task_status = set_task_status
    fguest.FakeGuest.prepare = prepare_guest

    # after a reboot or resize the fake Nova marks the datastore RUNNING (the old word for HEALTHY)
    def simulate_running(self, server_id, time_from_now):
        from trove.instance.models import DBInstance

        def wake():
            try:
                inst = DBInstance.find_by(compute_instance_id=server_id)
            except Exception:
                return
            report(fguest.DB.get(inst.id), force=True)

        fnova.eventlet.spawn_after(time_from_now, wake)

    fnova.FakeServers.schedule_simulate_running_server = simulate_running

    # Trove 26 reads addresses from Neutron ports; give each fake server one, with an IP derived
    # from its id, so instances show "ip" and "addresses"
    def list_ports(self, *args, **kwargs):
        sid = kwargs.get("device_id")
        if not sid or sid not in fnova.FAKE_SERVERS_DB:
            return {"ports": []}
        n = int(sid.replace("FAKE_", "").replace("-", "")[:8], 16)
        ip = f"10.1.{(n >> 8) % 256}.{n % 254 + 1}"
        return {"ports": [{"id": f"fake-port-{sid}", "network_id": "fake-user-net-id",
                           "fixed_ips": [{"subnet_id": "fake-subnet-id", "ip_address": ip}]}]}  # fmt: skip

    fneutron.FakeNeutronClient.list_ports = list_ports
    return fguest, fnova


def report(guest, force=False):
    """One heartbeat of a fake guest: write its datastore state into Trove's service status."""
    from oslo_utils import timeutils

    from trove.instance.models import InstanceServiceStatus
    from trove.instance.service_status import ServiceStatuses as S

    state = getattr(guest, "_devcloud_state", None)
    if state is None:
        return
    try:
        status = InstanceServiceStatus.find_by(instance_id=guest.id)
    except Exception:
        return
    # NEW, BUILD, DELETED, FAILED... belong to Trove (a list: ServiceStatus is unhashable)
    if status.status not in [S.HEALTHY, S.SHUTDOWN, S.RUNNING, S.PAUSED, S.FAILED_TIMEOUT_GUESTAGENT]:
        return
    want = S.SHUTDOWN if state == "SHUTDOWN" else S.HEALTHY
    age = (timeutils.utcnow() - status.updated_at).total_seconds()
    if status.status == S.PAUSED and age < 1 and not force:
        return  # let Trove see its own PAUSED first
    if force or status.status != want or age > HEARTBEAT_REFRESH:
        status.set_status(want)
        status.save()


def heartbeat(fguest, fnova):
    while True:
        fnova.eventlet.sleep(HEARTBEAT_EVERY)
        for guest in list(fguest.DB.values()):
            try:
                report(guest)
            except Exception:
                fguest.LOG.exception("devcloud: fake heartbeat of %s failed", guest.id)


def init_db(conf):
    """Schema (alembic runs on SQLite) and the datastores; fake mode has none of its own."""
    import trove
    from trove.configuration import models as config_models
    from trove.datastore import models as ds
    from trove.db import get_db_api

    api = get_db_api()
    path = conf.database.connection.split(":///", 1)[1]
    # write-ahead log: a reader that keeps its statement open (seen once after a day of recording:
    # a SHARED lock held for good) no longer makes every later commit "database is locked"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.close()
    api.db_sync(conf)  # what trove-manage db_sync does, without its Nova tags step
    api.configure_db()
    rules_dir = os.path.join(os.path.dirname(trove.__file__), "templates")
    state = os.path.dirname(path)
    for name, versions in DATASTORES:
        ds.update_datastore(name, "")
        with open(os.path.join(rules_dir, name, "validation-rules.json")) as f:
            rules = json.load(f)
        # SQLite integers are signed 64-bit; mysql's rules go up to 2**64
        for rule in rules["configuration-parameters"]:
            for key in ("min", "max"):
                if isinstance(rule.get(key), int):
                    rule[key] = max(min(rule[key], 2**63 - 1), -(2**63))
        path = os.path.join(state, f"validation-rules-{name}.json")
        with open(path, "w") as f:
            json.dump(rules, f)
        for version in versions:
            # the image is never booted: the fake Nova ignores it
            ds.update_datastore_version(name, version, name, f"devcloud-{name}-{version}", "", "", 1, version=version)
            config_models.load_datastore_configuration_parameters(name, version, path, version_number=version)
        ds.update_datastore(name, versions[0])


def main():
    fguest, fnova = adapt_fakes()
    from oslo_log import log as logging

    from trove import rpc
    from trove.common import cfg, notification, wsgi
    from trove.common.rpc import service as rpc_service
    from trove.instance import models as inst_models
    from trove.taskmanager import api as task_api

    conf = cfg.CONF
    cfg.parse_args(sys.argv)
    logging.setup(conf, None)
    rpc.init(conf)
    init_db(conf)
    # fakemode's own launcher binds 0.0.0.0 whatever bind_host says, and starts the taskmanager
    # with an empty RPC key, so it cannot decrypt the API's contexts (create_instance then fails
    # on a context without `notification`): start it the way trove-taskmanager does
    launcher = wsgi.launch(
        "trove", conf.bind_port, conf.find_file(conf.api_paste_config), host=conf.bind_host, workers=1
    )
    notification.DBaaSAPINotification.register_notify_callback(inst_models.persist_instance_fault)
    key = conf.taskmanager_rpc_encr_key if conf.enable_secure_rpc_messaging else None
    rpc_service.RpcService(
        key=key,
        manager=conf.taskmanager_manager,
        topic=conf.taskmanager_queue,
        rpc_api_version=task_api.API.API_LATEST_VERSION,
    ).start()
    fnova.eventlet.spawn(heartbeat, fguest, fnova)
    launcher.wait()


if __name__ == "__main__":
    main()
