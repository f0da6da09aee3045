"""The preview's pages: the steps of one file, each step's projector and phone, and a version.

The page polls `/version` every second; when a file was saved it fetches itself again and
swaps in the steps that changed (their frames reload), leaving the others and the scroll
position alone. Frames are the real projector and phone pages, given the state to draw.
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ..content.library import Problem
from ..content.text import localise
from ..live.present import step_title
from ..web.i18n import LANGUAGE_NAMES, use_room_language
from ..web.qr import qr_svg
from .documents import Document, build
from .samples import BASE, SampleClass, StepLook
from .sources import Reading, Sources

bp = Blueprint("preview", __name__)
KIND_ORDER = {"lesson": 0, "quiz": 1, "help set": 2}


class Previewer:
    """The files, read again when they change, and what each step looks like per language."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        self.last_good: dict[str, tuple[float, Document]] = {}
        self._looks: dict[tuple[str, str, str], dict[int, StepLook]] = {}
        self._lock = threading.Lock()

    def document(self, label: str) -> tuple[Reading, Document]:
        """Return the files as they are now and the document of `label`."""
        reading = self.sources.read()
        if label not in reading.sources:
            abort(404, description=_("%(file)s is not one of the files in this preview.",
                                     file=label))
        with self._lock:
            return reading, build(reading, label, self.last_good)

    def looks(self, reading: Reading, document: Document, lang: str) -> dict[int, StepLook]:
        """Return how each step that can be shown looks in `lang` (made once per version)."""
        key = (reading.version, document.label, lang)
        with self._lock:
            if key not in self._looks:
                self._looks = {k: v for k, v in self._looks.items() if k[0] == reading.version}
                sample = SampleClass(document.lesson, document.library, lang)
                self._looks[key] = {step.index: sample.look(step.planned)
                                    for step in document.steps if step.planned is not None}
            return self._looks[key]


def get_previewer() -> Previewer:
    """Return the preview of the current app."""
    return current_app.extensions["classroom.preview"]


def _chosen(reading: Reading) -> str:
    """Return the file asked for with ?file=, else the first lesson (or quiz, or file)."""
    asked = request.args.get("file")
    if asked:
        return asked
    labels = sorted(reading.sources, key=lambda label: (
        KIND_ORDER.get(reading.sources[label].kind, 3), label))
    if not labels:
        abort(404, description=_("No lesson, quiz or help set (a .yaml file) was found."))
    return labels[0]


def _lang(document: Document) -> str:
    asked = request.args.get("lang")
    return asked if asked in document.languages else (document.languages or ["nl"])[0]


def _digest(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _files(reading: Reading) -> list[dict[str, Any]]:
    """Return the files to choose from, each with its count of errors and warnings."""
    rows = []
    for label, source in sorted(reading.sources.items(),
                                key=lambda item: (KIND_ORDER.get(item[1].kind, 3), item[0])):
        found = [p for p in reading.problems if p.path == label]
        errors = sum(p.severity == "error" for p in found)
        rows.append({"label": label, "kind": source.kind, "errors": errors,
                     "warnings": len(found) - errors})
    return rows


def _problem(problem: Problem, reading: Reading) -> dict[str, Any]:
    """Return a problem as the page shows it: validate's line, and the lines around it."""
    source = reading.sources.get(problem.path)
    lines = source.text.splitlines() if source else []
    around = range(max(1, problem.line - 2), min(len(lines), problem.line + 1) + 1)
    excerpt = [{"number": n, "text": lines[n - 1], "here": n == problem.line} for n in around]
    return {"text": str(problem), "severity": problem.severity, "excerpt": excerpt,
            "caret": " " * (problem.col - 1) + "^"}


@bp.route("/")
def show() -> ResponseReturnValue:
    """Show every step of one file, in one of its languages, with the problems at their steps."""
    previewer = get_previewer()
    reading, document = previewer.document(_chosen(previewer.sources.read()))
    lang = _lang(document)
    if lang in document.languages:  # else (nothing loads) the visitor's language
        use_room_language(lang)
    looks = previewer.looks(reading, document, lang) if document.lesson is not None else {}
    steps = []
    for step in document.steps:
        look = looks.get(step.index)
        problems = [_problem(p, reading) for p in step.problems]
        title = step_title(step.planned, lang) if step.planned else ""
        steps.append({"step": step, "look": look, "problems": problems, "title": title,
                      "digest": _digest(step.index, step.kind, title, problems, lang,
                                        look.__dict__ if look else None)})
    title = localise(document.lesson.title, lang) if document.lesson else ""
    return render_template(
        "preview/page.html", document=document, title=title, lang=lang, steps=steps,
        version=reading.version,
        files=_files(reading), head=[_problem(p, reading) for p in document.head],
        language_names=LANGUAGE_NAMES, watched=len(reading.sources))


@bp.route("/version")
def version() -> ResponseReturnValue:
    """Return the version of the files: the page fetches itself again when it changes."""
    return jsonify(version=get_previewer().sources.version())


def _look(role: str) -> tuple[dict[str, Any], str]:
    previewer = get_previewer()
    reading, document = previewer.document(request.args.get("file", ""))
    lang = _lang(document)
    looks = previewer.looks(reading, document, lang) if document.lesson is not None else {}
    look = looks.get(request.args.get("step", type=int, default=-1))
    phase = look.phases.get(request.args.get("phase", "")) if look else None
    if phase is None:
        abort(404, description=_("This step is not in the file any more."))
    use_room_language(lang)
    return phase[role], lang


@bp.route("/frame/screen")
def screen() -> ResponseReturnValue:
    """Show the projector page drawing one step's state (what the server would send it)."""
    state, _lang_ = _look("screen")
    room = state["room"]
    return render_template("preview/frame.html", page="screen/show.html", state=state,
                           code=room["code"], join_url=room["join_url"], qr_url="/frame/qr.svg")


@bp.route("/frame/phone")
def phone() -> ResponseReturnValue:
    """Show the phone page drawing one step's state, as a student's phone would."""
    state, lang = _look("student")
    return render_template("preview/frame.html", page="student/app.html", state=state,
                           code=state["room"]["code"], lang=lang, languages={})


@bp.route("/frame/qr.svg")
def qr() -> ResponseReturnValue:
    """Send a QR code of the sample join address (the projector page has one in its lobby)."""
    return Response(qr_svg(f"{BASE}/j/PREVUE"), mimetype="image/svg+xml")
