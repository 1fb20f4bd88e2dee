"""What ``import pkgcloud`` plus ``create_client(...)`` costs, as a ratio to ``import requests``.

Each case is a fresh interpreter, the cases interleaved, so machine noise hits them alike.
Reported: wall time and CPU time (user+sys) medians, and, when valgrind is installed, the exact
instruction count of one run of each (deterministic; the most trustworthy ratio on a busy machine).

    python bench/import_cost.py [--python PATH] [--runs 40] [--out bench/results/import-<date>.md]

``--python`` defaults to a runtime-only virtualenv (pkgcloud + pkgcloud-openstack and their
dependencies, installed non-editable as a user would get them), built on first use with uv or pip.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_VENV = Path(os.environ.get("PKGCLOUD_BENCH_VENV", "/tmp/pkgcloud-bench-runtime"))

CASES = {
    "import requests": "import requests",
    "import pkgcloud": "import pkgcloud",
    "import pkgcloud + create_client (storage)": (
        "import pkgcloud\n"
        "pkgcloud.storage.create_client(provider='openstack', auth_url='http://keystone.invalid/v3',"
        " username='demo', password='pw', tenant_name='demo', domain_name='Default')"
    ),
    "import pkgcloud + create_client (compute)": (
        "import pkgcloud\n"
        "pkgcloud.compute.create_client(provider='openstack', auth_url='http://keystone.invalid/v3',"
        " username='demo', password='pw', tenant_name='demo', domain_name='Default')"
    ),
}
BASELINE = "import requests"


def runtime_python() -> str:
    python = RUNTIME_VENV / "bin" / "python"
    if python.exists():
        return str(python)
    uv = shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    packages = [str(ROOT / "core"), str(ROOT / "providers" / "openstack")]
    if Path(uv).exists():
        subprocess.run([uv, "venv", "-q", "-p", sys.executable, str(RUNTIME_VENV)], check=True)
        subprocess.run(
            [uv, "pip", "install", "-q", "--no-sources", "--compile-bytecode", "-p", str(python), *packages], check=True
        )
    else:
        subprocess.run([sys.executable, "-m", "venv", str(RUNTIME_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *packages], check=True)
    return str(python)


def timed(python: str, code: str) -> tuple[float, float]:
    started = time.perf_counter()
    proc = subprocess.Popen([python, "-c", code])
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"case failed: {code!r}")
    return wall, usage.ru_utime + usage.ru_stime


def instructions(python: str, code: str) -> int | None:
    if not shutil.which("valgrind"):
        return None
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-c", code],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    return int(found.group(1)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", help="interpreter to measure (default: a runtime-only venv)")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--out", help="write the markdown report here too")
    args = parser.parse_args()
    python = args.python or runtime_python()
    for code in CASES.values():  # warm the pyc caches
        timed(python, code)
    wall: dict[str, list[float]] = {k: [] for k in CASES}
    cpu: dict[str, list[float]] = {k: [] for k in CASES}
    for _ in range(args.runs):
        for name, code in CASES.items():
            w, c = timed(python, code)
            wall[name].append(w)
            cpu[name].append(c)
    counts = {name: instructions(python, code) for name, code in CASES.items()}
    base_wall = statistics.median(wall[BASELINE])
    base_cpu = statistics.median(cpu[BASELINE])
    lines = [
        f"# import cost, {dt.date.today().isoformat()}",
        "",
        f"`{' '.join(['python', 'bench/import_cost.py', *sys.argv[1:]])}` — interpreter `{python}` "
        f"(Python {platform.python_version()}), {args.runs} interleaved runs per case, "
        f"load average before: {os.getloadavg()[0]:.2f}",
        "",
        "| case | wall median ms | ratio | CPU median ms | ratio | instructions (valgrind) | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in CASES:
        w = statistics.median(wall[name])
        c = statistics.median(cpu[name])
        n = counts[name]
        base_n = counts[BASELINE]
        n_text = f"{n / 1e6:.1f} M" if n else "-"
        n_ratio = f"{n / base_n:.3f}" if n and base_n else "-"
        lines.append(
            f"| {name} | {w * 1000:.1f} | {w / base_wall:.3f} | {c * 1000:.1f} | {c / base_cpu:.3f} | "
            f"{n_text} | {n_ratio} |"
        )
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        Path(args.out).write_text(report)


if __name__ == "__main__":
    main()
