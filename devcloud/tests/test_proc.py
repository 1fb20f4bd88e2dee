import os
import socket
import sys
import time

from devcloud import proc

STAT = (
    "{pid} ({comm}) S 1 {pgrp} {sid} 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 {st} 1000 10 "
    "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n"
)


def fake_proc(tmp_path, procs):
    """procs: {pid: (comm, pgrp, session, starttime)} -> a fake /proc tree."""
    for pid, (comm, pgrp, sid, st) in procs.items():
        d = tmp_path / str(pid)
        d.mkdir()
        (d / "stat").write_text(STAT.format(pid=pid, comm=comm, pgrp=pgrp, sid=sid, st=st))
    return str(tmp_path)


def test_parse_stat_handles_spaces_and_parens_in_comm():
    st = proc.parse_stat(STAT.format(pid=42, comm="gunicorn: (master) x", pgrp=40, sid=40, st=777))
    assert st == {
        "pid": 42,
        "comm": "gunicorn: (master) x",
        "state": "S",
        "ppid": 1,
        "pgrp": 40,
        "session": 40,
        "starttime": 777,
    }


def test_pid_table_and_is_ours(tmp_path):
    root = tmp_path / "proc"
    root.mkdir()
    p = fake_proc(root, {100: ("keystone", 100, 100, 5000)})
    table = proc.PidTable(str(tmp_path / "pids"), proc=p)
    assert table.read() == {}
    table.record("keystone", 100, 5000)
    table.record("swift", 200, 6000)  # not in /proc -> dead
    assert table.read() == {"keystone": (100, 5000), "swift": (200, 6000)}
    assert table.alive("keystone") and not table.alive("swift")
    table.record("keystone", 100, 4999)  # same pid, other start time = reused pid
    assert not table.alive("keystone")
    table.forget("keystone", "nosuch")
    assert list(table.read()) == ["swift"]


def test_pid_table_ignores_garbage(tmp_path):
    f = tmp_path / "pids"
    f.write_text("keystone 1 2\nbroken line\nx y z\n")
    assert proc.PidTable(str(f)).read() == {"keystone": (1, 2)}


def test_session_members(tmp_path):
    root = tmp_path / "proc"
    root.mkdir()
    p = fake_proc(
        root,
        {
            100: ("gunicorn", 100, 100, 5000),  # leader
            101: ("gunicorn", 100, 100, 5100),  # worker
            102: ("orphan", 102, 100, 5200),  # other pgrp, same session
            200: ("other", 200, 200, 5000),  # someone else
            103: ("older", 100, 100, 4000),  # started before our leader: not ours
        },
    )
    assert sorted(proc.session_members(100, 5000, p)) == [100, 101, 102]
    # leader died: members are still found by session id
    os.remove(f"{p}/100/stat")
    os.rmdir(f"{p}/100")
    assert sorted(proc.session_members(100, 5000, p)) == [101, 102]
    # the pid was reused by another process: our session cannot exist any more
    (root / "100").mkdir()
    (root / "100" / "stat").write_text(STAT.format(pid=100, comm="new", pgrp=100, sid=100, st=9000))
    assert proc.session_members(100, 5000, p) == []


def test_zombies_are_not_alive(tmp_path):
    root = tmp_path / "proc"
    root.mkdir()
    p = fake_proc(root, {7: ("x", 7, 7, 10)})
    text = (root / "7" / "stat").read_text().replace(") S ", ") Z ")
    (root / "7" / "stat").write_text(text)
    assert proc.starttime(7, p) is None
    assert proc.session_members(7, 10, p) == []


NET_TCP = """  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11111 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 22222 1 0000000000000000 100 0 0 10 0
   2: 0100007F:1388 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 33333 1 0000000000000000 20 4 30 10 -1
"""


def test_parse_proc_net_tcp():
    assert proc.parse_proc_net_tcp(NET_TCP) == {5000: [11111], 8080: [22222]}


def test_port_open_and_listening_and_owner():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    assert not proc.port_open("127.0.0.1", port, 0.2)
    s.listen()
    try:
        assert proc.port_open("127.0.0.1", port, 0.5)
        inodes = proc.listening().get(port)
        assert inodes
        assert os.getpid() in proc.socket_owners(inodes)
    finally:
        s.close()


def test_start_and_stop_real_process_group(tmp_path):
    log = str(tmp_path / "sleep.log")
    # a leader that forks a child in the same session, like gunicorn's workers
    code = "import os,time,subprocess; subprocess.Popen(['sleep','30']); print('up',flush=True); time.sleep(30)"
    pid, st = proc.start([sys.executable, "-c", code], log)
    assert proc.is_ours(pid, st)
    assert proc.wait_until(lambda: len(proc.session_members(pid, st)) == 2, 5, 0.05)
    killed = proc.stop({"t": (pid, st)}, timeout=5)
    assert killed == []
    assert proc.session_members(pid, st) == []
    assert not proc.is_ours(pid, st)


def test_stop_kills_what_ignores_term(tmp_path):
    code = "import signal,time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('x',flush=True); time.sleep(30)"
    pid, st = proc.start([sys.executable, "-c", code], str(tmp_path / "l"))
    time.sleep(0.3)
    assert proc.stop({"stubborn": (pid, st)}, timeout=0.5) == ["stubborn"]
    assert proc.session_members(pid, st) == []


def test_wait_until():
    t = time.monotonic()
    assert not proc.wait_until(lambda: False, 0.2, 0.05)
    assert time.monotonic() - t < 1
    assert proc.wait_until(lambda: True, 0)


def test_pid_table_concurrent_records(tmp_path):
    import threading

    table = proc.PidTable(str(tmp_path / "pids"))
    threads = [
        threading.Thread(target=lambda i=i: [table.record(f"s{i}-{j}", 1000 + i, j) for j in range(20)])
        for i in range(8)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(table.read()) == 160
