"""`classroom preview`: see every step of a lesson or quiz while writing it."""

from __future__ import annotations

import errno
import logging
import socket
import webbrowser
from pathlib import Path

import click

HOST = "127.0.0.1"  # this computer only: never the Wi-Fi (docs/security.md)
TRIES = 20  # ports tried after the one asked for, when it is taken


def free_port(first: int) -> int:
    """Return `first` or the next port on 127.0.0.1 nobody listens on, or stop saying why."""
    for port in range(first, min(first + TRIES, 65536)):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
            try:
                probe.bind((HOST, port))
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    continue
                raise click.ClickException(f"Cannot listen on {HOST}:{port}: "
                                           f"{error.strerror}.") from None
            return port
    raise click.ClickException(f"Ports {first} to {first + TRIES - 1} are all in use. Choose "
                               "another: classroom preview --port 6100 PATH")


@click.command("preview")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path), metavar="FILE_OR_DIR...")
@click.option("--port", type=click.IntRange(1024, 65535), default=5050, show_default=True,
              help="The port to start from (the next free one is taken if it is in use).")
@click.option("--no-browser", is_flag=True, help="Do not open the page in the browser.")
def preview(paths: tuple[Path, ...], port: int, no_browser: bool) -> None:
    """Show every step of a lesson, quiz or help set as the projector and a phone show it.

    The page shows each language (switch at the top), the teacher notes, each question while
    voting and revealed with sample results, and every problem at its step with the same
    file:line:col message as `classroom validate`. It follows your saves by itself. It opens
    on this computer only (127.0.0.1): nobody on the Wi-Fi can reach it.
    """
    from werkzeug.serving import make_server

    from ..preview import create_preview_app

    app = create_preview_app(list(paths))
    port = free_port(port)
    url = f"http://{HOST}:{port}/"
    # One line per request (the page asks every second) is noise in the author's terminal.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server(HOST, port, app, threaded=True)
    click.echo(f"Preview: {url}")
    click.echo("On this computer only. It follows your saves; stop it with Ctrl+C.")
    if not no_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()
