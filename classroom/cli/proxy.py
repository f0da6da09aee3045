"""`classroom nginx-config`: the reverse proxy in front of `classroom serve`'s workers.

Every request of one room goes to one worker, chosen by the room's code: pages carry it in
their path (/j/CODE, /teach/CODE, /screen/CODE, /qr/CODE.svg) and Socket.IO in its address
(?room=CODE, added by static/js/common.js), so a long-polling phone's requests all reach the
worker that made its session, and a whole school behind one NAT is still spread over the
workers room by room (ip_hash would put it on one worker). When a worker does not answer,
nginx sends its rooms' requests to the next worker on the hash ring, which takes them over.
"""

from __future__ import annotations

import click

SITE = """\
# classroom: {workers} worker(s) on {host}:{first}-{last}. Written by `classroom nginx-config`.
# Goes in nginx's http block (e.g. /etc/nginx/sites-available/classroom); docs/deploy.md.
upstream classroom {{
    # One room, one worker: the room's code picks it; another takes over if it does not answer.
    hash $classroom_room consistent;
    # Which worker is down, shared by all of nginx's processes: with a view each, two
    # processes may send one room to two workers, and the room moves back and forth.
    zone classroom 64k;
{servers}}}

# The room's code: from the page's path, or from Socket.IO's ?room=.
map $uri $classroom_path_room {{
    ~^/(?:j|teach|screen|qr)/([A-Za-z0-9]+)  $1;
    default "";
}}
map $arg_room $classroom_room {{
    ""       $classroom_path_room;
    default  $arg_room;
}}
map $http_upgrade $classroom_connection {{
    default  upgrade;
    ""       close;
}}

server {{
    listen {listen};
    server_name {server_name};
    client_max_body_size 64k;

    location / {{
        proxy_pass http://classroom;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $classroom_connection;
        proxy_set_header Host $http_host;      # with its port: Socket.IO checks Origin against it
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-Host $http_host;
        proxy_connect_timeout 2s;
        proxy_read_timeout 120s;     # longer than Socket.IO's ping interval (25 s)
        proxy_next_upstream error timeout;
        proxy_buffering off;         # long-polling answers go out at once
    }}
}}
"""
SERVER = "    server {host}:{port} max_fails=1 fail_timeout=2s;\n"


def nginx_site(workers: int, first_port: int, host: str = "127.0.0.1", listen: str = "80",
               server_name: str = "_") -> str:
    """Return nginx's configuration for `workers` workers listening from `first_port` on."""
    servers = "".join(SERVER.format(host=host, port=first_port + i) for i in range(workers))
    return SITE.format(workers=workers, host=host, first=first_port,
                       last=first_port + workers - 1, servers=servers, listen=listen,
                       server_name=server_name)


@click.command("nginx-config")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--first-port", default=5001, show_default=True, type=click.IntRange(1, 65535),
              help="The first worker's port (as given to `classroom serve`).")
@click.option("--listen", default="80", show_default=True,
              help="What nginx listens on (e.g. 80, or \"443 ssl\" with your certificate).")
@click.option("--server-name", default="_", show_default=True, help="Your server's name.")
def nginx_config(workers: int, first_port: int, listen: str, server_name: str) -> None:
    """Print the nginx configuration that puts a proxy in front of `classroom serve`."""
    click.echo(nginx_site(workers, first_port, listen=listen, server_name=server_name), nl=False)
