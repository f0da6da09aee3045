"""A whole deployment on this machine: redis-server, `classroom serve` and a real nginx.

Used by tests/test_deployment.py (and by hand: `python tests/deployment.py` starts one and
prints its links until Ctrl+C).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
import socketio
from redisserver import RedisServer, free_port, need

from classroom.cli.proxy import nginx_site
from classroom.live.ids import participant_id
from classroom.store.redis_store import RedisStore

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "live" / "fixtures"
CHOICE = 2  # the choice question of tests/live/fixtures/lessons/live-test.yaml

NGINX = """\
daemon off;
worker_processes auto;  # one per core, as in Debian's nginx.conf: each has its own open-files limit
pid {folder}/nginx.pid;
error_log {folder}/error.log;
worker_rlimit_nofile {files};
{user}
events {{ worker_connections {connections}; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{site}
}}
"""


def wait_listening(port: int, what: str, proc: subprocess.Popen, log: list[str]) -> None:
    """Wait until something listens on `port`, or fail saying what did not start."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"{what} stopped:\n" + "".join(log)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"{what} never listened on {port}:\n" + "".join(log))


class Deployment:
    """redis-server, `classroom serve --workers N` and nginx in front, in one folder."""

    def __init__(self, folder: Path, workers: int = 2, env: dict[str, str] | None = None,
                 connections: int = 4096) -> None:
        self.folder, self.workers = folder, workers
        self.env, self.connections = env or {}, connections
        self.redis = RedisServer(folder / "redis")
        self.first_port = free_port()
        while any(_taken(self.first_port + i) for i in range(1, workers)):
            self.first_port = free_port()
        self.port = free_port()  # nginx
        self.base = f"http://127.0.0.1:{self.port}"
        self.serve: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self.lines: list[str] = []
        self.organiser = ""

    def start(self) -> Deployment:
        """Start Redis, the workers and nginx; return once phones can reach them."""
        self.redis.start()
        self._start_serve()
        self._start_nginx()
        return self

    def _start_serve(self) -> None:
        env = {
            **os.environ,
            "CLASSROOM_DATA_DIR": str(self.folder / "data"),
            "CLASSROOM_CONTENT_PATHS": os.pathsep.join(
                [str(FIXTURES / "lessons"), str(FIXTURES / "quizzes")]),
            "CLASSROOM_STATE_INTERVAL": "0.05",
            "CLASSROOM_ANSWER_BURST": "100000",  # phones answer as fast as acks come back
            "CLASSROOM_JOIN_BURST": "100000",
            **self.env,
        }
        command = [sys.executable, "-m", "classroom.cli", "serve", "--workers",
                   str(self.workers), "--redis", self.redis.url, "--first-port",
                   str(self.first_port), "--public-url", self.base]
        self.serve = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True,
                                      preexec_fn=self._open_files)
        while not self.organiser:
            line = self.serve.stdout.readline()
            assert line, "classroom serve stopped:\n" + "".join(self.lines)
            self.lines.append(line)
            found = re.match(r"Organiser: (\S+)", line)
            if found:
                self.organiser = found.group(1)
        threading.Thread(target=self._drain, daemon=True).start()
        for i in range(self.workers):
            wait_listening(self.first_port + i, "a worker", self.serve, self.lines)

    def _open_files(self) -> None:
        """Give the workers room for `connections` phones (as root, above the hard limit)."""
        import resource

        want = 2 * self.connections + 200
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if want > hard and os.geteuid() == 0:
            hard = want
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(want, hard)), hard))

    def workers_pids(self) -> list[int]:
        """Return the process ids of the workers running now."""
        children = Path(f"/proc/{self.serve.pid}/task/{self.serve.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def nginx_pids(self) -> list[int]:
        """Return nginx's processes (the master and its worker)."""
        children = Path(f"/proc/{self.nginx.pid}/task/{self.nginx.pid}/children")
        return [self.nginx.pid, *(int(pid) for pid in children.read_text().split())]

    def _drain(self) -> None:
        for line in self.serve.stdout:
            self.lines.append(line)

    def _start_nginx(self) -> None:
        folder = self.folder / "nginx"
        folder.mkdir()
        site = nginx_site(self.workers, self.first_port, listen=f"127.0.0.1:{self.port}")
        user = "user root;" if os.geteuid() == 0 else ""
        conf = folder / "nginx.conf"
        conf.write_text(NGINX.format(folder=folder, user=user, site=site,
                                     # each phone is two connections in nginx: in and out
                                     connections=2 * self.connections + 100,
                                     files=max(8192, 4 * self.connections + 200)))
        log = folder / "error.log"
        self.nginx = subprocess.Popen([need("nginx"), "-p", str(folder), "-c", str(conf)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_listening(self.port, "nginx", self.nginx,
                       [log.read_text() if log.exists() else ""])

    def new_room(self) -> tuple[str, str]:
        """Start a room of the test lesson from the organiser's page; return (code, key)."""
        answer = requests.post(self.organiser.split("?")[0], allow_redirects=False, timeout=10,
                               data={"key": self.organiser.split("key=")[1],
                                     "lesson": "live-test", "lang": "en"})
        assert answer.status_code == 302, answer.text
        return re.fullmatch(r"/teach/(\w{6})\?key=(\S+)", answer.headers["Location"]).groups()

    def store(self) -> RedisStore:
        """Return a store on the deployment's Redis, to read what is durable."""
        return RedisStore(self.redis.url)

    def owner_pid(self, code: str, within: float = 5) -> int:
        """Return the process id of the worker running room `code`.

        While a room moves, the worker that let go has released it and the next has not
        claimed it yet: wait for one (a lease runs out in 3 s, and is renewed every second).
        """
        store = self.store()
        deadline = time.monotonic() + within
        try:
            while (owner := store.redis.get(store._key("owner", code))) is None:
                assert time.monotonic() < deadline, f"no worker runs {code}"
                time.sleep(0.05)
        finally:
            store.close()
        return int(owner.decode().split(":")[1])

    def stop(self) -> None:
        """Stop nginx, the workers and Redis."""
        for proc in (self.nginx, self.serve):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if self.serve is not None:
            self.serve.stdout.close()
        self.redis.stop()


def _taken(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


class Page:
    """A page's socket through the proxy: reconnects by itself, and as the pages do."""

    namespace = "/student"

    def __init__(self, base: str, code: str, auth: dict, transport: str = "websocket") -> None:
        self.client = socketio.Client(reconnection_delay=0.2, reconnection_delay_max=1)
        self.address, self.auth, self.transports = f"{base}?room={code}", auth, [transport]

    def connect(self, wait: float = 10) -> None:
        """Connect the page's namespace."""
        self.client.connect(self.address, namespaces=[self.namespace], auth=self.auth,
                            transports=self.transports, wait_timeout=wait)

    def connect_again(self) -> None:
        """Connect again, as the pages do after a 'moving' refusal (the socket's transport
        stays up after a refused namespace, so the client would not retry it) and after the
        server disconnected them (a worker letting go of a room that moved back)."""
        try:
            self.client.disconnect()
            self.connect(wait=5)
        except socketio.exceptions.ConnectionError:
            pass  # the room is still moving: the next try


class Teacher(Page):
    """A teacher page: a /teach socket through the proxy."""

    namespace = "/teach"

    def __init__(self, base: str, code: str, key: str) -> None:
        super().__init__(base, code, {"code": code, "key": key})
        self.states: list[dict] = []
        self.client.on("state", self.states.append, namespace="/teach")
        self.connect()

    def do(self, event: str, data: dict | None = None, within: float = 15) -> None:
        """Send a teacher action, again until it is acknowledged (the worker may be moving)."""
        deadline = time.monotonic() + within
        while True:
            try:
                ack = self.client.call(event, data or {}, namespace="/teach", timeout=3)
                if ack == {"ok": True}:
                    return
            except socketio.exceptions.TimeoutError:
                ack = None
            except socketio.exceptions.BadNamespaceError:
                ack = None
                self.connect_again()
            assert time.monotonic() < deadline, f"{event} never acknowledged: {ack}"
            time.sleep(0.2)


class Phone(Page):
    """A phone through the proxy: keeps what was acknowledged."""

    def __init__(self, base: str, code: str, n: int, transport: str = "websocket") -> None:
        self.code, self.device = code, f"deploy-phone-{code}-{n:03d}-abcdefghij"
        super().__init__(base, code, {"code": code, "device": self.device}, transport)
        self.acked: list[int] = []
        self.unacked: list[int] = []  # sent since the last ack: their acks may have been lost
        self.dropped = threading.Event()  # the server disconnected us: no reconnect follows
        self.client.on("disconnect", self._on_disconnect, namespace="/student")
        self.connect()

    def _on_disconnect(self, reason: str | None = None) -> None:
        if reason == self.client.reason.SERVER_DISCONNECT:
            self.dropped.set()

    def answer(self, value: int, timeout: float = 3) -> bool:
        """Send an answer; True once the server acknowledged it (durable)."""
        try:
            ack = self.client.call("answer", {"step": CHOICE, "value": value},
                                   namespace="/student", timeout=timeout)
        except socketio.exceptions.TimeoutError:
            self.unacked.append(value)
            return False
        except socketio.exceptions.BadNamespaceError:  # not connected: nothing was sent
            if self.dropped.is_set():  # as student.js does; otherwise the client reconnects
                self.dropped.clear()
                self.connect_again()
            return False
        if ack and ack.get("ok"):
            self.acked.append(value)
            self.unacked.clear()
            return True
        self.unacked.append(value)
        return False

    def may_hold(self) -> list[int]:
        """Return what the server may hold for this phone: its last acknowledged answer, or
        one it sent after that whose ack was lost (a worker died, or Redis restarted)."""
        return self.acked[-1:] + self.unacked

    def pid(self, salt: str) -> str:
        """Return this phone's anonymous participant id in its room."""
        return participant_id(salt, self.device)


def keep_answering(phones: list[Phone], stop: threading.Event) -> list[threading.Thread]:
    """Make every phone change its answer, again and again, until `stop` is set."""

    def loop(phone: Phone, n: int) -> None:
        turn = 0
        while not stop.is_set():
            turn += 1
            if not phone.answer((n + turn) % 3):
                time.sleep(0.2)  # not saved, or reconnecting: the page tries again too

    threads = [threading.Thread(target=loop, args=(p, n)) for n, p in enumerate(phones)]
    for thread in threads:
        thread.start()
    return threads


if __name__ == "__main__":  # by hand: a deployment to look at
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        deployment = Deployment(Path(folder)).start()
        print(f"Proxy: {deployment.base}\nOrganiser: {deployment.organiser}")
        try:
            deployment.serve.wait()
        except KeyboardInterrupt:
            pass
        finally:
            deployment.stop()
