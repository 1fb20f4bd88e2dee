"""Orchestration: install, configure, start, register, smoke-test, stop."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

from . import configs, proc, services
from .http import HTTPError, Keystone, answers, request
from .settings import (
    ADMIN_PASSWORD,
    DB_PASSWORD,
    DB_USER,
    DEMO_PASSWORD,
    HOST,
    REGIONS,
    Settings,
    digest,
    service_password,
)

PKG_DIR = os.path.dirname(os.path.abspath(__file__))
REQ_DIR = f"{PKG_DIR}/requirements"
SUPPORT_DIR = f"{PKG_DIR}/support"

CORE_PACKAGES = [
    "keystone==30.0.0",
    "swift==2.38.3",
    "keystonemiddleware==13.0.1",
    "gunicorn==27.0.1",
    "pymemcache==4.0.0",
    "python-memcached==1.62",
    "requests",
]
FULL_PACKAGES = [
    "neutron==29.0.0",
    "pyroute2",
    "cinder==29.0.0",
    "fixtures",
    "oslotest",
    "ddt",
    "openstack-heat==27.0.1",
    "nova==34.0.0",
    "openstack-placement==16.0.0",
    "glance==33.0.0",
    "gunicorn==27.0.1",
    "pymysql",
    "requests",
]
# its own venv: trove's tree (126 packages) stays apart from the six services of venv-full
TROVE_PACKAGES = ["trove==26.0.0", "python-memcached==1.62"]

DB_GROUPS = ("glance", "placement", "neutron", "cinder", "nova", "heat")
IMAGE_NAME = "devcloud-tiny"
FLAVORS = (("1", "m1.tiny", 512, 1, 1), ("2", "m1.small", 2048, 1, 20))
PUBLIC_NET = "public"
PUBLIC_CIDR = "172.24.4.0/24"


class DevcloudError(Exception):
    def __init__(self, msg, logs=()):
        super().__init__(msg)
        self.logs = list(logs)


def read(path, default=None):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return default


def write(path, text, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w") as f:
        f.write(text)
    if mode is not None:
        os.chmod(tmp, mode)
    os.replace(tmp, path)


def tail(path, n=30):
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - 64 * 1024))
            lines = f.read().decode(errors="replace").splitlines()
    except OSError:
        return f"(no log at {path})"
    return "\n".join(lines[-n:])


def make_fernet_repo(path):
    """A Fernet key repository: files 0 (staged) and 1 (primary), each a
    url-safe base64 encoded 32-byte key, mode 0600."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    for name in ("0", "1"):
        key = base64.urlsafe_b64encode(os.urandom(32)).decode()
        fd = os.open(f"{path}/{name}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(key)


class DevCloud:
    def __init__(self, settings: Settings, out=None):
        self.s = settings
        self.p = configs.Paths(settings.state_dir)
        self.pids = proc.PidTable(self.p.pids)
        self.t0 = time.monotonic()
        self.out = out or sys.stdout
        self._lock_fd = None
        self._print_lock = threading.Lock()

    # ------------------------------------------------------------------ output
    def say(self, msg):
        line = f"[devcloud {time.monotonic() - self.t0:6.1f}s] {msg}"
        with self._print_lock:
            try:
                print(line, file=self.out, flush=True)
            except (BrokenPipeError, OSError):
                pass
        try:
            with open(f"{self.p.log}/devcloud.log", "a") as f:
                f.write(time.strftime("%F %T ") + line + "\n")
        except OSError:
            pass

    def lock(self):
        os.makedirs(self.p.run, exist_ok=True)
        self._lock_fd = open(f"{self.p.run}/lock", "w")  # noqa: SIM115 - held open: it is the lock
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.say("another devcloud command holds the lock; waiting")
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)

    def saved_settings(self):
        raw = read(f"{self.p.run}/settings.json")
        if not raw:
            return None
        try:
            return Settings.from_json(json.loads(raw))
        except (ValueError, TypeError):
            return None

    # ------------------------------------------------------------------ env for children
    def child_env(self, extra=None):
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("OS_", "PYTHON", "VIRTUAL_ENV", "PKGCLOUD_DEVCLOUD_"))
        }
        env["PYTHONWARNINGS"] = "ignore"  # eventlet deprecation banners
        env["PYTHONUNBUFFERED"] = "1"
        env.update(extra or {})
        return env

    def run(self, argv, log, env=None, cwd=None, check=True, timeout=900):
        with open(log, "ab") as f:
            f.write(f"\n$ {' '.join(argv)}\n".encode())
            f.flush()
            r = subprocess.run(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=f,
                stderr=subprocess.STDOUT,
                env=self.child_env(env),
                cwd=cwd,
                timeout=timeout,
            )
        if check and r.returncode != 0:
            raise DevcloudError(f"{os.path.basename(argv[0])} failed (exit {r.returncode})", [log])
        return r.returncode

    # ------------------------------------------------------------------ install
    def bins(self):
        return dict(services.SYSTEM_BINARIES)

    def missing_apt(self):
        need = ["memcached"]
        if self.s.full:
            need += ["mariadbd", "mariadb", "mariadb-install-db", "epmd", "rabbitmq-server", "rabbitmqctl"]
        b = self.bins()
        return sorted({services.APT_PACKAGES[n] for n in need if not os.path.exists(b[n])})

    def install_apt(self):
        pkgs = self.missing_apt()
        if not pkgs:
            return
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            raise DevcloudError(f"missing Debian packages {pkgs}; install them (needs root + apt-get)")
        self.say(f"apt-get install {' '.join(pkgs)}")
        log = f"{self.p.log}/apt.log"
        env = {"DEBIAN_FRONTEND": "noninteractive"}
        self.run(["apt-get", "update", "-qq"], log, env=env, check=False)
        self.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *pkgs], log, env=env)
        still = self.missing_apt()
        if still:
            raise DevcloudError(f"apt-get did not provide {still}", [log])
        self.say("apt packages installed")

    def uv(self):
        uv = f"{self.p.tools}/bin/uv"
        want = read(f"{REQ_DIR}/tools.lock", "").strip()
        if os.path.exists(uv) and read(f"{self.p.tools}/.devcloud-tools") == want:
            return uv
        log = f"{self.p.log}/install.log"
        self.say(f"installing {want} into {self.p.tools}")
        if not os.path.exists(f"{self.p.tools}/bin/python"):
            self.run([sys.executable, "-m", "venv", self.p.tools], log)
        self.run(
            [
                f"{self.p.tools}/bin/python",
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "-r",
                f"{REQ_DIR}/tools.lock",
            ],
            log,
        )
        write(f"{self.p.tools}/.devcloud-tools", want)
        return uv

    def install_venv(self, venv, lock, packages):
        marker = f"{venv}/.devcloud-installed"
        want = digest(read(f"{REQ_DIR}/{lock}"), packages, sys.version)
        if read(marker) == want and os.path.exists(f"{venv}/bin/python"):
            return False
        uv = self.uv()
        log = f"{self.p.log}/install.log"
        name = os.path.basename(venv)
        self.say(f"installing {name} ({len(packages)} packages and their dependencies, pinned by requirements/{lock})")
        t = time.monotonic()
        env = {"UV_PYTHON_DOWNLOADS": "never", "UV_NO_PROGRESS": "1"}
        if not os.path.exists(f"{venv}/bin/python"):
            self.run([uv, "venv", "-q", "-p", sys.executable, venv], log, env=env)
        self.run([uv, "pip", "install", "-p", f"{venv}/bin/python", "-c", f"{REQ_DIR}/{lock}", *packages], log, env=env)
        write(marker, want)
        self.say(f"{name} installed in {time.monotonic() - t:.1f}s")
        return True

    def install_devfake(self):
        """The devfake ML2 driver as a hand-made dist (entry point only)."""
        sp = f"{self.p.venv_full}/lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages"
        src = read(f"{SUPPORT_DIR}/devfake_mech.py")
        if read(f"{sp}/devfake_mech.py") == src:
            return
        di = f"{sp}/devcloud_devfake-0.1.0.dist-info"
        write(f"{sp}/devfake_mech.py", src)
        write(f"{di}/METADATA", "Metadata-Version: 2.1\nName: devcloud-devfake\nVersion: 0.1.0\n")
        write(
            f"{di}/entry_points.txt", "[neutron.ml2.mechanism_drivers]\ndevfake = devfake_mech:DevFakeMechanismDriver\n"
        )
        write(f"{di}/INSTALLER", "devcloud\n")
        write(
            f"{di}/RECORD",
            "devfake_mech.py,,\ndevcloud_devfake-0.1.0.dist-info/METADATA,,\n"
            "devcloud_devfake-0.1.0.dist-info/entry_points.txt,,\n"
            "devcloud_devfake-0.1.0.dist-info/INSTALLER,,\n"
            "devcloud_devfake-0.1.0.dist-info/RECORD,,\n",
        )

    def install(self):
        errors = []

        def apt():
            try:
                self.install_apt()
            except Exception as e:  # reported after the venvs are done
                errors.append(e)

        t = threading.Thread(target=apt)
        t.start()
        try:
            self.install_venv(self.p.venv, "core.lock", CORE_PACKAGES)
            if self.s.full:

                def full():
                    self.install_venv(self.p.venv_full, "full.lock", FULL_PACKAGES)
                    self.install_devfake()

                self.parallel(full, lambda: self.install_venv(self.p.venv_trove, "trove.lock", TROVE_PACKAGES))
        finally:
            t.join()
        if errors:
            raise errors[0]

    # ------------------------------------------------------------------ configs
    def support_texts(self):
        return {n: read(f"{SUPPORT_DIR}/{n}") for n in sorted(os.listdir(SUPPORT_DIR)) if n.endswith(".py")}

    def prepare_dirs(self):
        p = self.p
        for d in (p.etc, p.bin, p.log, p.run, p.data, p.srv):
            os.makedirs(d, exist_ok=True)
        for g in (
            "keystone",
            "swift",
            "glance",
            "placement",
            "neutron",
            "cinder",
            "nova",
            "heat",
            "trove",
            "rabbitmq",
            "mariadb",
        ):
            os.makedirs(p.data_of(g), exist_ok=True)
        for sub in (
            "nova/state",
            "nova/instances",
            "nova/lock",
            "cinder/state",
            "cinder/lock",
            "neutron/state",
            "neutron/lock",
            "glance/lock",
            "heat/lock",
            "trove/lock",
        ):
            os.makedirs(f"{p.data}/{sub}", exist_ok=True)

    def write_configs(self, groups):
        sup = self.support_texts()
        for name, text in sup.items():
            if read(f"{self.p.bin}/{name}") != text:
                write(f"{self.p.bin}/{name}", text)
        hashes = {}
        if "nova" in groups:
            # nova's WSGI app loads its paste pipeline from the *first* file of
            # OS_NOVA_CONFIG_FILES, which must sit in OS_NOVA_CONFIG_DIR
            link = f"{self.p.etc_of('nova')}/api-paste.ini"
            target = f"{self.p.venv_full}/etc/nova/api-paste.ini"
            os.makedirs(os.path.dirname(link), exist_ok=True)
            if not os.path.islink(link) or os.readlink(link) != target:
                if os.path.lexists(link):
                    os.remove(link)
                os.symlink(target, link)
        for g in groups.values():
            for path, text in g.files.items():
                if read(path) != text:
                    write(path, text)
            extra = []
            if g.name == "swift":
                extra = [self.s.swift_storage, self.s.swift_storage_size]
            if g.venv:
                extra.append(read(f"{g.venv}/.devcloud-installed"))
            hashes[g.name] = services.group_hash(g, sup, extra)
        return hashes

    def group_running(self, g, want_hash):
        if read(f"{self.p.run}/{g.name}.hash") != want_hash:
            return False
        return all(self.pids.alive(pr.name) for pr in g.procs)

    # ------------------------------------------------------------------ start / stop
    def start_group(self, g):
        self.check_ports_free(g)
        if g.name == "trove":
            # the fakes keep servers, volumes and guests in memory: old rows would show SHUTDOWN
            # instances that answer 422, so Trove builds a new database at every start
            for suffix in ("", "-journal", "-wal", "-shm"):
                try:
                    os.remove(configs.trove_db(self.p) + suffix)
                except FileNotFoundError:
                    pass
        for pr in g.procs:
            log = f"{self.p.log}/{pr.name}.log"
            pid, st = proc.start(pr.argv, log, env=self.child_env(pr.env), cwd=pr.cwd or self.p.bin)
            self.pids.record(pr.name, pid, st)

    def stop_names(self, names):
        table = self.pids.read()
        entries = {n: table[n] for n in names if n in table}
        if entries:
            t = time.monotonic()
            killed = proc.stop(entries, log=self.say)
            with open(f"{self.p.log}/devcloud.log", "a") as f:
                f.write(
                    f"{time.strftime('%F %T')} stopped {' '.join(entries)} in "
                    f"{time.monotonic() - t:.1f}s" + (f" (KILL: {killed})" if killed else "") + "\n"
                )
        self.pids.forget(*names)

    def stop_group(self, g_name, procs):
        self.stop_names(procs)
        try:
            os.remove(f"{self.p.run}/{g_name}.hash")
        except FileNotFoundError:
            pass

    def check_ports_free(self, g):
        for name in g.ports:
            port = self.s.ports[name]
            if proc.port_open(HOST, port, 0.3) or port in proc.listening():
                owners = proc.socket_owners(proc.listening().get(port, []))
                who = ", ".join(f"{o} ({proc.cmdline(o)[:80]})" for o in owners) or "unknown"
                raise DevcloudError(
                    f"port {port} ({name}) is busy, held by {who}; choose another with "
                    f"--port {name}=N or PKGCLOUD_DEVCLOUD_PORT_{name.upper()}"
                )

    def wait_http(self, label, url, timeout, logs, group=None):
        """Wait for any HTTP answer below 500; fail at once if a process of
        the group died (gunicorn exits when its worker cannot boot)."""

        def ready():
            if group is not None:
                self.wait_alive(group)
            return 0 < answers(url) < 500

        if not proc.wait_until(ready, timeout, 0.25):
            raise DevcloudError(f"{label} did not answer at {url} within {timeout}s", logs)

    def wait_alive(self, g):
        for pr in g.procs:
            if not self.pids.alive(pr.name):
                raise DevcloudError(f"{pr.name} exited", [f"{self.p.log}/{pr.name}.log"])

    # ------------------------------------------------------------------ keystone
    def keystone_prepare(self):
        p, s = self.p, self.s
        d = p.data_of("keystone")
        km = [f"{p.venv}/bin/keystone-manage", "--config-file", f"{p.etc_of('keystone')}/keystone.conf"]
        log = f"{p.log}/keystone-manage.log"
        # what `keystone-manage fernet_setup` / `credential_setup` write (a staged
        # key 0 and a primary key 1), without paying ~5 s of imports for each
        for repo in ("fernet-keys", "credential-keys"):
            if not os.path.exists(f"{d}/{repo}/0"):
                make_fernet_repo(f"{d}/{repo}")
        boot = digest(ADMIN_PASSWORD, s.ports["keystone"])
        if not os.path.exists(f"{d}/keystone.db") or read(f"{p.run}/keystone.bootstrap") != boot:
            self.say("keystone db_sync + bootstrap")
            self.run([*km, "db_sync"], log)
            url = s.auth_url
            self.run(
                [
                    *km,
                    "bootstrap",
                    "--bootstrap-username",
                    "admin",
                    "--bootstrap-password",
                    ADMIN_PASSWORD,
                    "--bootstrap-project-name",
                    "admin",
                    "--bootstrap-role-name",
                    "admin",
                    "--bootstrap-service-name",
                    "keystone",
                    "--bootstrap-region-id",
                    "RegionOne",
                    "--bootstrap-admin-url",
                    url,
                    "--bootstrap-public-url",
                    url,
                    "--bootstrap-internal-url",
                    url,
                ],
                log,
            )
            write(f"{p.run}/keystone.bootstrap", boot)
            for f in ("register.hash", "resources.hash"):
                try:
                    os.remove(f"{p.run}/{f}")
                except FileNotFoundError:
                    pass
        # WAL: token validations (reads) never wait for a writer (revocations,
        # tests creating users/credentials), and the URL sets a 30 s busy
        # timeout.  (The "database is locked" 500s at a cold full start came
        # from last_active_at writes, which support/keystone_wsgi.py skips.)
        db = sqlite3.connect(f"{d}/keystone.db", timeout=30)
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
        finally:
            db.close()

    def register(self):
        """Idempotently create users, projects, roles, services and endpoints."""
        s = self.s
        want = digest(s.profile, configs.endpoints(s), ADMIN_PASSWORD, DEMO_PASSWORD, 4)
        facts_path = f"{self.p.run}/keystone-facts.json"
        if read(f"{self.p.run}/register.hash") == want and read(facts_path):
            return json.loads(read(facts_path))
        self.say("registering users, projects and catalog in keystone")
        ks = Keystone(s.auth_url, "admin", ADMIN_PASSWORD, "admin")
        role_names = ["admin", "member", "reader", "service", "swiftoperator", "ResellerAdmin"]
        if s.full:
            role_names += ["heat_stack_owner", "heat_stack_user"]
        roles = {n: ks.ensure("roles", "role", {"name": n}, name=n) for n in role_names}
        proj = {
            n: ks.ensure(
                "projects",
                "project",
                {"name": n, "domain_id": "default", "description": f"devcloud {n}"},
                name=n,
                domain_id="default",
            )
            for n in ("admin", "service", "demo", "alt_demo")
        }

        def user(name, pw, project, *rs):
            u = ks.ensure(
                "users",
                "user",
                {"name": name, "domain_id": "default", "password": pw, "default_project_id": proj[project]["id"]},
                name=name,
                domain_id="default",
            )
            for r in rs:
                ks.grant_project(proj[project]["id"], u["id"], roles[r]["id"])
            return u

        stack = ("heat_stack_owner",) if s.full else ()
        users = {
            "demo": user("demo", DEMO_PASSWORD, "demo", "member", *stack),
            "alt_demo": user("alt_demo", DEMO_PASSWORD, "alt_demo", "member", *stack),
            "demo_reader": user("demo_reader", DEMO_PASSWORD, "demo", "reader"),
        }
        svc_users = ["swift"] + (list(configs.FULL_SERVICE_USERS) if s.full else [])
        for su in svc_users:
            user(su, service_password(su), "service", "service", "admin")
        admin = ks.find("users", name="admin", domain_id="default")[0]
        # admin may also take a token scoped to the Default domain (domain-scope tests)
        ks.grant_domain("default", admin["id"], roles["admin"]["id"])
        if s.full:
            ks.grant_project(proj["admin"]["id"], admin["id"], roles["heat_stack_owner"]["id"])
            hd = ks.ensure("domains", "domain", {"name": "heat", "description": "heat stack users"}, name="heat")
            hda = ks.ensure(
                "users",
                "user",
                {"name": "heat_domain_admin", "domain_id": hd["id"], "password": service_password("heat_domain_admin")},
                name="heat_domain_admin",
                domain_id=hd["id"],
            )
            ks.grant_domain(hd["id"], hda["id"], roles["admin"]["id"])
        for r in REGIONS:
            ks.ensure_region(r)
        eps = configs.endpoints(s)
        for stype, (name, url, regions) in eps.items():
            admin_url = None
            if stype == "object-store":
                admin_url = f"http://{HOST}:{s.ports['swift']}/v1"
            ks.ensure_endpoints(stype, name, url, regions, admin_url)
        for stype in configs.MANAGED_TYPES:
            if stype not in eps:
                for svc in ks.find("services", type=stype):
                    ks.delete_service(svc["id"])
        facts = {"projects": {n: v["id"] for n, v in proj.items()}, "users": {n: v["id"] for n, v in users.items()}}
        facts["users"]["admin"] = admin["id"]
        write(facts_path, json.dumps(facts, indent=1))
        write(f"{self.p.run}/register.hash", want)
        return facts

    # ------------------------------------------------------------------ swift
    def swift_prepare(self):
        p, s = self.p, self.s
        self.mount_storage()
        os.makedirs(f"{p.srv}/node/d1", exist_ok=True)
        e = p.etc_of("swift")
        want = digest(s.ports["swift_object"], s.ports["swift_container"], s.ports["swift_account"])
        if read(f"{p.run}/rings.hash") == want and os.path.exists(f"{e}/object.ring.gz"):
            return
        self.say("building swift rings (part power 10, 1 replica)")
        log = f"{p.log}/swift-rings.log"
        for f in os.listdir(e):
            if f.endswith((".builder", ".ring.gz")):
                os.remove(f"{e}/{f}")
        rb = f"{p.venv}/bin/swift-ring-builder"
        for kind, port in (("object", "swift_object"), ("container", "swift_container"), ("account", "swift_account")):
            b = f"{e}/{kind}.builder"
            self.run([rb, b, "create", "10", "1", "1"], log)
            self.run(
                [
                    rb,
                    b,
                    "add",
                    "--region",
                    "1",
                    "--zone",
                    "1",
                    "--ip",
                    HOST,
                    "--port",
                    str(s.ports[port]),
                    "--device",
                    "d1",
                    "--weight",
                    "100",
                ],
                log,
            )
            self.run([rb, b, "rebalance"], log, check=False)
        write(f"{p.run}/rings.hash", want)

    def mount_storage(self):
        p, s = self.p, self.s
        if os.path.ismount(p.srv):
            return
        if s.swift_storage == "tmpfs":
            r = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={s.swift_storage_size},mode=755", "devcloud-swift", p.srv],
                capture_output=True,
                text=True,
            )
            if r.returncode == 0:
                return
            self.say(
                f"WARNING: tmpfs mount on {p.srv} failed ({r.stderr.strip()}); using a plain "
                "directory (ext4 xattr limit: objects with >3.3 KB metadata will get 507)"
            )

    # ------------------------------------------------------------------ mariadb / rabbitmq
    def mysql(self, sql, check=True):
        b = self.bins()
        return self.run(
            [b["mariadb"], "--no-defaults", "-S", self.p.mysql_socket, "-u", "root", "-e", sql],
            f"{self.p.log}/mariadb-client.log",
            check=check,
        )

    def mariadb_prepare(self):
        d = self.p.data_of("mariadb")
        if not os.path.isdir(f"{d}/mysql"):
            self.say("mariadb-install-db")
            self.run(
                [
                    self.bins()["mariadb-install-db"],
                    "--no-defaults",
                    f"--datadir={d}",
                    "--user=root",
                    "--auth-root-authentication-method=socket",
                    "--skip-test-db",
                ],
                f"{self.p.log}/mariadb-install-db.log",
            )
            for f in os.listdir(self.p.run):
                if f.endswith(".db"):
                    os.remove(f"{self.p.run}/{f}")

    def mariadb_ready(self):
        ok = proc.wait_until(lambda: self.mysql("SELECT 1", check=False) == 0, 60, 0.25)
        if not ok:
            raise DevcloudError("mariadb did not come up", [f"{self.p.log}/mariadb.log"])
        self.mysql(
            f"CREATE USER IF NOT EXISTS '{DB_USER}'@'{HOST}' IDENTIFIED BY '{DB_PASSWORD}'; "
            f"ALTER USER '{DB_USER}'@'{HOST}' IDENTIFIED BY '{DB_PASSWORD}'; "
            f"GRANT ALL ON *.* TO '{DB_USER}'@'{HOST}';"
        )

    def rabbitmqctl(self, *args, timeout=60):
        env = self.child_env(configs.rabbitmq_env(self.s, self.p))
        r = subprocess.run(
            [self.bins()["rabbitmqctl"], *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        return r.returncode, r.stdout

    def queue_consumers(self):
        try:
            rc, out = self.rabbitmqctl("-q", "list_queues", "name", "consumers", timeout=30)
        except subprocess.TimeoutExpired:
            return {}
        return services.parse_list_queues(out) if rc == 0 else {}

    # ------------------------------------------------------------------ DB init (full)
    def db_init(self, group):
        """Create the group's database(s) once (marker run/<group>.db)."""
        marker, want = self.db_marker(group)
        if read(marker) == want:
            return False
        self._db_init(group)
        write(marker, want)
        return True

    def db_marker(self, group):
        """(marker path, wanted content) of a group's database."""
        p, s = self.p, self.s
        urls = {
            "glance": ["sqlite-glance"],
            "neutron": ["sqlite-neutron"],
            "placement": [configs.db_url(s, "placement")],
            "cinder": [configs.db_url(s, "cinder")],
            "heat": [configs.db_url(s, "heat")],
            "nova": [configs.db_url(s, n) for n in ("nova_api", "nova_cell0", "nova_cell1")],
        }[group]
        return f"{p.run}/{group}.db", digest(urls, read(f"{p.venv_full}/.devcloud-installed"))

    def _db_init(self, group):
        p, s = self.p, self.s
        v = p.venv_full
        t = time.monotonic()
        log = f"{p.log}/{group}-db.log"
        e = p.etc_of(group)
        d = p.data_of(group)

        def recreate(*names):
            self.mysql(
                " ".join(f"DROP DATABASE IF EXISTS {n}; CREATE DATABASE {n} CHARACTER SET utf8mb4;" for n in names)
            )

        if group == "glance":
            for sub in ("images", "staging", "tasks"):
                shutil.rmtree(f"{d}/{sub}", ignore_errors=True)
                os.makedirs(f"{d}/{sub}")
            if os.path.exists(f"{d}/glance.sqlite"):
                os.remove(f"{d}/glance.sqlite")
            self.run([f"{v}/bin/glance-manage", "--config-file", f"{e}/glance-api.conf", "db", "sync"], log)
        elif group == "neutron":
            if os.path.exists(f"{d}/neutron.sqlite"):
                os.remove(f"{d}/neutron.sqlite")
            self.run([f"{v}/bin/python", f"{p.bin}/neutron_schema.py", f"sqlite:///{d}/neutron.sqlite"], log)
            self.run(
                [
                    f"{v}/bin/neutron-db-manage",
                    "--config-file",
                    f"{e}/neutron.conf",
                    "--config-file",
                    f"{e}/ml2_conf.ini",
                    "stamp",
                    "heads",
                ],
                log,
            )
        elif group == "placement":
            recreate("placement")
            self.run(
                [f"{v}/bin/placement-manage", "--config-file", f"{e}/placement.conf", "db", "sync"],
                log,
                env={"OS_PLACEMENT_CONFIG_DIR": e},
            )
        elif group == "cinder":
            recreate("cinder")
            self.run([f"{v}/bin/cinder-manage", "--config-file", f"{e}/cinder.conf", "db", "sync"], log)
        elif group == "heat":
            recreate("heat")
            self.run([f"{v}/bin/heat-manage", "--config-file", f"{e}/heat.conf", "db_sync"], log)
        elif group == "nova":
            recreate("nova_api", "nova_cell0", "nova_cell1")
            try:
                os.remove(f"{d}/state/compute_id")
            except FileNotFoundError:
                pass
            # api_db sync, map_cell0, create_cell cell1 and db sync in one
            # process: 25 s instead of 73 s for four nova-manage runs (loaded)
            self.run(
                [f"{v}/bin/python", f"{p.bin}/nova_db_init.py", f"{e}/nova.conf", configs.db_url(s, "nova_cell0")], log
            )
        try:
            os.remove(f"{p.run}/resources.hash")  # flavors/image/network live in these DBs
        except FileNotFoundError:
            pass
        self.say(f"{group} database created ({time.monotonic() - t:.1f}s)")

    # ------------------------------------------------------------------ parallel helper
    @staticmethod
    def parallel(*fns):
        errors = []

        def wrap(fn):
            try:
                fn()
            except BaseException as e:
                errors.append(e)

        threads = [threading.Thread(target=wrap, args=(fn,)) for fn in fns]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]

    # ------------------------------------------------------------------ up
    def up(self, wait_timeout=240):
        s, p = self.s, self.p
        self.lock()
        prev = self.saved_settings()
        self.prepare_dirs()
        self.install()
        want = services.groups(s, p, self.bins())
        order = list(want)

        # groups of a previous profile that are no longer wanted
        table = self.pids.read()
        if prev is not None:
            old = services.groups(prev, p, self.bins())
            gone = [n for n in reversed(list(old)) if n not in want]
            live = [n for n in gone if any(pr.name in table for pr in old[n].procs)]
            if live:
                self.say(f"stopping {', '.join(live)} (not in profile {s.profile})")
            # services first, then what they talk to (rabbitmq, mariadb)
            for tier in (
                [n for n in gone if n not in ("rabbitmq", "mariadb")],
                [n for n in gone if n in ("rabbitmq", "mariadb")],
            ):
                self.stop_names([pr.name for n in tier for pr in old[n].procs])
                for n in tier:
                    try:
                        os.remove(f"{p.run}/{n}.hash")
                    except FileNotFoundError:
                        pass
        hashes = self.write_configs(want)
        changed = [g for g in order if not self.group_running(want[g], hashes[g])]
        if "nova" in want and read(self.db_marker("nova")[0]) != self.db_marker("nova")[1]:
            # a new nova DB means a new compute node uuid, and placement would
            # refuse a second resource provider named "devcloud": renew both
            try:
                os.remove(self.db_marker("placement")[0])
            except FileNotFoundError:
                pass
        for g in DB_GROUPS:  # a (re)created database must not be under a running service
            if g in want and g not in changed:
                marker, wanted = self.db_marker(g)
                if read(marker) != wanted:
                    changed.append(g)
        todo = services.restart_closure(changed, order)
        restarting = [n for n in todo if any(self.pids.alive(pr.name) for pr in want[n].procs)]
        if restarting:
            self.say(f"restarting {', '.join(restarting)} (settings changed or a process died)")
        for name in todo:  # one parallel stop for everything that restarts
            try:
                os.remove(f"{p.run}/{name}.hash")
            except FileNotFoundError:
                pass
        self.stop_names([pr.name for n in reversed(todo) for pr in want[n].procs])
        write(f"{p.run}/settings.json", json.dumps(s.to_json(), indent=1))

        if todo:
            self.say("starting: " + ", ".join(todo))
        else:
            self.say("everything already running")
        g = want

        def started(name):
            write(f"{p.run}/{name}.hash", hashes[name])

        # ---- core track: memcached -> keystone + swift -> registration
        def core_track():
            if "memcached" in todo:
                self.start_group(g["memcached"])
                if not proc.wait_until(lambda: proc.port_open(HOST, s.ports["memcached"]), 20, 0.1):
                    raise DevcloudError("memcached did not come up", [f"{p.log}/memcached.log"])
                started("memcached")
            steps = []
            if "keystone" in todo:

                def ks():
                    self.keystone_prepare()
                    self.start_group(g["keystone"])

                steps.append(ks)
            if "swift" in todo:

                def sw():
                    self.swift_prepare()
                    self.start_group(g["swift"])

                steps.append(sw)
            self.parallel(*steps)
            if "keystone" in todo:
                self.wait_http(
                    "keystone",
                    f"{s.auth_url}",
                    wait_timeout,
                    [f"{p.log}/keystone.log", f"{p.log}/keystone-manage.log"],
                    g["keystone"],
                )
                started("keystone")
            self.facts = self.register()
            if "swift" in todo:
                for label, url in g["swift"].http:
                    self.wait_http(
                        label, url, wait_timeout, [f"{p.log}/swift-proxy.log", f"{p.log}/swift-object.log"], g["swift"]
                    )
                self.wait_alive(g["swift"])
                started("swift")

        # ---- infrastructure + databases for the full profile
        def infra_track():
            if "trove" in todo:
                # needs neither MariaDB nor RabbitMQ, and Keystone only to validate tokens:
                # overlap its ~20 s (imports, schema, datastores) with everything else
                self.start_group(g["trove"])
                early.add("trove")

            def maria():
                if "mariadb" in todo:
                    self.mariadb_prepare()
                    self.start_group(g["mariadb"])
                self.mariadb_ready()
                if "mariadb" in todo:
                    self.say("mariadb ready")
                started("mariadb")

            def rabbit():
                if "rabbitmq" in todo:
                    os.makedirs(f"{p.log}/rabbitmq", exist_ok=True)
                    self.start_group(g["rabbitmq"])
                    if not proc.wait_until(lambda: proc.port_open(HOST, s.ports["rabbitmq"]), 90, 0.25):
                        raise DevcloudError("rabbitmq did not come up", [f"{p.log}/rabbitmq.log", f"{p.log}/epmd.log"])
                    self.say("rabbitmq ready")
                    started("rabbitmq")

            self.parallel(maria, rabbit)
            self.parallel(
                *[(lambda n=n: self.db_init(n)) for n in ("nova", "neutron", "cinder", "heat", "placement", "glance")]
            )
            # these need no Keystone to boot (only to validate tokens later):
            # overlap their ~15 s of imports with Keystone's start.  Nova waits
            # for the registration: nova-compute authenticates at once.
            for n in ("placement", "glance", "neutron", "cinder", "heat"):
                if n in todo:
                    self.start_group(g[n])
                    early.add(n)

        self.facts = None
        early = set()
        if s.full:
            self.parallel(core_track, infra_track)
        else:
            core_track()

        if s.full:
            self.start_full(g, todo, started, wait_timeout, early)
            self.create_resources()
        self.smoke()
        self.write_outputs(state="up")
        self.summary()
        return 0

    def start_full(self, g, todo, started, wait_timeout, early=()):
        p = self.p
        api_groups = [n for n in ("glance", "placement", "neutron", "cinder", "nova", "heat", "trove") if n in todo]
        order = ["placement", "glance", "neutron", "cinder", "heat", "nova", "trove"]
        for name in order:
            if name in api_groups and name not in early:
                self.start_group(g[name])
        for name in order:
            if name in api_groups:
                for label, url in g[name].http:
                    self.wait_http(
                        label, url, wait_timeout, [f"{p.log}/{pr.name}.log" for pr in g[name].procs], g[name]
                    )
                self.say(f"{name} API answers")
        # RPC servers consuming their queues
        wanted = [q for n in api_groups for q in services.QUEUES.get(n, ())]
        if wanted:
            missing = wanted
            deadline = time.monotonic() + wait_timeout
            while time.monotonic() < deadline:
                missing = services.queues_ready(self.queue_consumers(), wanted)
                for name in api_groups:
                    self.wait_alive(g[name])
                if not missing:
                    break
                time.sleep(0.5)
            if missing:
                raise DevcloudError(
                    f"RPC servers not consuming: {missing}",
                    [f"{p.log}/{pr.name}.log" for n in api_groups for pr in g[n].procs],
                )
            self.say("RPC servers consuming: " + ", ".join(wanted))
        if "nova" in api_groups or not self.compute_mapped():
            self.wait_compute(wait_timeout)
            self.say("nova-compute mapped to cell1, hypervisor up")
        for name in api_groups:
            started(name)

    def compute_mapped(self):
        r = subprocess.run(
            [
                self.bins()["mariadb"],
                "--no-defaults",
                "-S",
                self.p.mysql_socket,
                "-u",
                "root",
                "-N",
                "-e",
                "SELECT host FROM nova_api.host_mappings",
            ],
            capture_output=True,
            text=True,
        )
        return r.returncode == 0 and "devcloud" in r.stdout.split()

    def wait_compute(self, timeout):
        """nova-compute registered, its host mapped into cell1 (the scheduler's
        periodic discover_hosts does it) and its resource provider in placement."""

        def ready():
            return self.compute_mapped()

        if not proc.wait_until(ready, timeout, 0.5):
            raise DevcloudError(
                "nova-compute host was not mapped to cell1",
                [f"{self.p.log}/nova-compute.log", f"{self.p.log}/nova-scheduler.log"],
            )
        ks = Keystone(self.s.auth_url, "admin", ADMIN_PASSWORD, "admin")
        nova = ks.endpoint("compute")

        def hyp_up():
            try:
                hs = ks.call("GET", f"{nova}/os-hypervisors/detail")["hypervisors"]
            except (HTTPError, OSError):
                return False
            return any(h.get("state") == "up" and h.get("status") == "enabled" for h in hs)

        if not proc.wait_until(hyp_up, timeout, 0.5):
            raise DevcloudError("nova hypervisor did not come up", [f"{self.p.log}/nova-compute.log"])

    # ------------------------------------------------------------------ resources (full)
    def create_resources(self):
        s = self.s
        want = digest(IMAGE_NAME, FLAVORS, PUBLIC_NET, PUBLIC_CIDR, s.ports)
        rpath = f"{self.p.run}/resources.json"
        if read(f"{self.p.run}/resources.hash") == want and read(rpath):
            self.resources = json.loads(read(rpath))
            return
        self.say("creating flavors, image and public network")
        ks = Keystone(s.auth_url, "admin", ADMIN_PASSWORD, "admin")
        nova, glance, neutron = ks.endpoint("compute"), ks.endpoint("image"), ks.endpoint("network")
        res = {"flavors": {}, "image": {}, "network": {}}
        have = {f["name"]: f for f in ks.call("GET", f"{nova}/flavors/detail?is_public=None")["flavors"]}
        for fid, name, ram, vcpus, disk in FLAVORS:
            if name not in have:
                have[name] = ks.call(
                    "POST",
                    f"{nova}/flavors",
                    {
                        "flavor": {
                            "id": fid,
                            "name": name,
                            "ram": ram,
                            "vcpus": vcpus,
                            "disk": disk,
                            "os-flavor-access:is_public": True,
                        }
                    },
                )["flavor"]
            res["flavors"][name] = have[name]["id"]
        imgs = ks.call("GET", f"{glance}/v2/images?name={IMAGE_NAME}")["images"]
        img = next((i for i in imgs if i["status"] == "active"), None)
        for i in imgs:
            if img is None or i["id"] != img["id"]:
                ks.call("DELETE", f"{glance}/v2/images/{i['id']}", ok=None)
        if img is None:
            img = ks.call(
                "POST",
                f"{glance}/v2/images",
                {
                    "name": IMAGE_NAME,
                    "disk_format": "raw",
                    "container_format": "bare",
                    "visibility": "public",
                    "min_disk": 0,
                    "min_ram": 0,
                },
            )
            request(
                "PUT",
                f"{glance}/v2/images/{img['id']}/file",
                raw=b"\0" * 65536,
                headers={"X-Auth-Token": ks.token, "Content-Type": "application/octet-stream"},
            )
        res["image"] = {"name": IMAGE_NAME, "id": img["id"]}
        nets = ks.call("GET", f"{neutron}/v2.0/networks?name={PUBLIC_NET}")["networks"]
        if nets:
            net = nets[0]
        else:
            net = ks.call(
                "POST",
                f"{neutron}/v2.0/networks",
                {
                    "network": {
                        "name": PUBLIC_NET,
                        "shared": True,
                        "router:external": True,
                        "provider:network_type": "flat",
                        "provider:physical_network": "public",
                    }
                },
            )["network"]
        subs = ks.call("GET", f"{neutron}/v2.0/subnets?network_id={net['id']}")["subnets"]
        if subs:
            sub = subs[0]
        else:
            sub = ks.call(
                "POST",
                f"{neutron}/v2.0/subnets",
                {
                    "subnet": {
                        "name": f"{PUBLIC_NET}-subnet",
                        "network_id": net["id"],
                        "ip_version": 4,
                        "cidr": PUBLIC_CIDR,
                        "gateway_ip": "172.24.4.1",
                        "enable_dhcp": False,
                        "allocation_pools": [{"start": "172.24.4.10", "end": "172.24.4.250"}],
                    }
                },
            )["subnet"]
        res["network"] = {
            "name": PUBLIC_NET,
            "id": net["id"],
            "subnet_id": sub["id"],
            "cidr": PUBLIC_CIDR,
            "shared": True,
            "router:external": True,
        }
        write(rpath, json.dumps(res, indent=1))
        write(f"{self.p.run}/resources.hash", want)
        self.resources = res

    # ------------------------------------------------------------------ smoke test
    def smoke(self):
        s = self.s
        try:
            demo = Keystone(s.auth_url, "demo", DEMO_PASSWORD, "demo")
        except (HTTPError, OSError) as e:
            raise DevcloudError(
                f"smoke test: keystone auth for demo failed: {e}", [f"{self.p.log}/keystone.log"]
            ) from None
        self.demo_project_id = demo.project_id
        checks = [("object-store", "HEAD", demo.endpoint("object-store"))]
        swift2 = demo.endpoint("object-store", region="RegionTwo")
        if not swift2:
            raise DevcloudError("smoke test: no object-store endpoint in RegionTwo")
        if s.full:
            checks += [
                ("image", "GET", demo.endpoint("image") + "/v2/images?limit=1"),
                ("compute", "GET", demo.endpoint("compute") + "/flavors"),
                ("block-storage", "GET", demo.endpoint("block-storage") + "/volumes"),
                ("network", "GET", demo.endpoint("network") + "/v2.0/networks"),
                ("orchestration", "GET", demo.endpoint("orchestration") + "/stacks"),
                ("database", "GET", demo.endpoint("database") + "/flavors"),
            ]
        failed = []
        for label, method, url in checks:
            try:
                st, _, _ = request(method, url, headers={"X-Auth-Token": demo.token}, ok=None, timeout=60)
            except OSError as e:
                st = f"{e}"
            if not (isinstance(st, int) and 200 <= st < 300):
                failed.append(f"{label} {method} {url} -> {st}")
        if s.full:
            admin = Keystone(s.auth_url, "admin", ADMIN_PASSWORD, "admin")
            rps = admin.call("GET", admin.endpoint("placement") + "/resource_providers")
            if not rps.get("resource_providers"):
                failed.append("placement: no resource provider")
        if failed:
            raise DevcloudError("smoke test failed: " + "; ".join(failed), [f"{self.p.log}/swift-proxy.log"])
        self.say(f"smoke test ok: demo token + {', '.join(c[0] for c in checks)}")

    # ------------------------------------------------------------------ outputs
    def write_outputs(self, state):
        s, p = self.s, self.p
        facts = getattr(self, "facts", None) or json.loads(read(f"{p.run}/keystone-facts.json", "{}"))
        demo_pid = getattr(self, "demo_project_id", "") or facts.get("projects", {}).get("demo", "")
        write(p.clouds_yaml, configs.clouds_yaml(s))
        write(p.env_file, configs.env_file(s, p, demo_pid))
        data = {
            "state": state,
            "profile": s.profile,
            "state_dir": p.root,
            "auth_url": s.auth_url,
            "identity_api_version": 3,
            "regions": list(REGIONS),
            "default_region": "RegionOne",
            "object_store_regions": list(REGIONS),
            "token_expiration": s.token_expiration,
            "authtoken_cache_time": s.authtoken_cache_time,
            "ports": s.active_ports(),
            "services": dict.fromkeys(services.groups(s, p, self.bins()), True),
            "catalog": {t: {"name": n, "url": u, "regions": r} for t, (n, u, r) in configs.endpoints(s).items()},
            "projects": facts.get("projects", {}),
            "user_ids": facts.get("users", {}),
            "users": {
                "admin": {"password": ADMIN_PASSWORD, "project": "admin", "roles": ["admin"]},
                "demo": {
                    "password": DEMO_PASSWORD,
                    "project": "demo",
                    "roles": ["member"] + (["heat_stack_owner"] if s.full else []),
                },
                "alt_demo": {
                    "password": DEMO_PASSWORD,
                    "project": "alt_demo",
                    "roles": ["member"] + (["heat_stack_owner"] if s.full else []),
                },
                "demo_reader": {"password": DEMO_PASSWORD, "project": "demo", "roles": ["reader"]},
            },
            "user_domain_name": "Default",
            "project_domain_name": "Default",
            "clouds": [f"devcloud-{u[0]}" for u in configs.USERS],
            "clouds_yaml": p.clouds_yaml,
            "env_file": p.env_file,
            "swift": {
                "url_template": configs.endpoints(s)["object-store"][1],
                "demo_account_url": f"http://{HOST}:{s.ports['swift']}/v1/AUTH_{demo_pid}",
                "storage": s.swift_storage,
                "storage_size": s.swift_storage_size,
                "chunk_size": s.swift_chunk,
                "tempurl_digests": ["sha1", "sha256", "sha512"],
                "operator_roles": ["admin", "swiftoperator", "member"],
            },
            "versions": {"keystone": "30.0.0", "swift": "2.38.3"},
            "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        if s.full:
            data["resources"] = getattr(self, "resources", None) or json.loads(read(f"{p.run}/resources.json", "{}"))
            data["versions"].update(
                {
                    "glance": "33.0.0",
                    "placement": "16.0.0",
                    "nova": "34.0.0",
                    "cinder": "29.0.0",
                    "neutron": "29.0.0",
                    "heat": "27.0.1",
                    "trove": "26.0.0 (fake mode)",
                }
            )
        write(p.json_file, json.dumps(data, indent=1) + "\n")

    def summary(self):
        s, p = self.s, self.p
        lines = [
            f"up (profile {s.profile}) in {time.monotonic() - self.t0:.1f}s",
            f"  auth_url  {s.auth_url}   (token expiration {s.token_expiration}s)",
        ]
        for t, (_name, url, regions) in configs.endpoints(s).items():
            if t != "identity":
                lines.append(f"  {t:<14}{url}   [{', '.join(regions)}]")
        lines += [
            f"  admin / {ADMIN_PASSWORD} (project admin); demo, alt_demo, demo_reader / {DEMO_PASSWORD}",
            f"  files     {p.clouds_yaml}  {p.env_file}  {p.json_file}",
            f"  logs      {p.log}/",
        ]
        for line in lines:
            self.say(line)

    # ------------------------------------------------------------------ status
    def status(self, out=None):
        out = out or self.out
        s, p = self.s, self.p
        want = services.groups(s, p, self.bins())
        table = self.pids.read()
        ok = True
        rows = []
        for g in want.values():
            for pr in g.procs:
                ent = table.get(pr.name)
                alive = ent is not None and proc.is_ours(*ent)
                ok &= alive
                rows.append(f"  {pr.name:<24} {'running' if alive else 'DOWN':<8} pid {ent[0] if ent else '-'}")
            for label, url in g.http:
                st = answers(url)
                good = 0 < st < 500
                ok &= good
                rows.append(f"  {'  ' + label:<24} {'answers' if good else 'NO ANSWER':<8} {url} ({st})")
            for port in g.ports:
                if not g.http or port in ("epmd", "rabbitmq", "rabbitmq_dist", "memcached", "mariadb"):
                    good = proc.port_open(HOST, s.ports[port])
                    ok &= good
                    rows.append(f"  {'  ' + port:<24} {'listens' if good else 'CLOSED':<8} {HOST}:{s.ports[port]}")
        print(
            f"devcloud {p.root}: profile {s.profile}, {'all services answer' if ok else 'NOT everything is up'}",
            file=out,
        )
        print(f"  auth_url {s.auth_url}  token expiration {s.token_expiration}s", file=out)
        for r in rows:
            print(r, file=out)
        extra = [n for n in table if n not in {pr.name for g in want.values() for pr in g.procs}]
        for n in extra:
            print(f"  (also recorded: {n} pid {table[n][0]})", file=out)
        if ok:
            for t, (_name, url, regions) in configs.endpoints(s).items():
                print(f"  {t:<14} {url}  [{', '.join(regions)}]", file=out)
            print(f"  files: {p.clouds_yaml} {p.env_file} {p.json_file}", file=out)
        return 0 if ok else 1

    def memory(self, out=None):
        """RSS and PSS (MiB) per service, summed over its session's processes."""
        out = out or self.out
        table = self.pids.read()
        tr = tp = tn = 0
        print(f"  {'service':<24} {'procs':>5} {'RSS MiB':>8} {'PSS MiB':>8}", file=out)
        for name, (pid, st) in table.items():
            members = proc.session_members(pid, st)
            r = pss = 0
            for m in members:
                r += proc.mem_kib(m, "VmRSS")
                pss += proc.mem_kib(m, "Pss")
            tr, tp, tn = tr + r, tp + pss, tn + len(members)
            print(f"  {name:<24} {len(members):>5} {r / 1024:>8.1f} {pss / 1024:>8.1f}", file=out)
        print(f"  {'TOTAL':<24} {tn:>5} {tr / 1024:>8.1f} {tp / 1024:>8.1f}", file=out)
        if os.path.ismount(self.p.srv):
            sv = os.statvfs(self.p.srv)
            used = (sv.f_blocks - sv.f_bfree) * sv.f_frsize / 2**20
            print(f"  swift tmpfs {self.p.srv}: {used:.1f} MiB used (RAM, grows as it fills)", file=out)

    # ------------------------------------------------------------------ down
    def down(self, purge=False, purge_venvs=False):
        p = self.p
        if not os.path.isdir(p.root):
            self.say(f"nothing at {p.root}")
            return 0
        self.lock()
        table = self.pids.read()
        s = self.saved_settings() or self.s
        snapshot = list(proc.all_stats())
        live = [n for n, ent in table.items() if proc.session_members(*ent, stats=snapshot)]
        infra = ("rabbitmq", "epmd", "mariadb", "keystone", "memcached")
        # API and RPC services first (they talk to rabbit, mariadb, keystone), then the rest
        tiers = [
            [n for n in live if n not in infra],
            [n for n in live if n in ("rabbitmq", "keystone")],
            [n for n in live if n in ("epmd", "mariadb", "memcached")],
        ]
        stopped = list(live)
        for tier in tiers:
            if tier:
                self.stop_names(tier)
        self.pids.forget(*table)
        for f in os.listdir(p.run) if os.path.isdir(p.run) else ():
            if f.endswith(".hash") and f not in ("rings.hash", "register.hash", "resources.hash"):
                os.remove(f"{p.run}/{f}")
        self.say(f"stopped {len(stopped)} service(s)" + (f": {' '.join(stopped)}" if stopped else ""))
        leftovers = self.leftovers(table, s)
        if purge:
            self.purge(purge_venvs)
        if leftovers:
            for leftover in leftovers:
                self.say(f"LEFTOVER: {leftover}")
            return 1
        self.say("no process and no listening port of ours is left")
        return 0

    def leftovers(self, table, s):
        out = []
        snapshot = list(proc.all_stats())
        for name, (pid, st) in table.items():
            for m in proc.session_members(pid, st, stats=snapshot):
                out.append(f"process {m} of {name} still running: {proc.cmdline(m)[:100]}")
        listening = proc.listening()
        full = Settings.from_json(dict(s.to_json(), profile="full"))
        for pname, port in full.ports.items():
            if port in listening:
                owners = proc.socket_owners(listening[port])
                who = ", ".join(f"{o} {proc.cmdline(o)[:60]}" for o in owners) or "?"
                out.append(f"port {port} ({pname}) still listening: {who}")
        return out

    def purge(self, venvs=False):
        p = self.p
        if os.path.ismount(p.srv):
            r = subprocess.run(["umount", p.srv], capture_output=True, text=True)
            if r.returncode != 0:
                raise DevcloudError(f"umount {p.srv} failed: {r.stderr.strip()}")
        keep = set() if venvs else {"venv", "venv-full", "venv-trove", "tools"}
        for name in os.listdir(p.root):
            if name in keep:
                continue
            path = f"{p.root}/{name}"
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.remove(path)
        if venvs:
            shutil.rmtree(p.root, ignore_errors=True)
        self.say(f"purged {p.root}" + ("" if venvs else " (venvs kept; --venvs removes them too)"))
