"""The floors: what any Python HTTP service and the load generator show here.

Both post sellable's place-order body (same size, a Bearer header) with the
load generator of bench/load.py to bench/floor_app.py under uvicorn:

- harness: an endpoint that answers a constant, so the figure is the most
  requests/s the load generator and uvicorn manage on this machine;
- python: the ceiling's transaction through psycopg 3, SKUs picked by the
  server the way the pgbench script picks them, so the figure is what a
  Python service doing nothing but the ceiling's work manages.
"""

from dataclasses import dataclass

from bench import cpu, load, server
from bench.ceiling import Throughput
from bench.shop import HOT_SKUS, SKUS
from sellable.kit.security import new_token

# Long enough for the clients' connections to open and psycopg to prepare.
WARM_UP_SECONDS = 2


@dataclass(frozen=True)
class Floor:
    kind: str  # "harness" or "python"
    label: str  # the SKUs, as in the ceiling's rows
    path: str

    @property
    def name(self) -> str:
        suffix = f" {self.label}" if self.kind == "python" else ""
        return f"{self.kind} floor{suffix}"


FLOORS = (
    Floor("harness", "none", "/floor/constant"),
    Floor("python", "spread", f"/floor/order/{SKUS}"),
    Floor("python", "hot", f"/floor/order/{HOT_SKUS}"),
)


@dataclass(frozen=True)
class FloorRun:
    floor: Floor
    result: Throughput
    cpu: cpu.CpuUse


def run_floor(
    running: server.RunningServer, floor: Floor, clients: int, seconds: float
) -> FloorRun:
    """A short warm-up, then `clients` clients for `seconds`, CPU sampled."""
    # A token shaped like sellable's; the floor app never looks at it.
    token = new_token()
    load.post_repeatedly(
        running.url, "warm-up", floor.path, token, clients, WARM_UP_SECONDS
    )
    workers = running.worker_pids()
    sample = cpu.Sample(running.database.name, running.pid, workers)
    result = load.post_repeatedly(
        running.url, floor.name, floor.path, token, clients, seconds
    )
    return FloorRun(floor, result, sample.finish(floor.name, result.orders))
