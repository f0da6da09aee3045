"""`classroom run`: start a lesson on this laptop and print the links to share."""

from __future__ import annotations

import errno
import socket
import sys
import webbrowser
from typing import Any

import click

from .lan import lan_address

PHONES_WANTED = 1000  # below this capacity, warn the teacher


def patch_gevent() -> None:
    """Make the standard library cooperative; must run before the server imports anything."""
    from gevent import monkey

    if not monkey.is_module_patched("socket"):
        monkey.patch_all()


def port_problem(host: str, port: int) -> str | None:
    """Say plainly why we cannot listen on host:port, or None when we can."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (f"Port {port} is already in use (another classroom, or another program). "
                        f"Start on another port, e.g.: classroom run --port {port + 1}")
            return f"Cannot listen on {host}:{port}: {error.strerror}. Check --host and --port."
    return None


def base_url(host: str, port: int, public_url: str | None) -> tuple[str, str | None]:
    """Return the URL phones use, and a warning when phones will not reach it."""
    if public_url:
        return public_url.rstrip("/"), None
    if host in ("127.0.0.1", "localhost", "::1"):
        return f"http://127.0.0.1:{port}", (
            f"--host {host} serves this computer only: phones cannot join. "
            "Leave --host out (0.0.0.0) to let phones in."
        )
    address = lan_address() if host in ("0.0.0.0", "", "::") else host
    if address is None:
        return f"http://127.0.0.1:{port}", (
            "This computer has no address on a local network, so phones cannot reach it.\n"
            "  - Connect it to the school Wi-Fi (or a phone's hotspot) and start again, or\n"
            "  - pass the address phones should use: classroom run --public-url http://NAME:PORT"
        )
    return f"http://{address}:{port}", None


def choose_lesson(library: Any, wanted: str | None, default: str) -> str:
    """Return the id of the lesson to run, or stop with a clear message."""
    lessons = library.lessons
    # The wanted lesson may be one of the files that did not load: say why, not only "no".
    problems = "".join(f"\n  {problem}" for problem in library.errors[:10])
    if wanted:
        if wanted not in lessons:
            names = ", ".join(sorted(lessons)) or "none"
            hint = f"\nThese problems kept content out:{problems}" if problems else ""
            raise click.UsageError(f"No lesson '{wanted}'. Lessons available: {names}.{hint}")
        return wanted
    if default in lessons:
        return default
    if lessons:
        return sorted(lessons)[0]
    raise click.ClickException(f"No lesson could be loaded.{problems}")


def print_links(join: str, teacher: str, screen: str, library: str) -> None:
    """Print the links, each on its own line, and the join QR code."""
    import qrcode

    click.echo(f"Join: {join}")
    click.echo(f"Teacher: {teacher}")
    click.echo(f"Screen: {screen}")
    click.echo(f"Library: {library}")
    code = qrcode.QRCode(border=2)
    code.add_data(join)
    tty = sys.stdout.isatty()
    code.print_ascii(tty=tty, invert=not tty)
    click.echo("Keep the Teacher and Library links secret: they control the lesson. The Screen "
               "link can only watch.")
    click.echo("Stop with Ctrl+C; starting again resumes the lesson where it was.")


@click.command("run")
@click.argument("lesson", required=False)
@click.option("--lesson", "lesson_option", metavar="ID", help="Lesson to run (default: bundled).")
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--public-url", metavar="URL", envvar="CLASSROOM_PUBLIC_URL",
              help="Address phones use (reverse proxy, fixed name).")
@click.option("--no-browser", is_flag=True, help="Do not open the teacher page.")
@click.option("--lang", metavar="LANG", help="Language of the room (nl, en, fr, ...).")
@click.option("--school", metavar="TEXT", envvar="CLASSROOM_SCHOOL_CONTACT",
              callback=lambda ctx, param, value: school_contact(value),
              help="Your school's own contact, shown first on every help screen, e.g. "
              "\"Ms Peeters (trusted contact), room B12, every lunch break\".")
@click.option("--class-size", type=click.IntRange(0, 2000), default=None,
              help="Students expected; more phones wait until you let them in (0: no limit).")
def run(lesson: str | None, lesson_option: str | None, host: str, port: int,
        public_url: str | None, no_browser: bool, lang: str | None, school: str | None,
        class_size: int | None) -> None:
    """Start a lesson: students join with their phones, you steer from the teacher page."""
    patch_gevent()
    from .. import create_app
    from ..live import get_rooms
    from ..live.guard import expect
    from ..live.views import join_url, screen_url, teacher_url
    from ..store import StoreUnreadable
    from .settings import env_settings
    from .storefile import unreadable

    base = prepare(host, port, public_url)
    settings = {**env_settings(), "CLASSROOM_PUBLIC_URL": base}
    if lang:
        settings["CLASSROOM_LANG"] = lang
    if school:
        settings["CLASSROOM_SCHOOL_CONTACT"] = school
    try:
        app = create_app(settings)
    except StoreUnreadable as error:
        raise unreadable(error) from None
    with app.app_context():
        rooms = get_rooms()
        lesson_id = choose_lesson(rooms.library, lesson or lesson_option,
                                  app.config["CLASSROOM_DEFAULT_LESSON"])
        room = open_room(rooms, lesson_id, lang)
        if class_size is not None:
            expect(room, class_size)
        teacher = teacher_url(room, base)
        library_key = app.extensions["classroom.library_key"].get()
        print_links(join_url(room, base), teacher, screen_url(room, base),
                    f"{base}/library?key={library_key}")
    if not no_browser:
        webbrowser.open(teacher)
    serve(app, host, port)


SCHOOL_LENGTH = 200  # one or two lines on a phone


def school_contact(value: str | None) -> str | None:
    """Return the school's contact as typed, without outer spaces, or stop with a plain message."""
    if value is None:
        return None
    text = " ".join(value.split())
    if not text:
        raise click.BadParameter("expected who to go to at school, got an empty text",
                                 param_hint="--school")
    if len(text) > SCHOOL_LENGTH:
        raise click.BadParameter(f"expected at most {SCHOOL_LENGTH} characters (it is shown on "
                                 f"a phone), got {len(text)}", param_hint="--school")
    return text


def prepare(host: str, port: int, public_url: str | None) -> str:
    """Check the system and the port, warn about what phones may not reach; return the base URL."""
    from .serve import raise_file_limit

    capacity = raise_file_limit()
    if capacity < PHONES_WANTED:
        click.echo(f"Warning: this system lets the server hold only about {capacity} phones "
                   "(open-files limit). Raise it with `ulimit -n 8192` before starting.", err=True)
    problem = port_problem(host, port)
    if problem:
        raise click.ClickException(problem)
    base, warning = base_url(host, port, public_url)
    if warning:
        click.echo(f"Warning: {warning}", err=True)
    return base


def open_room(rooms: Any, lesson_id: str, lang: str | None) -> Any:
    """Resume the latest unfinished room of the lesson (in that language), else start one."""
    room = rooms.resumable(lesson_id)
    if room is not None and (not lang or room.lang == lang):
        click.echo(f"Resuming room {room.code} of '{lesson_id}'.")
        return room
    try:
        return rooms.create(lesson_id, lang=lang)
    except ValueError as error:  # a language the lesson is not written in
        raise click.BadParameter(str(error), param_hint="--lang") from None


def serve(app: Any, host: str, port: int) -> None:
    """Serve until Ctrl+C, then write what is still queued."""
    import logging
    import signal

    import gevent

    from ..extensions import socketio
    from .guard import GuardedHandler, GuardedServer
    from .serve import spare_collector

    spare_collector()
    logging.basicConfig(format="[%(asctime)s] %(message)s", datefmt="%Y-%m-%d %H:%M:%S")
    hub = gevent.get_hub()
    hub.NOT_ERROR = (*hub.NOT_ERROR, KeyboardInterrupt)  # Ctrl+C is how a lesson stops
    config = app.config
    # What socketio.run() does under gevent, with the guarded server (cli/guard.py).
    socketio.wsgi_server = GuardedServer(
        (host, port), app, handler_class=GuardedHandler,
        # Behind a reverse proxy every phone has the proxy's address: the proxy limits.
        per_address=0 if config["CLASSROOM_PROXIES"] else
        int(config["CLASSROOM_CONNECTIONS_PER_ADDRESS"]),
        header_timeout=float(config["CLASSROOM_HEADER_TIMEOUT"]),
    )
    # Ctrl+C (SIGINT) and SIGTERM stop the server from the event loop. Python's own SIGINT
    # handler raises KeyboardInterrupt in whichever greenlet runs: with thousands of sockets
    # that is mostly one socket's task, which dies alone, and the server went on running.
    for signum in (signal.SIGINT, signal.SIGTERM):
        gevent.signal_handler(signum, socketio.wsgi_server.close)
    try:
        socketio.wsgi_server.serve_forever()
    except KeyboardInterrupt:
        pass  # before the handlers were in place
    finally:
        app.extensions["classroom.store"].close()
    click.echo("Stopped. Start again to resume the lesson where it was.")
