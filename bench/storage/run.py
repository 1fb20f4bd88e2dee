"""Storage benchmark: pkgcloud against curl, raw requests, python-swiftclient and openstacksdk.

    .venv/bin/python -m bench.storage.run [--devcloud DIR] [--peers-python PATH] [--quick]

Against a running dev cloud's Swift, in one run, each client in a process of its own:

* streamed upload and download of 256 MiB and 4 GiB (one stream; a ratio to curl's
  throughput measured just before, and the client's peak RSS);
* 1000 HEADs of a small object (requests per second and client CPU per request, as ratios to a
  raw ``requests.Session``);
* a listing of 100,000 objects;
* a 2 GiB upload as a static large object in parallel segments, against one curl stream.

The peers run from a separate venv (``--peers-python``, default ``/tmp/pkgcloud-bench-peers``;
create it with ``python3 -m venv DIR && DIR/bin/pip install python-swiftclient openstacksdk``);
they are never dependencies of the project. Results go to ``bench/results/storage-<date>.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("worker.py")
OURS = ("requests", "pkgcloud", "pkgcloud-unverified")
VARIANTS = ("pkgcloud-hash-thread",)  # run with --clients only
PEERS = ("swiftclient", "openstacksdk")
MiB = 1 << 20


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.1f}] {message}", file=sys.stderr, flush=True)


SWIFT_SERVERS = {"proxy": "swift.proxy.server", "object": "swift.obj.server"}


def swift_cpu() -> dict[str, float]:
    """CPU seconds (user + system) so far of the dev cloud's Swift proxy and object servers, their
    worker processes included (read from /proc; nothing is asked of the servers)."""
    tick = os.sysconf("SC_CLK_TCK")
    totals = dict.fromkeys(SWIFT_SERVERS, 0.0)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            cmdline = Path(entry.path, "cmdline").read_bytes()
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        for label, marker in SWIFT_SERVERS.items():
            if marker.encode() in cmdline:
                fields = stat.rsplit(")", 1)[1].split()
                totals[label] += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return totals


def cpu_since(before: dict[str, float]) -> dict[str, float]:
    now = swift_cpu()
    return {label: round(now[label] - before[label], 3) for label in before}


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        sys.path.insert(0, str(ROOT))
        os.environ["PKGCLOUD_DEVCLOUD"] = args.devcloud
        import pkgcloud
        from tests.harness import devcloud

        self.options = devcloud.options("demo", live=True)
        self.client = pkgcloud.storage.create_client(provider="openstack", **self.options)
        self.token = self.client.auth.ensure_fresh(3000).token
        self.storage_url = self.client.endpoint
        self.args = args
        self.work = Path(args.workdir)
        self.work.mkdir(parents=True, exist_ok=True)
        self.container = "bench-storage"
        self.client.create_container(self.container)
        self.peers_python = args.peers_python
        self.results: dict[str, Any] = {"load": []}
        warm = self.work / "warm-up.bin"
        warm.write_bytes(b"w" * 1024)
        self.config = {
            "warm_file": str(warm),
            "options": self.options,
            "token": self.token,
            "storage_url": self.storage_url,
            "slo_segment": args.slo_segment,
            "slo_threads": args.slo_threads,
        }

    # -- running things --------------------------------------------------------------------------

    def worker(self, client: str, *args: str) -> dict[str, Any]:
        python = sys.executable if client in (*OURS, *VARIANTS) else self.peers_python
        env = dict(os.environ, BENCH_CONFIG=json.dumps(self.config), PYTHONPATH=str(ROOT))
        done = subprocess.run(
            [python, str(WORKER), client, *args], env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{client} {args[0]} failed:\n{done.stderr[-3000:]}")
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))

    def curl(self, op: str, name: str, path: Path, *, verified: bool = False) -> dict[str, Any]:
        """One curl transfer; ``verified``: the digest computed alongside, through a pipe (the honest
        reference for a verified stream): ``tee`` copies the bytes to ``md5sum`` on their way.

        Upload: ``tee /dev/fd/3 < file | curl -T - ...`` with the file's length (not chunked), the
        copy on fd 3 to md5sum. Download: ``curl ... | tee file | md5sum``. The digest is returned
        and checked against the file's by the caller.
        """
        url = f"{self.storage_url}/{self.container}/{name}"
        auth = ["-H", f"X-Auth-Token: {self.token}"]
        if not verified:
            if op == "upload":
                cmd = ["curl", "-sS", "-f", "-o", "/dev/null", "-T", str(path), *auth, url]
            else:
                cmd = ["curl", "-sS", "-f", "-o", str(path), *auth, url]
        else:
            q = shlex.quote
            token = q(f"X-Auth-Token: {self.token}")
            if op == "upload":
                length = q(f"Content-Length: {path.stat().st_size}")
                script = (
                    f"{{ tee /dev/fd/3 < {q(str(path))} | curl -sS -f -o /dev/null -T - "
                    f"-H 'Transfer-Encoding:' -H {length} -H {token} {q(url)}; }} 3>&1 | md5sum"
                )
            else:
                script = f"curl -sS -f -H {token} {q(url)} | tee {q(str(path))} | md5sum"
            cmd = ["bash", "-o", "pipefail", "-c", script]
        servers = swift_cpu()
        load = os.getloadavg()[0]
        started = time.perf_counter()
        before = os.times()
        done = subprocess.run(cmd, check=True, capture_output=verified, text=True)
        after = os.times()
        wall = time.perf_counter() - started
        return {
            "client": "curl|md5sum" if verified else "curl",
            "op": op,
            "wall": wall,
            "cpu": (after.children_user - before.children_user) + (after.children_system - before.children_system),
            "servers": cpu_since(servers),
            "load": load,
            "md5": done.stdout.split()[0] if verified else None,
            "rss_mib": None,
        }

    def data_file(self, size: int) -> Path:
        path = self.work / f"data-{size}.bin"
        if not path.is_file() or path.stat().st_size != size:
            log(f"writing {size / MiB:.0f} MiB of random data to {path}")
            with open(path, "wb") as f:
                left = size
                while left:
                    block = os.urandom(min(left, 64 * MiB))
                    f.write(block)
                    left -= len(block)
        return path

    def record_load(self, label: str) -> None:
        self.results["load"].append((label, os.getloadavg()))

    # -- the measurements ------------------------------------------------------------------------

    def md5_of(self, path: Path) -> str:
        stamp = path.with_suffix(".md5")
        if stamp.is_file() and stamp.stat().st_mtime >= path.stat().st_mtime:
            return stamp.read_text().strip()
        digest = subprocess.run(["md5sum", str(path)], check=True, capture_output=True, text=True).stdout.split()[0]
        stamp.write_text(digest)
        return digest

    def streams(self, size: int, reps: int) -> list[dict[str, Any]]:
        """Per round, per client and direction: bare curl, the verified pipe, then the client.

        Every row carries the wall time of the two references measured just before it, the load
        average when it started, and the CPU the Swift proxy and object servers spent meanwhile.
        """
        source = self.data_file(size)
        digest = self.md5_of(source)
        target = self.work / "download.bin"
        rows = []
        for rep in range(reps):
            for client in self.stream_clients():
                # one object for everyone: a second copy of 4 GiB in Swift's tmpfs (the reference's)
                # would take memory from the page cache the download is written to
                name = f"stream-{size}"
                for op in ("upload", "download"):
                    # every download writes a new file: overwriting the last one would charge its page
                    # cache to whoever comes next (pkgcloud writes beside it and renames: 2x the cache)
                    refs = []
                    for verified in (False, True):
                        target.unlink(missing_ok=True)
                        path = source if op == "upload" else target
                        ref = self.curl(op, name, path, verified=verified)
                        if verified and ref["md5"] != digest:
                            raise RuntimeError(f"the verified pipe's MD5 {ref['md5']} is not the file's {digest}")
                        ref.update(size=size, rep=rep, paired=client)
                        refs.append(ref)
                        rows.append(ref)
                    curl, pipe = refs
                    log(
                        f"{size / MiB:.0f} MiB {op} rep {rep + 1}: curl {size / MiB / curl['wall']:.0f} MiB/s, "
                        f"verified pipe {size / MiB / pipe['wall']:.0f} MiB/s"
                    )
                    target.unlink(missing_ok=True)
                    servers, load = swift_cpu(), os.getloadavg()[0]
                    got = self.worker(client, op, self.container, name, str(source if op == "upload" else target))
                    got.update(
                        size=size,
                        rep=rep,
                        curl_wall=curl["wall"],
                        pipe_wall=pipe["wall"],
                        servers=cpu_since(servers),
                        load=load,
                    )
                    log(f"  {client}: {size / MiB / got['wall']:.0f} MiB/s, RSS {got['rss_mib']:.1f} MiB")
                    rows.append(got)
            self.client.delete_object(self.container, f"stream-{size}")
        target.unlink(missing_ok=True)
        self.record_load(f"after {size / MiB:.0f} MiB streams")
        return rows

    def stream_clients(self) -> list[str]:
        if self.args.clients:
            return self.args.clients.split(",")
        return [*OURS, *([] if self.args.no_peers else PEERS)]

    def heads(self, count: int, reps: int) -> list[dict[str, Any]]:
        self.client.upload(self.container, "small-object", b"x" * 100)
        rows = []
        clients = [*OURS[:2], *([] if self.args.no_peers else PEERS)]
        for rep in range(reps):
            for client in clients:
                got = self.worker(client, "heads", self.container, "small-object", str(count))
                got.update(count=count, rep=rep)
                log(f"{count} HEADs {client}: {count / got['wall']:.0f}/s, {got['cpu'] / count * 1e6:.0f} µs CPU each")
                rows.append(got)
        self.client.delete_object(self.container, "small-object")
        self.record_load("after HEADs")
        return rows

    def listing(self, count: int, reps: int) -> list[dict[str, Any]]:
        container = f"bench-listing-{count}"
        have = self.client.create_container(container).count or 0
        if have != count:
            log(f"filling {container} with {count} empty objects (bulk upload of tar archives)")
            self.client.delete_container(container, delete_objects=True)
            self.client.create_container(container)
            self._fill(container, count)
        rows = []
        clients = [*OURS[:2], *([] if self.args.no_peers else PEERS)]
        slow: set[str] = set()
        for rep in range(reps):
            for client in clients:
                if client in slow:
                    continue  # over a minute a listing: once is enough
                got = self.worker(client, "listing", container)
                if got["wall"] > 60:
                    slow.add(client)
                assert got["result"] == count, got
                got.update(count=count, rep=rep)
                log(f"list {count}: {client} {got['wall']:.2f} s")
                rows.append(got)
        if not self.args.keep:
            self.client.delete_container(container, delete_objects=True)
        self.record_load("after listing")
        return rows

    def _fill(self, container: str, count: int) -> None:
        """``count`` empty objects, created by Swift's bulk upload from tar archives, 4 at a time."""
        from concurrent.futures import ThreadPoolExecutor

        import requests

        batch = 5000

        def upload(start: int) -> None:
            buf = io.BytesIO()
            with tarfile.open(fileobj=buf, mode="w") as tar:
                for i in range(start, min(count, start + batch)):
                    tar.addfile(tarfile.TarInfo(f"obj-{i:07d}"), io.BytesIO(b""))
            answer = requests.put(
                f"{self.storage_url}/{container}",
                params={"extract-archive": "tar"},
                data=buf.getvalue(),
                headers={"X-Auth-Token": self.token, "Accept": "application/json"},
                timeout=1800,
            )
            answer.raise_for_status()
            doc = json.loads(answer.text.strip() or "{}")
            if doc.get("Errors") or not str(doc.get("Response Status", "201")).startswith("2"):
                raise RuntimeError(f"bulk upload failed: {str(doc)[:500]}")

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(upload, range(0, count, batch)))
        for _ in range(60):  # the container's count catches up with the listing
            if self.client.get_container(container).count == count:
                return
            time.sleep(2)

    def slo(self, size: int, reps: int) -> list[dict[str, Any]]:
        source = self.data_file(size)
        rows = []
        clients = ["pkgcloud", "pkgcloud-unverified", *([] if self.args.no_peers else PEERS)]
        for rep in range(reps):
            for client in clients:
                reference = self.curl("upload", "slo-curl", source)
                log(f"{size / MiB:.0f} MiB one curl stream: {size / MiB / reference['wall']:.0f} MiB/s")
                name = f"slo-{client}"
                got = self.worker(client, "upload-slo", self.container, name, str(source))
                got.update(size=size, rep=rep, curl_wall=reference["wall"])
                log(f"  {client} SLO: {size / MiB / got['wall']:.0f} MiB/s")
                rows.append(got)
                self.client.delete_object(self.container, name)
            self.client.delete_object(self.container, "slo-curl")
        for leftover in ("bench-storage_segments",):
            try:
                self.client.delete_container(leftover, delete_objects=True)
            except Exception as exc:
                log(f"cleanup of {leftover}: {exc}")
        self.record_load("after SLO")
        return rows


# -- the report ------------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
    ]


def by_client(rows: list[dict[str, Any]], **match: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if all(row.get(k) == v for k, v in match.items()):
            out.setdefault(row["client"], []).append(row)
    return out


def stream_section(rows: list[dict[str, Any]]) -> list[str]:
    size = rows[0]["size"]
    gib = size / (1 << 30)
    body = []
    for op in ("upload", "download"):
        groups = by_client(rows, op=op)
        base_rss = median([r["rss_mib"] for r in groups.get("requests", [])])
        for client, mine in groups.items():
            reference = client in ("curl", "curl|md5sum")
            if reference:
                ratios = ["-", "-"]
                rss_cell = "-"
            else:
                ratios = [
                    f"{median([r['curl_wall'] / r['wall'] for r in mine]):.3f}",
                    f"{median([r['pipe_wall'] / r['wall'] for r in mine]):.3f}",
                ]
                rss = median([r["rss_mib"] for r in mine])
                shown = client == "requests" or base_rss != base_rss  # NaN: no requests row
                rss_cell = f"{rss:.1f}" + ("" if shown else f" ({rss - base_rss:+.1f})")
            body.append(
                [
                    client,
                    op,
                    f"{median([size / MiB / r['wall'] for r in mine]):.0f}",
                    *ratios,
                    f"{median([r['cpu'] for r in mine]) / gib:.2f}",
                    f"{median([r['servers']['proxy'] for r in mine]) / gib:.2f}",
                    f"{median([r['servers']['object'] for r in mine]) / gib:.2f}",
                    rss_cell,
                    f"{median([r['load'] for r in mine]):.1f}",
                ]
            )
    header = [
        "client",
        "op",
        "MiB/s",
        "ratio to curl",
        "ratio to verified pipe",
        "client CPU s/GiB",
        "proxy CPU s/GiB",
        "object server CPU s/GiB",
        "peak RSS MiB (vs requests)",
        "load (1 min)",
    ]
    return [
        f"## Streams of {size / MiB:.0f} MiB",
        "",
        *table(header, body),
        "curl: bare curl; curl|md5sum: the verified pipe (curl with md5sum fed by tee). Ratios: the "
        "client's throughput over the reference's, measured just before it in the same round "
        "(medians of the per-round ratios). Server CPU: what the Swift proxy and object servers "
        "spent during the transfer (other users of the shared dev cloud included).",
        "",
    ]


def heads_section(rows: list[dict[str, Any]]) -> list[str]:
    count = rows[0]["count"]
    groups = by_client(rows)
    base_rate = median([count / r["wall"] for r in groups["requests"]])
    base_cpu = median([r["cpu"] / count for r in groups["requests"]])
    body = []
    for client, mine in groups.items():
        rate = median([count / r["wall"] for r in mine])
        cpu = median([r["cpu"] / count for r in mine])
        body.append([client, f"{rate:.0f}", f"{rate / base_rate:.3f}", f"{cpu * 1e6:.0f}", f"{cpu / base_cpu:.3f}"])
    header = ["client", "requests/s", "rate ratio to requests", "CPU µs per request", "CPU ratio to requests"]
    return [f"## {count} HEADs of a small object", "", *table(header, body)]


def listing_section(rows: list[dict[str, Any]]) -> list[str]:
    groups = by_client(rows)
    base = median([r["wall"] for r in groups["requests"]])
    body = [
        [
            client,
            f"{median([r['wall'] for r in mine]):.2f}",
            f"{median([r['cpu'] for r in mine]):.2f}",
            f"{base / median([r['wall'] for r in mine]):.3f}",
        ]
        for client, mine in groups.items()
    ]
    header = ["client", "seconds", "CPU s", "speed ratio to requests"]
    return [f"## Listing {rows[0]['count']} objects", "", *table(header, body)]


def slo_section(rows: list[dict[str, Any]], segment: int, threads: int) -> list[str]:
    size = rows[0]["size"]
    body = [
        [
            client,
            f"{median([size / MiB / r['wall'] for r in mine]):.0f}",
            f"{median([r['curl_wall'] / r['wall'] for r in mine]):.3f}",
            f"{median([r['cpu'] for r in mine]):.2f}",
            f"{median([r['rss_mib'] for r in mine]):.1f}",
        ]
        for client, mine in by_client(rows).items()
    ]
    curl = median([size / MiB / r["curl_wall"] for r in rows])
    return [
        f"## {size / MiB:.0f} MiB as a static large object ({segment / MiB:.0f} MiB segments, {threads} threads)",
        "",
        *table(["client", "MiB/s", "ratio to one curl stream", "CPU s", "peak RSS MiB"], body),
        f"One curl stream of the same file: {curl:.0f} MiB/s median.",
        "",
    ]


def report(bench: Bench, sections: dict[str, list[dict[str, Any]]], command: str, started: float) -> str:
    loads = "; ".join(f"{label}: {a:.1f} {b:.1f} {c:.1f}" for label, (a, b, c) in bench.results["load"])
    lines = [
        f"# Storage benchmark, {dt.date.today().isoformat()}",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.platform()}; the dev cloud's Swift on loopback (tmpfs), sharing the CPUs. "
        f"The run took {(time.time() - started) / 60:.1f} min.",
        "",
        f"Load average (1, 5, 15 min): {loads}.",
        "",
        "Medians over the repetitions. A throughput ratio compares a client with the curl transfer "
        "measured just before it (same file, same direction). CPU is the client process's (all threads); "
        "peak RSS is its VmHWM, imports included. Each client runs in a process of its own, after one "
        "small call of the same kind (first-use imports and the connection are not timed).",
        "",
    ]
    for key, rows in sections.items():
        if key.startswith("streams"):
            lines += stream_section(rows)
        elif key == "heads":
            lines += heads_section(rows)
        elif key == "listing":
            lines += listing_section(rows)
        elif key == "slo":
            lines += slo_section(rows, bench.args.slo_segment, bench.args.slo_threads)
    lines += ["## Raw measurements", "", "```json", json.dumps(sections, indent=1), "```", ""]
    return "\n".join(lines)


def compile_bytecode() -> None:
    """Byte-compile the project's venv and sources, as an installed package would be.

    ``uv sync`` installs without bytecode: every process would compile attrs, requests... from
    source, which costs time and RSS that no installed pkgcloud pays (pip compiles at install;
    the peers' venv is compiled already).
    """
    import compileall
    import sysconfig

    for path in (sysconfig.get_paths()["purelib"], ROOT / "core" / "src", *ROOT.glob("providers/*/src")):
        compileall.compile_dir(str(path), quiet=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devcloud", default=os.environ.get("PKGCLOUD_DEVCLOUD", "/tmp/pkgcloud-devcloud"))
    parser.add_argument("--peers-python", default="/tmp/pkgcloud-bench-peers/bin/python")
    parser.add_argument("--workdir", default="/tmp/pkgcloud-bench")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--big-reps", type=int, default=2, help="repetitions of the 4 GiB streams")
    parser.add_argument("--slo-segment", type=int, default=256 * MiB)
    parser.add_argument("--slo-threads", type=int, default=4)
    parser.add_argument("--only", default="small,big,heads,listing,slo", help="comma-separated sections")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of the benchmark itself")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--clients", default=None, help="comma-separated clients of the stream sections")
    parser.add_argument("--keep", action="store_true", help="keep the 100k-object container for the next run")
    parser.add_argument("--output", default=None)
    args = parser.parse_args()
    started = time.time()
    compile_bytecode()
    bench = Bench(args)
    bench.record_load("start")
    only = set(args.only.split(","))
    small, big, slo_size, heads, listing = (256 * MiB, 4096 * MiB, 2048 * MiB, 1000, 100_000)
    if args.quick:
        small, big, slo_size, heads, listing = (8 * MiB, 32 * MiB, 64 * MiB, 100, 3000)
        args.slo_segment = min(args.slo_segment, 16 * MiB)
    sections: dict[str, list[dict[str, Any]]] = {}
    if "small" in only:
        sections["streams-small"] = bench.streams(small, args.reps)
    if "heads" in only:
        sections["heads"] = bench.heads(heads, args.reps)
    if "listing" in only:
        sections["listing"] = bench.listing(listing, args.reps)
    if "slo" in only:
        sections["slo"] = bench.slo(slo_size, args.reps)
    if "big" in only:
        sections["streams-big"] = bench.streams(big, args.big_reps)
    command = " ".join([Path(sys.executable).name, "-m", "bench.storage.run", *sys.argv[1:]])
    text = report(bench, sections, command, started)
    out = Path(args.output) if args.output else ROOT / "bench" / "results" / f"storage-{dt.date.today().isoformat()}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    log(f"written {out}")


if __name__ == "__main__":
    main()
