"""Where the CPU went during a throughput run, read from /proc.

Machine busy % comes from /proc/stat (all cores; 100% = every core busy).
CPU seconds come from /proc/<pid>/stat before and after the run:

- the server: its supervisor and every process under it;
- PostgreSQL, two ways: the bench database's backends (watched every 0.25 s,
  since pgbench's backends end with the run, before the last reading), and
  the whole server (the postmaster, its children, and the children it
  reaped), which also holds the WAL writer, the checkpointer and any other
  database's work;
- the load generator: this process and the children it reaped, which is how
  pgbench counts when it is the load generator.
"""

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from threading import Event, Thread

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK")
IDLE_FIELDS = (3, 4)  # idle, iowait in the `cpu` line of /proc/stat
WATCH_SECONDS = 0.25


@dataclass(frozen=True)
class CpuUse:
    """CPU use over one run; `server_s` is None when no server took part."""

    label: str
    orders: int
    wall_s: float
    busy_percent: float
    server_s: float | None
    backends_s: float  # the bench database's PostgreSQL backends
    postgres_s: float  # the whole PostgreSQL server
    loadgen_s: float
    # Each worker's share, busiest first: shows whether the clients'
    # connections landed evenly on the workers.
    worker_split: tuple[float, ...] = ()

    def per_thousand(self, seconds: float | None) -> float | None:
        """CPU seconds per 1,000 orders placed in the run."""
        if seconds is None or not self.orders:
            return None
        return seconds * 1000 / self.orders

    def split(self) -> str:
        return " + ".join(f"{s:.1f}" for s in self.worker_split)

    def describe(self) -> str:
        server = "-" if self.server_s is None else f"{self.server_s:.1f}"
        if self.worker_split:
            server += f" (workers {self.split()})"
        return (
            f"CPU over {self.wall_s:.1f} s: machine {self.busy_percent:.0f}% busy; "
            f"server {server} s, bench database backends {self.backends_s:.1f} s "
            f"(whole PostgreSQL {self.postgres_s:.1f} s), "
            f"load generator {self.loadgen_s:.1f} s"
        )


class Sample:
    """Read the counters at the start of a run, and again when it is over."""

    def __init__(
        self,
        database: str,
        server_pid: int | None = None,
        worker_pids: Sequence[int] = (),
    ) -> None:
        self._server_pid = server_pid
        self._workers = list(worker_pids)
        self._before = _read(server_pid)
        self._backends = _BackendWatch(database, self._before.postmasters)
        self._backends.start()

    def finish(self, label: str, orders: int) -> CpuUse:
        backends = self._backends.finish()
        before, after = self._before, _read(self._server_pid)
        used = {
            pid: (ticks - before.server.get(pid, 0)) / TICKS
            for pid, ticks in after.server.items()
        }
        split = sorted((used.get(pid, 0.0) for pid in self._workers), reverse=True)
        return CpuUse(
            label,
            orders,
            after.at - before.at,
            100 * (after.busy - before.busy) / max(after.total - before.total, 1),
            sum(used.values()) if self._server_pid else None,
            backends / TICKS,
            (after.postgres - before.postgres) / TICKS,
            (after.loadgen - before.loadgen) / TICKS,
            tuple(split),
        )


@dataclass(frozen=True)
class _Process:
    name: str
    parent: int
    own: int  # utime + stime, in ticks
    reaped: int  # cutime + cstime: children that ended and were waited for


@dataclass(frozen=True)
class _Reading:
    at: float
    busy: int
    total: int
    server: dict[int, int]  # pid: ticks
    postgres: int
    postmasters: list[int]
    loadgen: int


def _read(server_pid: int | None) -> _Reading:
    at = time.perf_counter()
    busy, total = _machine()
    processes = _processes()
    server = _tree(processes, server_pid) if server_pid else set()
    postmasters = _postmasters(processes)
    me = processes[os.getpid()]
    return _Reading(
        at,
        busy,
        total,
        {pid: processes[pid].own for pid in server},
        sum(_server_ticks(processes, pid) for pid in postmasters),
        postmasters,
        me.own + me.reaped,
    )


def _machine() -> tuple[int, int]:
    """Busy and total jiffies over all cores since boot."""
    line = (PROC / "stat").read_text().split("\n", 1)[0]
    # user nice system idle iowait irq softirq steal; guest is inside user.
    counted = [int(f) for f in line.split()[1:9]]
    idle = sum(counted[i] for i in IDLE_FIELDS)
    return sum(counted) - idle, sum(counted)


def _processes() -> dict[int, _Process]:
    found = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            process = _stat(int(entry.name))
            if process is not None:
                found[int(entry.name)] = process
    return found


def _stat(pid: int) -> _Process | None:
    """Parse /proc/<pid>/stat; the name is in parentheses and may hold spaces."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:  # the process ended while we looked
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    # After the name: state, ppid, ..., utime (12), stime, cutime, cstime.
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return _Process(name, int(fields[1]), utime + stime, cutime + cstime)


def _tree(processes: dict[int, _Process], root: int) -> set[int]:
    """`root` and every process under it."""
    members = {root} if root in processes else set()
    grew = True
    while grew:
        below = {pid for pid, p in processes.items() if p.parent in members}
        grew = not below <= members
        members |= below
    return members


def _postmasters(processes: dict[int, _Process]) -> list[int]:
    """PostgreSQL processes whose parent is not PostgreSQL: the servers."""
    return [
        pid
        for pid, process in processes.items()
        if process.name == "postgres"
        and getattr(processes.get(process.parent), "name", None) != "postgres"
    ]


def _server_ticks(processes: dict[int, _Process], postmaster: int) -> int:
    """Every tick the server has used, ended backends included."""
    members = _tree(processes, postmaster)
    return processes[postmaster].reaped + sum(processes[m].own for m in members)


class _BackendWatch(Thread):
    """The ticks of one database's backends, seen every WATCH_SECONDS."""

    def __init__(self, database: str, postmasters: list[int]) -> None:
        super().__init__(daemon=True)
        # A backend's title reads "postgres: 15/main: <user> <database> <host>".
        self._title = f" {database} ".encode()
        self._postmasters = postmasters
        self._first = self._look()
        self._last = dict(self._first)
        self._done = Event()

    def run(self) -> None:
        while not self._done.wait(WATCH_SECONDS):
            self._last.update(self._look())

    def finish(self) -> int:
        """Ticks used since the watch began, by backends old and new."""
        self._done.set()
        self.join()
        self._last.update(self._look())
        return sum(last - self._first.get(pid, 0) for pid, last in self._last.items())

    def _look(self) -> dict[int, int]:
        seen = {}
        for pid in self._children():
            process = _stat(pid)
            if process is not None and self._title in _title(pid):
                seen[pid] = process.own
        return seen

    def _children(self) -> list[int]:
        children = []
        for pid in self._postmasters:
            path = PROC / str(pid) / "task" / str(pid) / "children"
            try:
                children += [int(child) for child in path.read_text().split()]
            except OSError:  # the server stopped, or no children file
                continue
        return children


def _title(pid: int) -> bytes:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return b""
