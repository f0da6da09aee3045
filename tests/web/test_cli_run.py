"""`classroom run`: the links it prints, the address phones use, and its plain messages."""

from __future__ import annotations

import importlib
import io
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import click
import pytest

from classroom.cli.lan import interface_addresses, lan_address, pick_address
from classroom.cli.run import base_url, choose_lesson, port_problem, school_contact
from classroom.cli.serve import BASE, MARGIN, QuietHandler, raise_file_limit
from tests.browser.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
run_module = importlib.import_module("classroom.cli.run")  # `classroom.cli.run` is the command


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("lo", "127.0.0.1"), ("wlan0", "192.168.1.20")], "192.168.1.20"),
        ([("docker0", "172.17.0.1"), ("eth0", "10.0.0.5")], "10.0.0.5"),
        ([("br-1a2b", "172.18.0.1"), ("veth9", "172.18.0.2"), ("wlp2s0", "172.20.10.3")],
         "172.20.10.3"),
        ([("eth0", "169.254.3.4"), ("wlan0", "192.168.43.7")], "192.168.43.7"),
        ([("tailscale0", "100.101.1.2"), ("wg0", "10.8.0.2"), ("eth0", "192.168.0.9")],
         "192.168.0.9"),
        ([("eth0", "203.0.113.50"), ("wlan0", "192.168.1.4")], "192.168.1.4"),
        ([("eth0", "198.51.100.7")], "198.51.100.7"),  # public: the only way in
        ([("lo", "127.0.0.1"), ("docker0", "172.17.0.1")], None),
        ([], None),
    ],
)
def test_the_join_address_is_on_the_local_network(pairs, expected):
    assert pick_address(pairs) == expected


def test_this_machines_addresses_are_read_without_loopback_in_the_answer():
    assert all(isinstance(name, str) for name, _ in interface_addresses())
    address = lan_address()
    assert address is None or not address.startswith("127.")


@pytest.mark.parametrize(
    ("host", "public", "lan", "url", "warning"),
    [
        ("0.0.0.0", None, "192.168.1.20", "http://192.168.1.20:5000", None),
        ("0.0.0.0", "https://klas.example.org/", "192.168.1.20", "https://klas.example.org", None),
        ("0.0.0.0", None, None, "http://127.0.0.1:5000", "--public-url"),
        ("127.0.0.1", None, "192.168.1.20", "http://127.0.0.1:5000", "phones cannot join"),
        ("192.168.1.20", None, None, "http://192.168.1.20:5000", None),
    ],
)
def test_base_url_and_its_warnings(monkeypatch, host, public, lan, url, warning):
    monkeypatch.setattr(run_module, "lan_address", lambda: lan)
    found, said = base_url(host, 5000, public)
    assert found == url
    assert (said is None) if warning is None else (warning in said)


def test_no_lan_address_tells_the_teacher_what_to_do(monkeypatch):
    monkeypatch.setattr(run_module, "lan_address", lambda: None)
    _, said = base_url("0.0.0.0", 5000, None)
    assert "no address on a local network" in said and "hotspot" in said


def test_a_taken_port_is_said_plainly():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        said = port_problem("127.0.0.1", port)
    assert said == (
        f"Port {port} is already in use (another classroom, or another program). "
        f"Start on another port, e.g.: classroom run --port {port + 1}"
    )
    assert port_problem("127.0.0.1", free_port()) is None


class Library:
    """Just the lessons and errors `choose_lesson` reads."""

    def __init__(self, *ids: str) -> None:
        self.lessons = dict.fromkeys(ids)
        self.errors = ["lessons/x.yaml:1:1: lesson 'x' › id: expected ..."]


@pytest.mark.parametrize(
    ("ids", "wanted", "chosen"),
    [
        (("a", "sexting-delen"), None, "sexting-delen"),
        (("b", "a"), None, "a"),  # the default is missing: the first lesson
        (("a", "b"), "b", "b"),
    ],
)
def test_choose_lesson(ids, wanted, chosen):
    assert choose_lesson(Library(*ids), wanted, "sexting-delen") == chosen


def test_choose_lesson_explains_what_is_wrong():
    with pytest.raises(click.UsageError, match="No lesson 'c'. Lessons available: a, b.") as caught:
        choose_lesson(Library("a", "b"), "c", "sexting-delen")
    # The lesson asked for may be the file that failed: its problems are in the message.
    assert "kept content out:\n  lessons/x.yaml:1:1: lesson 'x'" in caught.value.message
    with pytest.raises(click.ClickException, match="No lesson could be loaded.\n  lessons/x"):
        choose_lesson(Library(), None, "sexting-delen")


def access_line(requestline: str, status: str, size: int) -> str:
    """Return the access-log line of a request that took 0.25 s."""
    handler = QuietHandler.__new__(QuietHandler)
    handler.client_address = ("192.168.1.77", 50123)
    handler.requestline = requestline
    handler._orig_status, handler.status, handler.response_length = status, status, size
    handler.time_start, handler.time_finish = 10.0, 10.25
    return handler.format_request()


def test_the_access_log_holds_no_address_and_no_key():
    line = access_line("GET /teach/K7RM4P?key=SECRET HTTP/1.1", "200 OK", 4242)
    assert re.fullmatch(r'\[[\d\- :]+\] "GET /teach/K7RM4P" 200 4242 0\.250s', line)


def test_escape_codes_in_a_request_line_never_reach_the_terminal():
    line = access_line("GET /\x1b[2J\x1b]0;pwned\x07x HTTP/1.1", "404", 10)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", line)
    assert '"GET /\\x1b[2J\\x1b]0;pwned\\x07x"' in line  # shown, not run


def test_the_open_files_limit_is_raised_as_far_as_allowed():
    capacity = raise_file_limit()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert soft == hard or hard == resource.RLIM_INFINITY
    # Two descriptors a phone, once the server's own and the margin it keeps free are set
    # aside (tests/reliability/test_open_files.py sees that many phones join at 300).
    assert capacity == (soft - BASE - MARGIN) // 2


def start(tmp_path, *args: str) -> subprocess.Popen:
    """Start `classroom run` in its own process on a database of its own."""
    env = {**os.environ, "CLASSROOM_DB": str(tmp_path / "run.sqlite3")}
    return subprocess.Popen(
        [sys.executable, "-m", "classroom.cli", "run", "--no-browser", *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def links(process: subprocess.Popen) -> dict[str, str]:
    """Read the printed links until the Screen line."""
    found: dict[str, str] = {}
    for line in process.stdout:
        name, _, url = line.strip().partition(": ")
        if name in ("Join", "Teacher", "Screen", "Library"):
            found[name] = url
        if name == "Library":
            return found
    raise AssertionError(process.stderr.read())


def fetch(url: str) -> bytes:
    """GET a page from a server that may still be starting."""
    for _ in range(100):
        try:
            return urllib.request.urlopen(url, timeout=5).read()
        except urllib.error.URLError:
            time.sleep(0.05)
    raise AssertionError(f"{url} never answered")


def test_run_prints_the_links_and_serves_the_bundled_lesson(tmp_path):
    port = free_port()
    process = start(tmp_path, "--port", str(port))
    try:
        found = links(process)
        address = lan_address()
        host = address or "127.0.0.1"
        code = re.fullmatch(rf"http://{re.escape(host)}:{port}/j/(\w{{6}})", found["Join"]).group(1)
        assert re.fullmatch(rf"http://{re.escape(host)}:{port}/teach/{code}\?key=\S{{20,}}",
                            found["Teacher"])
        # The projector's own key, after # (never sent to the server), not the teacher's.
        screen = re.fullmatch(rf"http://{re.escape(host)}:{port}/screen/{code}#key=(\S{{20,}})",
                              found["Screen"])
        teacher_key = found["Teacher"].split("key=")[1]
        assert screen and screen.group(1) != teacher_key
        assert teacher_key not in found["Screen"] and teacher_key not in found["Library"]
        path = found["Teacher"].split(f":{port}", 1)[1]
        page = fetch(f"http://127.0.0.1:{port}{path}")
        assert b'id="next"' in page
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    assert "Stopped. Start again to resume the lesson where it was." in out
    assert "Traceback" not in err and "127.0.0.1" not in err
    for args, same in [((), True), (("--lang", "fr"), False)]:
        again = start(tmp_path, "--port", str(port), *args)
        try:
            resumed = links(again)["Join"].endswith(f"/j/{code}")
            assert resumed == same  # resumed; or, in another language, a new room
        finally:
            again.send_signal(signal.SIGINT)
            again.communicate(timeout=15)


def test_purge_deletes_finished_rooms_now(tmp_path):
    env = {**os.environ, "CLASSROOM_DB": str(tmp_path / "purge.sqlite3")}
    command = [sys.executable, "-m", "classroom.cli", "purge"]
    done = subprocess.run([*command, "--days", "7"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Deleted 0 room(s) finished more than 7 days ago")
    refused = subprocess.run([*command, "--days", "0"], env=env, capture_output=True, text=True)
    assert refused.returncode == 2 and "--days" in refused.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lesson", "nope"], "No lesson 'nope'. Lessons available:"),
        (["--lang", "de"], "lang: expected one of"),
        (["--school", "  "], "Invalid value for --school: expected who to go to at school, got "
                             "an empty text"),
        (["--school", "x" * 201], "expected at most 200 characters (it is shown on a phone), "
                                  "got 201"),
    ],
)
def test_run_stops_with_a_plain_message(tmp_path, args, message):
    process = start(tmp_path, "--port", str(free_port()), *args)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("typed", "kept"),
    [(None, None), ("Ms Peeters", "Ms Peeters"),
     ("  Mevr. Peeters,\n  lokaal B12 ", "Mevr. Peeters, lokaal B12"), ("é" * 200, "é" * 200)],
)
def test_the_school_contact_is_kept_on_one_line(typed, kept):
    assert school_contact(typed) == kept


def test_run_on_a_taken_port_says_so(tmp_path):
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start(tmp_path, "--port", str(port))
        out, err = process.communicate(timeout=30)
    assert process.returncode == 1
    assert f"Port {port} is already in use" in err and f"--port {port + 1}" in err


class Server:
    """What QuietHandler reaches on its server: an error log and the loop's error handler."""

    def __init__(self) -> None:
        self.error_log = io.StringIO()
        self.secure_environ_class = dict
        self.contexts: list[dict] = []
        self.loop = self

    def handle_error(self, context, *_) -> None:
        """Keep what gevent would print next to a traceback."""
        self.contexts.append(context)


def test_error_logs_hold_no_address_and_no_key():
    handler = QuietHandler.__new__(QuietHandler)
    handler.server = Server()
    handler.client_address = ("192.168.1.77", 50123)
    handler.log_error("(from %s) %s", "192.168.1.77", "Invalid HTTP method: 'GET /t?key=SECRET'")
    logged = handler.server.error_log.getvalue()
    assert "Invalid HTTP method" in logged
    assert "192.168.1.77" not in logged and "SECRET" not in logged
    # gevent names the client as (address, port); a cut-off request quotes its raw bytes.
    handler.log_error("(from %s) %s", ("192.168.1.77", 50123), "Invalid HTTP method: 'X\x1b[31m'")
    handler.log_error("Invalid request (from %s): %s", ("192.168.1.77", 50123),
                      "bad chunk b'\\x81\\xfeFRAME-BYTES'")
    logged = handler.server.error_log.getvalue()
    assert "50123" not in logged and "192.168.1.77" not in logged
    assert "FRAME-BYTES" not in logged and "Invalid request: bad chunk b'…'" in logged
    assert "\x1b" not in logged and "\\x1b[31m" in logged
    handler.environ = {"REMOTE_ADDR": "192.168.1.77", "HTTP_USER_AGENT": "Phone", "PATH_INFO": "/x",
                       "QUERY_STRING": "key=SECRET"}
    handler._log_error(RuntimeError, RuntimeError("boom"), None)
    assert handler.server.contexts == [{"PATH_INFO": "/x"}]
    assert handler.environ["REMOTE_ADDR"] == "192.168.1.77"  # the request itself is untouched


def test_the_server_makes_full_collections_rare_but_keeps_the_young_ones():
    import gc

    from classroom.cli.serve import FULL_COLLECTION_AFTER, spare_collector

    before = gc.get_threshold()
    try:
        spare_collector()
        young, middle, full = gc.get_threshold()
        assert (young, middle) == before[:2] and full == max(before[2], FULL_COLLECTION_AFTER)
    finally:
        gc.set_threshold(*before)


def test_a_setting_that_is_not_a_number_is_said_plainly(tmp_path, monkeypatch):
    monkeypatch.setenv("CLASSROOM_JOIN_BURST", "lots")
    process = start(tmp_path, "--port", str(free_port()))
    out, err = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "CLASSROOM_JOIN_BURST: expected a whole number, got 'lots'" in err
    assert "Traceback" not in err
