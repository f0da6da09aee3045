"""`classroom serve`: several worker processes on one machine, sharing rooms through Redis.

Each worker is a `classroom run`-like gevent server on its own port, with the Redis store;
a reverse proxy in front (`classroom nginx-config`) sends each room's requests to one worker.
This command starts the workers, prints the organiser's link, and starts a worker again when
it dies (its rooms meanwhile go on in the others: docs/scaling.md).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

import click

RESTART_AFTER = 1.0  # seconds before a worker that died is started again


def check_redis(url: str) -> None:
    """Stop with a plain message when Redis does not answer at `url`."""
    import redis

    try:
        with redis.Redis.from_url(url, socket_connect_timeout=3) as conn:
            conn.ping()
    except (redis.RedisError, ValueError) as error:
        raise click.ClickException(
            f"Redis does not answer at {url} ({error}). Start it (docs/deploy.md: "
            "`sudo systemctl start redis-server`) or pass the right --redis URL."
        ) from None


def default_public_url() -> str:
    """Return http://<this machine's address on the local network> (the proxy's port 80)."""
    from .lan import lan_address

    return f"http://{lan_address() or '127.0.0.1'}"


class Workers:
    """The worker processes: started, watched, started again when one dies, stopped."""

    def __init__(self, count: int, host: str, first_port: int, env: dict[str, str]) -> None:
        self.ports = [first_port + i for i in range(count)]
        self.host, self.env = host, env
        self.procs: dict[int, subprocess.Popen] = {}
        self.stopping = False

    def start(self, port: int) -> None:
        """Start the worker of `port`."""
        command = [sys.executable, "-m", "classroom.cli", "worker", "--host", self.host,
                   "--port", str(port)]
        self.procs[port] = subprocess.Popen(command, env=self.env)

    def watch(self, sleep: Any = time.sleep) -> None:
        """Start every worker, then start again any that dies, until `stop()`."""
        for port in self.ports:
            self.start(port)
        while not self.stopping:
            sleep(0.2)
            for port, proc in list(self.procs.items()):
                code = proc.poll()
                if code is None or self.stopping:
                    continue
                how = f"signal {-code}" if code < 0 else f"exit code {code}"
                click.echo(f"Worker on port {port} stopped ({how}); its rooms carry on in the "
                           f"other workers. Starting it again in {RESTART_AFTER:g} s.", err=True)
                sleep(RESTART_AFTER)
                if not self.stopping:
                    self.start(port)

    def stop(self, *_: Any) -> None:
        """Stop every worker (they write what is queued and let go of their rooms)."""
        self.stopping = True
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


@click.command("serve")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes: about one per core.")
@click.option("--redis", "redis_url", envvar="CLASSROOM_REDIS", required=True, metavar="URL",
              help="The shared store, e.g. redis://127.0.0.1:6379/0 (docs/deploy.md).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address the workers listen on (the proxy's side).")
@click.option("--first-port", default=5001, show_default=True, type=click.IntRange(1, 65535),
              help="The first worker's port; the others follow.")
@click.option("--public-url", metavar="URL", envvar="CLASSROOM_PUBLIC_URL",
              help="Address phones use: the proxy's (default: http://<this machine>).")
@click.option("--school", metavar="TEXT", envvar="CLASSROOM_SCHOOL_CONTACT",
              help="Your organisation's contact, shown first on every help screen.")
def serve(workers: int, redis_url: str, host: str, first_port: int, public_url: str | None,
          school: str | None) -> None:
    """Start several workers sharing rooms through Redis, behind a reverse proxy."""
    from ..datadir import LibraryKey, data_dir, organiser_key
    from .run import port_problem, school_contact
    from .serve import raise_file_limit
    from .settings import env_settings

    check_redis(redis_url)
    settings = env_settings()
    for port in range(first_port, first_port + workers):
        problem = port_problem(host, port)
        if problem:
            raise click.ClickException(problem)
    capacity = raise_file_limit()  # the workers inherit it
    base = (public_url or default_public_url()).rstrip("/")
    folder = data_dir(settings.get("CLASSROOM_DATA_DIR"))
    env = {**os.environ, "CLASSROOM_REDIS": redis_url, "CLASSROOM_PUBLIC_URL": base,
           "CLASSROOM_DATA_DIR": str(folder.resolve())}
    env.setdefault("CLASSROOM_PROXIES", "1")  # every phone comes through the proxy
    if school:
        env["CLASSROOM_SCHOOL_CONTACT"] = school_contact(school) or ""
    click.echo(f"{workers} worker(s) on {host}:{first_port}-{first_port + workers - 1}, "
               f"sharing rooms in Redis at {redis_url}; about {capacity} phones per worker.")
    click.echo(f"Organiser: {base}/organise?key={organiser_key(folder).get()}")
    click.echo(f"Library: {base}/library?key={LibraryKey(folder).get()}")
    click.echo("Keep these links secret. Put the proxy in front: classroom nginx-config "
               f"--workers {workers} --first-port {first_port} (docs/deploy.md).")
    pool = Workers(workers, host, first_port, env)
    signal.signal(signal.SIGTERM, pool.stop)
    try:
        pool.watch()
    except KeyboardInterrupt:
        pool.stop()
    click.echo("Stopped. The rooms are kept in Redis: start again to carry on.")


@click.command("worker", hidden=True)
@click.option("--host", default="127.0.0.1")
@click.option("--port", required=True, type=click.IntRange(1, 65535))
def worker(host: str, port: int) -> None:
    """One worker of `classroom serve` (started by it, with CLASSROOM_REDIS set)."""
    from .run import patch_gevent

    patch_gevent()
    from .. import create_app
    from ..store import StoreUnreadable
    from .run import serve as serve_app
    from .settings import env_settings
    from .storefile import unreadable

    try:
        app = create_app(env_settings())
    except StoreUnreadable as error:
        raise unreadable(error) from None
    click.echo(f"Worker listening on {host}:{port}.")
    serve_app(app, host, port)
