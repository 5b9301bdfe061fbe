"""What the figures were measured on."""

import os
import platform
from pathlib import Path

from bench.db import run, server_setting, server_version


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def _memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def describe(pgbench: str) -> dict[str, str]:
    load = os.getloadavg()
    return {
        "CPU": f"{os.cpu_count()} cores, {_cpu_model()}",
        "Memory": f"{_memory_gib():.1f} GiB",
        "OS": platform.platform(),
        "PostgreSQL": (
            f"{server_version()} (shared_buffers {server_setting('shared_buffers')}, "
            f"synchronous_commit {server_setting('synchronous_commit')}, "
            f"max_connections {server_setting('max_connections')})"
        ),
        "pgbench": run([pgbench, "--version"]).strip(),
        "Python": platform.python_version(),
        "Load average at start": ", ".join(f"{x:.2f}" for x in load),
    }
