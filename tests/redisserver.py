"""A real redis-server in a temporary folder, on a free port, persisted as in docs/deploy.md."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

# The settings docs/deploy.md asks for: every acknowledged write is in the append-only file,
# fsynced, before Redis answers.
PERSIST = ["--appendonly", "yes", "--appendfsync", "always", "--save", ""]


def free_port() -> int:
    """Return a TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def need(tool: str) -> str:
    """Return the path of `tool`; skip the test without it, except in CI where it must be."""
    path = shutil.which(tool) or (f"/usr/sbin/{tool}" if os.path.exists(f"/usr/sbin/{tool}")
                                  else None)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: .ci/run installs it")
        pytest.skip(f"{tool} is not installed (apt-get install {tool})")
    return path


class RedisServer:
    """One redis-server process; `restart()` stops it (cleanly or with kill -9) and starts it."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.binary = need("redis-server")
        self.folder, self.port = folder, port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Return the URL the store connects with."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        """Start the server and wait until it answers."""
        self.folder.mkdir(parents=True, exist_ok=True)
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                   "--dir", str(self.folder), *PERSIST, "--logfile", "redis.log"]
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self, kill: bool = False) -> None:
        """Stop the server: SIGTERM (it saves and exits) or SIGKILL (it dies at once)."""
        if self.proc is None:
            return
        if kill:
            self.proc.kill()
        else:
            self.proc.terminate()
        self.proc.wait(timeout=20)
        self.proc = None

    def restart(self, kill: bool = False) -> None:
        """Stop the server and start it again on the same port and files."""
        self.stop(kill)
        self.start()
