"""Simulated phones: raw Socket.IO over one WebSocket each, light enough for thousands.

A python-socketio client per phone costs about twice the CPU of raw framing, and on two
shared cores the load generator would slow the server it measures
(shared/facts/socketio-capacity.md, gotcha 7). So this speaks the wire protocol itself.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets

import websockets


class Client:
    """One Socket.IO connection to one namespace over a raw WebSocket."""

    def __init__(self, base_url: str, namespace: str, auth: dict) -> None:
        host = base_url.split("://", 1)[1].rstrip("/")
        # ?room=: a proxy in front of several workers routes by it (docs/deploy.md).
        self.url = f"ws://{host}/socket.io/?EIO=4&transport=websocket&room={auth.get('code', '')}"
        self.namespace = namespace
        self.auth = auth
        self.state: dict | None = None
        self.states = 0
        self.changed = asyncio.Event()
        self._acks: dict[int, asyncio.Future] = {}
        self._ids = itertools.count(1)
        self._ws = None
        self._reader: asyncio.Task | None = None

    async def connect(self, tries: int = 10) -> None:
        """Open the socket and join the namespace, or raise with the server's reason.

        A `moving` refusal (another worker is taking the room over) is tried again a second
        later, as the pages do.
        """
        for _ in range(tries - 1):
            try:
                return await self._connect()
            except ConnectionError as error:
                if '"moving"' not in str(error):
                    raise
                await self._ws.close()
                await asyncio.sleep(1)
        await self._connect()

    async def _connect(self) -> None:
        # close_timeout: the server may not answer the closing handshake; nothing is measured then.
        self._ws = await websockets.connect(self.url, open_timeout=120, ping_interval=None,
                                            close_timeout=1,
                                            max_size=2**22, compression=None)
        await self._ws.recv()  # Engine.IO "open" packet
        await self._ws.send(f"40{self.namespace}," + json.dumps(self.auth))
        while True:
            packet = await self._ws.recv()
            if packet == "2":
                await self._ws.send("3")
            elif packet.startswith(f"40{self.namespace},"):
                break
            elif packet.startswith(f"44{self.namespace},"):
                raise ConnectionError(packet)
            elif packet.startswith(f"42{self.namespace},"):
                # A server may emit from its connect handler before it confirms the connect.
                self._on_event(json.loads(packet[3 + len(self.namespace):]))
        self._reader = asyncio.create_task(self._read())

    async def emit(self, event: str, data: dict) -> dict:
        """Send an event and wait for its ack."""
        ack_id = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._acks[ack_id] = future
        await self._ws.send(f"42{self.namespace},{ack_id}" + json.dumps([event, data]))
        return await future

    async def close(self) -> None:
        """Close the socket."""
        if self._reader:
            self._reader.cancel()
        if self._ws:
            await self._ws.close()

    async def _read(self) -> None:
        prefix = len(self.namespace) + 1
        try:
            async for packet in self._ws:
                if packet == "2":
                    await self._ws.send("3")
                elif packet.startswith("42"):
                    self._on_event(json.loads(packet[2 + prefix:]))
                elif packet.startswith("43"):
                    body = packet[2 + prefix:]
                    cut = body.index("[")
                    future = self._acks.pop(int(body[:cut]), None)
                    if future and not future.done():
                        future.set_result(json.loads(body[cut:])[0])
        except (websockets.ConnectionClosed, asyncio.CancelledError):
            pass

    def _on_event(self, message: list) -> None:
        if message and message[0] == "state":
            self.state = message[1]
            self.states += 1
            self.changed.set()


def phone(base_url: str, code: str) -> Client:
    """Return a student client with a fresh random device key."""
    return Client(base_url, "/student", {"code": code, "device": secrets.token_urlsafe(24)})


def teacher(base_url: str, code: str, key: str) -> Client:
    """Return a teacher control client."""
    return Client(base_url, "/teach", {"code": code, "key": key})


async def wait_for(client: Client, check, timeout: float) -> bool:
    """Wait until `check(client.state)` holds, or the timeout passes."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not (client.state is not None and check(client.state)):
        client.changed.clear()
        remaining = end - loop.time()
        if remaining <= 0:
            return False
        try:
            await asyncio.wait_for(client.changed.wait(), remaining)
        except TimeoutError:
            return False
    return True
