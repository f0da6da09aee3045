"""The baseline: a bare Flask-SocketIO server that speaks just enough of our protocol.

It does the least a vote server can do (count the vote in a dict, ack, tell the teacher on
every vote), so `classroom` measured against it on the same machine, in the same run, shows
what our validation, durability and privacy rules cost.
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import gc  # noqa: E402
import resource  # noqa: E402

from flask import Flask, request, session  # noqa: E402
from flask_socketio import Namespace, SocketIO, emit, join_room  # noqa: E402


def create() -> tuple[Flask, SocketIO]:
    """Build the bare app: any number of rooms, each phone and teacher in its room's channel."""
    app = Flask(__name__)
    socketio = SocketIO(app, async_mode="gevent")
    rooms: dict[str, dict] = {}  # code -> {"step", "open", "votes": {step: {sid: value}}}

    def room_of(code: str) -> dict:
        return rooms.setdefault(code, {"step": 0, "open": True, "votes": {}})

    def state(code: str) -> dict:
        room = room_of(code)
        return {"step": {"index": room["step"], "kind": "question",
                         "question": {"kind": "choice", "options": ["a", "b"]}},
                "answers": {"count": len(room["votes"].get(room["step"], {}))},
                "voting": {"open": room["open"]}}

    def to_everyone(code: str) -> None:
        socketio.emit("state", state(code), to=f"s:{code}", namespace="/student")
        socketio.emit("state", state(code), to=f"t:{code}", namespace="/teach")

    def code_of() -> str:
        return session["code"]

    class Student(Namespace):
        def on_connect(self, auth):
            session["code"] = (auth or {}).get("code", "BASE00")
            join_room(f"s:{code_of()}")
            emit("state", state(code_of()))

        def on_answer(self, data):
            code = code_of()
            room_of(code)["votes"].setdefault(data["step"], {})[request.sid] = data.get("value")
            socketio.emit("state", state(code), to=f"t:{code}", namespace="/teach")
            return {"ok": True}

    class Teach(Namespace):
        def on_connect(self, auth):
            session["code"] = (auth or {}).get("code", "BASE00")
            join_room(f"t:{code_of()}")
            emit("state", state(code_of()))

        def on_next(self, data):
            room = room_of(code_of())
            room["step"], room["open"] = room["step"] + 1, False
            to_everyone(code_of())
            return {"ok": True}

        def on_go(self, data):
            room = room_of(code_of())
            room["step"], room["open"] = data["step"], False
            to_everyone(code_of())
            return {"ok": True}

        def on_open(self, data):
            room_of(code_of())["open"] = True
            to_everyone(code_of())
            return {"ok": True}

    socketio.on_namespace(Student("/student"))
    socketio.on_namespace(Teach("/teach"))
    return app, socketio


def main() -> None:
    """Serve on the given port until killed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5099)
    args = parser.parse_args()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    # The same process settings as `classroom run` (classroom.cli.serve.spare_collector), so
    # that the ratio shows what classroom's own work costs, not a GC setting.
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1000)
    app, socketio = create()
    print("ready", flush=True)
    socketio.run(app, host="127.0.0.1", port=args.port, log_output=False)


if __name__ == "__main__":
    main()
