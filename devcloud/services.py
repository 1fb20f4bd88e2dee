"""Which processes make up each service group, how they are started, what
ports they own and how readiness is checked.  Pure: builds data from
Settings + Paths (+ the paths of a few Debian binaries)."""

from __future__ import annotations

import dataclasses

from . import configs
from .settings import HOST, Settings

SYSTEM_BINARIES = {
    "memcached": "/usr/bin/memcached",
    "mariadbd": "/usr/sbin/mariadbd",
    "mariadb": "/usr/bin/mariadb",
    "mariadb-install-db": "/usr/bin/mariadb-install-db",
    "epmd": "/usr/bin/epmd",
    "rabbitmq-server": "/usr/lib/rabbitmq/bin/rabbitmq-server",
    "rabbitmqctl": "/usr/lib/rabbitmq/bin/rabbitmqctl",
}

# Debian package that provides each binary
APT_PACKAGES = {
    "memcached": "memcached",
    "mariadbd": "mariadb-server",
    "mariadb": "mariadb-server",
    "mariadb-install-db": "mariadb-server",
    "epmd": "rabbitmq-server",
    "rabbitmq-server": "rabbitmq-server",
    "rabbitmqctl": "rabbitmq-server",
}

CORE_GROUPS = ("memcached", "keystone", "swift")
FULL_GROUPS = ("mariadb", "rabbitmq", "glance", "placement", "neutron", "cinder", "nova", "heat", "trove")

# a restart of the key restarts these too
DEPENDENTS = {
    "memcached": ("keystone",),  # keystone's pymemcache client must not outlive its server
    "mariadb": ("placement", "cinder", "nova", "heat"),
    "rabbitmq": ("cinder", "nova", "heat"),
}

# RPC servers that must consume their queue before the API may be used
# (a message sent to a queue without consumer is lost -> 60 s RPC timeout)
QUEUES = {
    "cinder": ("cinder-scheduler", "cinder-volume"),
    "nova": ("conductor", "scheduler", "compute"),
    "heat": ("engine",),
}


@dataclasses.dataclass
class Proc:
    name: str
    argv: list
    env: dict = dataclasses.field(default_factory=dict)
    cwd: str = None


@dataclasses.dataclass
class Group:
    name: str
    procs: list
    ports: tuple  # names in Settings.ports
    http: tuple = ()  # (label, url) that must answer (< 500) when ready
    files: dict = dataclasses.field(default_factory=dict)  # path -> text
    venv: str = None
    support: tuple = ()  # files of devcloud/support/ this group runs (part of its hash)


def gunicorn(p: configs.Paths, venv: str, name: str, port: int, app: str, workers=1, extra=()):
    return [
        f"{venv}/bin/gunicorn",
        "--chdir",
        p.bin,
        "--no-control-socket",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",
        "--access-logfile",
        f"{p.log}/{name}-access.log",
        *extra,
        app,
    ]


def groups(s: Settings, p: configs.Paths, bins=None) -> dict:
    """Ordered {group name: Group} for the active profile."""
    b = dict(SYSTEM_BINARIES, **(bins or {}))
    out = {}
    h = HOST
    core = configs.core_files(s, p)

    out["memcached"] = Group(
        "memcached",
        [
            Proc(
                "memcached",
                [
                    b["memcached"],
                    "-u",
                    "root",
                    "-l",
                    h,
                    "-p",
                    str(s.ports["memcached"]),
                    "-U",
                    "0",
                    "-m",
                    "256",
                    "-c",
                    "1024",
                ],
            )
        ],
        ("memcached",),
    )

    out["keystone"] = Group(
        "keystone",
        [
            Proc(
                "keystone",
                gunicorn(p, p.venv, "keystone", s.ports["keystone"], "keystone_wsgi:application", s.keystone_workers),
                env={"OS_KEYSTONE_CONFIG_DIR": p.etc_of("keystone")},
            )
        ],
        ("keystone",),
        (("keystone", f"http://{h}:{s.ports['keystone']}/v3"),),
        core["keystone"],
        p.venv,
        ("keystone_wsgi.py",),
    )

    e = p.etc_of("swift")
    run = [f"{p.venv}/bin/python", f"{p.bin}/swiftrun.py", e]
    sw = [
        ("swift-account", "swift.account.server:main", "account-server.conf"),
        ("swift-container", "swift.container.server:main", "container-server.conf"),
        ("swift-object", "swift.obj.server:main", "object-server.conf"),
        ("swift-proxy", "swift.proxy.server:main", "proxy-server.conf"),
        ("swift-container-updater", "swift.container.updater:main", "container-server.conf"),
        ("swift-object-updater", "swift.obj.updater:main", "object-server.conf"),
        ("swift-object-expirer", "swift.obj.expirer:main", "object-server.conf"),
    ]
    out["swift"] = Group(
        "swift",
        [Proc(n, [*run, t, f"{e}/{c}", "-v"]) for n, t, c in sw],
        ("swift", "swift_account", "swift_container", "swift_object"),
        tuple(
            (f"swift:{k}", f"http://{h}:{s.ports[k]}/healthcheck")
            for k in ("swift_account", "swift_container", "swift_object", "swift")
        ),
        core["swift"],
        p.venv,
        ("swiftrun.py",),
    )

    if not s.full:
        return out

    full = configs.full_files(s, p)
    v = p.venv_full
    md = p.data_of("mariadb")
    out["mariadb"] = Group(
        "mariadb",
        [
            Proc(
                "mariadb",
                [
                    b["mariadbd"],
                    "--no-defaults",
                    "--user=root",
                    f"--datadir={md}",
                    f"--socket={p.mysql_socket}",
                    f"--pid-file={p.run}/mariadbd.pid",
                    f"--port={s.ports['mariadb']}",
                    f"--bind-address={h}",
                    "--skip-name-resolve",
                    "--innodb-buffer-pool-size=256M",
                    "--innodb-flush-log-at-trx-commit=2",
                    "--skip-log-bin",
                    "--max-connections=500",
                    "--character-set-server=utf8mb4",
                    "--collation-server=utf8mb4_general_ci",
                ],
            )
        ],
        ("mariadb",),
    )

    renv = configs.rabbitmq_env(s, p)
    out["rabbitmq"] = Group(
        "rabbitmq",
        [
            Proc("epmd", [b["epmd"], "-address", h, "-port", str(s.ports["epmd"])]),
            Proc("rabbitmq", [b["rabbitmq-server"]], env=renv, cwd=p.data_of("rabbitmq")),
        ],
        ("epmd", "rabbitmq", "rabbitmq_dist"),
        (),
        full["rabbitmq"],
    )

    out["glance"] = Group(
        "glance",
        [
            Proc(
                "glance-api",
                gunicorn(p, v, "glance-api", s.ports["glance"], "wsgi_apps:glance", 1, ("--threads", "4")),
                env={"OS_GLANCE_CONFIG_DIR": p.etc_of("glance")},
            )
        ],
        ("glance",),
        (("glance", f"http://{h}:{s.ports['glance']}/"),),
        full["glance"],
        v,
        ("wsgi_apps.py",),
    )

    out["placement"] = Group(
        "placement",
        [
            Proc(
                "placement-api",
                gunicorn(p, v, "placement-api", s.ports["placement"], "wsgi_apps:placement"),
                env={"OS_PLACEMENT_CONFIG_DIR": p.etc_of("placement")},
            )
        ],
        ("placement",),
        (("placement", f"http://{h}:{s.ports['placement']}/"),),
        full["placement"],
        v,
        ("wsgi_apps.py",),
    )

    out["neutron"] = Group(
        "neutron",
        [
            Proc(
                "neutron-api",
                gunicorn(p, v, "neutron-api", s.ports["neutron"], "wsgi_apps:neutron"),
                env={
                    "OS_NEUTRON_CONFIG_DIR": p.etc_of("neutron"),
                    "OS_NEUTRON_CONFIG_FILES": "neutron.conf;ml2_conf.ini",
                },
            )
        ],
        ("neutron",),
        (("neutron", f"http://{h}:{s.ports['neutron']}/"),),
        full["neutron"],
        v,
        ("wsgi_apps.py", "neutron_schema.py", "devfake_mech.py"),
    )

    cconf = f"{p.etc_of('cinder')}/cinder.conf"
    out["cinder"] = Group(
        "cinder",
        [Proc(f"cinder-{x}", [f"{v}/bin/cinder-{x}", "--config-file", cconf]) for x in ("api", "scheduler", "volume")],
        ("cinder",),
        (("cinder", f"http://{h}:{s.ports['cinder']}/"),),
        full["cinder"],
        v,
    )

    nconf = f"{p.etc_of('nova')}/nova.conf"
    out["nova"] = Group(
        "nova",
        [
            Proc(
                "nova-api",
                gunicorn(p, v, "nova-api", s.ports["nova"], "wsgi_apps:nova"),
                env={"OS_NOVA_CONFIG_DIR": p.etc_of("nova"), "OS_NOVA_CONFIG_FILES": "api-paste.ini;nova.conf"},
            ),
            *[
                Proc(f"nova-{x}", [f"{v}/bin/nova-{x}", "--config-file", nconf])
                for x in ("conductor", "scheduler", "compute")
            ],
        ],
        ("nova",),
        (("nova", f"http://{h}:{s.ports['nova']}/"),),
        full["nova"],
        v,
        ("wsgi_apps.py",),
    )

    hconf = f"{p.etc_of('heat')}/heat.conf"
    out["heat"] = Group(
        "heat",
        [
            Proc("heat-engine", [f"{v}/bin/heat-engine", "--config-file", hconf]),
            Proc(
                "heat-api",
                gunicorn(p, v, "heat-api", s.ports["heat"], "wsgi_apps:heat"),
                env={"DEVCLOUD_HEAT_CONFIG": hconf},
            ),
        ],
        ("heat",),
        (("heat", f"http://{h}:{s.ports['heat']}/"),),
        full["heat"],
        v,
        ("wsgi_apps.py",),
    )

    # Trove in fake mode: one process, its own venv, SQLite, no RabbitMQ (fake:/ RPC)
    out["trove"] = Group(
        "trove",
        [
            Proc(
                "trove",
                [
                    f"{p.venv_trove}/bin/python",
                    f"{p.bin}/trove_fakemode.py",
                    "--config-file",
                    f"{p.etc_of('trove')}/trove.conf",
                ],
            )
        ],
        ("trove",),
        (("trove", f"http://{h}:{s.ports['trove']}/"),),
        full["trove"],
        p.venv_trove,
        ("trove_fakemode.py",),
    )
    return out


def restart_closure(changed, order) -> list:
    """Groups to (re)start: the changed ones plus everything that depends on
    them, in start order."""
    todo = set(changed)
    grew = True
    while grew:
        grew = False
        for g in list(todo):
            for d in DEPENDENTS.get(g, ()):
                if d in order and d not in todo:
                    todo.add(d)
                    grew = True
    return [g for g in order if g in todo]


def group_hash(group: Group, support_texts: dict, settings_extra=()) -> str:
    """Hash of everything that needs a restart when it changes: argv, env,
    generated config files and the support files the group runs."""
    from .settings import digest

    procs = [(pr.name, pr.argv, sorted(pr.env.items()), pr.cwd) for pr in group.procs]
    files = sorted(group.files.items())
    support = [(n, support_texts.get(n)) for n in group.support]
    return digest(group.name, procs, files, support, list(settings_extra))


def parse_list_queues(text: str) -> dict:
    """`rabbitmqctl -q list_queues name consumers` output -> {queue: consumers}."""
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            out[parts[0]] = int(parts[1])
    return out


def queues_ready(queues: dict, wanted) -> list:
    """Names in wanted without a consumer."""
    return [q for q in wanted if queues.get(q, 0) < 1]
