"""Process and port bookkeeping (stdlib only, Linux /proc).

Every service is started in its own session (``setsid``), so its pid is also
its process-group and session id.  We record ``name pid starttime`` where
starttime is field 22 of /proc/<pid>/stat (clock ticks since boot).  A pid is
only signalled while its start time still matches, so a reused pid is never
touched.  Workers (gunicorn, oslo.service forks) stay in the leader's session;
leftovers whose leader died are found by session id.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import threading
import time

PROC = "/proc"


# ------------------------------------------------------------------ /proc parsing
def parse_stat(text: str) -> dict:
    """Parse the contents of /proc/<pid>/stat.  comm may contain spaces and
    parentheses, so split after the *last* ')'."""
    lpar, rpar = text.index("("), text.rindex(")")
    rest = text[rpar + 2 :].split()
    # rest[0] is field 3 (state); field n is rest[n - 3]
    return {
        "pid": int(text[:lpar].strip()),
        "comm": text[lpar + 1 : rpar],
        "state": rest[0],
        "ppid": int(rest[1]),
        "pgrp": int(rest[2]),
        "session": int(rest[3]),
        "starttime": int(rest[19]),
    }


def read_stat(pid: int, proc: str = PROC):
    try:
        with open(f"{proc}/{pid}/stat") as f:
            return parse_stat(f.read())
    except (OSError, ValueError, IndexError):
        return None


def starttime(pid: int, proc: str = PROC):
    st = read_stat(pid, proc)
    if st is None or st["state"] in ("Z", "X"):
        return None
    return st["starttime"]


def all_stats(proc: str = PROC):
    for name in os.listdir(proc):
        if name.isdigit():
            st = read_stat(int(name), proc)
            if st is not None:
                yield st


def mem_kib(pid: int, key: str, proc: str = PROC) -> int:
    """VmRSS (from status) or Pss (from smaps_rollup) in KiB; 0 if gone."""
    fn = "smaps_rollup" if key == "Pss" else "status"
    try:
        with open(f"{proc}/{pid}/{fn}") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def cmdline(pid: int, proc: str = PROC) -> str:
    try:
        with open(f"{proc}/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


# ------------------------------------------------------------------ pid table
class PidTable:
    """``run/pids``: one ``name pid starttime`` line per service we started."""

    _lock = threading.RLock()  # the driver starts services from several threads

    def __init__(self, path: str, proc: str = PROC):
        self.path = path
        self.proc = proc

    def read(self) -> dict:
        out = {}
        try:
            with open(self.path) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
                        out[parts[0]] = (int(parts[1]), int(parts[2]))
        except FileNotFoundError:
            pass
        return out

    def _write(self, table: dict) -> None:
        tmp = f"{self.path}.tmp{os.getpid()}.{threading.get_ident()}"
        with open(tmp, "w") as f:
            for name, (pid, st) in table.items():
                f.write(f"{name} {pid} {st}\n")
        os.replace(tmp, self.path)

    def record(self, name: str, pid: int, st: int) -> None:
        with self._lock:
            table = self.read()
            table[name] = (pid, st)
            self._write(table)

    def forget(self, *names) -> None:
        with self._lock:
            table = self.read()
            for n in names:
                table.pop(n, None)
            self._write(table)

    def alive(self, name: str) -> bool:
        entry = self.read().get(name)
        return entry is not None and is_ours(entry[0], entry[1], self.proc)

    def pid(self, name: str):
        entry = self.read().get(name)
        return entry[0] if entry else None


def is_ours(pid: int, st: int, proc: str = PROC) -> bool:
    """True while pid is still the very process we started (same start time)."""
    return pid > 0 and starttime(pid, proc) == st


def session_members(leader: int, leader_st: int, proc: str = PROC, stats=None) -> list:
    """Live processes of the session we created (leader pid == session id).

    If the leader itself is alive with another start time, the pid was reused
    and our session is necessarily gone (the kernel does not hand out a pid
    still used as a session id), so nothing is returned.  ``stats`` (a list
    from all_stats) saves a /proc scan when many sessions are checked."""
    lst = starttime(leader, proc)
    if lst is not None and lst != leader_st:
        return []
    if stats is None:
        stats = all_stats(proc)
    return [
        s["pid"]
        for s in stats
        if s["session"] == leader and s["starttime"] >= leader_st and s["state"] not in ("Z", "X")
    ]


# ------------------------------------------------------------------ start / stop
def start(argv, log_path: str, env=None, cwd=None, proc: str = PROC):
    """Start argv in a new session with stdout+stderr appended to log_path.
    Returns (pid, starttime)."""
    with open(log_path, "ab") as log:
        p = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
            cwd=cwd,
            close_fds=True,
        )
    st = None
    for _ in range(50):
        st = starttime(p.pid, proc)
        if st is not None:
            break
        time.sleep(0.01)
    if st is None:
        raise RuntimeError(f"{argv[0]} exited at once; see {log_path}")
    # The Popen object is dropped on purpose: the service outlives us.
    p.returncode = 0  # keep Popen.__del__ from warning about a running child
    return p.pid, st


def _signal_group(pid: int, sig) -> None:
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass
    except PermissionError as e:  # pragma: no cover
        if e.errno != errno.EPERM:
            raise


def _signal_pid(pid: int, sig) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def stop(entries: dict, timeout: float = 15.0, proc: str = PROC, log=lambda m: None) -> list:
    """Stop services {name: (pid, starttime)}: TERM to each live group (and to
    orphaned members of our sessions), wait, then KILL.  Returns the names
    that needed KILL."""

    def members(pid, st, stats=None):
        return session_members(pid, st, proc, stats)

    snapshot = list(all_stats(proc))  # one /proc scan for all sessions
    for _name, (pid, st) in entries.items():
        if is_ours(pid, st, proc):
            _signal_group(pid, signal.SIGTERM)
        else:
            for m in members(pid, st, snapshot):
                _signal_pid(m, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    pending = dict(entries)
    while pending and time.monotonic() < deadline:
        snapshot = list(all_stats(proc))
        pending = {n: e for n, e in pending.items() if members(*e, snapshot)}
        if pending:
            time.sleep(0.1)
    killed = []
    snapshot = list(all_stats(proc))
    for name, (pid, st) in pending.items():
        left = members(pid, st, snapshot)
        if left:
            log(f"{name}: {len(left)} process(es) ignored TERM, sending KILL")
            killed.append(name)
            if is_ours(pid, st, proc):
                _signal_group(pid, signal.SIGKILL)
            for m in left:
                _signal_pid(m, signal.SIGKILL)
    if killed:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(members(*entries[n]) for n in killed):
            time.sleep(0.1)
    return killed


# ------------------------------------------------------------------ ports
def parse_proc_net_tcp(text: str) -> dict:
    """Listening sockets from /proc/net/tcp{,6}: {port: [inode, ...]}."""
    out = {}
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 10:
            continue
        local, state, inode = parts[1], parts[3], parts[9]
        if state != "0A":  # TCP_LISTEN
            continue
        port = int(local.rsplit(":", 1)[1], 16)
        out.setdefault(port, []).append(int(inode))
    return out


def listening(proc: str = PROC) -> dict:
    out = {}
    for fn in ("tcp", "tcp6"):
        try:
            with open(f"{proc}/net/{fn}") as f:
                for port, inodes in parse_proc_net_tcp(f.read()).items():
                    out.setdefault(port, []).extend(inodes)
        except OSError:
            pass
    return out


def socket_owners(inodes, proc: str = PROC) -> list:
    """pids holding any of the given socket inodes."""
    want = {f"socket:[{i}]" for i in inodes}
    pids = []
    for name in os.listdir(proc):
        if not name.isdigit():
            continue
        try:
            fds = os.listdir(f"{proc}/{name}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"{proc}/{name}/fd/{fd}") in want:
                    pids.append(int(name))
                    break
            except OSError:
                continue
    return pids


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    """Something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until(pred, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if pred():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
