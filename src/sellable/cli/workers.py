"""`sellable serve` with several worker processes, each on its own socket.

uvicorn's own supervisor binds one listening socket and shares it: when a
client opens its keep-alive connections at once, whichever worker wakes first
accepts most of them and keeps them, and the other workers idle (measured by
the benchmark: 15 of 16 connections on one worker). Here every worker binds
the port itself with SO_REUSEPORT, and the kernel spreads new connections
evenly over the workers' sockets. The parent only watches: it restarts a
worker that dies and stops them all on SIGINT or SIGTERM.
"""

import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from multiprocessing.process import BaseProcess
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE

from sellable.kit.logging import get_logger

log = get_logger(__name__)
WATCH_SECONDS = 0.5
STOP_SECONDS = 15.0


class PortTaken(Exception):
    """Another program listens on the port; ours would share it silently."""


def serve_workers(options: dict[str, Any], workers: int) -> int:
    """Run `workers` uvicorn servers until told to stop; answer the exit code.

    The caller checks first that the port is free (`require_free_port`).
    """
    context = multiprocessing.get_context("spawn")
    stopping = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stopping.set())

    running = [_start(context, options) for _ in range(workers)]
    log.info(
        "serving",
        url=f"http://{options['host']}:{options['port']}",
        workers=workers,
    )
    exit_code = 0
    while not stopping.wait(WATCH_SECONDS):
        exit_code = _replace_dead(context, options, running)
        if exit_code:
            break

    _stop(running)
    return exit_code


def require_free_port(host: str, port: int) -> None:
    """Refuse a port someone listens on (SO_REUSEPORT alone would not).

    SO_REUSEADDR lets the probe ignore connections of a stopped server still
    in TIME-WAIT; a socket that listens still makes the bind fail.
    """
    probe = socket.socket(_family(host), socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host, port))
    except OSError as error:
        raise PortTaken(f"{host}:{port} is in use ({error.strerror})") from error
    finally:
        probe.close()


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A listening socket that shares the port with the other workers' ones."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def run_worker(options: dict[str, Any]) -> None:
    """One worker process: its own socket, one uvicorn server on it."""
    config = uvicorn.Config(**options)
    try:
        sock = reuse_port_socket(config.host, config.port)
    except OSError as error:
        log.error("worker_cannot_listen", error=str(error))
        sys.exit(STARTUP_FAILURE)
    server = uvicorn.Server(config)
    _leave_with_parent(server)
    server.run(sockets=[sock])


def _leave_with_parent(server: uvicorn.Server) -> None:
    """Shut down gracefully if the supervisor dies (kill -9): no orphans."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        log.warning("worker_orphaned", pid=os.getpid())
        server.should_exit = True

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _start(context: Any, options: dict[str, Any]) -> BaseProcess:
    process: BaseProcess = context.Process(target=run_worker, args=(options,))
    process.start()
    log.info("worker_started", pid=process.pid)
    return process


def _replace_dead(
    context: Any, options: dict[str, Any], running: list[BaseProcess]
) -> int:
    """Restart workers that died; a worker that cannot start stops the server."""
    for index, process in enumerate(running):
        if process.is_alive():
            continue
        if process.exitcode == STARTUP_FAILURE:
            log.error("worker_failed_to_start", pid=process.pid)
            return STARTUP_FAILURE
        log.warning("worker_died", pid=process.pid, exitcode=process.exitcode)
        running[index] = _start(context, options)
    return 0


def _stop(running: list[BaseProcess]) -> None:
    """Ask every worker to finish its requests, then kill what is left."""
    for process in running:
        if process.is_alive():
            process.terminate()
    for process in running:
        process.join(STOP_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()
