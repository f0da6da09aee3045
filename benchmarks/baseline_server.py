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

from flask import Flask  # noqa: E402
from flask_socketio import Namespace, SocketIO, emit, join_room  # noqa: E402


def create(step: list[int], votes: dict) -> tuple[Flask, SocketIO]:
    """Build the bare app."""
    app = Flask(__name__)
    socketio = SocketIO(app, async_mode="gevent")

    opened = [True]

    def state() -> dict:
        return {"step": {"index": step[0], "kind": "question",
                         "question": {"kind": "choice", "options": ["a", "b"]}},
                "answers": {"count": len(votes.get(step[0], {}))},
                "voting": {"open": opened[0]}}

    def to_everyone() -> None:
        socketio.emit("state", state(), to="students", namespace="/student")
        socketio.emit("state", state(), to="teachers", namespace="/teach")

    class Student(Namespace):
        def on_connect(self, auth):
            join_room("students")
            emit("state", state())

        def on_answer(self, data):
            votes.setdefault(data["step"], {})[auth_device()] = data.get("value")
            socketio.emit("state", state(), to="teachers", namespace="/teach")
            return {"ok": True}

    class Teach(Namespace):
        def on_connect(self, auth):
            join_room("teachers")
            emit("state", state())

        def on_next(self, data):
            step[0] += 1
            opened[0] = False
            to_everyone()
            return {"ok": True}

        def on_go(self, data):
            step[0], opened[0] = data["step"], False
            to_everyone()
            return {"ok": True}

        def on_open(self, data):
            opened[0] = True
            to_everyone()
            return {"ok": True}

    def auth_device():
        from flask import request

        return request.sid

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
    app, socketio = create([0], {})
    print("ready", flush=True)
    socketio.run(app, host="127.0.0.1", port=args.port, log_output=False)


if __name__ == "__main__":
    main()
